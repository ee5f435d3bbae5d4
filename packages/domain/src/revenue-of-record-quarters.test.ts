import { describe, expect, it } from 'vitest';
import { runDeclarationChecks } from './declaration.js';
import {
  coveredPeriods,
  cumulativeOfRecord,
  figurePeriodKey,
  figurePeriodLabel,
  monthlyModelRow,
  revenueOfRecordEntries,
} from './revenue-of-record.js';

const stat = (period: string, value: number, months: 1 | 3 = 1) => ({
  period,
  source: 'statistics',
  value,
  months,
});
const tax = (period: string, value: number, months: 1 | 3 = 1) => ({ period, source: 'tax', value, months });

describe('periods of figures', () => {
  it('names a quarter by its last month', () => {
    expect(figurePeriodLabel('2024-03', 3)).toBe('2024年第1季度');
    expect(figurePeriodLabel('2024-12', 3)).toBe('2024年第4季度');
    expect(figurePeriodLabel('2024-03')).toBe('2024年3月');
    expect(figurePeriodKey('2024-06', 3)).toBe('2024Q2');
    expect(coveredPeriods('2024-06', 3)).toEqual(['2024-04', '2024-05', '2024-06']);
  });
});

describe('revenue of record over months and quarters', () => {
  it('takes a quarterly tax return as a quarter when statistics have no figures', () => {
    const e = revenueOfRecordEntries([tax('2024-03', 900, 3), tax('2024-04', 100)]);
    expect(e).toEqual([
      { period: '2024-03', months: 3, value: 900, source: 'tax' },
      { period: '2024-04', months: 1, value: 100, source: 'tax' },
    ]);
  });

  it('prefers three statistics months to a tax quarter, and a tax quarter to incomplete statistics', () => {
    const complete = revenueOfRecordEntries([
      stat('2024-01', 100),
      stat('2024-02', 200),
      stat('2024-03', 300),
      tax('2024-03', 999, 3),
    ]);
    expect(complete.map((x) => [x.period, x.value, x.source])).toEqual([
      ['2024-01', 100, 'statistics'],
      ['2024-02', 200, 'statistics'],
      ['2024-03', 300, 'statistics'],
    ]);
    // Statistics for March alone must not hide January and February of the tax quarter, nor add to it.
    const partial = revenueOfRecordEntries([stat('2024-03', 300), tax('2024-03', 999, 3)]);
    expect(partial).toEqual([{ period: '2024-03', months: 3, value: 999, source: 'tax' }]);
    // Tax first: the quarter wins over the statistics months, never both.
    const taxFirst = revenueOfRecordEntries(
      [stat('2024-01', 100), stat('2024-02', 200), stat('2024-03', 300), tax('2024-03', 999, 3)],
      'tax-first',
    );
    expect(taxFirst.reduce((s, x) => s + x.value, 0)).toBe(999);
  });

  it('counts a quarter in cumulative revenue only once it has ended, and always in its year', () => {
    const e = revenueOfRecordEntries([tax('2024-03', 900, 3), tax('2024-06', 1200, 3), tax('2024-07', 50)]);
    expect(cumulativeOfRecord(e, 2024, 2)).toBeNull();
    expect(cumulativeOfRecord(e, 2024, 3)).toEqual({ value: 900, months: 3 });
    expect(cumulativeOfRecord(e, 2024, 5)).toEqual({ value: 900, months: 3 });
    expect(cumulativeOfRecord(e, 2024)).toEqual({ value: 2150, months: 7 });
    expect(cumulativeOfRecord(e, 2023)).toBeNull();
  });

  it('gives the monthly model a quarter as three equal months, the total unchanged', () => {
    const row = monthlyModelRow(revenueOfRecordEntries([tax('2024-03', 900, 3), tax('2024-04', 10)]), 2024);
    expect(row.slice(0, 5)).toEqual([300, 300, 300, 10, null]);
  });
});

describe('declaration checks with a quarterly return', () => {
  const base = {
    mode: 'monthly' as const,
    productionStartedOn: null,
    thresholdYuan: 20_000_000,
    tolerance: 0.1,
  };
  const months = [
    { period: '2024-03', tax: 21_000_000, statistics: null, taxMonths: 3 as const },
    { period: '2024-04', tax: 1_000_000, statistics: 1_000_000 },
  ];
  it('counts the quarter to March and later, not to February', () => {
    const feb = runDeclarationChecks({ ...base, dataMonth: '2024-02', months });
    expect(feb.find((c) => c.key === 'cumulative')).toMatchObject({ ok: false });
    const mar = runDeclarationChecks({ ...base, dataMonth: '2024-03', months });
    expect(mar.find((c) => c.key === 'cumulative')).toMatchObject({ ok: true });
    expect(mar.find((c) => c.key === 'cumulative')?.message).toMatch(/2,100万元（3个月有数据）/);
  });
  it('compares a tax quarter with the three statistics months', () => {
    const checks = runDeclarationChecks({
      ...base,
      dataMonth: '2024-03',
      months: [
        { period: '2024-01', tax: null, statistics: 1_000_000 },
        { period: '2024-02', tax: null, statistics: 1_000_000 },
        { period: '2024-03', tax: 4_000_000, statistics: 1_000_000, taxMonths: 3 },
      ],
    });
    const agreement = checks.find((c) => c.key === 'agreement');
    expect(agreement?.ok).toBe(false);
    expect(agreement?.message).toMatch(/2024Q1 统计300万元、税务400万元/);
  });
});
