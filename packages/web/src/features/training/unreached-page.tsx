// 服务工作 › 服务覆盖 › 尚未覆盖的企业 (/service/coverage/unreached?year&asOf&library&unitId): the members of a
// library not reached yet this year, with their lead (包联) and the last contact, paged, searchable, exported.
import { COVERAGE_LIBRARIES, COVERAGE_LIBRARY_LABELS, type UnreachedFirm } from '@shenggui/domain';
import { Button, Empty, type TableProps, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import {
  FilterBar,
  FilterSelect,
  FilterText,
  ListExportButton,
  ListTable,
  optionText,
  useListQuery,
} from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { unreachedListQuery } from '../../lib/training-filters';
import { useOrganiserOptions } from './organiser-options';
import { downloadUnreachedExport, useUnreached } from './training-api';

interface FilterValues {
  library?: string;
  unitId?: number;
  q?: string;
}

export function UnreachedPage() {
  const { t } = useI18n();
  const list = useListQuery(unreachedListQuery);
  const { state } = list;
  const library = state.library ?? 'cultivation';
  const api = new URLSearchParams(list.apiQuery);
  api.set('library', library);
  const result = useUnreached(api, true);
  const units = useOrganiserOptions();
  const unitOptions = units.options;
  const libraryOptions = COVERAGE_LIBRARIES.map((l) => ({ value: l, label: COVERAGE_LIBRARY_LABELS[l] }));
  const unitName = state.unitId
    ? (unitOptions.find((u) => u.value === state.unitId)?.label ?? '')
    : t('coverage.unreached.allUnits');

  const columns: TableProps<UnreachedFirm>['columns'] = [
    {
      title: t('coverage.unreached.col.firm'),
      key: 'firm',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 200 }}>
          <Link to={`/enterprises/${r.enterpriseId}`} data-testid={`unreached-firm-${r.enterpriseId}`}>
            {r.enterpriseName}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.townshipName} · {r.supervisingUnitName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('coverage.unreached.col.lead'),
      key: 'lead',
      width: 200,
      render: (_: unknown, r) =>
        r.leadName ? (
          <div>
            {r.leadUnitName} · {r.leadName}
            {r.leadPhone && (
              <div>
                <a href={`tel:${r.leadPhone}`} style={{ fontSize: 12 }}>
                  {r.leadPhone}
                </a>
              </div>
            )}
          </div>
        ) : (
          <Tag color="orange">{t('coverage.unreached.noLead')}</Tag>
        ),
    },
    {
      title: t('coverage.unreached.col.last'),
      key: 'last',
      width: 150,
      render: (_: unknown, r) =>
        r.lastContactOn ? (
          <span>
            {r.lastContactOn}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.lastContactKind === 'visit'
                ? t('coverage.unreached.visit')
                : t('coverage.unreached.training')}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('coverage.unreached.never')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('coverage.unreached.title')}
        subtitle={
          result.data
            ? t('coverage.unreached.subtitle', {
                year: result.data.year,
                library: COVERAGE_LIBRARY_LABELS[library],
                unit: unitName,
                asOf: result.data.asOf,
              })
            : undefined
        }
        actions={
          <>
            <Link to={state.year ? `/service/coverage?year=${state.year}` : '/service/coverage'}>
              <Button data-testid="unreached-back">{t('coverage.back')}</Button>
            </Link>
            <ListExportButton
              list={list}
              download={(q) => {
                q.set('library', library);
                return downloadUnreachedExport(q);
              }}
              total={result.data?.total}
              testId="unreached-export"
            />
          </>
        }
      />
      <FilterBar<FilterValues>
        values={{ library, unitId: state.unitId, q: state.q ?? '' }}
        onSubmit={(v) =>
          list.setFilters({
            library: (v.library ?? 'cultivation') as (typeof COVERAGE_LIBRARIES)[number],
            unitId: v.unitId,
            q: v.q,
            year: state.year,
            asOf: state.asOf,
          })
        }
        onReset={() =>
          list.setFilters({ library, year: state.year, asOf: state.asOf, unitId: state.unitId, q: undefined })
        }
        testId="unreached-filter"
      >
        <FilterSelect
          name="library"
          label={t('coverage.unreached.library')}
          options={libraryOptions}
          clearable={false}
          testId="unreached-filter-library"
        />
        <FilterSelect
          name="unitId"
          label={t('coverage.unreached.unit')}
          options={unitOptions}
          loading={units.isLoading}
          search
          placeholder={t('coverage.unreached.allUnits')}
          testId="unreached-filter-unit"
        />
        <FilterText
          name="q"
          label={t('coverage.unreached.q')}
          maxLength={50}
          placeholder={t('coverage.unreached.qPlaceholder')}
          testId="unreached-filter-q"
        />
      </FilterBar>
      <ListTable<UnreachedFirm>
        list={list}
        result={result}
        rowKey="enterpriseId"
        columns={columns}
        testId="unreached-table"
        scrollX={640}
        totalText={(total) => t('coverage.unreached.total', { total })}
        empty={<Empty description={t('coverage.unreached.empty')} />}
        emptyFiltered={t('coverage.unreached.emptyFiltered')}
        filterLabels={{
          q: { label: t('coverage.unreached.q') },
          library: { label: t('coverage.unreached.library'), value: optionText(libraryOptions) },
          unitId: { label: t('coverage.unreached.unit'), value: optionText(unitOptions) },
        }}
      />
    </>
  );
}
