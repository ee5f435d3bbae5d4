// 企业库 › 入库/退库 (/directory): directory entries and exits with filters and paging in the URL, export,
// recording (directory:write: statistics bureau, centre) and voiding with a reason.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import type { DirectoryEvent } from '../../api/types';
import { Can } from '../../app/guards';
import { type TFunction, useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import {
  countDirectoryFilters,
  DEFAULT_DIRECTORY_STATE,
  DIRECTORY_PAGE_SIZES,
  type DirectoryListState,
  directoryApiQuery,
  directoryFilterQuery,
  directorySearch,
  parseDirectorySearch,
} from '../../lib/directory-filters';
import { formatDateTime, formatPeriod } from '../../lib/format';
import { boardYears, chinaToday } from '../../lib/progress-board';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseDirectorySearch(searchParams), [searchParams]);
  const list = useDirectoryEvents(useMemo(() => directoryApiQuery(state), [state]));
  const units = useUnitOptions();
  const voidEvent = useVoidDirectoryEvent();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const currentYear = Number(chinaToday().slice(0, 4));
  const go = (next: DirectoryListState) => setSearchParams(directorySearch(next));
  const setFilter = (patch: Partial<DirectoryListState>) => go({ ...state, ...patch, page: 1 });

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadDirectoryExport(directoryFilterQuery(state));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

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

  const filtered = countDirectoryFilters(state) > 0;
  const all = t('directory.filter.all');
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
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportExcel}
              disabled={list.data?.total === 0}
              data-testid="directory-export"
            >
              {t('action.exportExcel')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={[16, 8]}>
          <Space size={4}>
            <span>{t('directory.filter.year')}</span>
            <Select
              allowClear
              placeholder={all}
              value={state.year}
              style={{ width: 110 }}
              onChange={(year?: number) => setFilter({ year })}
              options={boardYears(currentYear, state.year ?? currentYear).map((y) => ({
                value: y,
                label: t('board.yearOption', { year: y }),
              }))}
              data-testid="directory-filter-year"
            />
          </Space>
          <Space size={4}>
            <span>{t('directory.filter.type')}</span>
            <Select
              allowClear
              placeholder={all}
              value={state.type}
              style={{ width: 96 }}
              onChange={(type?: 'entry' | 'exit') => setFilter({ type })}
              options={[
                { value: 'entry', label: t('drill.entered') },
                { value: 'exit', label: t('drill.exited') },
              ]}
              data-testid="directory-filter-type"
            />
          </Space>
          <Space size={4}>
            <span>{t('directory.filter.township')}</span>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={all}
              value={state.townshipId}
              style={{ width: 140 }}
              onChange={(townshipId?: number) => setFilter({ townshipId })}
              options={units.townships}
              data-testid="directory-filter-township"
            />
          </Space>
          <Space size={4}>
            <span>{t('directory.filter.supervising')}</span>
            <Select
              allowClear
              placeholder={all}
              value={state.supervisingUnitId}
              style={{ width: 160 }}
              onChange={(supervisingUnitId?: number) => setFilter({ supervisingUnitId })}
              options={units.supervising}
              data-testid="directory-filter-supervising"
            />
          </Space>
          {filtered && (
            <Button onClick={() => go({ ...DEFAULT_DIRECTORY_STATE, pageSize: state.pageSize })}>
              {t('action.reset')}
            </Button>
          )}
        </Space>
      </Card>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="directory-table">
          <Table<DirectoryEvent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1080 }}
            rowClassName={(e) => (e.voided ? 'sg-row-voided' : '')}
            onChange={(p) => {
              const pageSize = p.pageSize ?? state.pageSize;
              go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : (p.current ?? 1) });
            }}
            locale={{
              emptyText: list.isPending ? (
                ' '
              ) : (
                <Empty description={filtered ? t('directory.emptyFiltered') : t('directory.empty')} />
              ),
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: DIRECTORY_PAGE_SIZES.map(String),
              showTotal: (total) => t('directory.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
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
