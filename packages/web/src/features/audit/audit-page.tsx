// 系统管理 · 审计日志 (/admin/audit): the auditor searches the trail (actor, firm, action, dates — all in
// the URL), reads each record's 变更前 / 变更后, exports it, and verifies the HMAC chain.
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { errorText } from '../../api/errors';
import type { AuditItem } from '../../api/types';
import { useI18n } from '../../app/i18n';
import {
  type DateRangeValue,
  dateRangeFilters,
  dateRangeValue,
  FilterBar,
  FilterDateRange,
  FilterSelect,
  FilterText,
  ListExportButton,
  ListTable,
  type ListUrlState,
  listSummary,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { AUDIT_ACTION_PREFIXES, auditListQuery } from '../../lib/admin-filters';
import { auditDiff, type DiffRow } from '../../lib/audit-diff';
import { formatDateTime } from '../../lib/format';
import { usePermissions } from '../auth/session';
import { downloadAuditCheckpoint, downloadAuditExport, useAuditList, useAuditVerify } from './audit-api';
import { auditActionLabel, auditTargetText } from './audit-labels';

interface FilterValues {
  actor?: string;
  enterprise?: string;
  action?: string;
  range?: DateRangeValue;
}

function AuditFilterBar({ list }: { list: ListUrlState<typeof auditListQuery> }) {
  const { t } = useI18n();
  const { state } = list;
  return (
    <FilterBar<FilterValues>
      values={{
        actor: state.actor ?? '',
        enterprise: state.enterprise ?? '',
        action: state.action,
        range: dateRangeValue(state.from, state.to),
      }}
      onSubmit={(v) =>
        list.setFilters({
          actor: v.actor,
          enterprise: v.enterprise,
          action: v.action,
          ...dateRangeFilters(v.range),
          // A firm picked from its page (enterpriseId) stays until the filters are reset.
          enterpriseId: state.enterpriseId,
        })
      }
      onReset={list.reset}
      testId="audit-filter-form"
      submitTestId="audit-filter-submit"
      resetTestId="audit-filter-reset"
      extra={
        state.enterpriseId && (
          <Tag color="blue">{t('audit.enterpriseIdFilter', { id: state.enterpriseId })}</Tag>
        )
      }
    >
      <FilterText
        name="actor"
        label={t('audit.actor')}
        maxLength={64}
        placeholder={t('audit.actorPlaceholder')}
        testId="audit-filter-actor"
      />
      <FilterText
        name="enterprise"
        label={t('audit.enterprise')}
        maxLength={100}
        placeholder={t('audit.enterprisePlaceholder')}
        testId="audit-filter-enterprise"
      />
      <FilterSelect
        name="action"
        label={t('audit.action')}
        options={AUDIT_ACTION_PREFIXES.map((p) => ({
          value: p,
          label: `${t(`audit.actionPrefix.${p}`)}（${p}）`,
        }))}
        testId="audit-filter-action"
      />
      <FilterDateRange name="range" label={t('audit.dates')} testId="audit-filter-dates" />
    </FilterBar>
  );
}

function AuditDetail({ item }: { item: AuditItem }) {
  const { t, lang } = useI18n();
  const rows = auditDiff(item.before, item.after, lang);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>;
  const onlyAfter = item.before === null || item.before === undefined;
  const onlyBefore = item.after === null || item.after === undefined;
  const columns: TableProps<DiffRow>['columns'] = [
    { title: t('audit.field'), dataIndex: 'key', width: 200, render: (k: string) => <code>{k || '—'}</code> },
    ...(onlyAfter
      ? []
      : [
          {
            title: t('audit.before'),
            dataIndex: 'before',
            render: (v: string | null, r: DiffRow) =>
              v === null ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Typography.Text
                  delete={r.change === 'changed' || r.change === 'removed'}
                  type={r.change === 'same' ? undefined : 'danger'}
                >
                  {v}
                </Typography.Text>
              ),
          },
        ]),
    ...(onlyBefore
      ? []
      : [
          {
            title: t('audit.after'),
            dataIndex: 'after',
            render: (v: string | null, r: DiffRow) =>
              v === null ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Typography.Text
                  strong={r.change !== 'same'}
                  type={r.change === 'same' ? undefined : 'success'}
                >
                  {v}
                </Typography.Text>
              ),
          },
        ]),
  ];
  return (
    <div className="sg-audit-detail" data-testid="audit-detail">
      <Table<DiffRow>
        rowKey="key"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        rowClassName={(r) => (r.change === 'same' ? '' : 'sg-diff-changed')}
      />
    </div>
  );
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const query = useListQuery(auditListQuery);
  const list = useAuditList(query.apiQuery);
  const verify = useAuditVerify();
  const canReadFirms = can('enterprise:read');

  const [checkpointing, setCheckpointing] = useState(false);
  const downloadCheckpoint = async () => {
    setCheckpointing(true);
    try {
      await downloadAuditCheckpoint();
    } catch (error) {
      reportError(error);
    } finally {
      setCheckpointing(false);
    }
  };

  const columns: TableProps<AuditItem>['columns'] = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 140,
      render: (v: string) => <span className="sg-money">{formatDateTime(v)}</span>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'actionLabel',
      width: 160,
      // The words; the key itself only on hover (the auditor may filter by it).
      render: (label: string, r) => (
        <Tooltip title={r.action}>
          <Typography.Text
            type={
              r.action.startsWith('access') || r.action.endsWith('failed') || r.action === 'auth.lockout'
                ? 'danger'
                : undefined
            }
            data-testid="audit-action"
          >
            {auditActionLabel(r.action, label, lang)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actorCol'),
      key: 'actor',
      width: 160,
      render: (_, r) => {
        if (r.actorName || r.actorUsername)
          return (
            <div>
              <div>
                {r.actorName ?? r.actorUsername}
                {r.actorName && r.actorUsername && <span className="sg-subtle-code"> {r.actorUsername}</span>}
              </div>
              {r.actorUnitName && <Typography.Text type="secondary">{r.actorUnitName}</Typography.Text>}
            </div>
          );
        // A sign-in is recorded before anyone is signed in: show the username that was typed.
        const attempted =
          r.action.startsWith('auth.') &&
          r.after &&
          typeof r.after === 'object' &&
          typeof (r.after as Record<string, unknown>).username === 'string'
            ? ((r.after as Record<string, unknown>).username as string)
            : null;
        return attempted ? (
          <Tooltip title={t('audit.attemptedHint')}>
            <span>
              {attempted} <Tag>{t('audit.attempted')}</Tag>
            </span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">
            {r.ip ? t('audit.anonymous') : t('audit.system')}
          </Typography.Text>
        );
      },
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 150,
      render: (_, r) => (
        <span data-testid="audit-target">{auditTargetText(r.entityType, r.entityId, lang)}</span>
      ),
    },
    {
      title: t('audit.enterpriseCol'),
      key: 'enterprise',
      width: 180,
      render: (_, r) =>
        r.enterpriseName ? (
          canReadFirms && r.enterpriseId ? (
            <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
          ) : (
            r.enterpriseName
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 130,
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text copyable={{ text: v }} className="sg-subtle-code">
              {v.slice(0, 8)}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];

  const v = verify.data;
  return (
    <>
      <PageHeader
        title={t('menu.admin.audit')}
        subtitle={listSummary(list.data, (total) => t('audit.summary', { total }), t('audit.subtitle'))}
        actions={
          <>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={checkpointing}
              onClick={downloadCheckpoint}
              data-testid="audit-checkpoint"
            >
              {t('audit.checkpointDownload')}
            </Button>
            <ListExportButton
              list={query}
              download={downloadAuditExport}
              total={list.data?.total}
              testId="audit-export"
            />
          </>
        }
      />
      {(v || verify.isError) && (
        <div
          data-testid="audit-verify-result"
          data-ok={v ? String(v.ok) : 'error'}
          style={{ marginBottom: 16 }}
        >
          {verify.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('audit.verifyFailed')}
              description={errorText(verify.error)}
            />
          ) : v?.ok ? (
            <Alert
              type="success"
              showIcon
              title={t('audit.verifyOk', {
                count: v.count.toLocaleString('en-US'),
                algorithm: v.algorithm.toUpperCase(),
              })}
              description={
                v.firstId !== null
                  ? t('audit.verifyRange', { first: v.firstId, last: v.lastId ?? v.firstId })
                  : undefined
              }
              closable
              onClose={() => verify.reset()}
            />
          ) : v && (v.missing.length > 0 || v.checkpointInvalid || v.missingCount > 0) ? (
            <Alert
              type="error"
              showIcon
              title={
                <span className="sg-verify-broken">
                  {t('audit.verifyMissing', { count: v.missingCount })}
                </span>
              }
              description={
                <>
                  {v.checkpointInvalid && <div>{t('audit.checkpointInvalid')}</div>}
                  {v.missing.map((m) => (
                    <div key={`${m.where}-${m.fromId}`}>
                      {t(`audit.missing.${m.where}`, { from: m.fromId, to: m.toId })}
                    </div>
                  ))}
                  {v.checkpoint && (
                    <div>
                      {t('audit.checkpointInfo', {
                        at: formatDateTime(v.checkpoint.at),
                        count: v.checkpoint.count,
                      })}
                    </div>
                  )}
                </>
              }
            />
          ) : v?.broken ? (
            <Alert
              type="error"
              showIcon
              title={<span className="sg-verify-broken">{t('audit.verifyBroken', { id: v.broken.id })}</span>}
              description={`${v.broken.reason === 'hash' ? t('audit.brokenHash') : t('audit.brokenLink')} ${t('audit.verifyBrokenHint', { count: v.count.toLocaleString('en-US'), algorithm: v.algorithm.toUpperCase() })}`}
            />
          ) : null}
        </div>
      )}
      <AuditFilterBar list={query} />
      <ListTable<AuditItem>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="audit-table"
        scrollX={1040}
        expandable={{
          expandedRowRender: (item) => <AuditDetail item={item} />,
          rowExpandable: (item) => auditDiff(item.before, item.after).length > 0,
        }}
        totalText={(total) => t('audit.total', { total })}
        empty={<Empty description={t('audit.empty')} />}
        emptyFiltered={t('audit.emptyFiltered')}
        filterLabels={{
          actor: { label: t('audit.actor') },
          enterprise: { label: t('audit.enterprise') },
          enterpriseId: { label: t('audit.enterprise'), value: (v) => `#${String(v)}` },
          action: {
            label: t('audit.action'),
            value: (v) =>
              (AUDIT_ACTION_PREFIXES as readonly string[]).includes(String(v))
                ? t(`audit.actionPrefix.${String(v) as (typeof AUDIT_ACTION_PREFIXES)[number]}`)
                : String(v),
          },
          from: { label: t('audit.dates'), value: (v) => `≥ ${String(v)}` },
          to: { label: t('audit.dates'), value: (v) => `≤ ${String(v)}` },
        }}
      />
    </>
  );
}
