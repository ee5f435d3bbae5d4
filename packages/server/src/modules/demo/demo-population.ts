// The synthetic county the demo, the e2e tests and the benchmarks run on: a population of industrial
// firms shaped like 盂县 (coal, non-coal mines, refractories, concrete), with monthly tax, statistics
// and electricity figures and a directory history that follows the statistical rules (docs/domain.md §5).
//
// Pure and deterministic: the same options give the same population on every machine, so screenshots,
// e2e assertions and benchmark baselines stay stable. No clock, no Math.random, no I/O. The demo set-up
// passes the window ending with the last complete month before today (lastCompletePeriod, china-calendar.ts
// in the domain), so the figures always reach the present; without one the fixed reference window below is
// used (backtests, benchmarks).
//
// The interesting parts of the story (who enters in 2024, who leaves, who inflates statistics) are not
// left to chance: every firm is given a role with a scripted yearly pattern ("above the line in these
// years, below in those"), its random revenue is then clamped to the pattern, and the directory history
// is derived from the resulting figures with the same rules the platform applies. Counts per role scale
// with `count`, so the 300-firm demo always tells the same kind of story whatever the seed.
import { buildEnterprise, type Ctx, monthIndex } from './demo-firm.js';
import { extendStory, planFirms } from './demo-plan.js';
import { mix, Rng } from './demo-random.js';

export interface DemoPopulationOptions {
  seed?: number;
  count?: number;
  countyCode6: string;
  townships: { code: string; name: string }[];
  firstPeriod?: string;
  /** Inclusive. */
  lastPeriod?: string;
}

export type DemoRevenueSource = 'tax' | 'statistics' | 'electricity';

export interface DemoScaleChange {
  status: 'above' | 'below';
  effectivePeriod: string;
  reason: string;
}

export interface DemoRevenue {
  period: string;
  source: DemoRevenueSource;
  /** Yuan with at most two decimals; kWh (integer) for electricity. */
  value: number;
}

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  legalForm: 'enterprise' | 'individual' | 'other';
  industryCode: string;
  townshipCode: string;
  inZone: boolean;
  supervisingKey: string;
  address: string;
  foundedOn: string;
  productionStartedOn: string | null;
  contactName: string;
  contactPhone: string;
  scaleHistory: DemoScaleChange[];
  revenue: DemoRevenue[];
  /**
   * A candidate for the declaration batches of the window's last year: `entrant`, over the line by the October
   * figures and due to enter next January; `pace`, below it so far but on a pace to cross it. Null otherwise.
   */
  candidate: 'entrant' | 'pace' | null;
}

export const DEMO_POPULATION_DEFAULTS = {
  seed: 20240522,
  count: 300,
  firstPeriod: '2022-01',
  /** The reference window's end when none is given; the demo set-up passes lastCompletePeriod(now). */
  lastPeriod: '2026-10',
} as const;

export function generateDemoPopulation(opts: DemoPopulationOptions): DemoEnterprise[] {
  const seed = (opts.seed ?? DEMO_POPULATION_DEFAULTS.seed) >>> 0;
  const count = opts.count ?? DEMO_POPULATION_DEFAULTS.count;
  const firstIdx = monthIndex(opts.firstPeriod ?? DEMO_POPULATION_DEFAULTS.firstPeriod);
  const lastIdx = monthIndex(opts.lastPeriod ?? DEMO_POPULATION_DEFAULTS.lastPeriod);
  if (!/^\d{6}$/.test(opts.countyCode6)) throw new RangeError(`县级区划代码应为6位数字：${opts.countyCode6}`);
  if (opts.townships.length === 0) throw new RangeError('至少需要一个乡镇');
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`企业数应为非负整数：${count}`);
  if (lastIdx < firstIdx) throw new RangeError('结束期间不能早于开始期间');

  const firms = planFirms(new Rng(mix(seed, 1)), count, opts.townships);
  extendStory(firms, Math.floor(lastIdx / 12) - Math.floor(firstIdx / 12), count);
  const ctx: Ctx = {
    countyCode6: opts.countyCode6,
    firstIdx,
    lastIdx,
    y0: Math.floor(firstIdx / 12),
    yL: Math.floor(lastIdx / 12),
    names: new Set(),
    codes: new Set(),
  };
  return firms.map((firm, i) => buildEnterprise(firm, new Rng(mix(seed, 2, i)), ctx));
}
