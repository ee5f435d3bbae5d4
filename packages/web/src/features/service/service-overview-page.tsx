// 服务工作量与成效 (/service/overview): for the centre and the leaders, per unit the visits, requests
// (open, closed, overdue, median days to close, satisfaction) and the libraries' coverage; per official the
// visits; the overdue requests. Year and as-of day live in the URL; every number links to its list.
import type { ServiceOfficialRow, ServiceOverdueItem, ServiceUnitRow } from '@shenggui/domain';
import {
  Alert,
  Col,
  DatePicker,
  Row,
  Select,
  Skeleton,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/export-button';
import { KpiCard } from '../../components/kpi-card';
import { PageHeader } from '../../components/page-header';
import { chinaToday, planYear } from '../../lib/today';
import { downloadServiceReport, useServiceOfficials, useServiceReport } from './service-api';
import { formatShare, overviewLinks } from './service-overview-links';
import { WorkdayCalendarNotice } from './workday-calendar-notice';

export function ServiceOverviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = planYear();
  const year = Number(params.get('year')) || thisYear;
  const asOf = params.get('asOf');
  const report = useServiceReport(year, asOf);
  const officials = useServiceOfficials(year, asOf);
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v === null ? p.delete(k) : p.set(k, v);
    setParams(p, { replace: true });
  };
  const r = report.data;
  const links = overviewLinks(year, r?.asOf ?? asOf ?? chinaToday());
  const years = [thisYear, thisYear - 1, thisYear - 2];

  const num = (value: number, to: string | null, testId: string) =>
    to && value > 0 ? (
      <Link to={to} data-testid={testId}>
        {value}
      </Link>
    ) : (
      <span data-testid={testId}>{value}</span>
    );

  const unitColumns: TableProps<ServiceUnitRow>['columns'] = [
    { title: t('overview.col.unit'), dataIndex: 'name', fixed: 'left', width: 150 },
    {
      title: t('overview.col.visits'),
      align: 'right',
      render: (_, u) => num(u.visits, links.visits(u.unitId), `visits-${u.code}`),
    },
    { title: t('overview.col.firmsVisited'), align: 'right', render: (_, u) => u.firmsVisited },
    {
      title: t('overview.col.received'),
      align: 'right',
      render: (_, u) => num(u.requests.received, links.requests(u.unitId, null), `received-${u.code}`),
    },
    {
      title: t('overview.col.open'),
      align: 'right',
      render: (_, u) => num(u.requests.open, links.requests(u.unitId, 'open'), `open-${u.code}`),
    },
    { title: t('overview.col.closed'), align: 'right', render: (_, u) => u.requests.closed },
    {
      title: t('overview.col.overdue'),
      align: 'right',
      render: (_, u) =>
        u.requests.overdue > 0 ? (
          <Link to={links.requests(u.unitId, 'red')} data-testid={`overdue-${u.code}`}>
            <Typography.Text type="danger" strong>
              {u.requests.overdue}
            </Typography.Text>
          </Link>
        ) : (
          <span data-testid={`overdue-${u.code}`}>0</span>
        ),
    },
    {
      title: t('overview.col.median'),
      align: 'right',
      render: (_, u) => u.requests.medianDaysToClose ?? '—',
    },
    {
      title: t('overview.col.satisfaction'),
      align: 'right',
      render: (_, u) => formatShare(u.requests.satisfaction),
    },
    ...(['cultivation', 'near', 'atRisk'] as const).map((lib) => ({
      title: t(`overview.col.${lib}`),
      align: 'right' as const,
      render: (_: unknown, u: ServiceUnitRow) =>
        u.coverage[lib] === null ? (
          '—'
        ) : (
          <Link to={links.unreached(u.unitId, lib)} data-testid={`coverage-${u.code}-${lib}`}>
            {formatShare(u.coverage[lib])}
          </Link>
        ),
    })),
  ];

  const officialColumns: TableProps<ServiceOfficialRow>['columns'] = [
    { title: t('overview.col.name'), dataIndex: 'name', width: 110 },
    { title: t('overview.col.unit'), dataIndex: 'unitName' },
    { title: t('overview.col.visits'), dataIndex: 'visits', align: 'right' },
    { title: t('overview.col.firmsVisited'), dataIndex: 'firmsVisited', align: 'right' },
    { title: t('overview.col.requestsRaised'), dataIndex: 'requestsRaised', align: 'right' },
    { title: t('overview.col.lastVisit'), dataIndex: 'lastVisitOn', render: (v: string | null) => v ?? '—' },
  ];

  const overdueColumns: TableProps<ServiceOverdueItem>['columns'] = [
    {
      title: t('overview.col.request'),
      render: (_, o) => (
        <Link to={`/service/requests/${o.id}`} data-testid="overdue-request">
          #{o.id} {o.title}
        </Link>
      ),
    },
    {
      title: t('overview.col.firm'),
      render: (_, o) => <Link to={`/enterprises/${o.enterpriseId}`}>{o.firm}</Link>,
    },
    { title: t('overview.col.category'), dataIndex: 'category', width: 90 },
    { title: t('overview.col.owner'), dataIndex: 'unit' },
    { title: t('overview.col.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      title: t('overview.col.daysOverdue'),
      align: 'right',
      width: 90,
      render: (_, o) => <Tag color="red">{t('overview.daysOverdue', { days: o.daysOverdue })}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={r ? t('overview.subtitle', { year: r.year, asOf: r.asOf }) : undefined}
        actions={
          <>
            <Select
              value={year}
              style={{ width: 110 }}
              aria-label={t('overview.year')}
              data-testid="overview-year"
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={(y) => set({ year: String(y), asOf: null })}
            />
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              placeholder={t('overview.asOf')}
              aria-label={t('overview.asOf')}
              data-testid="overview-as-of"
              onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : null })}
            />
            <ExportButton testId="overview-export" onExport={() => downloadServiceReport(year, asOf)} />
          </>
        }
      />
      <WorkdayCalendarNotice />
      {report.isError && (
        <Alert
          type="error"
          showIcon
          message={t('overview.loadFailed')}
          description={errorText(report.error)}
        />
      )}
      {!r && report.isLoading && <Skeleton active />}
      {r && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              <KpiCard
                title={t('overview.kpi.visits')}
                testId="kpi-visits"
                footer={t('overview.kpi.visitsHint', { firms: r.totals.firmsVisited })}
              >
                {r.totals.visits}
                <span className="sg-kpi-unit">{t('overview.unitTimes')}</span>
              </KpiCard>
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              <KpiCard
                title={t('overview.kpi.requests')}
                testId="kpi-requests"
                footer={t('overview.kpi.requestsHint', { open: r.totals.open, closed: r.totals.closed })}
              >
                {r.totals.requests}
                <span className="sg-kpi-unit">{t('overview.unitItems')}</span>
              </KpiCard>
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              <KpiCard
                title={t('overview.kpi.overdue')}
                testId="kpi-overdue"
                footer={t('overview.kpi.overdueHint', { yellow: r.lights.yellow, green: r.lights.green })}
              >
                <Typography.Text
                  type={r.totals.overdue > 0 ? 'danger' : undefined}
                  style={{ fontSize: 'inherit' }}
                >
                  {r.totals.overdue}
                </Typography.Text>
                <span className="sg-kpi-unit">{t('overview.unitItems')}</span>
              </KpiCard>
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              <KpiCard
                title={t('overview.kpi.median')}
                testId="kpi-median"
                footer={t('overview.kpi.satisfaction', { rate: formatShare(r.totals.satisfaction) })}
              >
                {r.totals.medianDaysToClose ?? '—'}
                <span className="sg-kpi-unit">{t('overview.unitDays')}</span>
              </KpiCard>
            </Col>
            <Col xs={24} md={8} xl={{ flex: '20%' }}>
              <KpiCard
                title={t('overview.kpi.coverage')}
                testId="kpi-coverage"
                footer={t('overview.kpi.coverageHint', {
                  near: formatShare(share(r.coverage.near)),
                  atRisk: formatShare(share(r.coverage.atRisk)),
                })}
              >
                {formatShare(share(r.coverage.cultivation))}
              </KpiCard>
            </Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'units',
                label: t('overview.tab.units'),
                children: (
                  <Table<ServiceUnitRow>
                    rowKey="unitId"
                    size="small"
                    data-testid="overview-units"
                    columns={unitColumns}
                    dataSource={r.units}
                    pagination={false}
                    scroll={{ x: 1200 }}
                  />
                ),
              },
              {
                key: 'overdue',
                label: t('overview.tab.overdue', { count: r.overdue.length }),
                children: (
                  <Table<ServiceOverdueItem>
                    rowKey="id"
                    size="small"
                    data-testid="overview-overdue"
                    columns={overdueColumns}
                    dataSource={r.overdue}
                    locale={{ emptyText: t('overview.noOverdue') }}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    scroll={{ x: 800 }}
                  />
                ),
              },
              {
                key: 'officials',
                label: t('overview.tab.officials'),
                children: (
                  <Table<ServiceOfficialRow>
                    rowKey={(o) => `${o.userId ?? o.name}-${o.unitId}`}
                    size="small"
                    data-testid="overview-officials"
                    loading={officials.isLoading}
                    columns={officialColumns}
                    dataSource={officials.data?.items ?? []}
                    locale={{ emptyText: t('overview.noOfficials') }}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    scroll={{ x: 700 }}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}

const share = (c: { reached: number; total: number }) => (c.total === 0 ? null : c.reached / c.total);
