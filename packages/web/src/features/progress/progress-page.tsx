// 进度看板 (/progress): the county against the city target and the internal allocation, per-unit
// bars and ranking in both dimensions, the cumulative line with the forecast band, and every number a
// click away from the firms behind it. Year, "as of" date and dimension live in the URL.
import type { ProgressReport, ProgressRow } from '@shenggui/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Grid,
  Progress,
  Result,
  Row,
  Select,
  Skeleton,
  Table,
  type TableProps,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../api/errors';
import { Can } from '../../app/guards';
import { type TFunction, useI18n } from '../../app/i18n';
import { EChart } from '../../components/echart';
import { ExportButton } from '../../components/export-button';
import { KpiCard } from '../../components/kpi-card';
import { PageHeader } from '../../components/page-header';
import {
  type BoardState,
  boardSearch,
  boardYears,
  completionRate,
  formatProbability,
  formatRate,
  type ProgressDimension,
  parseBoardSearch,
  progressTone,
  remainingOf,
} from '../../lib/progress-board';
import {
  buildCumulativeOption,
  buildUnitBarOption,
  progressChartLabels,
  unitBarChartHeight,
} from '../../lib/progress-chart-option';
import { chinaToday } from '../../lib/today';
import { useMe } from '../auth/session';
import {
  type DrillDown,
  downloadProgressExport,
  useProgressCumulative,
  useProgressReport,
} from './progress-api';
import { ProgressFirmsDrawer } from './progress-firms-drawer';
import './progress.css';

const TONE_COLOR = { done: '#389e0d', onTrack: '#1677ff', behind: '#cf1322', none: '#8c8c8c' } as const;

/** A number that opens the drawer of the firms behind it. */
function DrillNumber({
  value,
  onClick,
  testId,
  hint,
  strong,
}: {
  value: number;
  onClick: () => void;
  testId: string;
  hint: string;
  strong?: boolean;
}) {
  return (
    <Tooltip title={hint}>
      <button type="button" className="sg-drill" onClick={onClick} data-testid={testId}>
        {strong ? <strong>{value}</strong> : value}
      </button>
    </Tooltip>
  );
}

function TargetFooter({ net, target, t }: { net: number; target: number | null; t: TFunction }) {
  if (target === null || target <= 0)
    return <Typography.Text type="secondary">{t('board.kpi.noTarget')}</Typography.Text>;
  const rate = completionRate(net, target) ?? 0;
  const remaining = remainingOf(net, target) ?? 0;
  const tone = progressTone(net, target);
  return (
    <>
      <Progress
        percent={Math.max(0, Math.min(100, rate))}
        showInfo={false}
        size="small"
        strokeColor={TONE_COLOR[tone]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('board.kpi.completion', { rate: formatRate(rate) })} ·{' '}
        {remaining > 0 ? t('board.kpi.remaining', { remaining }) : t('board.kpi.reached')}
      </Typography.Text>
    </>
  );
}

function KpiRow({
  report,
  t,
  onDrill,
}: {
  report: ProgressReport;
  t: TFunction;
  onDrill: (d: DrillDown) => void;
}) {
  const c = report.county;
  const internal = Math.max(c.territorialTarget, c.supervisingTarget);
  const countyName = t('drill.county');
  const hasP = c.pReachCityTarget !== null && c.pReachCityTarget !== undefined;
  const span = hasP ? { xs: 12, sm: 8, xl: 4 } : { xs: 12, sm: 8, xl: { flex: '20%' } };
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col {...span}>
        <KpiCard
          title={t('board.kpi.net')}
          testId="kpi-net"
          footer={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('board.kpi.netHint', { entered: c.entered, exited: c.exited })}
            </Typography.Text>
          }
        >
          <DrillNumber
            value={c.net}
            strong
            testId="kpi-net-value"
            hint={t('board.kpi.clickHint')}
            onClick={() => onDrill({ kind: 'entered', unitName: countyName })}
          />
          <span className="sg-kpi-unit">{t('board.unit')}</span>
        </KpiCard>
      </Col>
      <Col {...span}>
        <KpiCard
          title={t('board.kpi.cityTarget')}
          testId="kpi-city-target"
          footer={<TargetFooter net={c.net} target={c.cityTarget} t={t} />}
        >
          {c.cityTarget ?? '—'}
          {c.cityTarget !== null && <span className="sg-kpi-unit">{t('board.unit')}</span>}
        </KpiCard>
      </Col>
      <Col {...span}>
        <KpiCard
          title={
            <Tooltip
              title={t('board.kpi.internalTargetHint', {
                territorial: c.territorialTarget,
                supervising: c.supervisingTarget,
              })}
            >
              {t('board.kpi.internalTarget')}
            </Tooltip>
          }
          testId="kpi-internal-target"
          footer={<TargetFooter net={c.net} target={internal > 0 ? internal : null} t={t} />}
        >
          {internal > 0 ? internal : '—'}
          {internal > 0 && <span className="sg-kpi-unit">{t('board.unit')}</span>}
        </KpiCard>
      </Col>
      <Col {...span}>
        <KpiCard
          title={t('board.kpi.entered')}
          testId="kpi-entered"
          footer={<span className="sg-kpi-hint">{t('board.kpi.clickHint')}</span>}
        >
          <DrillNumber
            value={c.entered}
            testId="kpi-entered-value"
            hint={t('board.kpi.clickHint')}
            onClick={() => onDrill({ kind: 'entered', unitName: countyName })}
          />
          <span className="sg-kpi-unit">{t('board.unit')}</span>
        </KpiCard>
      </Col>
      <Col {...span}>
        <KpiCard
          title={t('board.kpi.exited')}
          testId="kpi-exited"
          footer={<span className="sg-kpi-hint">{t('board.kpi.clickHint')}</span>}
        >
          <DrillNumber
            value={c.exited}
            testId="kpi-exited-value"
            hint={t('board.kpi.clickHint')}
            onClick={() => onDrill({ kind: 'exited', unitName: countyName })}
          />
          <span className="sg-kpi-unit">{t('board.unit')}</span>
        </KpiCard>
      </Col>
      {hasP && (
        <Col {...span}>
          <KpiCard
            title={<Tooltip title={t('board.kpi.probabilityHint')}>{t('board.kpi.probability')}</Tooltip>}
            testId="kpi-probability"
          >
            {formatProbability(c.pReachCityTarget)}
          </KpiCard>
        </Col>
      )}
    </Row>
  );
}

function DimensionPanel({
  rows,
  dimension,
  t,
  isCentre,
  onDrill,
}: {
  rows: ProgressRow[];
  dimension: ProgressDimension;
  t: TFunction;
  isCentre: boolean;
  onDrill: (d: DrillDown) => void;
}) {
  const { lang } = useI18n();
  const screens = Grid.useBreakpoint();
  const sorted = useMemo(
    () => [...rows].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code)),
    [rows],
  );
  const hasP = rows.some((r) => r.pReachTarget !== null && r.pReachTarget !== undefined);
  const option = useMemo(
    () =>
      buildUnitBarOption(sorted, progressChartLabels(lang), {
        compact: !screens.md,
      }),
    [sorted, lang, screens.md],
  );
  if (rows.length === 0) {
    return (
      <Card size="small">
        <Result status="info" title={isCentre ? t('board.noRowsCentre') : t('board.noRows')} />
      </Card>
    );
  }
  const drill = (row: ProgressRow, kind: DrillDown['kind']) =>
    onDrill({ kind, dimension, unitId: row.unitId, unitName: row.name });
  const hint = t('board.kpi.clickHint');
  const columns: TableProps<ProgressRow>['columns'] = [
    {
      title: t('board.col.rank'),
      dataIndex: 'rank',
      key: 'rank',
      width: 52,
      align: 'center',
      fixed: 'left',
      render: (rank: number) => <span className={rank <= 3 ? 'sg-rank sg-rank-top' : 'sg-rank'}>{rank}</span>,
    },
    { title: t('board.col.unit'), dataIndex: 'name', key: 'name', width: 110, fixed: 'left' },
    {
      title: t('board.col.target'),
      dataIndex: 'target',
      key: 'target',
      width: 60,
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    ...(['entered', 'exited'] as const).map((kind) => ({
      title: t(`board.col.${kind}`),
      key: kind,
      width: 60,
      align: 'right' as const,
      render: (_: unknown, r: ProgressRow) => (
        <DrillNumber
          value={r[kind]}
          testId={`drill-${kind}-${dimension}-${r.unitId}`}
          hint={hint}
          onClick={() => drill(r, kind)}
        />
      ),
    })),
    {
      title: t('board.col.net'),
      key: 'net',
      width: 60,
      align: 'right',
      render: (_: unknown, r) => (
        <DrillNumber
          value={r.net}
          strong
          testId={`net-${dimension}-${r.unitId}`}
          hint={hint}
          onClick={() => drill(r, 'entered')}
        />
      ),
    },
    {
      title: t('board.col.remaining'),
      dataIndex: 'remaining',
      key: 'remaining',
      width: 60,
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : v === 0 ? <span style={{ color: TONE_COLOR.done }}>0</span> : v,
    },
    {
      title: t('board.col.rate'),
      key: 'rate',
      width: 130,
      render: (_: unknown, r) => {
        const rate = completionRate(r.net, r.target);
        if (rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <Progress
              percent={Math.max(0, Math.min(100, rate))}
              showInfo={false}
              size="small"
              strokeColor={TONE_COLOR[progressTone(r.net, r.target)]}
              style={{ width: 56, margin: 0 }}
            />
            <span style={{ fontVariantNumeric: 'tabular-nums', fontSize: 12 }}>{formatRate(rate)}</span>
          </div>
        );
      },
    },
  ];
  if (hasP)
    columns.push({
      title: t('board.col.probability'),
      dataIndex: 'pReachTarget',
      key: 'p',
      width: 80,
      align: 'right',
      render: (p: number | null) => formatProbability(p),
    });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('board.chartTitle')} style={{ height: '100%' }}>
          <EChart
            option={option}
            height={unitBarChartHeight(sorted.length)}
            data-testid={`progress-bars-${dimension}`}
            aria-label={t('board.chartTitle')}
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card
          size="small"
          title={t('board.rankTitle')}
          styles={{ body: { padding: 0 } }}
          style={{ height: '100%' }}
        >
          <div data-testid={`progress-table-${dimension}`}>
            <Table<ProgressRow>
              rowKey="unitId"
              size="small"
              columns={columns}
              dataSource={sorted}
              pagination={false}
              scroll={{ x: 620 }}
              onRow={(r) => ({ 'data-testid': `progress-row-${dimension}-${r.unitId}` }) as never}
            />
          </div>
        </Card>
      </Col>
    </Row>
  );
}

export function ProgressPage() {
  const { t, lang } = useI18n();
  const { data: me } = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const today = chinaToday();
  const currentYear = Number(today.slice(0, 4));
  const state = useMemo(() => parseBoardSearch(searchParams, currentYear), [searchParams, currentYear]);
  const go = (next: BoardState) => setSearchParams(boardSearch(next, currentYear));
  const report = useProgressReport(state.year, state.asOf);
  const cumulative = useProgressCumulative(state.year, state.asOf);
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const isCentre = me?.scope.kind === 'subtree';

  const cumulativeOption = useMemo(
    () =>
      cumulative.data
        ? buildCumulativeOption({
            year: state.year,
            months: cumulative.data.months,
            forecast: cumulative.data.forecast ?? null,
            cityTarget: report.data?.county.cityTarget ?? null,
            labels: progressChartLabels(lang),
          })
        : null,
    [cumulative.data, report.data, state.year, lang],
  );

  const r = report.data;
  const hasP = !!r && r.county.pReachCityTarget !== null && r.county.pReachCityTarget !== undefined;
  const asOfShown = r?.asOf ?? state.asOf ?? today;

  return (
    <>
      <PageHeader
        title={t('board.title')}
        subtitle={<span data-testid="progress-asof-line">{t('board.subtitle', { asOf: asOfShown })}</span>}
        actions={
          <>
            <Select
              value={state.year}
              style={{ width: 108 }}
              onChange={(year) => go({ ...state, year, asOf: null })}
              options={boardYears(currentYear, state.year).map((y) => ({
                value: y,
                label: t('board.yearOption', { year: y }),
              }))}
              data-testid="progress-year"
              aria-label={t('board.year')}
            />
            <DatePicker
              value={dayjs(asOfShown)}
              allowClear={false}
              prefix={<span style={{ color: '#8c8c8c' }}>{t('board.asOf')}</span>}
              onChange={(d) =>
                d && go({ ...state, asOf: d.format('YYYY-MM-DD') === today ? null : d.format('YYYY-MM-DD') })
              }
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              style={{ width: 200 }}
              data-testid="progress-asof"
            />
            <ExportButton
              onExport={() => downloadProgressExport(state.year, state.asOf)}
              disabled={!r}
              testId="progress-export"
            />
          </>
        }
      />
      {report.isError && !r ? (
        <Result
          status="warning"
          title={t('board.loadFailed')}
          subTitle={errorText(report.error)}
          extra={<Button onClick={() => report.refetch()}>{t('board.asOfToday')}</Button>}
        />
      ) : !r ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <div data-testid="progress-board">
          {!isCentre && me && (
            <Alert
              type="info"
              showIcon
              title={t('board.ownUnitHint', { unit: me.user.unit.name })}
              style={{ marginBottom: 12 }}
            />
          )}
          {r.county.cityTarget === null && (
            <Alert
              type="warning"
              showIcon
              title={t('board.noTargetYet', { year: r.year })}
              action={
                <Can permission="target:allocate">
                  <Link to={`/targets?year=${r.year}`}>{t('board.setTargets')}</Link>
                </Can>
              }
              style={{ marginBottom: 12 }}
            />
          )}
          <KpiRow report={r} t={t} onDrill={setDrill} />
          <Tabs
            activeKey={state.dimension}
            onChange={(k) => go({ ...state, dimension: k as ProgressDimension })}
            items={(['territorial', 'supervising'] as const).map((dim) => ({
              key: dim,
              label: <span data-testid={`progress-tab-${dim}`}>{t(`board.dim.${dim}`)}</span>,
              children: (
                <DimensionPanel
                  rows={r.dimensions[dim]}
                  dimension={dim}
                  t={t}
                  isCentre={isCentre}
                  onDrill={setDrill}
                />
              ),
            }))}
          />
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t('board.cumulativeTitle', { year: state.year })}
            extra={
              cumulative.data?.forecast?.length ? (
                <Typography.Text type="secondary">{t('board.cumulativeForecast')}</Typography.Text>
              ) : undefined
            }
          >
            {cumulativeOption ? (
              <EChart
                option={cumulativeOption}
                height={300}
                data-testid="progress-cumulative"
                aria-label={t('board.cumulativeTitle', { year: state.year })}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </div>
      )}
      <ProgressFirmsDrawer
        year={state.year}
        asOf={state.asOf}
        drill={drill}
        showDeciding={hasP}
        onChange={setDrill}
        onClose={() => setDrill(null)}
      />
    </>
  );
}
