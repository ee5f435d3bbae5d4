// The firm's monthly revenue chart (docs/ui.md: "revenue chart by source"): one pure option builder, tested,
// fed to the app-wide ECharts wrapper. Money is drawn in 万元, electricity in kWh on its own axis.
import {
  REVENUE_SOURCE_UNITS,
  REVENUE_SOURCES,
  type RevenueSource,
  splitPeriod,
  thresholdPace,
} from '@shenggui/domain';
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { type Lang, monthText, translate } from '../app/dictionary';
import { formatNumber } from './format';

export type RevenueChartMode = 'monthly' | 'cumulative';

export interface RevenueFactLike {
  period: string;
  source: RevenueSource;
  /** Yuan for money sources, kWh for electricity, as the API sends it (decimal string). */
  value: string | number;
  isCurrent: boolean;
}

export interface RevenueChartLabels {
  source: Record<RevenueSource, string>;
  /** Legend name of one source in one year, e.g. "税务开票 2024年". */
  seriesName: (sourceLabel: string, year: number) => string;
  month: (month: number) => string;
  moneyAxis: string;
  energyAxis: string;
  /** Cumulative view: the threshold spread evenly over the year (threshold × m / 12). */
  thresholdPace: string;
  /** Monthly view: the threshold's monthly average (threshold / 12). */
  monthlyPace: string;
  moneyUnit: string;
  energyUnit: string;
}

/** The chart's labels in a language, from the text registry (texts/charts.ts, texts/labels.ts). */
export function revenueChartLabels(lang: Lang): RevenueChartLabels {
  return {
    source: {
      tax: translate(lang, 'label.source.tax'),
      statistics: translate(lang, 'label.source.statistics'),
      self: translate(lang, 'label.source.self'),
      electricity: translate(lang, 'label.source.electricity'),
    },
    seriesName: (label, year) => translate(lang, 'chart.seriesName', { label, year }),
    month: (m) => monthText(lang, m),
    moneyAxis: translate(lang, 'chart.moneyUnit'),
    energyAxis: translate(lang, 'chart.energyUnit'),
    thresholdPace: translate(lang, 'chart.thresholdPace'),
    monthlyPace: translate(lang, 'chart.monthlyPace'),
    moneyUnit: translate(lang, 'chart.moneyUnit'),
    energyUnit: translate(lang, 'chart.energyUnit'),
  };
}

export const ZH_CHART_LABELS: RevenueChartLabels = revenueChartLabels('zh');

export const SOURCE_COLORS: Record<RevenueSource, string> = {
  tax: '#1677ff',
  statistics: '#389e0d',
  self: '#d48806',
  electricity: '#722ed1',
};
const THRESHOLD_COLOR = '#cf1322';

export interface RevenueChartInput {
  facts: readonly RevenueFactLike[];
  year: number;
  mode: RevenueChartMode;
  thresholdYuan: number;
  labels?: RevenueChartLabels;
}

type MonthValues = Array<number | null>;

/** The current figure of each month of `year` for one source (yuan or kWh); null where none exists. */
export function monthlyValues(
  facts: readonly RevenueFactLike[],
  source: RevenueSource,
  year: number,
): MonthValues {
  const values: MonthValues = Array.from({ length: 12 }, () => null);
  for (const f of facts) {
    if (!f.isCurrent || f.source !== source) continue;
    const { year: y, month } = splitPeriod(f.period);
    if (y !== year) continue;
    const n = Number(f.value);
    if (Number.isFinite(n)) values[month - 1] = n;
  }
  return values;
}

/**
 * Running totals. A month without a figure inside the year carries the total so far (the month is not
 * known yet, it is not zero); after the last month with a figure the line stops.
 */
export function cumulativeValues(values: MonthValues): MonthValues {
  let last = -1;
  values.forEach((v, i) => {
    if (v !== null) last = i;
  });
  let sum = 0;
  return values.map((v, i) => {
    if (i > last) return null;
    sum += v ?? 0;
    return sum;
  });
}

/** Years that have at least one current figure, newest first. */
export function yearsWithData(facts: readonly RevenueFactLike[]): number[] {
  const years = new Set<number>();
  for (const f of facts) if (f.isCurrent) years.add(splitPeriod(f.period).year);
  return [...years].sort((a, b) => b - a);
}

/** The year the chart opens on: the latest year with data, else the given fallback. */
export function defaultChartYear(facts: readonly RevenueFactLike[], fallback: number): number {
  return yearsWithData(facts)[0] ?? fallback;
}

function toWan(yuan: number | null): number | null {
  return yuan === null ? null : Math.round(yuan / 100) / 100;
}

function hasData(values: MonthValues): boolean {
  return values.some((v) => v !== null);
}

export function buildRevenueChartOption(input: RevenueChartInput): EChartsOption {
  const { facts, year, mode, thresholdYuan } = input;
  const labels = input.labels ?? ZH_CHART_LABELS;
  const moneyFormatter = (v: unknown) =>
    typeof v === 'number' ? `${formatNumber(v, 2)} ${labels.moneyUnit}` : '—';
  const energyFormatter = (v: unknown) =>
    typeof v === 'number' ? `${formatNumber(v, 0)} ${labels.energyUnit}` : '—';

  const series: LineSeriesOption[] = [];
  let hasEnergy = false;
  for (const source of REVENUE_SOURCES) {
    const isEnergy = REVENUE_SOURCE_UNITS[source] === 'kWh';
    for (const y of [year, year - 1]) {
      const raw = monthlyValues(facts, source, y);
      if (!hasData(raw)) continue;
      const shaped = mode === 'cumulative' ? cumulativeValues(raw) : raw;
      const data = isEnergy ? shaped : shaped.map(toWan);
      const previous = y !== year;
      if (isEnergy) hasEnergy = true;
      series.push({
        type: 'line',
        id: `${source}-${y}`,
        name: labels.seriesName(labels.source[source], y),
        data,
        yAxisIndex: isEnergy ? 1 : 0,
        connectNulls: false,
        symbol: previous ? 'none' : 'circle',
        symbolSize: 6,
        itemStyle: { color: SOURCE_COLORS[source], opacity: previous ? 0.55 : 1 },
        lineStyle: {
          type: previous ? 'dashed' : 'solid',
          width: previous ? 1.5 : 2,
          opacity: previous ? 0.55 : 1,
        },
        tooltip: { valueFormatter: isEnergy ? energyFormatter : moneyFormatter },
      });
    }
  }

  const hasMoney = series.some((s) => s.yAxisIndex === 0);
  if (hasMoney && thresholdYuan > 0) {
    const pace = thresholdPace(thresholdYuan).map((v) => toWan(v));
    const monthly = toWan(thresholdYuan / 12);
    series.push({
      type: 'line',
      id: mode === 'cumulative' ? 'threshold-pace' : 'monthly-pace',
      name: mode === 'cumulative' ? labels.thresholdPace : labels.monthlyPace,
      data: mode === 'cumulative' ? pace : pace.map(() => monthly),
      yAxisIndex: 0,
      symbol: 'none',
      itemStyle: { color: THRESHOLD_COLOR },
      lineStyle: { type: [6, 4], width: 1.5, color: THRESHOLD_COLOR },
      tooltip: { valueFormatter: moneyFormatter },
      z: 1,
    });
  }

  const yAxis: EChartsOption['yAxis'] = [
    {
      type: 'value',
      name: labels.moneyAxis,
      axisLabel: { formatter: (v: number) => formatNumber(v, 0) },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
  ];
  if (hasEnergy) {
    yAxis.push({
      type: 'value',
      name: labels.energyAxis,
      axisLabel: { formatter: (v: number) => formatNumber(v, 0) },
      splitLine: { show: false },
    });
  }

  return {
    animation: false,
    color: REVENUE_SOURCES.map((s) => SOURCE_COLORS[s]),
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: hasEnergy ? 8 : 16, top: 56, bottom: 8 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: Array.from({ length: 12 }, (_, i) => labels.month(i + 1)),
    },
    yAxis,
    series,
  };
}
