import type { LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import {
  buildRevenueChartOption,
  cumulativeValues,
  defaultChartYear,
  monthlyValues,
  type RevenueFactLike,
  yearsWithData,
} from './revenue-chart-option';

const fact = (
  period: string,
  source: RevenueFactLike['source'],
  value: string,
  isCurrent = true,
): RevenueFactLike => ({
  period,
  source,
  value,
  isCurrent,
});

const facts: RevenueFactLike[] = [
  fact('2024-01', 'tax', '1500000.00'),
  fact('2024-02', 'tax', '1000000.00', false), // superseded by the correction below
  fact('2024-02', 'tax', '1250050.00'),
  fact('2024-04', 'tax', '2000000.00'),
  fact('2023-01', 'tax', '900000.00'),
  fact('2024-01', 'electricity', '52000'),
  fact('2022-06', 'statistics', '3000000.00'),
];

const seriesOf = (option: ReturnType<typeof buildRevenueChartOption>) => option.series as LineSeriesOption[];
const byId = (option: ReturnType<typeof buildRevenueChartOption>, id: string) =>
  seriesOf(option).find((s) => s.id === id);

describe('monthlyValues', () => {
  it('takes only current versions of one source and year, by month', () => {
    expect(monthlyValues(facts, 'tax', 2024)).toEqual([
      1500000,
      1250050,
      null,
      2000000,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('cumulativeValues', () => {
  it('carries the total over an unknown month and stops after the last figure', () => {
    expect(cumulativeValues([1, 2, null, 4, null, null, null, null, null, null, null, null])).toEqual([
      1,
      3,
      3,
      7,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('is empty when there is no figure', () => {
    expect(cumulativeValues(Array(12).fill(null))).toEqual(Array(12).fill(null));
  });
});

describe('years', () => {
  it('lists the years with a current figure, newest first, and opens on the latest', () => {
    expect(yearsWithData(facts)).toEqual([2024, 2023, 2022]);
    expect(defaultChartYear(facts, 2030)).toBe(2024);
    expect(defaultChartYear([], 2030)).toBe(2030);
    expect(yearsWithData([fact('2025-01', 'tax', '1', false)])).toEqual([]);
  });
});

describe('buildRevenueChartOption — monthly', () => {
  const option = buildRevenueChartOption({ facts, year: 2024, mode: 'monthly', thresholdYuan: 20_000_000 });

  it('draws money in 万元 rounded to two decimals', () => {
    expect(byId(option, 'tax-2024')?.data?.slice(0, 4)).toEqual([150, 125.01, null, 200]);
  });

  it('draws the previous year as a dashed comparison line', () => {
    const previous = byId(option, 'tax-2023');
    expect(previous?.data?.[0]).toBe(90);
    expect(previous?.lineStyle?.type).toBe('dashed');
    expect(byId(option, 'tax-2024')?.lineStyle?.type).toBe('solid');
  });

  it('puts electricity in kWh on the second axis and leaves sources without data out', () => {
    const electricity = byId(option, 'electricity-2024');
    expect(electricity?.yAxisIndex).toBe(1);
    expect(electricity?.data?.[0]).toBe(52000);
    expect(Array.isArray(option.yAxis) && option.yAxis.length).toBe(2);
    expect(byId(option, 'statistics-2024')).toBeUndefined();
    expect(byId(option, 'self-2024')).toBeUndefined();
  });

  it('shows the monthly average of the threshold', () => {
    const pace = byId(option, 'monthly-pace');
    expect(pace?.data).toEqual(Array(12).fill(166.67));
    expect(byId(option, 'threshold-pace')).toBeUndefined();
  });

  it('labels months and series in Chinese by default', () => {
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data[10]).toBe('11月');
    expect(byId(option, 'tax-2023')?.name).toBe('税务开票 2023年');
  });
});

describe('buildRevenueChartOption — cumulative', () => {
  const option = buildRevenueChartOption({
    facts,
    year: 2024,
    mode: 'cumulative',
    thresholdYuan: 20_000_000,
  });

  it('accumulates each source over the year', () => {
    expect(byId(option, 'tax-2024')?.data?.slice(0, 5)).toEqual([150, 275.01, 275.01, 475.01, null]);
  });

  it('draws the threshold as the monthly pace to the annual threshold: month m → threshold × m / 12', () => {
    const pace = byId(option, 'threshold-pace')?.data as number[];
    expect(pace).toHaveLength(12);
    expect(pace[0]).toBe(166.67);
    expect(pace[5]).toBe(1000);
    expect(pace[11]).toBe(2000);
  });

  it('follows a configured threshold', () => {
    const other = buildRevenueChartOption({
      facts,
      year: 2024,
      mode: 'cumulative',
      thresholdYuan: 12_000_000,
    });
    expect(byId(other, 'threshold-pace')?.data?.[11]).toBe(1200);
  });
});

describe('buildRevenueChartOption — no data', () => {
  it('has no series and one axis for a year without figures', () => {
    const option = buildRevenueChartOption({ facts, year: 2019, mode: 'monthly', thresholdYuan: 20_000_000 });
    expect(seriesOf(option)).toEqual([]);
    expect(Array.isArray(option.yAxis) && option.yAxis.length).toBe(1);
  });
});
