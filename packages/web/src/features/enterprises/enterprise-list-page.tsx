// 企业库 · 全部企业 (/enterprises): filters, sortable paged table, export — all state in the URL.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { formatWan } from '@shenggui/domain';
import { Button, Card, Empty, Table, type TableProps, Tooltip, Typography } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { reportError } from '../../api/error-reporter';
import type { EnterpriseRow } from '../../api/types';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { shortSourceLabel, sourceLabel } from '../../app/labels';
import { PageHeader } from '../../components/page-header';
import {
  countActiveFilters,
  DEFAULT_LIST_STATE,
  type EnterpriseListState,
  type EnterpriseSort,
  enterpriseApiQuery,
  enterpriseExportQuery,
  enterpriseListSearch,
  PAGE_SIZES,
  parseEnterpriseListSearch,
  withFilters,
} from '../../lib/enterprise-filters';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePermissions } from '../auth/session';
import { downloadEnterpriseExport, useEnterpriseList } from './enterprise-api';
import { EnterpriseFilterForm } from './enterprise-filter-form';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { FlaggedCodeTag, ScaleTag } from './enterprise-tags';

function antOrder(state: EnterpriseListState, key: EnterpriseSort): AntSortOrder {
  if (state.sort !== key) return null;
  return state.order === 'asc' ? 'ascend' : 'descend';
}

export function EnterpriseListPage() {
  const { t, lang } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const state = useMemo(() => parseEnterpriseListSearch(searchParams), [searchParams]);
  const apiQuery = useMemo(() => enterpriseApiQuery(state), [state]);
  const list = useEnterpriseList(apiQuery);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);

  const go = (next: EnterpriseListState) => setSearchParams(enterpriseListSearch(next));
  const revenueYear = list.data?.revenueYear ?? state.revenueYear;
  const filtered = countActiveFilters(state) > 0;

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadEnterpriseExport(enterpriseExportQuery(state));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<EnterpriseRow>['columns'] = [
    {
      title: t('field.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 180,
      sorter: true,
      sortOrder: antOrder(state, 'creditCode'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (code: string, row) => (
        <div>
          <Typography.Text
            copyable={{ text: code }}
            style={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}
          >
            {code}
          </Typography.Text>
          {row.creditCodeFlagged && (
            <div>
              <FlaggedCodeTag />
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      sorter: true,
      sortOrder: antOrder(state, 'name'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (name: string, row) => (
        <Link to={`/enterprises/${row.id}`} data-testid="enterprise-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('field.industry'),
      dataIndex: 'industryCode',
      key: 'industryCode',
      width: 180,
      sorter: true,
      sortOrder: antOrder(state, 'industryCode'),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (code: string, row) => (
        <span>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
            {code}
          </Typography.Text>{' '}
          {row.industryName}
        </span>
      ),
    },
    { title: t('field.township'), dataIndex: 'townshipName', key: 'township', width: 90 },
    { title: t('field.supervisingUnit'), dataIndex: 'supervisingUnitName', key: 'supervising', width: 110 },
    {
      title: t('field.scaleStatus'),
      dataIndex: 'scaleStatus',
      key: 'scaleStatus',
      width: 80,
      render: (s: EnterpriseRow['scaleStatus']) => <ScaleTag status={s} />,
    },
    {
      title: revenueYear ? t('list.revenueOfYear', { year: revenueYear }) : t('list.revenue'),
      dataIndex: 'revenue',
      key: 'revenue',
      width: 150,
      align: 'right',
      sorter: true,
      sortOrder: antOrder(state, 'revenue'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (value: string | null, row) => (
        <span className="sg-money">
          {formatWan(value)}
          {value !== null && row.revenueSource && (
            <Tooltip title={t('list.revenueSourceHint', { source: sourceLabel(lang, row.revenueSource) })}>
              <span className="sg-source-hint">{shortSourceLabel(lang, row.revenueSource)}</span>
            </Tooltip>
          )}
          {/* A year with fewer than twelve months of figures says which: （7-12月，6个月） */}
          {row.revenueLabel?.includes('（') && (
            <span className="sg-source-hint" data-testid="revenue-partial">
              {row.revenueLabel.slice(row.revenueLabel.indexOf('（'))}
            </span>
          )}
        </span>
      ),
    },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 100,
      sorter: true,
      sortOrder: antOrder(state, 'updatedAt'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDate(v)}</Tooltip>,
    },
  ];

  const onTableChange: TableProps<EnterpriseRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey as EnterpriseSort | undefined;
      if (!key || !s?.order)
        go({ ...state, page: 1, sort: DEFAULT_LIST_STATE.sort, order: DEFAULT_LIST_STATE.order });
      else go({ ...state, page: 1, sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
      return;
    }
    if (extra.action === 'paginate') {
      const pageSize = pagination.pageSize ?? state.pageSize;
      go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : (pagination.current ?? 1) });
    }
  };

  const empty = filtered ? (
    <Empty description={t('list.emptyFiltered')}>
      <Button onClick={() => go({ ...DEFAULT_LIST_STATE, pageSize: state.pageSize })}>
        {t('list.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty description={can('enterprise:write') ? t('list.emptyCanWrite') : t('list.emptyReadOnly')}>
      <Can permission="enterprise:write">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('enterprise.create')}
        </Button>
      </Can>
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('menu.enterprises.all')}
        subtitle={
          list.data
            ? t('list.summary', {
                total: list.data.total.toLocaleString('en-US'),
                year: list.data.revenueYear,
              })
            : undefined
        }
        actions={
          <>
            <Can permission="enterprise:write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="enterprise-create"
              >
                {t('enterprise.create')}
              </Button>
            </Can>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportExcel}
              disabled={list.data?.total === 0}
              data-testid="enterprise-export"
            >
              {t('action.exportExcel')}
            </Button>
          </>
        }
      />
      <EnterpriseFilterForm
        state={state}
        shownRevenueYear={list.data?.revenueYear}
        onSubmit={(filters) => go(withFilters(state, filters))}
        onReset={() => go({ ...DEFAULT_LIST_STATE, pageSize: state.pageSize })}
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div data-testid="enterprise-table">
          <Table<EnterpriseRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onChange={onTableChange}
            scroll={{ x: 1090 }}
            locale={{ emptyText: list.isError ? t('list.loadFailed') : list.isPending ? ' ' : empty }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (total) => t('list.total', { total: total.toLocaleString('en-US') }),
              style: { padding: '0 16px' },
            }}
          />
        </div>
      </Card>
      <EnterpriseFormDrawer
        open={creating}
        enterprise={null}
        onClose={() => setCreating(false)}
        onSaved={(detail) => {
          setCreating(false);
          navigate(`/enterprises/${detail.id}`);
        }}
      />
    </>
  );
}
