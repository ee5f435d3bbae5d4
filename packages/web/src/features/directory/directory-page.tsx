// 企业库 › 入库/退库 (/directory): directory entries and exits with filters and paging in the URL, export,
// recording (directory:write: statistics bureau, centre) and voiding with a reason.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reportError } from '../../api/error-reporter';
import type { DirectoryEvent } from '../../api/types';
import { Can } from '../../app/guards';
import { type TFunction, useI18n } from '../../app/i18n';
import {
  FilterSelect,
  FilterUnitSelect,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  ListTable,
  optionText,
  unitFilterLabels,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { directoryListQuery } from '../../lib/directory-filters';
import { formatDateTime, formatPeriod } from '../../lib/format';
import { boardYears } from '../../lib/progress-board';
import { planYear } from '../../lib/today';
import { usePermissions } from '../auth/session';
import { useUnitOptions } from '../org/org-api';
import { downloadDirectoryExport, useDirectoryEvents, useVoidDirectoryEvent } from './directory-api';
import { DirectoryFormDrawer } from './directory-form-drawer';

export function DirectoryEventTag({ e, t }: { e: Pick<DirectoryEvent, 'type' | 'voided'>; t: TFunction }) {
  return (
    <Tag color={e.voided ? 'default' : e.type === 'entry' ? 'green' : 'red'}>
      {t(e.type === 'entry' ? 'drill.entered' : 'drill.exited')}
    </Tag>
  );
}

export function DirectoryPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const { modal, message } = App.useApp();
  const query = useListQuery(directoryListQuery);
  const { state } = query;
  const list = useDirectoryEvents(query.apiQuery);
  const units = useUnitOptions();
  const voidEvent = useVoidDirectoryEvent();
  const [creating, setCreating] = useState(false);
  const currentYear = planYear();

  const confirmVoid = (e: DirectoryEvent) => {
    let reason = '';
    const typeLabel = t(e.type === 'entry' ? 'drill.entered' : 'drill.exited');
    modal.confirm({
      title: t('directory.voidTitle', { type: typeLabel }),
      width: 480,
      content: (
        <Form layout="vertical" style={{ marginTop: 8 }}>
          <p>
            {t('directory.voidBody', {
              firm: e.enterpriseName,
              type: typeLabel,
              date: e.approvalDate,
              period: formatPeriod(e.effectivePeriod),
            })}
          </p>
          <Form.Item label={t('directory.voidReason')} required style={{ marginBottom: 0 }}>
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              maxLength={500}
              onChange={(ev) => {
                reason = ev.target.value;
              }}
              data-testid="directory-void-reason"
            />
          </Form.Item>
        </Form>
      ),
      okText: t('directory.voidOk'),
      okButtonProps: { danger: true, 'data-testid': 'directory-void-ok' } as never,
      cancelText: t('action.cancel'),
      onOk: async () => {
        if (reason.trim().length < 2) {
          message.warning(t('directory.voidReasonRequired'));
          throw new Error('reason');
        }
        await voidEvent.mutateAsync({ id: e.id, reason: reason.trim() }).catch((err) => {
          reportError(err);
          throw err;
        });
        message.success(t('directory.voidDone'));
      },
    });
  };

  const columns: TableProps<DirectoryEvent>['columns'] = [
    {
      title: t('directory.col.firm'),
      key: 'firm',
      width: 240,
      render: (_: unknown, e) => (
        <div>
          <Link to={`/enterprises/${e.enterpriseId}`} data-testid="directory-firm-link">
            {e.enterpriseName}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.townshipName} · {e.supervisingUnitName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('directory.col.type'),
      key: 'type',
      width: 70,
      render: (_: unknown, e) => <DirectoryEventTag e={e} t={t} />,
    },
    {
      title: t('directory.col.modeReason'),
      key: 'mode',
      width: 150,
      render: (_: unknown, e) => (
        <span>
          {e.modeLabel ?? e.exitReasonLabel ?? '—'}
          {e.note && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.note}
              </Typography.Text>
            </div>
          )}
        </span>
      ),
    },
    {
      title: t('directory.col.batch'),
      dataIndex: 'batch',
      key: 'batch',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('directory.col.approval'), dataIndex: 'approvalDate', key: 'approval', width: 110 },
    {
      title: t('directory.col.effective'),
      dataIndex: 'effectivePeriod',
      key: 'effective',
      width: 100,
      render: (v: string) => formatPeriod(v),
    },
    {
      title: t('directory.col.by'),
      key: 'by',
      width: 140,
      render: (_: unknown, e) => (
        <Tooltip title={formatDateTime(e.recordedAt)}>
          {e.recordedByName ??
            (e.importBatchId ? t('directory.recordedByImport', { batch: e.importBatchId }) : '—')}
        </Tooltip>
      ),
    },
    {
      title: t('directory.col.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, e) =>
        e.voided ? (
          <Tooltip
            title={t('directory.voidedBy', {
              name: e.voidedByName ?? '—',
              at: formatDateTime(e.voidedAt),
              reason: e.voidReason ?? '',
            })}
          >
            <Tag>{t('directory.voided')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="success">{t('directory.valid')}</Tag>
        ),
    },
  ];
  if (can('directory:write'))
    columns.push({
      title: t('directory.col.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, e) =>
        e.voided ? null : (
          <Button
            size="small"
            type="link"
            danger
            onClick={() => confirmVoid(e)}
            data-testid={`directory-void-${e.id}`}
          >
            {t('directory.void')}
          </Button>
        ),
    });

  const typeOptions = [
    { value: 'entry', label: t('drill.entered') },
    { value: 'exit', label: t('drill.exited') },
  ];
  return (
    <>
      <PageHeader
        title={t('directory.title')}
        subtitle={t('directory.subtitle')}
        actions={
          <>
            <Can permission="directory:write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="directory-record"
              >
                {t('directory.record')}
              </Button>
            </Can>
            <ListExportButton
              list={query}
              download={downloadDirectoryExport}
              total={list.data?.total}
              testId="directory-export"
            />
          </>
        }
      />
      <ListFilterBar list={query} testId="directory-filter">
        <FilterYearSelect
          name="year"
          label={t('directory.filter.year')}
          years={boardYears(currentYear, state.year ?? currentYear)}
          yearLabel={(year) => t('board.yearOption', { year })}
          testId="directory-filter-year"
        />
        <FilterSelect
          name="type"
          label={t('directory.filter.type')}
          options={typeOptions}
          testId="directory-filter-type"
        />
        <FilterUnitSelect
          units={units}
          kind="township"
          label={t('directory.filter.township')}
          testId="directory-filter-township"
        />
        <FilterUnitSelect
          units={units}
          kind="supervising"
          label={t('directory.filter.supervising')}
          testId="directory-filter-supervising"
        />
      </ListFilterBar>
      <ListTable<DirectoryEvent>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="directory-table"
        scrollX={1080}
        rowClassName={(e) => (e.voided ? 'sg-row-voided' : '')}
        totalText={(total) => t('directory.total', { total })}
        empty={<Empty description={t('directory.empty')} />}
        emptyFiltered={t('directory.emptyFiltered')}
        filterLabels={{
          year: { label: t('directory.filter.year') },
          type: { label: t('directory.filter.type'), value: optionText(typeOptions) },
          ...unitFilterLabels(units, {
            township: t('directory.filter.township'),
            supervising: t('directory.filter.supervising'),
          }),
        }}
      />
      <Can permission="directory:write">
        <DirectoryFormDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={() => setCreating(false)}
        />
      </Can>
    </>
  );
}
