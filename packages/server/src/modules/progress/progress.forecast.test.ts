import { DEFAULT_BATCH_CALENDAR, DEFAULT_COUNTING_RULE, type FirmHistory } from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import {
  type ForecastFirmFacts,
  firmOutlook,
  netQuantile,
  probabilityReachTarget,
  unitNetDistribution,
  yearTiming,
} from './progress.forecast.js';

const M = 1_000_000;
const flat = (v: number): number[] => Array.from({ length: 12 }, () => v);

describe('unit aggregation', () => {
  it('a unit whose only candidate is certain and whose target is one above the known net reaches it', () => {
    expect(probabilityReachTarget(2, [1], [], 3)).toBe(1);
  });
  it('no candidates and net below the target: 0', () => {
    expect(probabilityReachTarget(1, [], [], 3)).toBe(0);
  });
  it('target already met: 1, whatever the remaining exits could do only when they cannot undo it', () => {
    expect(probabilityReachTarget(3, [], [], 3)).toBe(1);
    expect(probabilityReachTarget(5, [0.3], [0.5], 3)).toBe(1);
    expect(probabilityReachTarget(3, [], [0.5], 3)).toBeCloseTo(0.5, 12);
  });
  it('no target: null', () => {
    expect(probabilityReachTarget(0, [0.5], [], null)).toBeNull();
  });
  it('combines independent firms exactly', () => {
    // Two entries at 0.5, target known + 1: P(at least one) = 0.75.
    expect(probabilityReachTarget(0, [0.5, 0.5], [], 1)).toBeCloseTo(0.75, 12);
    const d = unitNetDistribution(4, [0.5, 0.5], [1]);
    expect(d.min).toBe(3);
    expect(d.pmf.map((p) => Math.round(p * 100) / 100)).toEqual([0.25, 0.5, 0.25]);
    expect([netQuantile(d, 0.1), netQuantile(d, 0.5), netQuantile(d, 0.9)]).toEqual([3, 4, 5]);
  });
});

describe('which firms can still move the year', () => {
  const history: FirmHistory = {
    pastYears: [flat(1.5 * M), flat(1.6 * M), flat(1.7 * M)],
    thisYear: flat(1.82 * M).slice(0, 10),
  };
  const base: ForecastFirmFacts = {
    id: 1,
    legalForm: 'enterprise',
    industryCode: '3089',
    scale: 'below',
    isNew: false,
    operating: 'normal',
    counted: false,
    history,
  };
  const timing = (asOf: string, rule = DEFAULT_COUNTING_RULE) => yearTiming(2026, asOf, rule);
  const outlook = (f: Partial<ForecastFirmFacts>, asOf = '2026-11-20', rule = DEFAULT_COUNTING_RULE) =>
    firmOutlook({ ...base, ...f }, timing(asOf, rule), rule, 20 * M, DEFAULT_BATCH_CALENDAR);

  it('a below-scale industrial firm is an entry candidate with P(reach by November)', () => {
    const o = outlook({})!;
    expect(o.kind).toBe('entry');
    expect(o.p).toBeGreaterThan(0.05);
    expect(o.p).toBeLessThan(0.95);
    expect(o.ytdMonths).toBe(10);
    expect(o.ytdRevenue).toBeCloseTo(18.2 * M, 2);
    // Annual batches only (November, December): on no board before November's end.
    expect(o.byMonthEnd.slice(0, 10).every((p) => p === 0)).toBe(true);
    expect(o.byMonthEnd[11]).toBe(o.p);
  });
  it('individual businesses, non-industrial firms, firms already counted and a closed year are not', () => {
    expect(outlook({ legalForm: 'individual' })).toBeNull();
    expect(outlook({ industryCode: '5211' })).toBeNull();
    expect(outlook({ counted: true })).toBeNull();
    expect(outlook({}, '2027-01-05')).toBeNull();
  });
  it('only stopped above-scale firms may still exit, on either basis', () => {
    const effective = { basis: 'effective', cutoff: '12-31' } as const;
    expect(outlook({ scale: 'above' })).toBeNull();
    expect(outlook({ scale: 'above' }, '2026-11-20', effective)).toBeNull();
    const halted: FirmHistory = { ...history, thisYear: [...flat(1.82 * M).slice(0, 7), 0, 0, 0] };
    const stopped = outlook({ scale: 'above', operating: 'stopped', history: halted })!;
    expect(stopped.kind).toBe('exit');
    expect(stopped.p).toBeGreaterThan(0.5);
    const eff = outlook({ scale: 'above', operating: 'stopped', history: halted }, '2026-11-20', effective)!;
    expect(eff.p).toBeCloseTo(stopped.p, 12);
  });
  it('effective basis: annual entries take effect next January; new firms enter monthly, on data through October', () => {
    const effective = { basis: 'effective', cutoff: '12-31' } as const;
    expect(outlook({}, '2026-11-20', effective)).toBeNull();
    const o = outlook({ isNew: true }, '2026-10-20', effective)!;
    expect(o.kind).toBe('entry');
    expect(o.p).toBe(0); // 18.2M by October: short of the line, and November's figures come too late
    expect(outlook({ isNew: true }, '2026-11-20', effective)!.p).toBe(0);
  });
});
