import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  erf,
  type FirmHistory,
  fitFirm,
  netDistribution,
  normalCdf,
  normalQuantile,
  probabilityAtLeast,
  probabilityBelowAtYearEnd,
  probabilityReachByMonth,
  projectYear,
  reachProbability,
} from './forecast.js';

const LINE = 20_000_000;
const months = (v: number, n: number): number[] => Array.from({ length: n }, () => v);
/** A deterministic wobble of ±3 % so a "steady" firm still has some (low) volatility. */
const wobbly = (v: number, n: number, phase = 0): number[] =>
  Array.from({ length: n }, (_, i) => v * (1 + 0.03 * Math.sin(1.7 * (i + phase))));
const steady: FirmHistory = { pastYears: [wobbly(2e6, 12), wobbly(2e6, 12, 5)], thisYear: wobbly(2e6, 3, 2) };

// Histories with gaps (null), stopped months (0), new firms (no past years) and up to three past years.
const amount = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.double({ min: 1e4, max: 6e6, noNaN: true }) },
);
const cell = fc.option(amount, { nil: null, freq: 8 });
const history: fc.Arbitrary<FirmHistory> = fc.record({
  pastYears: fc.array(fc.array(cell, { minLength: 12, maxLength: 12 }), { maxLength: 3 }),
  thisYear: fc.array(cell, { maxLength: 12 }),
});
const threshold = fc.double({ min: 0, max: 8e7, noNaN: true });
const month = fc.integer({ min: 1, max: 12 });

describe('the normal distribution', () => {
  it.each([
    [0, 0],
    [0.5, 0.5204998778],
    [1, 0.8427007929],
    [2, 0.995322265],
    [-1, -0.8427007929],
    [3.5, 0.9999992569],
  ])('erf(%d) = %d', (x, want) => {
    expect(Math.abs(erf(x) - want)).toBeLessThan(2e-7);
  });

  it.each([
    [0, 0.5],
    [1.959963985, 0.975],
    [-1.644853627, 0.05],
    [Number.POSITIVE_INFINITY, 1],
    [Number.NEGATIVE_INFINITY, 0],
  ])('Φ(%d) = %d', (z, want) => {
    expect(Math.abs(normalCdf(z) - want)).toBeLessThan(2e-7);
  });

  it('the quantile inverts the CDF', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(3e-7);
      }),
    );
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('probabilityReachByMonth', () => {
  it('a steady 2M/month firm with low volatility reaches 20M by December, not by June', () => {
    expect(probabilityReachByMonth(steady, LINE, 12)).toBeGreaterThan(0.97);
    expect(probabilityReachByMonth(steady, LINE, 6)).toBeLessThan(1e-6);
    // 20M is exactly ten months of 2M: October is a coin toss, November nearly sure.
    expect(probabilityReachByMonth(steady, LINE, 10)).toBeGreaterThan(0.2);
    expect(probabilityReachByMonth(steady, LINE, 10)).toBeLessThan(0.8);
    expect(probabilityReachByMonth(steady, LINE, 11)).toBeGreaterThan(0.85);
  });

  it.each<[string, FirmHistory, number, number, number]>([
    ['already past the line in the months counted', { pastYears: [], thisYear: [15e6, 6e6] }, LINE, 2, 1],
    ['past the line, later cut-off', { pastYears: [months(1e6, 12)], thisYear: [25e6] }, LINE, 12, 1],
    ['exactly on the line', { pastYears: [], thisYear: [10e6, 10e6] }, LINE, 2, 1],
    ['a zero threshold is reached by anyone', { pastYears: [], thisYear: [] }, 0, 1, 1],
    ['no data at all: nothing is expected', { pastYears: [], thisYear: [] }, LINE, 12, 0],
    [
      'only missing months',
      { pastYears: [months(0, 12).map(() => null)], thisYear: [null, null] },
      LINE,
      12,
      0,
    ],
    ['the cut-off has passed short of the line', { pastYears: [], thisYear: [1e6, 1e6, 1e6] }, LINE, 3, 0],
    ['a tiny firm cannot reach 20M', { pastYears: [months(1e5, 12)], thisYear: months(1e5, 6) }, LINE, 12, 0],
    ['a large firm cannot miss it', { pastYears: [months(1e7, 12)], thisYear: [1e7] }, LINE, 12, 1],
  ])('%s', (_, h, t, by, want) => {
    expect(probabilityReachByMonth(h, t, by)).toBeCloseTo(want, 6);
  });

  it('probabilities lie in [0, 1]', () => {
    fc.assert(
      fc.property(history, threshold, month, (h, t, by) => {
        const p = probabilityReachByMonth(h, t, by);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        const q = probabilityBelowAtYearEnd(h, t);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('a higher threshold never raises the probability', () => {
    fc.assert(
      fc.property(history, threshold, threshold, month, (h, t1, t2, by) => {
        const model = fitFirm(h);
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(reachProbability(model, hi, by)).toBeLessThanOrEqual(reachProbability(model, lo, by) + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('a later cut-off never lowers the probability', () => {
    fc.assert(
      fc.property(history, threshold, month, month, (h, t, b1, b2) => {
        const model = fitFirm(h);
        const [early, late] = b1 <= b2 ? [b1, b2] : [b2, b1];
        expect(reachProbability(model, t, late)).toBeGreaterThanOrEqual(
          reachProbability(model, t, early) - 1e-12,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a firm already past the threshold gets 1 whatever else it looks like', () => {
    fc.assert(
      fc.property(history, month, (h, by) => {
        const counted = h.thisYear.slice(0, by).reduce<number>((s, x) => s + (x ?? 0), 0);
        fc.pre(counted > 0);
        expect(probabilityReachByMonth(h, counted, by)).toBe(1);
        expect(probabilityReachByMonth(h, counted * 0.5, by)).toBe(1);
      }),
    );
  });

  it('is the complement of probabilityBelowAtYearEnd at December', () => {
    fc.assert(
      fc.property(history, threshold, (h, t) => {
        expect(probabilityBelowAtYearEnd(h, t)).toBeCloseTo(1 - probabilityReachByMonth(h, t, 12), 12);
      }),
    );
  });

  it('follows the pace: the same year-to-date figures are more promising after a stronger history', () => {
    const thisYear = wobbly(1.6e6, 4);
    const weak = probabilityReachByMonth({ pastYears: [wobbly(1.2e6, 12)], thisYear }, LINE, 12);
    const strong = probabilityReachByMonth({ pastYears: [wobbly(2.2e6, 12)], thisYear }, LINE, 12);
    expect(strong).toBeGreaterThan(weak);
  });

  it('uses the firm’s seasonality: a weak first quarter means less for a seasonal business', () => {
    // Ready-mixed concrete: little in winter, most from April to October.
    const season = [0.3, 0.25, 0.85, 1.2, 1.3, 1.3, 1.2, 1.2, 1.3, 1.3, 1.05, 0.55];
    const seasonal = season.map((s) => s * 1.6e6);
    const thisYear = seasonal.slice(0, 3);
    const withSeason = probabilityReachByMonth({ pastYears: [seasonal, seasonal], thisYear }, LINE, 12);
    const flat = probabilityReachByMonth(
      { pastYears: [months(1.6e6, 12), months(1.6e6, 12)], thisYear },
      LINE,
      12,
    );
    expect(withSeason).toBeGreaterThan(flat);
  });

  it('stopped production (zero recent months) lowers the outlook', () => {
    const pastYears = [wobbly(2e6, 12), wobbly(2e6, 12, 3)];
    const running = probabilityReachByMonth({ pastYears, thisYear: wobbly(2e6, 6) }, LINE, 12);
    const stopped = probabilityReachByMonth({ pastYears, thisYear: [...wobbly(2e6, 4), 0, 0] }, LINE, 12);
    expect(stopped).toBeLessThan(running);
    expect(fitFirm({ pastYears, thisYear: [...wobbly(2e6, 4), 0, 0] }).stoppedMonths).toBe(2);
    const run = projectYear({ pastYears, thisYear: wobbly(2e6, 6) });
    const stop = projectYear({ pastYears, thisYear: [...wobbly(2e6, 4), 0, 0] });
    expect(stop.expected).toBeLessThan(run.expected);
  });

  it('refuses malformed input', () => {
    expect(() => probabilityReachByMonth(steady, LINE, 0)).toThrow(RangeError);
    expect(() => probabilityReachByMonth(steady, LINE, 13)).toThrow(RangeError);
    expect(() => probabilityReachByMonth(steady, LINE, 2.5)).toThrow(RangeError);
    expect(() => probabilityReachByMonth(steady, Number.NaN, 12)).toThrow(RangeError);
    expect(() => probabilityReachByMonth({ pastYears: [[1, 2]], thisYear: [] }, LINE, 12)).toThrow(
      RangeError,
    );
    expect(() => probabilityReachByMonth({ pastYears: [], thisYear: months(1, 13) }, LINE, 12)).toThrow(
      RangeError,
    );
    expect(() => probabilityReachByMonth({ pastYears: [], thisYear: [Number.NaN] }, LINE, 12)).toThrow(
      RangeError,
    );
  });
});

describe('projectYear', () => {
  it('a finished year is what it is', () => {
    const thisYear = wobbly(1.5e6, 12);
    const total = thisYear.reduce((s, x) => s + x, 0);
    expect(projectYear({ pastYears: [], thisYear })).toEqual({ expected: total, low: total, high: total });
  });

  it('a steady firm is projected near its run-rate, with a tight interval', () => {
    const p = projectYear(steady);
    expect(p.expected).toBeGreaterThan(23e6);
    expect(p.expected).toBeLessThan(25e6);
    expect(p.low).toBeLessThan(p.expected);
    expect(p.high).toBeGreaterThan(p.expected);
    expect((p.high - p.low) / p.expected).toBeLessThan(0.2);
  });

  it('a new firm with little history gets a wider interval than an established one', () => {
    const established = projectYear({
      pastYears: [wobbly(2e6, 12), wobbly(2e6, 12, 4)],
      thisYear: wobbly(2e6, 2),
    });
    const young = projectYear({ pastYears: [], thisYear: wobbly(2e6, 2) });
    expect((young.high - young.low) / young.expected).toBeGreaterThan(
      (established.high - established.low) / established.expected,
    );
  });

  it('low ≤ expected-ish ≤ high and never below what is already booked', () => {
    fc.assert(
      fc.property(history, (h) => {
        const p = projectYear(h);
        const booked = h.thisYear.reduce<number>((s, x) => s + (x ?? 0), 0);
        expect(p.low).toBeLessThanOrEqual(p.high * (1 + 1e-9) + 1e-6);
        expect(p.low).toBeGreaterThanOrEqual(booked - 1e-6);
        expect(p.expected).toBeGreaterThanOrEqual(booked - 1e-6);
        expect(Number.isFinite(p.expected) && Number.isFinite(p.low) && Number.isFinite(p.high)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** P(net = k) by enumerating every outcome of every event. */
function bruteForce(entryPs: number[], exitPs: number[]): Map<number, number> {
  const all = [...entryPs.map((p) => ({ p, d: 1 })), ...exitPs.map((p) => ({ p, d: -1 }))];
  const out = new Map<number, number>();
  for (let mask = 0; mask < 1 << all.length; mask++) {
    let prob = 1;
    let net = 0;
    all.forEach((e, i) => {
      const happens = (mask >> i) & 1;
      prob *= happens ? e.p : 1 - e.p;
      if (happens) net += e.d;
    });
    out.set(net, (out.get(net) ?? 0) + prob);
  }
  return out;
}

describe('netDistribution', () => {
  const ps = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

  it('sums to 1 and spans −exits … +entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }),
        (entries, exits) => {
          const d = netDistribution(entries, exits);
          expect(d.min).toBe(0 - exits.length);
          expect(d.pmf).toHaveLength(entries.length + exits.length + 1);
          expect(d.pmf.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
          for (const p of d.pmf) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('matches brute force for small inputs', () => {
    fc.assert(
      fc.property(ps, ps, (entries, exits) => {
        const d = netDistribution(entries, exits);
        const want = bruteForce(entries, exits);
        d.pmf.forEach((p, i) => {
          expect(p).toBeCloseTo(want.get(d.min + i) ?? 0, 12);
        });
      }),
    );
  });

  it.each<[number[], number[], number, number[]]>([
    [[], [], 0, [1]],
    [[1, 1], [], 0, [0, 0, 1]],
    [[], [1], -1, [1, 0]],
    [[0.5], [0.5], -1, [0.25, 0.5, 0.25]],
    [[0.5, 0.5], [0.5], -1, [0.125, 0.375, 0.375, 0.125]],
  ])('netDistribution(%j, %j)', (entries, exits, min, pmf) => {
    const d = netDistribution(entries, exits);
    expect(d.min).toBe(min);
    d.pmf.forEach((p, i) => {
      expect(p).toBeCloseTo(pmf[i] ?? Number.NaN, 12);
    });
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => netDistribution([1.2], [])).toThrow(RangeError);
    expect(() => netDistribution([], [-0.1])).toThrow(RangeError);
    expect(() => netDistribution([Number.NaN], [])).toThrow(RangeError);
  });
});

describe('probabilityAtLeast', () => {
  const d = netDistribution([0.5, 0.5], [0.5]); // net −1 … 2: 1/8, 3/8, 3/8, 1/8

  it.each([
    [Number.NEGATIVE_INFINITY, 1],
    [-5, 1],
    [-1, 1],
    [0, 7 / 8],
    [0.5, 1 / 2],
    [1, 1 / 2],
    [2, 1 / 8],
    [3, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('P(net ≥ %d) = %d', (k, want) => {
    expect(probabilityAtLeast(d, k)).toBeCloseTo(want, 12);
  });

  it('no firms: the net is 0 for sure', () => {
    const none = netDistribution([], []);
    expect(probabilityAtLeast(none, 0)).toBe(1);
    expect(probabilityAtLeast(none, 1)).toBe(0);
  });

  it('is non-increasing in k and within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        fc.integer({ min: -25, max: 25 }),
        (entries, exits, k) => {
          const dist = netDistribution(entries, exits);
          const p = probabilityAtLeast(dist, k);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(probabilityAtLeast(dist, k + 1)).toBeLessThanOrEqual(p + 1e-12);
        },
      ),
    );
  });

  it('refuses NaN', () => {
    expect(() => probabilityAtLeast(d, Number.NaN)).toThrow(RangeError);
  });
});
