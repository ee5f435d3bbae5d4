// 系统管理 · 审计日志 (/admin/audit): the auditor searches the trail (actor, firm, action, dates — all in
// the URL), reads each record's 变更前 / 变更后, exports it, and verifies the HMAC chain.
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import { errorText } from '../../api/errors';
import type { AuditItem } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import {
  ADMIN_PAGE_SIZES,
  AUDIT_ACTION_PREFIXES,
  type AuditFilters,
  type AuditListState,
  auditApiQuery,
  auditExportQuery,
  auditListSearch,
  countAuditFilters,
  parseAuditListSearch,
  withNewFilters,
} from '../../lib/admin-filters';
import { auditDiff, type DiffRow } from '../../lib/audit-diff';
import { formatDateTime } from '../../lib/format';
import { usePermissions } from '../auth/session';
import { downloadAuditCheckpoint, downloadAuditExport, useAuditList, useAuditVerify } from './audit-api';

const DATE = 'YYYY-MM-DD';

const ENTITY_LABELS: Record<string, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'User' },
  enterprise: { zh: '企业', en: 'Firm' },
  setting: { zh: '设置', en: 'Setting' },
  unit: { zh: '单位', en: 'Unit' },
  revenue: { zh: '月度数据', en: 'Figure' },
  revenue_fact: { zh: '月度数据', en: 'Figure' },
  target: { zh: '目标', en: 'Target' },
  session: { zh: '会话', en: 'Session' },
  route: { zh: '接口', en: 'Route' },
};

interface FilterValues {
  actor?: string;
  enterprise?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function AuditFilterForm({
  state,
  onSubmit,
}: {
  state: AuditListState;
  onSubmit: (f: AuditFilters) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => {
    form.setFieldsValue({
      actor: state.actor ?? '',
      enterprise: state.enterprise ?? '',
      action: state.action,
      range:
        state.from || state.to
          ? [state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]
          : null,
    });
  }, [form, state]);
  const submit = (v: FilterValues) => {
    const from = v.range?.[0]?.format(DATE);
    const to = v.range?.[1]?.format(DATE);
    onSubmit({
      ...(v.actor?.trim() ? { actor: v.actor.trim() } : {}),
      ...(v.enterprise?.trim() ? { enterprise: v.enterprise.trim() } : {}),
      ...(v.action ? { action: v.action } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      // A firm picked from its page (enterpriseId) stays until the filters are reset.
      ...(state.enterpriseId ? { enterpriseId: state.enterpriseId } : {}),
    });
  };
  const span = { xs: 24, sm: 12, lg: 6 };
  return (
    <Card className="sg-filter-card" size="small" style={{ marginBottom: 16 }}>
      <Form<FilterValues> form={form} layout="vertical" onFinish={submit} data-testid="audit-filter-form">
        <Row gutter={16}>
          <Col {...span}>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input
                allowClear
                maxLength={64}
                placeholder={t('audit.actorPlaceholder')}
                data-testid="audit-filter-actor"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="enterprise" label={t('audit.enterprise')}>
              <Input
                allowClear
                maxLength={100}
                placeholder={t('audit.enterprisePlaceholder')}
                data-testid="audit-filter-enterprise"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="action" label={t('audit.action')}>
              <Select
                allowClear
                placeholder={t('filter.all')}
                options={AUDIT_ACTION_PREFIXES.map((p) => ({
                  value: p.value,
                  label: `${lang === 'zh' ? p.zh : p.en}（${p.value}）`,
                }))}
                data-testid="audit-filter-action"
              />
            </Form.Item>
          </Col>
          <Col {...span}>
            <Form.Item name="range" label={t('audit.dates')}>
              <DatePicker.RangePicker
                format={DATE}
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
                data-testid="audit-filter-dates"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Space wrap>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                data-testid="audit-filter-submit"
              >
                {t('action.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  onSubmit({});
                }}
                data-testid="audit-filter-reset"
              >
                {t('action.reset')}
              </Button>
              {state.enterpriseId && (
                <Tag color="blue">{t('audit.enterpriseIdFilter', { id: state.enterpriseId })}</Tag>
              )}
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
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
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseAuditListSearch(searchParams), [searchParams]);
  const list = useAuditList(useMemo(() => auditApiQuery(state), [state]));
  const verify = useAuditVerify();
  const [exporting, setExporting] = useState(false);
  const go = (next: AuditListState) => setSearchParams(auditListSearch(next));
  const filtered = countAuditFilters(state) > 0;
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

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadAuditExport(auditExportQuery(state));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const entityLabel = (type: string) => ENTITY_LABELS[type]?.[lang] ?? type;

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
      render: (label: string, r) => (
        <div>
          <Typography.Text
            type={
              r.action.startsWith('access') || r.action.endsWith('failed') || r.action === 'auth.lockout'
                ? 'danger'
                : undefined
            }
          >
            {label}
          </Typography.Text>
          <div className="sg-subtle-code">{r.action}</div>
        </div>
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
      width: 110,
      render: (_, r) => (
        <span>
          {entityLabel(r.entityType)}
          {r.entityId && <span className="sg-subtle-code"> #{r.entityId}</span>}
        </span>
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

  const empty = filtered ? (
    <Empty description={t('audit.emptyFiltered')}>
      <Button onClick={() => go({ page: 1, pageSize: state.pageSize })}>{t('list.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('audit.empty')} />
  );

  const v = verify.data;
  return (
    <>
      <PageHeader
        title={t('menu.admin.audit')}
        subtitle={
          list.data
            ? t('audit.summary', { total: list.data.total.toLocaleString('en-US') })
            : t('audit.subtitle')
        }
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
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportExcel}
              disabled={list.data?.total === 0}
              data-testid="audit-export"
            >
              {t('action.exportExcel')}
            </Button>
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
      <AuditFilterForm state={state} onSubmit={(f) => go(withNewFilters(state, f))} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="audit-table">
          <Table<AuditItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1000 }}
            expandable={{
              expandedRowRender: (item) => <AuditDetail item={item} />,
              rowExpandable: (item) => auditDiff(item.before, item.after).length > 0,
            }}
            locale={{ emptyText: list.isError ? t('audit.loadFailed') : list.isPending ? ' ' : empty }}
            onChange={(p) => {
              const pageSize = p.pageSize ?? state.pageSize;
              go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : (p.current ?? 1) });
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: ADMIN_PAGE_SIZES.map(String),
              showTotal: (total) => t('audit.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
    </>
  );
}
