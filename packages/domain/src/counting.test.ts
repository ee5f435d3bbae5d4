import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CountableEvent,
  countingRuleSchema,
  countingYear,
  countNetIncrease,
  countsAsOf,
  type FirmUnits,
  rankUnits,
  remainingOf,
} from './counting.js';
import { type CountingRule, DEFAULT_COUNTING_RULE } from './progress.js';

const annualDec: CountableEvent = {
  enterpriseId: 1,
  type: 'entry',
  approvalDate: '2023-12-20',
  effectivePeriod: '2024-01',
};

describe('countingYear', () => {
  it.each([
    ['approval basis: a December approval counts in its own year', DEFAULT_COUNTING_RULE, annualDec, 2023],
    [
      'effective basis: the same entry counts in the year it takes effect',
      { basis: 'effective', cutoff: '12-31' },
      annualDec,
      2024,
    ],
    [
      'approval after an 11-30 cut-off counts next year',
      { basis: 'approval', cutoff: '11-30' },
      annualDec,
      2024,
    ],
    ['approval on the cut-off day counts this year', { basis: 'approval', cutoff: '12-20' }, annualDec, 2023],
    [
      'effective December after an 11-30 cut-off counts next year',
      { basis: 'effective', cutoff: '11-30' },
      { ...annualDec, effectivePeriod: '2024-12' },
      2025,
    ],
  ] as [string, CountingRule, CountableEvent, number][])('%s', (_n, rule, event, year) => {
    expect(countingYear(event, rule)).toBe(year);
  });
});

describe('countsAsOf', () => {
  const monthly: CountableEvent = {
    enterpriseId: 2,
    type: 'entry',
    approvalDate: '2024-05-20',
    effectivePeriod: '2024-06',
  };
  it('needs the approval by the day', () => {
    expect(countsAsOf(monthly, '2024-05-19', DEFAULT_COUNTING_RULE)).toBe(false);
    expect(countsAsOf(monthly, '2024-05-20', DEFAULT_COUNTING_RULE)).toBe(true);
  });
  it('under the effective basis also needs the effective period to have begun', () => {
    const rule: CountingRule = { basis: 'effective', cutoff: '12-31' };
    expect(countsAsOf(monthly, '2024-05-31', rule)).toBe(false);
    expect(countsAsOf(monthly, '2024-06-01', rule)).toBe(true);
  });
});

describe('countingRuleSchema', () => {
  it.each(['12-31', '11-30', '01-31'])('accepts %s', (cutoff) => {
    expect(countingRuleSchema.safeParse({ basis: 'approval', cutoff }).success).toBe(true);
  });
  it.each(['02-29', '13-01', '12-32', '1231'])('refuses %s', (cutoff) => {
    expect(countingRuleSchema.safeParse({ basis: 'approval', cutoff }).success).toBe(false);
  });
});

describe('countNetIncrease', () => {
  const firms = new Map<number, FirmUnits>([
    [1, { townshipId: 10, supervisingUnitId: 20 }],
    [2, { townshipId: 10, supervisingUnitId: 21 }],
    [3, { townshipId: 11, supervisingUnitId: 21 }],
  ]);
  const events: CountableEvent[] = [
    { enterpriseId: 1, type: 'entry', approvalDate: '2024-01-15', effectivePeriod: '2024-01' },
    { enterpriseId: 2, type: 'entry', approvalDate: '2024-03-20', effectivePeriod: '2024-04' },
    { enterpriseId: 2, type: 'exit', approvalDate: '2024-09-10', effectivePeriod: '2024-10' },
    { enterpriseId: 3, type: 'exit', approvalDate: '2024-01-10', effectivePeriod: '2024-01' },
  ];
  it('nets a firm that entered and left in the same year to nothing', () => {
    const r = countNetIncrease(events, firms, 2024, '2024-12-31', DEFAULT_COUNTING_RULE);
    expect(r.county).toEqual({ entered: 1, exited: 1, net: 0 });
    expect(r.territorial.get(10)).toEqual({ entered: 1, exited: 0, net: 1 });
    expect(r.territorial.get(11)).toEqual({ entered: 0, exited: 1, net: -1 });
    expect(r.supervising.get(21)).toEqual({ entered: 0, exited: 1, net: -1 });
    expect([...r.firms.keys()].sort()).toEqual([1, 3]);
  });
  it('as of an earlier day, the later exit is not on the board yet', () => {
    const r = countNetIncrease(events, firms, 2024, '2024-06-30', DEFAULT_COUNTING_RULE);
    expect(r.county).toEqual({ entered: 2, exited: 1, net: 1 });
  });
});

describe('countNetIncrease properties', () => {
  const rules = fc.record({
    basis: fc.constantFrom('approval' as const, 'effective' as const),
    cutoff: fc.constantFrom('12-31', '11-30', '01-31', '06-30'),
  });
  const day = fc
    .integer({ min: 0, max: 3 * 365 })
    .map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000));
  // Per firm an alternating history (entry, exit, entry, …) starting either side, as the rules enforce.
  const firmHistory = fc.record({
    townshipId: fc.integer({ min: 1, max: 4 }),
    supervisingUnitId: fc.integer({ min: 11, max: 13 }),
    startsAbove: fc.boolean(),
    days: fc.uniqueArray(day, { maxLength: 5, selector: (d) => d.getTime() }),
    lagMonths: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
  });
  const world = fc.record({
    firms: fc.array(firmHistory, { maxLength: 25 }),
    rule: rules,
    year: fc.constantFrom(2023, 2024, 2025),
    asOf: day.map((d) => d.toISOString().slice(0, 10)),
  });

  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
  function build(w: World) {
    const firms = new Map<number, FirmUnits>();
    const events: CountableEvent[] = [];
    w.firms.forEach((f, i) => {
      const id = i + 1;
      firms.set(id, { townshipId: f.townshipId, supervisingUnitId: f.supervisingUnitId });
      const days = [...f.days].sort((a, b) => a.getTime() - b.getTime());
      // Effective periods follow the events' order, as the recording rule enforces (checkDirectoryEvent).
      let lastEff = 0;
      days.forEach((d, k) => {
        const lagged = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (f.lagMonths[k] ?? 0), 1);
        lastEff = Math.max(lastEff, lagged);
        const eff = new Date(lastEff);
        events.push({
          enterpriseId: id,
          type: (k % 2 === 0) !== f.startsAbove ? 'entry' : 'exit',
          approvalDate: d.toISOString().slice(0, 10),
          effectivePeriod: eff.toISOString().slice(0, 7),
        });
      });
    });
    return { firms, events };
  }

  it('each dimension adds up to the county, and no firm counts twice within a view', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { firms, events } = build(w);
        const r = countNetIncrease(events, firms, w.year, w.asOf, w.rule);
        for (const dim of [r.territorial, r.supervising]) {
          const sum = { entered: 0, exited: 0, net: 0 };
          for (const f of dim.values()) {
            sum.entered += f.entered;
            sum.exited += f.exited;
            sum.net += f.net;
            expect(f.net).toBe(f.entered - f.exited);
          }
          expect(sum).toEqual(r.county);
        }
        expect(r.county.net).toBe(r.county.entered - r.county.exited);
        // A firm is one entered or one exited firm, at most: the county counts = the counted firms.
        expect(r.county.entered + r.county.exited).toBe(r.firms.size);
        expect(r.firms.size).toBeLessThanOrEqual(firms.size);
      }),
      { numRuns: 300 },
    );
  });

  it('a firm with an alternating history never moves the net by more than one', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { firms, events } = build(w);
        const r = countNetIncrease(events, firms, w.year, w.asOf, w.rule);
        for (const [id, sign] of r.firms) {
          const own = events.filter(
            (e) =>
              e.enterpriseId === id && countingYear(e, w.rule) === w.year && countsAsOf(e, w.asOf, w.rule),
          );
          const n = own.reduce((s, e) => s + (e.type === 'entry' ? 1 : -1), 0);
          expect(n).toBe(sign);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moving the as-of day later never un-approves an event under the approval basis', () => {
    fc.assert(
      fc.property(world, day, (w, later) => {
        const { events } = build(w);
        const asOf2 = later.toISOString().slice(0, 10);
        const [a, b] = asOf2 >= w.asOf ? [w.asOf, asOf2] : [asOf2, w.asOf];
        for (const e of events) if (countsAsOf(e, a, w.rule)) expect(countsAsOf(e, b, w.rule)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('rankUnits', () => {
  it('ranks by net, breaks ties by completion rate, and shares equal ranks', () => {
    const rows = [
      { net: 2, target: 4 }, // 50%
      { net: 2, target: 1 }, // 200%
      { net: 3, target: 4 },
      { net: 1, target: 1 },
      { net: 1, target: 1 },
      { net: 0, target: null },
      { net: 0, target: 1 },
    ];
    expect(rankUnits(rows)).toEqual([3, 2, 1, 4, 4, 7, 6]);
  });
  it('remaining never goes below zero', () => {
    expect(remainingOf(4, 1)).toBe(3);
    expect(remainingOf(1, 3)).toBe(0);
    expect(remainingOf(null, 3)).toBe(null);
  });
});
