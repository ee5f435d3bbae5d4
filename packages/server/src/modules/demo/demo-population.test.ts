import {
  checkCreditCode,
  countyUnitSeeds,
  findIndustry,
  industrySection,
  isIsoDate,
  suggestSupervisingKey,
} from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_POPULATION_DEFAULTS, type DemoEnterprise, generateDemoPopulation } from './demo-population.js';
import { DEMO_SCALE_REASONS } from './demo-roles.js';

const THRESHOLD = 20_000_000;
const townships = countyUnitSeeds('140322')
  .filter((u) => u.kind === 'township')
  .map(({ code, name }) => ({ code, name }));
const base = { countyCode6: '140322', townships };
const pop = generateDemoPopulation(base);
const FIRST = DEMO_POPULATION_DEFAULTS.firstPeriod;
const LAST = DEMO_POPULATION_DEFAULTS.lastPeriod;

function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) return out;
    out.push(p);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}
const ALL_PERIODS = periodsBetween(FIRST, LAST);
// Periods are strings: Math.max (which the linter would suggest for a ternary) does not apply.
const laterPeriod = (a: string, b: string): string => (a.localeCompare(b) > 0 ? a : b);

function statusAt(e: DemoEnterprise, period: string): 'above' | 'below' | null {
  let s: 'above' | 'below' | null = null;
  for (const h of e.scaleHistory) if (h.effectivePeriod <= period) s = h.status;
  return s;
}

function sum(e: DemoEnterprise, source: string, prefix: string): number {
  return e.revenue
    .filter((r) => r.source === source && r.period.startsWith(prefix))
    .reduce((s, r) => s + r.value, 0);
}

/** What the statistics bureau judges a year on: its own figures for a firm in the directory all year, else tax. */
function recordOf(e: DemoEnterprise, year: number): number | null {
  if (!e.revenue.some((r) => r.source === 'tax' && r.period.startsWith(`${year}-`))) return null;
  return statusAt(e, `${year}-01`) === 'above' ? sum(e, 'statistics', `${year}-`) : sum(e, 'tax', `${year}-`);
}

function changesIn(p: DemoEnterprise[], year: number) {
  const changes = p.flatMap((e) =>
    e.scaleHistory.slice(1).filter((h) => h.effectivePeriod.startsWith(`${year}-`)),
  );
  return {
    entries: changes.filter((h) => h.status === 'above'),
    exits: changes.filter((h) => h.status === 'below'),
  };
}

function aboveCounts(p: DemoEnterprise[]): number[] {
  return ALL_PERIODS.map((period) => p.filter((e) => statusAt(e, period) === 'above').length);
}

const groupOf = (code: string): string =>
  code.startsWith('06')
    ? 'coal'
    : /^(08|09|10)/.test(code)
      ? 'nonCoal'
      : code.startsWith('308')
        ? 'refractory'
        : code === '3021'
          ? 'concrete'
          : industrySection(code) === 'D'
            ? 'D'
            : 'other';

const twoDecimals = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

describe('generateDemoPopulation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoPopulation(base)).toEqual(pop);
    const other = generateDemoPopulation({ ...base, seed: 7 });
    expect(other).not.toEqual(pop);
    expect(other.map((e) => e.name)).not.toEqual(pop.map((e) => e.name));
  });

  it('generates the requested number of firms', () => {
    expect(pop).toHaveLength(300);
    expect(generateDemoPopulation({ ...base, count: 37 })).toHaveLength(37);
    expect(generateDemoPopulation({ ...base, count: 0 })).toEqual([]);
  });

  it('rejects impossible options', () => {
    expect(() => generateDemoPopulation({ ...base, countyCode6: '1403' })).toThrow(RangeError);
    expect(() => generateDemoPopulation({ ...base, townships: [] })).toThrow(RangeError);
    expect(() => generateDemoPopulation({ ...base, firstPeriod: '2025-01', lastPeriod: '2024-12' })).toThrow(
      RangeError,
    );
  });

  it('gives valid, unique credit codes of the county, 92 for individual businesses', () => {
    const codes = new Set(pop.map((e) => e.creditCode));
    expect(codes.size).toBe(pop.length);
    for (const e of pop) {
      expect(checkCreditCode(e.creditCode), e.creditCode).toEqual({ ok: true });
      expect(e.creditCode.slice(0, 8)).toBe(e.legalForm === 'individual' ? '92140322' : '91140322');
    }
  });

  it('gives unique, realistic names', () => {
    expect(new Set(pop.map((e) => e.name)).size).toBe(pop.length);
    for (const e of pop) {
      if (e.legalForm === 'individual') expect(e.name).toMatch(/^盂县.+（个体）$/);
      else if (e.legalForm === 'enterprise')
        expect(e.name).toMatch(/^(盂县|阳泉市|阳泉|山西).+有限(责任)?公司$/);
      else expect(e.name).toMatch(/^盂县.+[厂站矿场]$/);
    }
    expect(pop.some((e) => /耐火材料有限公司$/.test(e.name))).toBe(true);
    expect(pop.some((e) => /煤业有限公司$/.test(e.name))).toBe(true);
  });

  it('has mostly enterprises and about 6% individual businesses', () => {
    const individuals = pop.filter((e) => e.legalForm === 'individual').length;
    expect(individuals).toBeGreaterThanOrEqual(12);
    expect(individuals).toBeLessThanOrEqual(24);
    expect(pop.filter((e) => e.legalForm === 'enterprise').length).toBeGreaterThan(250);
  });

  it('classifies every firm at a class of sections B, C or D, with the county mix', () => {
    for (const e of pop) {
      expect(findIndustry(e.industryCode)?.level, e.industryCode).toBe('class');
      expect(['B', 'C', 'D']).toContain(industrySection(e.industryCode));
    }
    const share = (g: string) => pop.filter((e) => groupOf(e.industryCode) === g).length / pop.length;
    expect(share('coal')).toBeCloseTo(0.12, 1);
    expect(share('nonCoal')).toBeCloseTo(0.12, 1);
    expect(share('refractory')).toBeCloseTo(0.2, 1);
    expect(share('concrete')).toBeCloseTo(0.1, 1);
    expect(share('D')).toBeGreaterThan(0.01);
    expect(share('D')).toBeLessThan(0.06);
    expect(pop.filter((e) => e.industryCode === '3089').length).toBeGreaterThan(40);
  });

  it('places firms in every township, most in 秀水镇, and about 15% in the zone', () => {
    const byTownship = new Map<string, number>();
    for (const e of pop) byTownship.set(e.townshipCode, (byTownship.get(e.townshipCode) ?? 0) + 1);
    for (const t of townships) expect(byTownship.get(t.code) ?? 0, t.name).toBeGreaterThan(0);
    const seat = townships.find((t) => t.name === '秀水镇')!;
    const seatCount = byTownship.get(seat.code)!;
    for (const [code, n] of byTownship) if (code !== seat.code) expect(n).toBeLessThan(seatCount);

    const zone = pop.filter((e) => e.inZone);
    expect(zone.length / pop.length).toBeCloseTo(0.15, 1);
    expect(zone.filter((e) => e.townshipCode === seat.code).length).toBeGreaterThan(zone.length / 2);
    expect(zone.every((e) => e.legalForm !== 'individual' && industrySection(e.industryCode) !== 'B')).toBe(
      true,
    );
  });

  it('derives the supervising unit from industry and location', () => {
    for (const e of pop) expect(e.supervisingKey).toBe(suggestSupervisingKey(e.industryCode, e.inZone));
    const keys = new Set(pop.map((e) => e.supervisingKey));
    expect([...keys].sort()).toEqual(['emergency', 'energy', 'housing', 'industry', 'zone']);
  });

  it('has consistent dates, contacts and addresses', () => {
    for (const e of pop) {
      expect(isIsoDate(e.foundedOn)).toBe(true);
      if (e.productionStartedOn !== null) {
        expect(isIsoDate(e.productionStartedOn)).toBe(true);
        expect(e.productionStartedOn >= e.foundedOn).toBe(true);
      }
      expect(e.contactPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(e.contactName.length).toBeGreaterThanOrEqual(2);
      expect(e.address).toMatch(/^山西省阳泉市盂县/);
    }
    const recent = pop.filter(
      (e) =>
        e.productionStartedOn !== null &&
        e.productionStartedOn >= '2025-10' &&
        e.productionStartedOn < '2026-07',
    );
    expect(recent.length).toBeGreaterThanOrEqual(3);
    expect(recent.length).toBeLessThanOrEqual(12);
  });

  it('reports revenue only from production start, every month, with sane values', () => {
    for (const e of pop) {
      const start = e.productionStartedOn?.slice(0, 7) ?? null;
      const taxPeriods = e.revenue.filter((r) => r.source === 'tax').map((r) => r.period);
      if (start === null) {
        expect(e.revenue).toEqual([]);
        continue;
      }
      expect(taxPeriods).toEqual(periodsBetween(laterPeriod(start, FIRST), LAST));
      // Collected rather than asserted row by row: 30,000 expect calls would dominate the run time.
      const bad = e.revenue.filter(
        (r) =>
          r.period < start ||
          !Number.isFinite(r.value) ||
          r.value < 0 ||
          (r.source === 'electricity' ? !Number.isInteger(r.value) : !twoDecimals(r.value)),
      );
      expect(bad, e.name).toEqual([]);
    }
    const metered = pop.filter((e) => e.revenue.some((r) => r.source === 'electricity')).length;
    expect(metered / pop.length).toBeGreaterThan(0.5);
    expect(metered / pop.length).toBeLessThan(0.7);
  });

  it('has some firms that stopped production for some months', () => {
    const stopped = pop.filter((e) => e.revenue.some((r) => r.source === 'tax' && r.value === 0));
    expect(stopped.length).toBeGreaterThanOrEqual(3);
  });

  it('has statistics exactly for above-scale months, close to tax except a few suspicious firms', () => {
    const suspicious = new Set<string>();
    for (const e of pop) {
      const tax = new Map(e.revenue.filter((r) => r.source === 'tax').map((r) => [r.period, r.value]));
      const stats = e.revenue.filter((r) => r.source === 'statistics');
      const abovePeriods = [...tax.keys()].filter((p) => statusAt(e, p) === 'above');
      expect(stats.map((r) => r.period)).toEqual(abovePeriods);
      for (const s of stats) {
        const t = tax.get(s.period)!;
        if (t > 0 && s.value >= 1.3 * t) suspicious.add(e.creditCode);
        else if (t > 0)
          expect(Math.abs(s.value / t - 1), `${e.name} ${s.period}`).toBeLessThanOrEqual(0.0501);
      }
    }
    expect(suspicious.size).toBeGreaterThanOrEqual(2);
    expect(suspicious.size).toBeLessThanOrEqual(10);
  });

  it('keeps scale histories sorted, alternating and starting at the first period or production start', () => {
    const reasons = new Set<string>(Object.values(DEMO_SCALE_REASONS));
    for (const e of pop) {
      const h = e.scaleHistory;
      expect(h.length).toBeGreaterThan(0);
      const start = e.productionStartedOn?.slice(0, 7) ?? e.foundedOn.slice(0, 7);
      expect(h[0]!.effectivePeriod).toBe(laterPeriod(start, FIRST));
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.effectivePeriod > h[i - 1]!.effectivePeriod).toBe(true);
        expect(h[i]!.status).not.toBe(h[i - 1]!.status);
        expect(h[i]!.effectivePeriod <= LAST).toBe(true);
      }
      for (const c of h) expect(reasons.has(c.reason), c.reason).toBe(true);
      if (e.legalForm === 'individual') expect(h.every((c) => c.status === 'below')).toBe(true);
      // Only a firm already producing before the first period can start above scale.
      if (h[0]!.status === 'above') expect(start < FIRST).toBe(true);
    }
  });

  it('enters and exits the directory according to revenue of record', () => {
    let reachedButNotEntered = 0;
    for (const e of pop) {
      for (let year = 2023; year <= 2026; year++) {
        const record = recordOf(e, year - 1);
        if (record === null) continue;
        const before = statusAt(e, `${year - 1}-12`);
        const change = e.scaleHistory.find((h) => h.effectivePeriod === `${year}-01`);
        if (change?.reason === DEMO_SCALE_REASONS.annualEntry)
          expect(record).toBeGreaterThanOrEqual(THRESHOLD);
        if (change?.reason === DEMO_SCALE_REASONS.exit) expect(record).toBeLessThan(THRESHOLD);
        // No noise on the exit side: a firm below the line always leaves.
        if (before === 'above' && record < THRESHOLD) expect(change?.status, e.name).toBe('below');
        if (before === 'below' && record >= THRESHOLD && !change && e.legalForm !== 'individual') {
          reachedButNotEntered++;
        }
      }
      for (const h of e.scaleHistory.filter((c) => c.reason === DEMO_SCALE_REASONS.monthlyEntry)) {
        const year = Number(h.effectivePeriod.slice(0, 4));
        expect(e.productionStartedOn! >= `${year - 1}-10-01`).toBe(true);
        const months = periodsBetween(`${year}-01`, h.effectivePeriod).slice(0, -2);
        const cumulative = (ps: string[]) =>
          e.revenue
            .filter((r) => r.source === 'tax' && ps.includes(r.period))
            .reduce((s, r) => s + r.value, 0);
        expect(cumulative(months)).toBeGreaterThanOrEqual(THRESHOLD);
        expect(cumulative(months.slice(0, -1))).toBeLessThan(THRESHOLD);
      }
    }
    // 达规未入统: a few firms reached the line and never declared.
    expect(reachedButNotEntered).toBeGreaterThanOrEqual(2);
    expect(reachedButNotEntered).toBeLessThanOrEqual(15);
  });

  it('tells the 2024 story: 8–14 entries, 2–5 exits, annual and monthly', () => {
    const { entries, exits } = changesIn(pop, 2024);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries.length).toBeLessThanOrEqual(14);
    expect(exits.length).toBeGreaterThanOrEqual(2);
    expect(exits.length).toBeLessThanOrEqual(5);
    expect(entries.filter((h) => h.reason === DEMO_SCALE_REASONS.annualEntry).length).toBeGreaterThanOrEqual(
      6,
    );
    expect(entries.filter((h) => h.reason === DEMO_SCALE_REASONS.monthlyEntry).length).toBeGreaterThanOrEqual(
      1,
    );
    for (const year of [2023, 2025, 2026]) {
      const c = changesIn(pop, year);
      expect(c.entries.length, `${year}`).toBeGreaterThan(0);
      expect(c.exits.length, `${year}`).toBeGreaterThan(0);
    }
    // Firms that left and came back, and firms that entered by scraping just over the line.
    expect(pop.some((e) => e.scaleHistory.length >= 3)).toBe(true);
    const justOver = pop.filter((e) => {
      const t = sum(e, 'tax', '2023-');
      return t >= THRESHOLD && t < 20_300_000;
    });
    expect(justOver.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps about 50–80 firms above scale in every month', () => {
    const counts = aboveCounts(pop);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...counts)).toBeLessThanOrEqual(80);
  });

  it('spreads annual revenue from small firms to a band near the line and large firms', () => {
    const totals = pop.map((e) => sum(e, 'tax', '2024-')).filter((t) => t > 0);
    const share = (lo: number, hi: number) => totals.filter((t) => t >= lo && t < hi).length / pop.length;
    expect(share(3e6, 10e6)).toBeGreaterThan(0.25);
    expect(share(10e6, 20e6)).toBeGreaterThan(0.2);
    expect(share(15e6, 25e6)).toBeGreaterThan(0.15);
    expect(share(25e6, 400e6)).toBeGreaterThan(0.12);
    expect(share(25e6, 400e6)).toBeLessThan(0.22);
  });

  it('tells the same kind of story for other seeds', () => {
    for (const seed of [1, 2, 99]) {
      const p = generateDemoPopulation({ ...base, seed });
      const { entries, exits } = changesIn(p, 2024);
      expect(entries.length, `seed ${seed}`).toBeGreaterThanOrEqual(8);
      expect(entries.length, `seed ${seed}`).toBeLessThanOrEqual(14);
      expect(exits.length, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      expect(exits.length, `seed ${seed}`).toBeLessThanOrEqual(5);
      const counts = aboveCounts(p);
      expect(Math.min(...counts), `seed ${seed}`).toBeGreaterThanOrEqual(50);
      expect(Math.max(...counts), `seed ${seed}`).toBeLessThanOrEqual(80);
    }
  });

  it('scales to 5000 firms with unique codes and names', () => {
    const big = generateDemoPopulation({ ...base, count: 5000 });
    expect(big).toHaveLength(5000);
    expect(new Set(big.map((e) => e.creditCode)).size).toBe(5000);
    expect(new Set(big.map((e) => e.name)).size).toBe(5000);
    expect(big.every((e) => checkCreditCode(e.creditCode).ok)).toBe(true);
  });
});

describe('the demo window relative to today', () => {
  const windows = ['2026-11', '2027-02', '2027-11', '2028-11'].map((last) => ({
    last,
    pop: generateDemoPopulation({ ...base, lastPeriod: last }),
  }));
  const pastEvents = (p: DemoEnterprise[], through: string) =>
    p
      .flatMap((e) => e.scaleHistory.slice(1).map((h) => `${e.creditCode} ${h.effectivePeriod} ${h.status}`))
      .filter((k) => k.split(' ')[1]! <= through)
      .sort();

  it('keeps every past year as it was when the window grows', () => {
    const reference = pastEvents(pop, '2026-10');
    for (const { last, pop: p } of windows) expect(pastEvents(p, '2026-10'), last).toEqual(reference);
  });

  it('gives every year of the window entries and exits, and keeps 50–90 firms above scale', () => {
    for (const { last, pop: p } of windows) {
      const lastYear = Number(last.slice(0, 4));
      for (let year = 2023; year < lastYear; year++) {
        const c = changesIn(p, year);
        expect(c.entries.length, `${last}: ${year}`).toBeGreaterThanOrEqual(4);
        expect(c.exits.length, `${last}: ${year}`).toBeGreaterThanOrEqual(2);
      }
      const counts = periodsBetween(FIRST, last).map(
        (period) => p.filter((e) => statusAt(e, period) === 'above').length,
      );
      expect(Math.min(...counts), last).toBeGreaterThanOrEqual(50);
      expect(Math.max(...counts), last).toBeLessThanOrEqual(90);
      for (const e of p) expect(e.revenue.every((r) => r.period <= last)).toBe(true);
      expect(p.some((e) => e.revenue.some((r) => r.period === last))).toBe(true);
    }
  });

  it('names next January’s entrants, over the line by October, and firms on pace, all below scale now', () => {
    for (const { last, pop: p } of windows) {
      const year = last.slice(0, 4);
      const entrants = p.filter((e) => e.candidate === 'entrant');
      expect(entrants.length, last).toBeGreaterThanOrEqual(5);
      expect(p.filter((e) => e.candidate === 'pace').length, last).toBeGreaterThanOrEqual(5);
      for (const e of p.filter((x) => x.candidate)) {
        expect(e.scaleHistory.at(-1)?.status).toBe('below');
        expect(e.legalForm).not.toBe('individual');
      }
      if (last.slice(5) >= '10') {
        for (const e of entrants) {
          const toOctober = e.revenue
            .filter((r) => r.source === 'tax' && r.period >= `${year}-01` && r.period <= `${year}-10`)
            .reduce((s, r) => s + r.value, 0);
          expect(toOctober, `${last} ${e.name}`).toBeGreaterThanOrEqual(THRESHOLD);
        }
      }
    }
  });
});
