// 服务工作 › 培训宣讲 (/service/trainings): the county's training and publicity events with their attendance
// counts, filters and paging in the URL, export; recording a new one (service:write).
import { PlusOutlined } from '@ant-design/icons';
import { TRAINING_KIND_LABELS, TRAINING_KINDS, type TrainingView } from '@shenggui/domain';
import { Button, Empty, type TableProps, Tag, Typography } from 'antd';
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
import { trainingListQuery } from '../../lib/training-filters';
import { useOrganiserOptions } from './organiser-options';
import { downloadTrainingsExport, useTrainings } from './training-api';

interface FilterValues {
  range: DateRangeValue;
  kind?: string;
  organiserUnitId?: number;
  q?: string;
  year?: number;
  voided?: '0' | '1';
}

export const KIND_COLORS: Record<string, string> = {
  course: 'blue',
  briefing: 'green',
  onsite: 'orange',
  online: 'purple',
};

export function TrainingListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useListQuery(trainingListQuery);
  const { state } = list;
  const result = useTrainings(list.apiQuery);
  const organisers = useOrganiserOptions();
  const kindOptions = TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }));
  const voidedOptions = [{ value: '1', label: t('training.filter.voidedYes') }];

  const columns: TableProps<TrainingView>['columns'] = [
    { title: t('training.col.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 110 },
    {
      title: t('training.col.topic'),
      key: 'topic',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/service/trainings/${r.id}`} data-testid={`training-link-${r.id}`}>
            {r.topic}
          </Link>
          {r.location && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.location}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('training.col.kind'),
      key: 'kind',
      width: 100,
      render: (_: unknown, r) => <Tag color={KIND_COLORS[r.kind]}>{r.kindLabel}</Tag>,
    },
    { title: t('training.col.organiser'), dataIndex: 'organiserUnitName', key: 'organiser', width: 160 },
    { title: t('training.col.firms'), dataIndex: 'firmCount', key: 'firms', width: 90, align: 'right' },
    {
      title: t('training.col.officials'),
      dataIndex: 'officialCount',
      key: 'officials',
      width: 90,
      align: 'right',
    },
    {
      title: t('training.col.unmatched'),
      dataIndex: 'unmatchedCount',
      key: 'unmatched',
      width: 80,
      align: 'right',
    },
    {
      title: t('training.col.status'),
      key: 'status',
      width: 80,
      render: (_: unknown, r) =>
        r.voided ? <Tag>{t('training.voided')}</Tag> : <Tag color="success">{t('training.valid')}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('training.title')}
        subtitle={t('training.subtitle')}
        actions={
          <>
            <Can permission="service:write">
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/service/trainings/new')}
                data-testid="training-new"
              >
                {t('training.new')}
              </Button>
            </Can>
            <ListExportButton
              list={list}
              download={downloadTrainingsExport}
              total={result.data?.total}
              testId="training-export"
            />
          </>
        }
      />
      <FilterBar<FilterValues>
        values={{
          range: dateRangeValue(state.from, state.to),
          kind: state.kind,
          organiserUnitId: state.organiserUnitId,
          q: state.q ?? '',
          year: state.year,
          voided: state.voided,
        }}
        onSubmit={(v) =>
          list.setFilters({
            ...dateRangeFilters(v.range),
            kind: v.kind as TrainingView['kind'] | undefined,
            organiserUnitId: v.organiserUnitId,
            q: v.q,
            year: v.year,
            voided: v.voided,
          })
        }
        onReset={list.reset}
        testId="training-filter"
      >
        <FilterYearSelect
          name="year"
          label={t('training.filter.year')}
          years={yearsDown(planYear(), 4)}
          testId="training-filter-year"
        />
        <FilterDateRange name="range" label={t('training.filter.dates')} testId="training-filter-dates" />
        <FilterSelect
          name="kind"
          label={t('training.filter.kind')}
          options={kindOptions}
          testId="training-filter-kind"
        />
        <FilterSelect
          name="organiserUnitId"
          label={t('training.filter.organiser')}
          options={organisers.options}
          loading={organisers.isLoading}
          search
          testId="training-filter-organiser"
        />
        <FilterText
          name="q"
          label={t('training.filter.q')}
          maxLength={50}
          placeholder={t('training.filter.qPlaceholder')}
          testId="training-filter-q"
        />
        <FilterSelect
          name="voided"
          label={t('training.filter.voided')}
          options={voidedOptions}
          testId="training-filter-voided"
        />
      </FilterBar>
      <ListTable<TrainingView>
        list={list}
        result={result}
        rowKey="id"
        columns={columns}
        testId="training-table"
        scrollX={900}
        rowClassName={(r) => (r.voided ? 'sg-row-voided' : '')}
        totalText={(total) => t('training.total', { total })}
        empty={<Empty description={t('training.empty')} />}
        emptyFiltered={t('training.emptyFiltered')}
        filterLabels={{
          from: { label: t('training.filter.dates') },
          to: { label: t('training.filter.dates') },
          kind: { label: t('training.filter.kind'), value: optionText(kindOptions) },
          organiserUnitId: { label: t('training.filter.organiser'), value: optionText(organisers.options) },
          q: { label: t('training.filter.q') },
          year: { label: t('training.filter.year') },
          voided: { label: t('training.filter.voided'), value: optionText(voidedOptions) },
        }}
      />
    </>
  );
}
