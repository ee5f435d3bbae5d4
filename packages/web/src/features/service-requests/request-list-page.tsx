// 服务工作 › 企业诉求 (/service/requests) and 督办（红灯） (/service/requests/red): requests with filters in the
// URL, the light of the running deadline (computed by the server on today), export, and 提出诉求 for the units
// that raise them. The red list is the same list held at light=red: the centre's county-wide 督办 list, an
// owner unit's own red requests (the API keeps each caller to what it may see).
import { PlusOutlined } from '@ant-design/icons';
import {
  LIGHTS,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
  type RequestItem,
  type UnitKind,
} from '@shenggui/domain';
import { Button, Empty, type TableProps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import {
  columnSortOrder,
  FilterSelect,
  FilterText,
  FilterYearSelect,
  ListExportButton,
  ListFilterBar,
  ListTable,
  optionText,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../lib/format';
import { planYear } from '../../lib/today';
import { useUnits } from '../org/org-api';
import { useServiceSettings } from '../service/service-api';
import { downloadRequestExport, useRequests } from './request-api';
import { OPEN_STATES_FILTER, ROUTING_STATES_FILTER, requestListQuery } from './request-filters';
import { RequestLightTag } from './request-light-tag';

/** Units a request can be routed to (and so be owned by); the same kinds raise requests. */
const ACTING_KINDS: readonly UnitKind[] = ['township', 'zone', 'department', 'bureau', 'centre'];

export const STATE_COLORS: Record<RequestItem['state'], string> = {
  submitted: 'blue',
  pending: 'gold',
  inProgress: 'processing',
  resolved: 'green',
  evaluated: 'success',
  returned: 'orange',
  unsolvable: 'default',
};

const SATISFACTION_COLORS: Record<string, string> = { satisfied: 'green', basic: 'blue', unsatisfied: 'red' };

/** Units a request may be routed to, for the filters and the routing form. */
export function useActingUnitOptions() {
  const units = useUnits();
  return useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => ACTING_KINDS.includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
}

export function RedRequestListPage() {
  return <RequestListPage red />;
}

export function RequestListPage({ red = false }: { red?: boolean }) {
  const { t } = useI18n();
  const query = useListQuery(requestListQuery);
  const { state } = query;
  const apiQuery = useMemo(() => {
    const q = new URLSearchParams(query.apiQuery);
    if (red) q.set('light', 'red');
    return q;
  }, [query.apiQuery, red]);
  const list = useRequests(apiQuery);
  const settings = useServiceSettings();
  const unitOptions = useActingUnitOptions();
  const categoryOptions = (settings.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }));
  const stateOptions = [
    { value: OPEN_STATES_FILTER, label: t('req.filter.open') },
    { value: ROUTING_STATES_FILTER, label: t('req.filter.routing') },
    ...REQUEST_STATES.map((s) => ({ value: s, label: REQUEST_STATE_LABELS[s] })),
  ];
  const lightOptions = LIGHTS.map((l) => ({ value: l, label: t(`req.light.${l}`) }));
  const years = yearsDown(planYear(), 4);

  const columns: TableProps<RequestItem>['columns'] = [
    {
      title: t('req.col.request'),
      key: 'request',
      width: 260,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/service/requests/${r.id}`} data-testid={`request-row-${r.id}`}>
            {r.title}
          </Link>
          <div>
            <Tag style={{ marginTop: 4 }}>{r.categoryLabel}</Tag>
          </div>
        </div>
      ),
    },
    {
      title: t('req.col.firm'),
      key: 'firm',
      width: 200,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.townshipName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('req.col.state'),
      key: 'state',
      width: 90,
      render: (_: unknown, r) => (
        <Tag color={STATE_COLORS[r.state]} data-testid="request-state" data-state={r.state}>
          {r.stateLabel}
        </Tag>
      ),
    },
    {
      title: t('req.col.light'),
      key: 'due',
      width: 170,
      sorter: true,
      sortOrder: columnSortOrder(state, 'due'),
      render: (_: unknown, r) => <RequestLightTag {...r} />,
    },
    {
      title: t('req.col.owner'),
      key: 'owner',
      width: 130,
      render: (_: unknown, r) =>
        r.ownerUnitName ?? <Typography.Text type="secondary">{t('req.notRouted')}</Typography.Text>,
    },
    {
      title: t('req.col.raised'),
      key: 'raised',
      width: 170,
      sorter: true,
      sortOrder: columnSortOrder(state, 'raised'),
      render: (_: unknown, r) => (
        <div>
          {r.raisedByName}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.raisedAt)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('req.col.satisfaction'),
      key: 'satisfaction',
      width: 90,
      render: (_: unknown, r) =>
        r.satisfaction ? <Tag color={SATISFACTION_COLORS[r.satisfaction]}>{r.satisfactionLabel}</Tag> : '—',
    },
  ];

  const categoryText = optionText(categoryOptions);
  const unitText = optionText(unitOptions);
  return (
    <>
      <PageHeader
        title={t(red ? 'req.redTitle' : 'req.title')}
        subtitle={t(red ? 'req.redSubtitle' : 'req.subtitle')}
        actions={
          <>
            <Can permission="service:write">
              <Link to="/service/requests/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="request-raise">
                  {t('req.raise')}
                </Button>
              </Link>
            </Can>
            <ListExportButton
              list={query}
              download={(q) => {
                const out = new URLSearchParams(q);
                if (red) out.set('light', 'red');
                return downloadRequestExport(out);
              }}
              total={list.data?.total}
              testId="request-export"
            />
          </>
        }
      />
      <ListFilterBar list={query} testId="request-filter">
        <FilterText
          name="q"
          label={t('req.filter.q')}
          placeholder={t('req.filter.qPlaceholder')}
          maxLength={60}
          testId="request-filter-q"
        />
        <FilterSelect
          name="state"
          label={t('req.filter.state')}
          options={stateOptions}
          testId="request-filter-state"
        />
        <FilterSelect
          name="light"
          label={t('req.filter.light')}
          options={lightOptions}
          hidden={red}
          testId="request-filter-light"
        />
        <FilterSelect
          name="category"
          label={t('req.filter.category')}
          options={categoryOptions}
          testId="request-filter-category"
        />
        <FilterSelect
          name="ownerUnitId"
          label={t('req.filter.owner')}
          options={unitOptions}
          search
          testId="request-filter-owner"
        />
        <FilterSelect
          name="raisedUnitId"
          label={t('req.filter.raisedUnit')}
          options={unitOptions}
          search
          testId="request-filter-raised-unit"
        />
        <FilterYearSelect
          name="year"
          label={t('req.filter.year')}
          years={years}
          testId="request-filter-year"
        />
        <FilterSelect
          name="overdueOnly"
          label={t('req.filter.overdue')}
          options={[{ value: 'true', label: t('req.filter.overdueYes') }]}
          hidden={red}
          testId="request-filter-overdue"
        />
      </ListFilterBar>
      <ListTable<RequestItem>
        list={query}
        result={list}
        rowKey="id"
        columns={columns}
        testId="request-table"
        totalText={(total) => t('req.total', { total })}
        empty={<Empty description={t(red ? 'req.emptyRed' : 'req.empty')} />}
        emptyFiltered={t('req.emptyFiltered')}
        filterLabels={{
          q: { label: t('req.filter.q') },
          state: { label: t('req.filter.state'), value: optionText(stateOptions) },
          light: { label: t('req.filter.light'), value: optionText(lightOptions) },
          category: { label: t('req.filter.category'), value: categoryText },
          ownerUnitId: { label: t('req.filter.owner'), value: unitText },
          raisedUnitId: { label: t('req.filter.raisedUnit'), value: unitText },
          year: { label: t('req.filter.year') },
          overdueOnly: { label: t('req.filter.overdue'), value: () => t('req.filter.overdueYes') },
        }}
      />
    </>
  );
}
