// 企业库 · 全部企业 (/enterprises): filters, sortable paged table, export — all state in the URL.
import { PlusOutlined } from '@ant-design/icons';
import { formatWan, type ScaleStatus } from '@shenggui/domain';
import { Button, Empty, type TableProps, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { EnterpriseRow } from '../../api/types';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import { scaleLabel, shortSourceLabel, sourceLabel } from '../../app/labels';
import {
  columnSortOrder,
  formatTotal,
  ListExportButton,
  ListTable,
  unitFilterLabels,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { enterpriseListQuery } from '../../lib/enterprise-filters';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePermissions } from '../auth/session';
import { useUnitOptions } from '../org/org-api';
import { downloadEnterpriseExport, useEnterpriseList } from './enterprise-api';
import { EnterpriseFilterForm } from './enterprise-filter-form';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { FlaggedCodeTag, ScaleTag } from './enterprise-tags';

export function EnterpriseListPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const query = useListQuery(enterpriseListQuery);
  const { state } = query;
  const list = useEnterpriseList(query.apiQuery);
  const [creating, setCreating] = useState(false);
  const units = useUnitOptions();
  const revenueYear = list.data?.revenueYear ?? state.revenueYear;

  const columns: TableProps<EnterpriseRow>['columns'] = [
    {
      title: t('field.creditCode'),
      dataIndex: 'creditCode',
      key: 'creditCode',
      width: 180,
      sorter: true,
      sortOrder: columnSortOrder(state, 'creditCode'),
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
      sortOrder: columnSortOrder(state, 'name'),
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
      sortOrder: columnSortOrder(state, 'industryCode'),
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
      sortOrder: columnSortOrder(state, 'revenue'),
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
      sortOrder: columnSortOrder(state, 'updatedAt'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDate(v)}</Tooltip>,
    },
  ];

  const empty = (
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
                total: formatTotal(list.data.total),
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
            <ListExportButton
              list={query}
              download={downloadEnterpriseExport}
              total={list.data?.total}
              testId="enterprise-export"
            />
          </>
        }
      />
      <EnterpriseFilterForm
        state={state}
        shownRevenueYear={list.data?.revenueYear}
        onSubmit={query.setFilters}
        onReset={query.reset}
      />
      <ListTable<EnterpriseRow>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="enterprise-table"
        scrollX={1090}
        totalText={(total) => t('list.total', { total })}
        empty={empty}
        emptyFiltered={t('list.emptyFiltered')}
        filterLabels={{
          q: { label: t('filter.keyword') },
          ...unitFilterLabels(units, {
            township: t('field.township'),
            supervising: t('field.supervisingUnit'),
          }),
          industry: { label: t('field.industry') },
          scaleStatus: { label: t('field.scaleStatus'), value: (v) => scaleLabel(lang, v as ScaleStatus) },
          revenueYear: { label: t('filter.revenueYear') },
          revenueMinWan: { label: `${t('filter.revenueRange')}${t('filter.min')}` },
          revenueMaxWan: { label: `${t('filter.revenueRange')}${t('filter.max')}` },
        }}
      />
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
