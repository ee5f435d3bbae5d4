import {
  CONVERSION_PARAMS,
  type CountingRule,
  countingBatchOf,
  DEFAULT_COUNTING_RULE,
  defaultDeclarationCalendar,
  type FirmHistory,
} from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import {
  conversionFromHistory,
  type ForecastFirmFacts,
  firmOutlook,
  netQuantile,
  probabilityReachTarget,
  type UnitInputs,
  unitNetDistribution,
  yearTiming,
} from './progress.forecast.js';

const M = 1_000_000;
const flat = (v: number): number[] => Array.from({ length: 12 }, () => v);
const inputs = (knownNet: number, entryPs: number[], exitPs: number[]): UnitInputs => ({
  knownNet,
  entryPs,
  exitPs,
  possibleEntries: entryPs.length,
  possibleExits: exitPs.length,
});

describe('unit aggregation', () => {
  it('a unit whose only candidate is certain and whose target is one above the known net: 1 − floor, still open', () => {
    const p = probabilityReachTarget(inputs(2, [1], []), 3, false)!;
    expect(p).toBeLessThan(1);
    expect(p).toBeCloseTo(1 - CONVERSION_PARAMS.displayFloor, 12);
  });
  it('no possible entry and net below the target: decided, exactly 0', () => {
    expect(probabilityReachTarget(inputs(1, [], []), 3, false)).toBe(0);
  });
  it('met even if every possible exit happened: exactly 1; exits that could undo it keep it open', () => {
    expect(probabilityReachTarget(inputs(3, [], []), 3, false)).toBe(1);
    expect(probabilityReachTarget(inputs(5, [0.3], [0.5]), 3, false)).toBe(1);
    expect(probabilityReachTarget(inputs(3, [], [0.5]), 3, false)).toBeCloseTo(0.5, 12);
    const tiny = probabilityReachTarget(inputs(3, [], [1e-6]), 3, false)!;
    expect(tiny).toBeLessThan(1);
  });
  it('after the cut-off the known net decides, whatever the probabilities say', () => {
    expect(probabilityReachTarget(inputs(3, [0.9], []), 4, true)).toBe(0);
    expect(probabilityReachTarget(inputs(4, [], [0.9]), 4, true)).toBe(1);
  });
  it('no target: null', () => {
    expect(probabilityReachTarget(inputs(0, [0.5], []), null, false)).toBeNull();
  });
  it('combines independent firms exactly, and many tiny exit hazards without losing mass', () => {
    expect(probabilityReachTarget(inputs(0, [0.5, 0.5], []), 1, false)).toBeCloseTo(0.75, 12);
    const d = unitNetDistribution(4, [0.5, 0.5], [1]);
    expect(d.min).toBe(3);
    expect(d.pmf.map((p) => Math.round(p * 100) / 100)).toEqual([0.25, 0.5, 0.25]);
    expect([netQuantile(d, 0.1), netQuantile(d, 0.5), netQuantile(d, 0.9)]).toEqual([3, 4, 5]);
    const many = unitNetDistribution(0, [0.3, 0.6], Array(5000).fill(0.001));
    expect(many.pmf.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
    expect(many.pmf.length).toBeLessThan(60);
    const mean = many.pmf.reduce((s, p, i) => s + p * (many.min + i), 0);
    expect(mean).toBeCloseTo(0.9 - 5, 9);
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
    declaration: null,
  };
  const calendar = defaultDeclarationCalendar(2026);
  const outlook = (
    f: Partial<ForecastFirmFacts>,
    asOf = '2026-11-20',
    rule: CountingRule = DEFAULT_COUNTING_RULE,
    conversion = 0.8,
  ) =>
    firmOutlook(
      { ...base, ...f },
      { timing: yearTiming(2026, asOf, rule), asOf, rule, threshold: 20 * M, calendar, conversion },
    );
  const effective = { basis: 'effective', cutoff: '12-31' } as const;

  it('a below-scale industrial firm: P(reach by November) × the county conversion rate', () => {
    const o = outlook({})!;
    const full = outlook({}, '2026-11-20', DEFAULT_COUNTING_RULE, 1)!;
    expect(o.kind).toBe('entry');
    expect(full.p).toBeGreaterThan(0.05);
    expect(full.p).toBeLessThan(0.95);
    expect(o.p).toBeCloseTo(full.p * 0.8, 12);
    expect(o.ytdMonths).toBe(10);
    expect(o.ytdRevenue).toBeCloseTo(18.2 * M, 2);
    // The November batch's deadline (11-20) is today: both annual batches still open, neither shown before November.
    expect(o.byMonthEnd.slice(0, 10).every((p) => p === 0)).toBe(true);
    expect(o.byMonthEnd[11]).toBe(o.p);
    expect(o.projectedRevenue()).toBeGreaterThan(18.2 * M);
  });
  it('a firm with a declaration already sent to the bureau on the December batch counts with the pass rate', () => {
    const dec = countingBatchOf(calendar, 2026, 'annual', 'dec', DEFAULT_COUNTING_RULE, 2026)!;
    const o = outlook({ declaration: { state: 'submitted', batch: dec } })!;
    expect(o.p).toBe(CONVERSION_PARAMS.stagePass.submitted);
  });
  it('after the last batch that counts, a firm without a declaration cannot enter this year', () => {
    expect(outlook({}, '2026-12-21')).toBeNull();
  });
  it('individual businesses, non-industrial firms, firms already counted and a closed year are not candidates', () => {
    expect(outlook({ legalForm: 'individual' })).toBeNull();
    expect(outlook({ industryCode: '5211' })).toBeNull();
    expect(outlook({ counted: true })).toBeNull();
    expect(outlook({}, '2027-01-05')).toBeNull();
  });
  it('above-scale firms: a small hazard for all, stopped firms and last year’s shortfall much more', () => {
    const ordinary = outlook({ scale: 'above' })!;
    expect(ordinary.kind).toBe('exit');
    expect(ordinary.p).toBeGreaterThan(0);
    expect(ordinary.p).toBeLessThan(0.001);
    const halted: FirmHistory = { ...history, thisYear: [...flat(1.82 * M).slice(0, 7), 0, 0, 0] };
    const stopped = outlook({ scale: 'above', operating: 'stopped', history: halted })!;
    expect(stopped.p).toBeGreaterThan(0.5);
    const eff = outlook({ scale: 'above', operating: 'stopped', history: halted }, '2026-11-20', effective)!;
    expect(eff.p).toBeCloseTo(stopped.p, 12);
    // 2025 ended at 20.4M — no shortfall; at 17M one in early January is a likely exit.
    expect(outlook({ scale: 'above' }, '2026-01-05')!.p).toBeLessThan(0.01);
    const short: FirmHistory = { ...history, pastYears: [flat(2 * M), flat(1.9 * M), flat((1.7 / 1.2) * M)] };
    expect(outlook({ scale: 'above', history: short }, '2026-01-05')!.p).toBeGreaterThan(0.85);
  });
  it('effective basis: annual entries take effect next January; new firms enter monthly, on data through October', () => {
    expect(outlook({}, '2026-11-20', effective)).toBeNull();
    const o = outlook({ isNew: true }, '2026-10-20', effective)!;
    expect(o.kind).toBe('entry');
    expect(o.p).toBe(0); // 18.2M by October: short of the line, and November's figures come too late
    expect(outlook({ isNew: true }, '2026-11-21', effective)).toBeNull();
  });
});

describe('the county conversion rate from its own past years', () => {
  const firm = (id: number, y2: number[], y1: number[]) => ({
    id,
    legalForm: 'enterprise',
    industryCode: '3089',
    isNewIn: () => false,
    history: { pastYears: [flat(1 * M), y2, y1], thisYear: [] },
  });
  it('counts crossings by November and the entries counted in the same year, shrunk toward the prior', () => {
    const firms = [
      firm(1, flat(2 * M), flat(2.5 * M)), // crossed in 2024 (by Nov 22M), entered in 2024
      firm(2, flat(1 * M), flat(1.9 * M)), // crossed in 2025 (by Nov 20.9M), entered only in 2026
      firm(3, flat(1 * M), flat(1.7 * M)), // 20.4M in the year, but only in December: not a crossing
    ];
    const entered = (id: number, y: number) => id === 1 && y === 2024;
    const c = conversionFromHistory(
      firms,
      2026,
      DEFAULT_COUNTING_RULE,
      defaultDeclarationCalendar,
      20 * M,
      entered,
    );
    expect(c.crossed).toBe(2);
    expect(c.entered).toBe(1);
    const P = CONVERSION_PARAMS;
    expect(c.rate).toBeCloseTo(
      (1 + P.conversionPrior * P.conversionPriorWeight) / (2 + P.conversionPriorWeight),
      12,
    );
  });
});
