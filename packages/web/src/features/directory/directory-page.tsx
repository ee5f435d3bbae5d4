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
import { useI18n } from '../../app/i18n';
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
import { boardYears } from '../../lib/progress-board';
import { planYear } from '../../lib/today';
import { usePermissions } from '../auth/session';
import { useUnitOptions } from '../org/org-api';
import { type PT, usePT } from '../progress/texts';
import { downloadDirectoryExport, useDirectoryEvents, useVoidDirectoryEvent } from './directory-api';
import { DirectoryFormDrawer } from './directory-form-drawer';

export function DirectoryEventTag({ e, pt }: { e: Pick<DirectoryEvent, 'type' | 'voided'>; pt: PT }) {
  return (
    <Tag color={e.voided ? 'default' : e.type === 'entry' ? 'green' : 'red'}>
      {pt(e.type === 'entry' ? 'drill.entered' : 'drill.exited')}
    </Tag>
  );
}

export function DirectoryPage() {
  const pt = usePT();
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
  const currentYear = planYear();
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
    const typeLabel = pt(e.type === 'entry' ? 'drill.entered' : 'drill.exited');
    modal.confirm({
      title: pt('directory.voidTitle', { type: typeLabel }),
      width: 480,
      content: (
        <Form layout="vertical" style={{ marginTop: 8 }}>
          <p>
            {pt('directory.voidBody', {
              firm: e.enterpriseName,
              type: typeLabel,
              date: e.approvalDate,
              period: formatPeriod(e.effectivePeriod),
            })}
          </p>
          <Form.Item label={pt('directory.voidReason')} required style={{ marginBottom: 0 }}>
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
      okText: pt('directory.voidOk'),
      okButtonProps: { danger: true, 'data-testid': 'directory-void-ok' } as never,
      cancelText: t('action.cancel'),
      onOk: async () => {
        if (reason.trim().length < 2) {
          message.warning(pt('directory.voidReasonRequired'));
          throw new Error('reason');
        }
        await voidEvent.mutateAsync({ id: e.id, reason: reason.trim() }).catch((err) => {
          reportError(err);
          throw err;
        });
        message.success(pt('directory.voidDone'));
      },
    });
  };

  const columns: TableProps<DirectoryEvent>['columns'] = [
    {
      title: pt('directory.col.firm'),
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
      title: pt('directory.col.type'),
      key: 'type',
      width: 70,
      render: (_: unknown, e) => <DirectoryEventTag e={e} pt={pt} />,
    },
    {
      title: pt('directory.col.modeReason'),
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
      title: pt('directory.col.batch'),
      dataIndex: 'batch',
      key: 'batch',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    { title: pt('directory.col.approval'), dataIndex: 'approvalDate', key: 'approval', width: 110 },
    {
      title: pt('directory.col.effective'),
      dataIndex: 'effectivePeriod',
      key: 'effective',
      width: 100,
      render: (v: string) => formatPeriod(v),
    },
    {
      title: pt('directory.col.by'),
      key: 'by',
      width: 140,
      render: (_: unknown, e) => (
        <Tooltip title={formatDateTime(e.recordedAt)}>
          {e.recordedByName ?? (e.importBatchId ? `#${e.importBatchId}` : '—')}
        </Tooltip>
      ),
    },
    {
      title: pt('directory.col.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, e) =>
        e.voided ? (
          <Tooltip
            title={pt('directory.voidedBy', {
              name: e.voidedByName ?? '—',
              at: formatDateTime(e.voidedAt),
              reason: e.voidReason ?? '',
            })}
          >
            <Tag>{pt('directory.voided')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="success">{pt('directory.valid')}</Tag>
        ),
    },
  ];
  if (can('directory:write'))
    columns.push({
      title: pt('directory.col.actions'),
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
            {pt('directory.void')}
          </Button>
        ),
    });

  const filtered = countDirectoryFilters(state) > 0;
  const all = pt('directory.filter.all');
  return (
    <>
      <PageHeader
        title={pt('directory.title')}
        subtitle={pt('directory.subtitle')}
        actions={
          <>
            <Can permission="directory:write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="directory-record"
              >
                {pt('directory.record')}
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
            <span>{pt('directory.filter.year')}</span>
            <Select
              allowClear
              placeholder={all}
              value={state.year}
              style={{ width: 110 }}
              onChange={(year?: number) => setFilter({ year })}
              options={boardYears(currentYear, state.year ?? currentYear).map((y) => ({
                value: y,
                label: pt('board.yearOption', { year: y }),
              }))}
              data-testid="directory-filter-year"
            />
          </Space>
          <Space size={4}>
            <span>{pt('directory.filter.type')}</span>
            <Select
              allowClear
              placeholder={all}
              value={state.type}
              style={{ width: 96 }}
              onChange={(type?: 'entry' | 'exit') => setFilter({ type })}
              options={[
                { value: 'entry', label: pt('drill.entered') },
                { value: 'exit', label: pt('drill.exited') },
              ]}
              data-testid="directory-filter-type"
            />
          </Space>
          <Space size={4}>
            <span>{pt('directory.filter.township')}</span>
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
            <span>{pt('directory.filter.supervising')}</span>
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
                <Empty description={filtered ? pt('directory.emptyFiltered') : pt('directory.empty')} />
              ),
            }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: DIRECTORY_PAGE_SIZES.map(String),
              showTotal: (total) => pt('directory.total', { total: total.toLocaleString('en-US') }),
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
