// 服务工作 › 督导 (/service/supervisions): the centre's supervisions of units with their rectification items'
// progress; the county's bodies see all, a township or department those of its own unit. The centre records
// a new one (/service/supervisions/new).
import { PlusOutlined } from '@ant-design/icons';
import {
  SUPERVISION_STATE_LABELS,
  SUPERVISION_STATES,
  type SupervisionRow,
  type SupervisionState,
} from '@shenggui/domain';
import { Button, Empty, Space, type TableProps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { Can } from '../../app/guards';
import { useI18n } from '../../app/i18n';
import {
  type DateRangeValue,
  dateRangeFilters,
  dateRangeValue,
  FilterBar,
  FilterDateRange,
  FilterSelect,
  ListExportButton,
  ListTable,
  optionText,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { supervisionListQuery } from '../../lib/help-filters';
import { useUnits } from '../org/org-api';
import { downloadSupervisionExport, useSupervisions } from './help-api';

export const SUPERVISION_STATE_COLORS: Record<SupervisionState, string> = {
  open: 'processing',
  awaiting: 'gold',
  closed: 'default',
};
const SUPERVISED_KINDS = ['township', 'zone', 'department', 'bureau'];

interface FilterValues {
  unitId?: number;
  range?: DateRangeValue;
  state?: SupervisionState;
  overdueItems?: 'true' | 'false';
}

export function SupervisionsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useListQuery(supervisionListQuery);
  const { state } = list;
  const query = useSupervisions(list.apiQuery);
  const units = useUnits();
  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => SUPERVISED_KINDS.includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
  const stateOptions = SUPERVISION_STATES.map((s) => ({ value: s, label: SUPERVISION_STATE_LABELS[s] }));
  const overdueOptions = [
    { value: 'true', label: t('sup.filter.overdueYes') },
    { value: 'false', label: t('sup.filter.overdueNo') },
  ];

  const columns: TableProps<SupervisionRow>['columns'] = [
    { title: t('sup.col.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 110 },
    {
      title: t('sup.col.unit'),
      key: 'unit',
      width: 140,
      render: (_: unknown, r) => (
        <Link to={`/service/supervisions/${r.id}`} data-testid={`sup-open-${r.id}`}>
          {r.unitName}
        </Link>
      ),
    },
    {
      title: t('sup.col.findings'),
      key: 'findings',
      width: 320,
      render: (_: unknown, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.findings }} style={{ marginBottom: 0 }}>
          {r.findings}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('sup.col.items'),
      key: 'items',
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <span>{t('sup.itemsCount', { open: r.openItems, all: r.items })}</span>
          {r.overdueItems > 0 && <Tag color="red">{t('sup.overdueCount', { n: r.overdueItems })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('sup.col.next'),
      dataIndex: 'nextDueOn',
      key: 'next',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('sup.col.state'),
      key: 'state',
      width: 110,
      render: (_: unknown, r) => (
        <Tag color={SUPERVISION_STATE_COLORS[r.state]} data-testid={`sup-state-${r.id}`}>
          {r.stateLabel}
        </Tag>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sup.title')}
        subtitle={t('sup.subtitle')}
        actions={
          <>
            <Can permission="service:manage">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/service/supervisions/new')}
                data-testid="sup-new"
              >
                {t('sup.new')}
              </Button>
            </Can>
            <ListExportButton
              list={list}
              download={downloadSupervisionExport}
              total={query.data?.total}
              testId="sup-export"
            />
          </>
        }
      />
      <FilterBar<FilterValues>
        values={{
          unitId: state.unitId,
          range: dateRangeValue(state.from, state.to),
          state: state.state,
          overdueItems: state.overdueItems,
        }}
        onSubmit={(v) =>
          list.setFilters({
            unitId: v.unitId,
            state: v.state,
            overdueItems: v.overdueItems,
            ...dateRangeFilters(v.range),
          })
        }
        onReset={list.reset}
        testId="sup-filter"
      >
        <FilterSelect
          name="unitId"
          label={t('sup.filter.unit')}
          options={unitOptions}
          loading={units.isLoading}
          search
          testId="sup-filter-unit"
        />
        <FilterDateRange name="range" label={t('sup.filter.dates')} testId="sup-filter-dates" />
        <FilterSelect
          name="state"
          label={t('sup.filter.state')}
          options={stateOptions}
          testId="sup-filter-state"
        />
        <FilterSelect
          name="overdueItems"
          label={t('sup.filter.overdue')}
          options={overdueOptions}
          testId="sup-filter-overdue"
        />
      </FilterBar>
      <ListTable<SupervisionRow>
        list={list}
        result={query}
        rowKey="id"
        columns={columns}
        testId="sup-table"
        scrollX={960}
        totalText={(total) => t('sup.total', { total })}
        empty={<Empty description={t('sup.empty')} />}
        emptyFiltered={t('sup.emptyFiltered')}
        filterLabels={{
          unitId: { label: t('sup.filter.unit'), value: optionText(unitOptions) },
          from: { label: t('sup.filter.dates') },
          to: { label: t('sup.filter.dates') },
          state: { label: t('sup.filter.state'), value: optionText(stateOptions) },
          overdueItems: { label: t('sup.filter.overdue'), value: optionText(overdueOptions) },
        }}
      />
    </>
  );
}
