import { describe, expect, it } from 'vitest';
import {
  buildCumulativeOption,
  buildUnitBarOption,
  forecastSeries,
  monthSeries,
  unitBarChartHeight,
} from './progress-chart-option';

const rows = [
  { name: '南娄镇', target: 1, entered: 2, exited: 0, net: 2 },
  { name: '秀水镇', target: 4, entered: 1, exited: 0, net: 1 },
  { name: '苌池镇', target: null, entered: 0, exited: 1, net: -1 },
];

describe('buildUnitBarOption', () => {
  it('draws four series with the first unit on top and no target bar where none was set', () => {
    const o = buildUnitBarOption(rows);
    const series = o.series as Array<{ id: string; data: Array<number | null> }>;
    expect(series.map((s) => s.id)).toEqual(['target', 'entered', 'exited', 'net']);
    expect((o.yAxis as { data: string[] }).data).toEqual(['苌池镇', '秀水镇', '南娄镇']);
    expect(series[0]?.data).toEqual([null, 4, 1]);
    expect(series[3]?.data).toEqual([-1, 1, 2]);
  });

  it('hides the value labels on a phone and grows with the number of units', () => {
    const o = buildUnitBarOption(rows, undefined, { compact: true });
    const series = o.series as Array<{ label: { show: boolean } }>;
    expect(series.every((s) => !s.label.show)).toBe(true);
    expect(unitBarChartHeight(13)).toBeGreaterThan(unitBarChartHeight(1));
    expect(unitBarChartHeight(0)).toBe(220);
  });
});

describe('buildCumulativeOption', () => {
  const months = [
    { period: '2024-01', entered: 1, exited: 0, net: 1 },
    { period: '2024-03', entered: 3, exited: 1, net: 2 },
    { period: '2023-12', entered: 9, exited: 9, net: 0 },
  ];

  it('puts each month in its slot and leaves months not sent empty', () => {
    expect(monthSeries(months, 2024, 'net')).toEqual([
      1,
      null,
      2,
      null,
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

  it('adds the city target line only when there is one, and no forecast without data', () => {
    const withTarget = buildCumulativeOption({ year: 2024, months, cityTarget: 8 });
    const ids = (withTarget.series as Array<{ id: string }>).map((s) => s.id);
    expect(ids).toEqual(['entered', 'exited', 'net', 'city-target']);
    const without = buildCumulativeOption({ year: 2024, months, cityTarget: null, forecast: [] });
    expect((without.series as Array<{ id: string }>).map((s) => s.id)).toEqual(['entered', 'exited', 'net']);
  });

  it('draws the forecast band as a stacked area from p10 to p90 with the median dashed', () => {
    const forecast = [
      { period: '2024-11', p10: 4, p50: 6, p90: 9 },
      { period: '2024-12', p10: 5, p50: 7, p90: 10 },
    ];
    const f = forecastSeries(forecast, 2024);
    expect(f.p10[10]).toBe(4);
    expect(f.band[11]).toBe(5);
    expect(f.band[0]).toBeNull();
    const o = buildCumulativeOption({ year: 2024, months, cityTarget: 8, forecast });
    const series = o.series as Array<{ id: string; stack?: string; lineStyle?: { type?: unknown } }>;
    expect(series.filter((s) => s.stack === 'forecast').map((s) => s.id)).toEqual([
      'forecast-base',
      'forecast-band',
    ]);
    expect(series.find((s) => s.id === 'forecast-p50')?.lineStyle?.type).toBe('dashed');
    // One legend entry for the band (its two stacked halves share a name).
    // Anchored on the last counted month when it directly precedes the forecast.
    const anchored = buildCumulativeOption({
      year: 2024,
      months: [{ period: '2024-10', entered: 5, exited: 1, net: 4 }],
      cityTarget: 8,
      forecast,
    });
    const p50 = (anchored.series as Array<{ id: string; data: Array<number | null> }>).find(
      (s) => s.id === 'forecast-p50',
    );
    expect(p50?.data.slice(9)).toEqual([4, 6, 7]);
    const legend = (o.legend as { data: string[] }).data;
    expect(legend.filter((n) => n.startsWith('预测区间'))).toHaveLength(1);
  });
});
