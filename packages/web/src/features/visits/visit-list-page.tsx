// 服务工作 › 走访记录 (/service/visits): visits of firms in the caller's scope with filters and paging in the
// URL, export, and 登记走访. Voided visits stay listed, greyed and marked.
import { PlusOutlined } from '@ant-design/icons';
import type { VisitView } from '@shenggui/domain';
import { Button, Empty, type TableProps, Tag, Typography } from 'antd';
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
  FilterText,
  FilterYearSelect,
  ListExportButton,
  ListTable,
  optionText,
  useListQuery,
  yearsDown,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { planYear } from '../../lib/today';
import { useUnits } from '../org/org-api';
import { officialsText, PURPOSE_OPTIONS, PurposeTag, VisitStatusTag } from './visit-labels';
import { downloadVisitExport, useVisits, visitListQuery } from './visits-api';
import './visits.css';

interface FilterValues {
  year?: number;
  range?: DateRangeValue;
  purpose?: string;
  unitId?: number;
  official?: string;
  q?: string;
}

/** The units whose officials visit firms: townships, the zone, departments, the centre and the bureaus. */
export function useVisitUnitOptions() {
  const units = useUnits();
  return useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => ['township', 'zone', 'department', 'centre', 'bureau'].includes(u.kind))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );
}

export function VisitListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useListQuery(visitListQuery);
  const { state } = list;
  const result = useVisits(list.apiQuery);
  const unitOptions = useVisitUnitOptions();

  const columns: TableProps<VisitView>['columns'] = [
    {
      title: t('visit.col.date'),
      dataIndex: 'visitedOn',
      key: 'date',
      width: 110,
      render: (d: string, v) => (
        <Link to={`/service/visits/${v.id}`} data-testid="visit-row-link">
          {d}
        </Link>
      ),
    },
    {
      title: t('visit.col.firm'),
      key: 'firm',
      width: 230,
      render: (_: unknown, v) => (
        <div>
          <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.townshipName} · {v.supervisingUnitName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('visit.col.purpose'),
      key: 'purpose',
      width: 100,
      render: (_: unknown, v) => <PurposeTag v={v} />,
    },
    {
      title: t('visit.col.officials'),
      key: 'officials',
      width: 200,
      render: (_: unknown, v) => officialsText(v),
    },
    {
      title: t('visit.col.findings'),
      dataIndex: 'findings',
      key: 'findings',
      width: 320,
      render: (f: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: f }} style={{ marginBottom: 0 }}>
          {f}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('visit.col.requests'),
      dataIndex: 'requestCount',
      key: 'requests',
      width: 70,
      align: 'right',
      render: (n: number) => (n > 0 ? n : '—'),
    },
    { title: t('visit.col.recorded'), dataIndex: 'recordedUnitName', key: 'recorded', width: 130 },
    {
      title: t('visit.col.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, v) => <VisitStatusTag v={v} t={t} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('visit.list.title')}
        subtitle={t('visit.list.subtitle')}
        actions={
          <>
            <Can permission="service:write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/service/visits/new')}
                data-testid="visit-new"
              >
                {t('visit.new')}
              </Button>
            </Can>
            <ListExportButton
              list={list}
              download={downloadVisitExport}
              total={result.data?.total}
              testId="visit-export"
            />
          </>
        }
      />
      <FilterBar<FilterValues>
        values={{
          year: state.year,
          range: dateRangeValue(state.from, state.to),
          purpose: state.purpose,
          unitId: state.unitId,
          official: state.official ?? '',
          q: state.q ?? '',
        }}
        onSubmit={(v) =>
          list.setFilters({
            ...dateRangeFilters(v.range),
            purpose: v.purpose as never,
            unitId: v.unitId,
            official: v.official,
            q: v.q,
            // A firm picked from its page stays until the filters are reset.
            enterpriseId: state.enterpriseId,
            year: v.year,
          })
        }
        onReset={list.reset}
        testId="visit-filter"
        extra={
          state.enterpriseId && (
            <Tag color="blue" data-testid="visit-filter-firm-tag">
              {t('visit.filter.oneFirm')}
            </Tag>
          )
        }
      >
        <FilterYearSelect
          name="year"
          label={t('visit.filter.year')}
          years={yearsDown(planYear(), 3)}
          yearLabel={(y) => t('visit.filter.yearOption', { year: y })}
          testId="visit-filter-year"
        />
        <FilterDateRange name="range" label={t('visit.filter.range')} testId="visit-filter-range" />
        <FilterSelect
          name="purpose"
          label={t('visit.filter.purpose')}
          options={PURPOSE_OPTIONS}
          testId="visit-filter-purpose"
        />
        <FilterSelect
          name="unitId"
          label={t('visit.filter.unit')}
          options={unitOptions}
          search
          testId="visit-filter-unit"
        />
        <FilterText
          name="official"
          label={t('visit.filter.official')}
          maxLength={20}
          placeholder={t('visit.filter.officialPlaceholder')}
          testId="visit-filter-official"
        />
        <FilterText
          name="q"
          label={t('visit.filter.firm')}
          maxLength={50}
          placeholder={t('visit.filter.firmPlaceholder')}
          testId="visit-filter-firm"
        />
      </FilterBar>
      <ListTable<VisitView>
        list={list}
        result={result}
        rowKey="id"
        columns={columns}
        testId="visit-table"
        rowClassName={(v) => (v.voided ? 'sg-visit-voided' : '')}
        totalText={(total) => t('visit.list.total', { total })}
        empty={<Empty description={t('visit.list.empty')} />}
        emptyFiltered={t('visit.list.emptyFiltered')}
        filterLabels={{
          year: { label: t('visit.filter.year') },
          from: { label: t('visit.filter.range') },
          to: { label: t('visit.filter.range') },
          purpose: { label: t('visit.filter.purpose'), value: optionText(PURPOSE_OPTIONS) },
          unitId: { label: t('visit.filter.unit'), value: optionText(unitOptions) },
          official: { label: t('visit.filter.official') },
          q: { label: t('visit.filter.firm') },
        }}
      />
    </>
  );
}
