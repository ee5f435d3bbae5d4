import { describe, expect, it } from 'vitest';
import {
  isPartialYear,
  monthsOfYear,
  pickRevenueOfRecord,
  revenueOfRecordSource,
  yearCoverageLabel,
} from './revenue-of-record.js';

describe('revenue of record', () => {
  it('statistics first by default, tax where statistics is missing', () => {
    expect(pickRevenueOfRecord(10, 20)).toBe(10);
    expect(pickRevenueOfRecord(null, 20)).toBe(20);
    expect(pickRevenueOfRecord(undefined, undefined)).toBeNull();
    expect(revenueOfRecordSource(null, 20)).toBe('tax');
  });
  it('tax first when configured', () => {
    expect(pickRevenueOfRecord(10, 20, 'tax-first')).toBe(20);
    expect(pickRevenueOfRecord(10, null, 'tax-first')).toBe(10);
    expect(revenueOfRecordSource(10, 20, 'tax-first')).toBe('tax');
    expect(revenueOfRecordSource(null, null, 'tax-first')).toBeNull();
  });
});

describe('partial-year label', () => {
  it('a full year is just the year', () => {
    expect(yearCoverageLabel(2023, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toBe('2023年');
    expect(isPartialYear([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toBe(false);
  });
  it('fewer than twelve months says which and how many', () => {
    expect(yearCoverageLabel(2023, [12, 7, 8, 9, 10, 11])).toBe('2023年（7-12月，6个月）');
    expect(yearCoverageLabel(2023, [1, 2, 3, 5, 6])).toBe('2023年（1-3、5-6月，5个月）');
    expect(yearCoverageLabel(2023, [7, 7])).toBe('2023年（7月，1个月）');
    expect(yearCoverageLabel(2023, [])).toBe('2023年（无数据）');
    expect(isPartialYear([7, 8])).toBe(true);
  });
  it('reads months from periods of that year only', () => {
    expect(monthsOfYear(2023, ['2023-07', '2023-12', '2022-12', 'x'])).toEqual([7, 12]);
  });
});

describe('one module holds the revenue-of-record rule', () => {
  it('exports the priority, the quarters and the labels, and the index exports the same functions', async () => {
    const own = await import('./revenue-of-record.js');
    const index = await import('./index.js');
    for (const name of [
      'pickRevenueOfRecord',
      'revenueOfRecordSource',
      'yearCoverageLabel',
      'revenueOfRecordEntries',
      'cumulativeOfRecord',
      'monthlyModelRow',
      'coveredPeriods',
      'figurePeriodLabel',
      'figurePeriodKey',
      'quarterOfPeriod',
      'quarterEndPeriod',
      'isQuarterEnd',
    ] as const) {
      expect(typeof own[name], name).toBe('function');
      expect(index[name], name).toBe(own[name]);
    }
  });

  it('decides the quarters under the same priority as a single month', async () => {
    const { revenueOfRecordEntries } = await import('./revenue-of-record.js');
    const figures = [
      { period: '2024-01', source: 'statistics', value: 10 },
      { period: '2024-01', source: 'tax', value: 12 },
    ];
    expect(revenueOfRecordEntries(figures, 'tax-first')[0]).toMatchObject({ value: 12, source: 'tax' });
    expect(pickRevenueOfRecord(10, 12, 'tax-first')).toBe(12);
  });
});
