import { describe, expect, it } from 'vitest';
import { defaultDeclarationCalendar } from './declaration.js';
import {
  CONVERSION_PARAMS,
  countingBatches,
  countingBatchOf,
  countyConversion,
  crossedInYear,
  decidedOutcome,
  entryChance,
  exitChance,
  formatProbabilityPercent,
  priorYearShortfall,
  remainingShare,
  shownProbability,
  shrunkRate,
} from './entry-conversion.js';
import type { CountingRule } from './progress.js';

const approval: CountingRule = { basis: 'approval', cutoff: '12-31' };
const effective: CountingRule = { basis: 'effective', cutoff: '12-31' };
const cal = defaultDeclarationCalendar(2026);
const M = 1_000_000;

describe('batches that can still count in the year', () => {
  it('approval basis: the November and December annual batches, until their deadlines pass', () => {
    expect(
      countingBatches(2026, '2026-06-30', approval, cal, false).map((b) => [b.key, b.dataMonth]),
    ).toEqual([
      ['nov', 10],
      ['dec', 11],
    ]);
    expect(countingBatches(2026, '2026-11-25', approval, cal, false).map((b) => b.key)).toEqual(['dec']);
    expect(countingBatches(2026, '2026-12-21', approval, cal, false)).toEqual([]);
  });

  it('effective basis: annual entries take effect next January, so no annual batch counts this year', () => {
    expect(countingBatches(2026, '2026-06-30', effective, cal, false)).toEqual([]);
  });

  it('effective basis: a new firm’s monthly batches count up to November; December takes effect in January', () => {
    const keys = countingBatches(2026, '2026-06-30', effective, cal, true).map((b) => b.key);
    expect(keys).toContain('2026-11');
    expect(keys).not.toContain('2026-12');
    const dec = countingBatchOf(cal, 2026, 'monthly', '2026-12', effective, 2026)!;
    expect(dec.effectivePeriod).toBe('2027-01');
    expect(dec.countsIn).toBe(2027);
    // On the approval basis the December monthly batch still counts in 2026.
    expect(countingBatchOf(cal, 2026, 'monthly', '2026-12', approval, 2026)!.countsIn).toBe(2026);
  });

  it('a cut-off before the December deadline leaves the December batch to the next year', () => {
    const early: CountingRule = { basis: 'approval', cutoff: '12-15' };
    expect(countingBatches(2026, '2026-06-30', early, cal, false).map((b) => b.key)).toEqual(['nov']);
  });
});

describe('the chance that an entry counts in the year', () => {
  const reach = (byMonth: Record<number, number>) => (m: number) => byMonth[m] ?? 0;
  const base = { year: 2026, rule: approval, conversion: 0.8 };

  it('a firm that crosses only in December does not count under an effective-period rule', () => {
    // New firm: cumulative reaches the line in December only (P = 0 up to November, 1 in December).
    const batches = countingBatches(2026, '2026-06-30', effective, cal, true);
    const c = entryChance({
      ...base,
      rule: effective,
      declaration: null,
      openBatches: batches,
      reachBy: reach({ 12: 1 }),
    });
    expect(c.p).toBe(0);
    // An established firm has no batch at all on that basis.
    const none = entryChance({
      ...base,
      rule: effective,
      declaration: null,
      openBatches: countingBatches(2026, '2026-06-30', effective, cal, false),
      reachBy: () => 1,
    });
    expect(none).toMatchObject({ p: 0, possible: false });
  });

  it('no declaration: P(reach by the last open batch’s data month) × the county’s conversion rate', () => {
    const c = entryChance({
      ...base,
      declaration: null,
      openBatches: countingBatches(2026, '2026-06-30', approval, cal, false),
      reachBy: reach({ 10: 0.5, 11: 0.9 }),
    });
    expect(c.p).toBeCloseTo(0.72, 12);
    expect(c.via).toBe('batch');
    // On the board from November (the November batch) and more in December.
    expect(c.byMonthEnd[9]).toBe(0);
    expect(c.byMonthEnd[10]).toBeCloseTo(0.4, 12);
    expect(c.byMonthEnd[11]).toBeCloseTo(0.72, 12);
  });

  it('a firm with a declaration sent to the bureau on a batch that counts is nearly certain', () => {
    const dec = countingBatchOf(cal, 2026, 'annual', 'dec', approval, 2026)!;
    const c = entryChance({
      ...base,
      declaration: { state: 'submitted', batch: dec },
      openBatches: [],
      reachBy: () => 0.1,
    });
    expect(c.p).toBe(CONVERSION_PARAMS.stagePass.submitted);
    expect(c.via).toBe('declaration');
    // Earlier states also need the revenue to reach the line by the batch's data month.
    const early = entryChance({
      ...base,
      declaration: { state: 'preparing', batch: dec },
      openBatches: [],
      reachBy: () => 0.5,
    });
    expect(early.p).toBeCloseTo((CONVERSION_PARAMS.stagePass.preparing ?? 0) * 0.5, 12);
  });

  it('a firm with an entered declaration on a batch that counts in the year counts', () => {
    const nov = countingBatchOf(cal, 2026, 'annual', 'nov', approval, 2026)!;
    const c = entryChance({
      ...base,
      declaration: { state: 'entered', batch: nov },
      openBatches: [],
      reachBy: () => 0,
    });
    expect(c).toMatchObject({ p: 1, possible: true, via: 'declaration' });
    // On the board from the batch's month (approval basis: November).
    expect(c.byMonthEnd[9]).toBe(0);
    expect(c.byMonthEnd[10]).toBe(1);
  });

  it('a declaration on a batch that counts next year falls back to the batches still open', () => {
    const annual = countingBatchOf(cal, 2026, 'annual', 'nov', effective, 2026)!;
    expect(annual.countsIn).toBe(2027);
    const c = entryChance({
      ...base,
      rule: effective,
      declaration: { state: 'submitted', batch: annual },
      openBatches: countingBatches(2026, '2026-06-30', effective, cal, false),
      reachBy: () => 1,
    });
    expect(c).toMatchObject({ p: 0, possible: false });
  });

  it('no batch left: not possible', () => {
    const c = entryChance({ ...base, declaration: null, openBatches: [], reachBy: () => 1 });
    expect(c).toMatchObject({ p: 0, possible: false });
  });
});

describe('exits', () => {
  const base = {
    year: 2026,
    rule: approval,
    stopped: false,
    pBelowYearEnd: () => 0,
    priorYearShortfall: false,
  };
  it('an ordinary above-scale firm keeps a small hazard that shrinks to 0 at the cut-off', () => {
    const jan = exitChance({ ...base, asOf: '2026-01-01' });
    expect(jan).toBeGreaterThan(0);
    expect(jan).toBeLessThanOrEqual(CONVERSION_PARAMS.otherExitPerYear);
    expect(exitChance({ ...base, asOf: '2026-07-01' })).toBeLessThan(jan);
    expect(exitChance({ ...base, asOf: '2026-12-31' })).toBe(0);
    expect(remainingShare(2026, '2026-12-31', approval)).toBe(0);
  });
  it('last year’s shortfall not yet taken out and a stopped firm are likely exits', () => {
    expect(exitChance({ ...base, asOf: '2026-01-05', priorYearShortfall: true })).toBeGreaterThan(0.9);
    // Still in the directory in November: the January approvals passed it by; less likely now.
    expect(exitChance({ ...base, asOf: '2026-11-15', priorYearShortfall: true })).toBeLessThan(0.2);
    expect(
      exitChance({ ...base, asOf: '2026-06-30', stopped: true, pBelowYearEnd: () => 0.6 }),
    ).toBeGreaterThan(0.6);
  });
  it('prior-year shortfall needs a full year of figures below the line', () => {
    expect(priorYearShortfall(Array(12).fill(1.5 * M), 20 * M)).toBe(true);
    expect(priorYearShortfall(Array(12).fill(2 * M), 20 * M)).toBe(false);
    expect(priorYearShortfall([...Array(11).fill(1 * M), null], 20 * M)).toBe(false);
  });
});

describe('the county’s conversion rate', () => {
  it('shrinks a small history toward the prior and follows a long one', () => {
    const P = CONVERSION_PARAMS;
    expect(countyConversion([]).rate).toBeCloseTo(P.conversionPrior, 12);
    const small = countyConversion([{ crossed: 2, entered: 0 }]).rate;
    expect(small).toBeLessThan(P.conversionPrior);
    expect(small).toBeGreaterThan(0.4);
    expect(countyConversion([{ crossed: 400, entered: 200 }]).rate).toBeCloseTo(0.5, 1);
    expect(shrunkRate(3, 4, 0.5, 0)).toBe(0.75);
    expect(() => shrunkRate(5, 4, 0.5, 1)).toThrow(RangeError);
  });
  it('a crossing: the year before below the line, the line reached by the last batch’s data month', () => {
    const below = Array(12).fill(1.5 * M);
    expect(crossedInYear(below, Array(12).fill(2 * M), 11, 20 * M)).toBe(true);
    expect(crossedInYear(below, Array(12).fill(1.75 * M), 11, 20 * M)).toBe(false); // only in December
    expect(crossedInYear(Array(12).fill(2 * M), Array(12).fill(2 * M), 11, 20 * M)).toBe(false);
  });
});

describe('open or decided, and what is shown', () => {
  it('stays strictly inside (0, 1) while the outcome is open', () => {
    for (const p of [0, 1e-12, 0.0004, 0.5, 0.9996, 1 - 1e-12, 1]) {
      const s = shownProbability(p, null);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
      expect(s.toFixed(3)).not.toBe('1.000');
      expect(s.toFixed(3)).not.toBe('0.000');
      expect(formatProbabilityPercent(s)).not.toMatch(/^(0|100)%$/);
    }
    expect(shownProbability(0.42, null)).toBe(0.42);
  });
  it('shows the exact outcome once decided', () => {
    const x = { closed: false, knownNet: 4, target: 8, possibleEntries: 10, possibleExits: 30 };
    expect(decidedOutcome(x)).toBeNull();
    expect(decidedOutcome({ ...x, closed: true })).toBe(0);
    expect(decidedOutcome({ ...x, closed: true, knownNet: 8 })).toBe(1);
    expect(decidedOutcome({ ...x, possibleEntries: 3 })).toBe(0);
    expect(decidedOutcome({ ...x, knownNet: 40 })).toBe(1);
    // Met today, but exits can still undo it: open.
    expect(decidedOutcome({ ...x, knownNet: 9 })).toBeNull();
    expect(shownProbability(0.3, 1)).toBe(1);
    expect(formatProbabilityPercent(1)).toBe('100%');
  });
});

describe('a crossing needs a known year before', () => {
  it('leaves out a firm whose year before has no figures, unless it is new', () => {
    const none = Array(12).fill(null);
    expect(crossedInYear(none, Array(12).fill(2 * M), 11, 20 * M)).toBe(false);
    expect(crossedInYear(none, Array(12).fill(2 * M), 11, 20 * M, true)).toBe(true);
  });
});
