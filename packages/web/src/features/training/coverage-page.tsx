// 服务工作 › 服务覆盖 (/service/coverage): per unit and library, the firms reached this year (a visit or a
// training attended) out of the library's members, with a bar; the county row on top, then the townships by
// 属地, then the zone and departments by 行业主管. A cell opens the firms not reached yet.
import { COVERAGE_LIBRARIES, COVERAGE_LIBRARY_LABELS, type CoverageRow } from '@shenggui/domain';
import { Alert, Card, Progress, Select, Skeleton, Table, type TableProps, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { yearsDown } from '../../components/list-kit';
import { PageHeader } from '../../components/page-header';
import { planYear } from '../../lib/today';
import { shareColor, sharePercent, unreachedHref } from '../../lib/training-filters';
import { useCoverage } from './training-api';

function CoverageCell({
  row,
  library,
  year,
  asOf,
}: {
  row: CoverageRow;
  library: (typeof COVERAGE_LIBRARIES)[number];
  year: number;
  asOf: string;
}) {
  const { t } = useI18n();
  const cell = row.libraries[library];
  const pct = sharePercent(cell);
  const testId = `coverage-${row.unitCode}-${library}`;
  if (cell.total === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('coverage.none')}
      </Typography.Text>
    );
  return (
    <Link
      to={unreachedHref({ year, asOf, library, unitId: row.basis === 'county' ? null : row.unitId })}
      title={t('coverage.cellTitle')}
      data-testid={testId}
      data-reached={cell.reached}
      data-total={cell.total}
      style={{ display: 'block', minWidth: 120 }}
    >
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>
        {t('coverage.cell', { reached: cell.reached, total: cell.total })}
      </span>
      <Progress
        percent={pct ?? 0}
        size="small"
        strokeColor={shareColor(cell)}
        format={(p) => `${p}%`}
        style={{ marginBlock: 0 }}
      />
    </Link>
  );
}

export function CoveragePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const current = planYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= current ? asked : current;
  const coverage = useCoverage(year, null);
  const data = coverage.data;
  const scoped = data !== undefined && data.townships.length + data.supervising.length <= 1;

  const columns = (asOf: string): TableProps<CoverageRow>['columns'] => [
    {
      title: t('coverage.col.unit'),
      key: 'unit',
      fixed: 'left',
      width: 150,
      render: (_: unknown, r) =>
        r.basis === 'county' ? (
          <strong>{scoped ? t('coverage.ownTotal') : t('coverage.county')}</strong>
        ) : (
          r.unitName
        ),
    },
    ...COVERAGE_LIBRARIES.map((library) => ({
      title: COVERAGE_LIBRARY_LABELS[library],
      key: library,
      width: 170,
      render: (_: unknown, r: CoverageRow) => (
        <CoverageCell row={r} library={library} year={year} asOf={asOf} />
      ),
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('coverage.title')}
        subtitle={data ? t('coverage.subtitle', { asOf: data.asOf }) : undefined}
        actions={
          <Select
            value={year}
            style={{ width: 120 }}
            onChange={(y: number) => setParams(y === current ? {} : { year: String(y) })}
            options={yearsDown(current, 4).map((y) => ({
              value: y,
              label: t('coverage.yearOption', { year: y }),
            }))}
            aria-label={t('coverage.year')}
            data-testid="coverage-year"
          />
        }
      />
      {coverage.isError && <Alert type="error" showIcon message={errorText(coverage.error)} />}
      {!data && !coverage.isError && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <>
          <Card size="small" title={t('coverage.townships')}>
            <Table<CoverageRow>
              size="small"
              rowKey={(r) => `${r.basis}-${r.unitId}`}
              columns={columns(data.asOf)}
              dataSource={[data.county, ...data.townships]}
              pagination={false}
              scroll={{ x: 660 }}
              rowClassName={(r) => (r.basis === 'county' ? 'sg-row-total' : '')}
              data-testid="coverage-table"
            />
          </Card>
          {data.supervising.length > 0 && (
            <Card size="small" title={t('coverage.supervising')} style={{ marginTop: 16 }}>
              <Table<CoverageRow>
                size="small"
                rowKey={(r) => `${r.basis}-${r.unitId}`}
                columns={columns(data.asOf)}
                dataSource={data.supervising}
                pagination={false}
                scroll={{ x: 660 }}
                data-testid="coverage-supervising-table"
              />
            </Card>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t('coverage.rule')}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
