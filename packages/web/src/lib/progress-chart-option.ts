// The progress board's two charts as pure, tested option builders: per-unit bars (target,
// entered, exited, net) and the county's cumulative line through the year with the forecast band.
import type { CumulativePoint, ForecastBandPoint, ProgressRow } from '@shenggui/domain';
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { type Lang, monthText, translate } from '../app/dictionary';

/** The fields of a board row (GET /progress) the bars draw. */
export type UnitBarRow = Pick<ProgressRow, 'name' | 'target' | 'entered' | 'exited' | 'net'>;

export interface ProgressChartLabels {
  target: string;
  entered: string;
  exited: string;
  net: string;
  cityTarget: string;
  forecastBand: string;
  forecastMedian: string;
  month: (month: number) => string;
  unit: string;
}

/** The chart's labels in a language, from the text registry (texts/charts.ts). */
export function progressChartLabels(lang: Lang): ProgressChartLabels {
  return {
    target: translate(lang, 'chart.target'),
    entered: translate(lang, 'chart.entered'),
    exited: translate(lang, 'chart.exited'),
    net: translate(lang, 'chart.net'),
    cityTarget: translate(lang, 'chart.cityTarget'),
    forecastBand: translate(lang, 'chart.forecastBand'),
    forecastMedian: translate(lang, 'chart.forecastMedian'),
    month: (m) => monthText(lang, m),
    unit: translate(lang, 'chart.firmsUnit'),
  };
}

export const ZH_PROGRESS_CHART_LABELS: ProgressChartLabels = progressChartLabels('zh');

export const PROGRESS_COLORS = {
  target: '#bfbfbf',
  entered: '#389e0d',
  exited: '#cf1322',
  net: '#1677ff',
  cityTarget: '#d48806',
  band: 'rgba(22, 119, 255, 0.14)',
} as const;

/** Pixels the bar chart needs so every unit keeps a readable row (horizontal bars, names on the left). */
export function unitBarChartHeight(rowCount: number): number {
  return Math.max(220, 72 + rowCount * 44);
}

/**
 * Horizontal grouped bars, one group per unit in the given order (the ranking order), first unit on top.
 * A unit without a target draws no target bar (null, not 0: "no target" is not "target 0").
 */
export function buildUnitBarOption(
  rows: readonly UnitBarRow[],
  labels: ProgressChartLabels = ZH_PROGRESS_CHART_LABELS,
  opts: { compact?: boolean } = {},
): EChartsOption {
  const ordered = [...rows].reverse();
  const names = ordered.map((r) => r.name);
  const bar = (key: 'target' | 'entered' | 'exited' | 'net', data: Array<number | null>) => ({
    type: 'bar' as const,
    id: key,
    name: labels[key],
    data,
    barMaxWidth: 10,
    barGap: '10%',
    itemStyle: { color: PROGRESS_COLORS[key] },
    label: {
      show: !opts.compact,
      position: 'right' as const,
      fontSize: 10,
      color: '#595959',
      formatter: (p: { value?: unknown }) =>
        typeof p.value === 'number' && p.value !== 0 ? String(p.value) : '',
    },
  });
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? `${v} ${labels.unit}` : '—'),
    },
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 28, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: {
      type: 'category',
      data: names,
      axisTick: { show: false },
      axisLabel: { width: opts.compact ? 64 : 110, overflow: 'truncate' },
    },
    series: [
      bar(
        'target',
        ordered.map((r) => r.target),
      ),
      bar(
        'entered',
        ordered.map((r) => r.entered),
      ),
      bar(
        'exited',
        ordered.map((r) => r.exited),
      ),
      bar(
        'net',
        ordered.map((r) => r.net),
      ),
    ],
  };
}

/** The fields of a point of GET /progress/:year/cumulative the line draws. */
export type CumulativeMonth = Pick<CumulativePoint, 'period' | 'entered' | 'exited' | 'net'>;
export type ForecastPoint = ForecastBandPoint;

export interface CumulativeChartInput {
  year: number;
  months: readonly CumulativeMonth[];
  forecast?: readonly ForecastPoint[] | null;
  cityTarget: number | null;
  labels?: ProgressChartLabels;
}

function monthIndex(period: string, year: number): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m || Number(m[1]) !== year) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? month - 1 : null;
}

/** Twelve slots of one field; months the API did not send (after the as-of date) stay null. */
export function monthSeries(
  months: readonly CumulativeMonth[],
  year: number,
  key: 'entered' | 'exited' | 'net',
): Array<number | null> {
  const out: Array<number | null> = Array.from({ length: 12 }, () => null);
  for (const m of months) {
    const i = monthIndex(m.period, year);
    if (i !== null) out[i] = m[key];
  }
  return out;
}

/** The forecast's three quantiles in twelve slots (null outside the forecast). */
export function forecastSeries(forecast: readonly ForecastPoint[], year: number) {
  const empty = () => Array.from({ length: 12 }, (): number | null => null);
  const p10 = empty();
  const p50 = empty();
  const p90 = empty();
  for (const f of forecast) {
    const i = monthIndex(f.period, year);
    if (i === null) continue;
    p10[i] = f.p10;
    p50[i] = f.p50;
    p90[i] = Math.max(f.p90, f.p10);
  }
  return {
    p10,
    p50,
    p90,
    band: p90.map((v, i) => (v === null || p10[i] === null ? null : v - (p10[i] ?? 0))),
  };
}

export function buildCumulativeOption(input: CumulativeChartInput): EChartsOption {
  const labels = input.labels ?? ZH_PROGRESS_CHART_LABELS;
  const { year } = input;
  const line = (
    key: 'entered' | 'exited' | 'net',
    extra: Partial<LineSeriesOption> = {},
  ): LineSeriesOption => ({
    type: 'line',
    id: key,
    name: labels[key],
    data: monthSeries(input.months, year, key),
    symbol: 'circle',
    symbolSize: 6,
    connectNulls: false,
    itemStyle: { color: PROGRESS_COLORS[key] },
    lineStyle: { width: key === 'net' ? 3 : 2 },
    ...extra,
  });
  const series: LineSeriesOption[] = [line('entered'), line('exited'), line('net', { z: 3 })];

  const forecast = input.forecast ?? [];
  if (forecast.length > 0) {
    const f = forecastSeries(forecast, year);
    // The band starts from the last month actually counted, so a one-month forecast still shows as a fan.
    const net = monthSeries(input.months, year, 'net');
    const first = f.p50.findIndex((v) => v !== null);
    const anchor = first > 0 ? net[first - 1] : null;
    if (first > 0 && anchor !== null && anchor !== undefined && f.p50[first - 1] === null) {
      f.p10[first - 1] = anchor;
      f.p50[first - 1] = anchor;
      f.p90[first - 1] = anchor;
      f.band[first - 1] = 0;
    }
    series.push(
      {
        type: 'line',
        id: 'forecast-base',
        name: labels.forecastBand,
        data: f.p10,
        stack: 'forecast',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        type: 'line',
        id: 'forecast-band',
        name: labels.forecastBand,
        data: f.band,
        stack: 'forecast',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: PROGRESS_COLORS.band },
        itemStyle: { color: PROGRESS_COLORS.band },
        tooltip: { show: false },
        silent: true,
      },
      {
        type: 'line',
        id: 'forecast-p50',
        name: labels.forecastMedian,
        data: f.p50,
        symbol: 'none',
        itemStyle: { color: PROGRESS_COLORS.net },
        lineStyle: { type: 'dashed', width: 2, color: PROGRESS_COLORS.net },
      },
    );
  }
  if (input.cityTarget !== null) {
    series.push({
      type: 'line',
      id: 'city-target',
      name: labels.cityTarget,
      data: Array.from({ length: 12 }, () => input.cityTarget),
      symbol: 'none',
      itemStyle: { color: PROGRESS_COLORS.cityTarget },
      lineStyle: { type: [6, 4], width: 1.5, color: PROGRESS_COLORS.cityTarget },
      z: 1,
    });
  }
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? `${v} ${labels.unit}` : '—'),
    },
    legend: { type: 'scroll', top: 0, data: [...new Set(series.map((s) => String(s.name)))] },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: Array.from({ length: 12 }, (_, i) => labels.month(i + 1)),
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series,
  };
}
