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
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  periodOf,
  splitPeriod,
  suggestSupervisingKey,
} from '@shenggui/domain';

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

export const DEMO_SCALE_REASONS = {
  initialAbove: '期初状态：规上（名录库在库）',
  initialBelow: '期初状态：规下',
  newProduction: '新投产企业：规下',
  underConstruction: '在建项目：尚未投产',
  annualEntry: '年度入库',
  monthlyEntry: '月度入库',
  exit: '退库：主营业务收入低于2000万元',
} as const;

const THRESHOLD = 20_000_000;
// Scripted years keep a margin from the line so statistics noise (±5%) and cent rounding can never flip
// which side of 20M a year lands on; the few "just above" firms are placed deliberately.
const ABOVE_MIN = 20_600_000;
const BELOW_MAX = 19_400_000;

// ---------------------------------------------------------------------------------------------------
// Random numbers: mulberry32, seeded per purpose so adding a field to one firm does not reshuffle all.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Inclusive on both ends. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((hi - lo + 1) * this.next());
  }
  logRange(lo: number, hi: number): number {
    return Math.exp(this.range(Math.log(lo), Math.log(hi)));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const it of items) total += weight(it);
    let x = this.next() * total;
    for (const it of items) {
      x -= weight(it);
      if (x < 0) return it;
    }
    return items[items.length - 1] as T;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** Weighted sampling without replacement (Efraimidis–Spirakis): the n best keys among weight > 0. */
function sampleWeighted(rng: Rng, candidates: number[], n: number, weight: (i: number) => number): number[] {
  const keyed: { i: number; key: number }[] = [];
  for (const i of candidates) {
    const w = weight(i);
    if (w > 0) keyed.push({ i, key: Math.log(1 - rng.float()) / w });
  }
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.slice(0, n).map((k) => k.i);
}

/** Largest-remainder apportionment of n over shares; with `atLeastOne`, every share gets one first. */
function apportion(n: number, shares: number[], atLeastOne = false): number[] {
  const out = shares.map(() => 0);
  let rest = n;
  if (atLeastOne && n >= shares.length) {
    for (let i = 0; i < out.length; i++) out[i] = 1;
    rest -= shares.length;
  }
  const total = shares.reduce((s, x) => s + x, 0) || 1;
  const exact = shares.map((s) => (s / total) * rest);
  let given = 0;
  for (let i = 0; i < out.length; i++) {
    const f = Math.floor(exact[i] ?? 0);
    out[i] = (out[i] ?? 0) + f;
    given += f;
  }
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < rest - given; k++) {
    const i = order[k % order.length]?.i ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------
// Industries: the county's mix, each class with the words its firms are named with, a seasonal profile
// and an electricity intensity (kWh per yuan of sales) so the electricity figures are plausible.

type Group =
  | 'coal'
  | 'nonCoal'
  | 'refractory'
  | 'concrete'
  | 'power'
  | 'casting'
  | 'metal'
  | 'machinery'
  | 'building'
  | 'food'
  | 'chemical';

type Season = 'coal' | 'mine' | 'kiln' | 'concrete' | 'factory' | 'food' | 'power' | 'solar' | 'heat';

// Relative monthly level, January first.
const SEASONS: Record<Season, readonly number[]> = {
  // Coal runs steadily, dips over the Spring Festival and sells more in the heating season.
  coal: [1.0, 0.86, 1.0, 1.0, 0.98, 0.97, 0.97, 0.99, 1.02, 1.05, 1.1, 1.12],
  // Open pits and quarries stop in the frozen months.
  mine: [0.55, 0.5, 0.9, 1.1, 1.15, 1.15, 1.1, 1.1, 1.15, 1.15, 1.0, 0.75],
  kiln: [0.95, 0.75, 1.0, 1.05, 1.05, 1.0, 1.0, 1.0, 1.05, 1.05, 1.05, 1.05],
  // Ready-mixed concrete follows the building season: almost nothing in January and February.
  concrete: [0.3, 0.25, 0.85, 1.2, 1.3, 1.3, 1.2, 1.2, 1.3, 1.3, 1.05, 0.55],
  factory: [0.95, 0.75, 1.0, 1.0, 1.02, 1.02, 1.0, 1.0, 1.05, 1.05, 1.05, 1.1],
  food: [1.15, 1.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.95, 1.05, 1.05, 1.0, 1.1],
  power: [1.05, 1.0, 0.95, 0.92, 0.95, 1.02, 1.08, 1.08, 0.96, 0.94, 1.0, 1.05],
  solar: [0.75, 0.85, 1.0, 1.1, 1.2, 1.15, 1.1, 1.1, 1.0, 0.95, 0.8, 0.7],
  // District heating sells in the heating season (mid-November to mid-March).
  heat: [2.2, 1.9, 1.2, 0.15, 0.08, 0.08, 0.08, 0.08, 0.08, 0.12, 1.4, 2.2],
};

interface ClassSpec {
  code: string;
  weight: number;
  /** Words for a company name: 盂县 + 字号 + word + 有限公司. */
  words: readonly string[];
  /** Words for a plant run by an individual or a collective: 盂县 + 字号 + word (+ 厂 unless it names the place). */
  plant: readonly string[];
  season?: Season;
  /** Needs a licence an individual business cannot hold (mining rights, ferroalloy, coking, cement). */
  corporate?: boolean;
}

interface GroupSpec {
  share: number;
  season: Season;
  kwhPerYuan: number;
  /** Mining and power stay out of the development zone. */
  zoneable: boolean;
  mining: boolean;
  classes: readonly ClassSpec[];
}

const GROUPS: Record<Group, GroupSpec> = {
  coal: {
    share: 0.12,
    season: 'coal',
    kwhPerYuan: 0.06,
    zoneable: false,
    mining: true,
    classes: [
      {
        code: '0610',
        weight: 19,
        words: ['煤业', '煤矿', '煤炭', '煤炭洗选', '洗煤'],
        plant: ['洗煤', '煤矿'],
      },
      { code: '0690', weight: 1, words: ['煤炭加工', '型煤'], plant: ['型煤'] },
    ],
  },
  nonCoal: {
    share: 0.12,
    season: 'mine',
    kwhPerYuan: 0.12,
    zoneable: false,
    mining: true,
    classes: [
      {
        code: '0810',
        weight: 7,
        words: ['矿业', '铁矿', '铁矿采选'],
        plant: ['铁矿', '选矿厂'],
        corporate: true,
      },
      { code: '1011', weight: 5, words: ['石料', '石灰石矿业', '石业'], plant: ['石料', '采石'] },
      {
        code: '1013',
        weight: 4,
        words: ['铝矾土矿业', '耐火黏土', '矾土'],
        plant: ['矾土矿', '黏土矿'],
        corporate: true,
      },
      { code: '1019', weight: 3, words: ['砂石', '砂石料', '土石方'], plant: ['砂石料', '砂石场'] },
      { code: '0916', weight: 1, words: ['铝土矿业'], plant: ['铝土矿'], corporate: true },
    ],
  },
  refractory: {
    share: 0.2,
    season: 'kiln',
    kwhPerYuan: 0.18,
    zoneable: true,
    mining: false,
    classes: [
      {
        code: '3089',
        weight: 18,
        words: ['耐火材料', '耐材', '耐火制品', '高温材料', '高铝耐火材料', '耐火保温材料', '炉料'],
        plant: ['耐火材料', '耐火砖', '高铝砖'],
      },
      { code: '3081', weight: 1, words: ['石棉制品', '密封材料'], plant: ['石棉制品'] },
      { code: '3082', weight: 1, words: ['云母制品', '绝缘材料'], plant: ['云母制品'] },
    ],
  },
  concrete: {
    share: 0.1,
    season: 'concrete',
    kwhPerYuan: 0.012,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3021', weight: 1, words: ['商砼', '混凝土', '商品混凝土', '建材'], plant: ['商砼搅拌站'] },
    ],
  },
  power: {
    share: 0.03,
    season: 'power',
    kwhPerYuan: 0.04,
    zoneable: true,
    mining: false,
    classes: [
      { code: '4411', weight: 2, words: ['煤矸石发电', '发电', '电力'], plant: ['发电'] },
      { code: '4412', weight: 1, words: ['热电'], plant: ['热电'] },
      { code: '4415', weight: 1, words: ['风电', '新能源'], plant: ['风电'] },
      {
        code: '4416',
        weight: 2,
        words: ['光伏', '光伏发电', '新能源科技'],
        plant: ['光伏电站'],
        season: 'solar',
      },
      { code: '4430', weight: 2, words: ['热力', '供热'], plant: ['供热'], season: 'heat' },
      { code: '4610', weight: 1, words: ['供水', '水务'], plant: ['水'] },
    ],
  },
  casting: {
    share: 0.09,
    season: 'factory',
    kwhPerYuan: 0.4,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3391', weight: 6, words: ['铸造', '铸业', '精密铸造', '铸件'], plant: ['铸造', '铸件'] },
      { code: '3392', weight: 1, words: ['有色铸造', '铝铸件'], plant: ['铝铸件'] },
      { code: '3393', weight: 1, words: ['锻造', '锻件'], plant: ['锻造'] },
    ],
  },
  metal: {
    share: 0.09,
    season: 'factory',
    kwhPerYuan: 0.08,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3311', weight: 4, words: ['钢结构', '金属结构'], plant: ['钢结构'] },
      { code: '3312', weight: 2, words: ['门窗', '铝合金门窗'], plant: ['门窗'] },
      { code: '3399', weight: 2, words: ['金属制品'], plant: ['五金'] },
      { code: '3482', weight: 1, words: ['紧固件', '锚杆'], plant: ['螺丝'] },
      { code: '3360', weight: 1, words: ['热处理'], plant: ['热处理'] },
      { code: '3140', weight: 1, words: ['铁合金'], plant: ['铁合金'], corporate: true },
    ],
  },
  machinery: {
    share: 0.08,
    season: 'factory',
    kwhPerYuan: 0.05,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3511', weight: 4, words: ['矿山机械', '煤机', '矿用设备'], plant: ['矿山机械'] },
      { code: '3484', weight: 3, words: ['机械加工', '机械制造', '机械'], plant: ['机械加工', '机修'] },
      { code: '3515', weight: 1, words: ['建材机械'], plant: ['建材机械'] },
      { code: '3462', weight: 1, words: ['风机'], plant: ['风机'] },
      { code: '3591', weight: 1, words: ['环保设备', '环保科技'], plant: ['环保设备'] },
    ],
  },
  building: {
    share: 0.08,
    season: 'kiln',
    kwhPerYuan: 0.12,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3031', weight: 4, words: ['新型墙材', '砖业', '页岩砖'], plant: ['砖', '机砖'] },
      { code: '3022', weight: 2, words: ['预制构件', '水泥构件'], plant: ['水泥构件'] },
      { code: '3024', weight: 2, words: ['新型建材', '轻质建材'], plant: ['建材'] },
      { code: '3012', weight: 2, words: ['石灰', '活性石灰'], plant: ['石灰'] },
      { code: '3011', weight: 1, words: ['水泥'], plant: ['水泥'], corporate: true },
      { code: '3099', weight: 1, words: ['陶粒', '非金属材料'], plant: ['陶粒'] },
    ],
  },
  food: {
    share: 0.06,
    season: 'food',
    kwhPerYuan: 0.05,
    zoneable: true,
    mining: false,
    classes: [
      { code: '1314', weight: 3, words: ['杂粮', '小米', '杂粮食品'], plant: ['杂粮加工', '米面加工'] },
      { code: '1462', weight: 2, words: ['醋业', '酿造'], plant: ['醋'] },
      { code: '1392', weight: 2, words: ['豆制品', '豆业'], plant: ['豆腐', '豆制品'] },
      { code: '1512', weight: 1, words: ['酒业', '酿酒'], plant: ['酒'] },
      { code: '1353', weight: 1, words: ['肉制品', '食品'], plant: ['肉食加工'] },
      { code: '1522', weight: 1, words: ['饮用水', '矿泉水'], plant: ['纯净水'] },
      { code: '1329', weight: 1, words: ['饲料'], plant: ['饲料'] },
      { code: '1411', weight: 1, words: ['食品', '糕点'], plant: ['糕点'] },
    ],
  },
  chemical: {
    share: 0.03,
    season: 'factory',
    kwhPerYuan: 0.15,
    zoneable: true,
    mining: false,
    classes: [
      { code: '2521', weight: 1, words: ['焦化', '煤焦'], plant: ['焦化'], corporate: true },
      { code: '2922', weight: 2, words: ['塑料管材', '塑业'], plant: ['塑料制品'] },
      { code: '2625', weight: 2, words: ['有机肥', '生物肥业'], plant: ['有机肥'] },
      { code: '2641', weight: 1, words: ['涂料'], plant: ['涂料'] },
      { code: '2110', weight: 1, words: ['家具'], plant: ['家具'] },
    ],
  },
};

// Groups are filled in this order: the restrictive ones first, casting last because any leftover
// (individual businesses included) plausibly runs a foundry.
const GROUP_ORDER: readonly Group[] = [
  'power',
  'coal',
  'concrete',
  'chemical',
  'nonCoal',
  'refractory',
  'food',
  'machinery',
  'building',
  'metal',
  'casting',
];

// Market years shared by a whole sector: the 2022 coal price peak and the slide in construction.
/** The sector's market factor of a year; years after the table keep its last factor. */
function macroOf(group: Group, year: number): number {
  const table = MACRO[group];
  if (!table) return 1;
  const known = Object.keys(table).map(Number);
  const last = Math.max(...known);
  return table[Math.min(year, last)] ?? 1;
}

const MACRO: Partial<Record<Group, Record<number, number>>> = {
  coal: { 2022: 1.3, 2023: 1.12, 2024: 0.96, 2025: 0.9, 2026: 0.92 },
  concrete: { 2023: 0.95, 2024: 0.9, 2025: 0.88, 2026: 0.88 },
  refractory: { 2023: 0.97, 2024: 0.95, 2025: 0.96, 2026: 0.98 },
};

// ---------------------------------------------------------------------------------------------------
// Roles: the scripted yearly pattern of each firm. Counts are per 300 firms and scale with `count`.

type Kind =
  | 'stable'
  | 'inflatedStable'
  | 'nearAbove'
  | 'inflator'
  | 'decliner'
  | 'rebound'
  | 'climber'
  | 'ephemeral'
  | 'monthly'
  | 'unreported'
  | 'bigIndividual'
  | 'individual'
  | 'newSmall'
  | 'construction'
  | 'pace'
  | 'nearBelow'
  | 'mid'
  | 'small';

type Flag = 'justAbove' | 'atRisk' | 'stopNow' | 'stopInDecline' | null;

interface Slot {
  kind: Kind;
  /** Event year as an offset from the first year (entry, exit or first year over the line). */
  a: number;
  /** Second event year offset (re-entry, exit after an entry). */
  b: number;
  flag: Flag;
}

const PLAN: readonly [number, Slot][] = [
  [33, { kind: 'stable', a: 0, b: 0, flag: null }],
  // Statistics 30%+ above tax: the integrity signal of docs/domain.md §7.
  [2, { kind: 'inflatedStable', a: 2, b: 0, flag: null }],
  [2, { kind: 'inflator', a: 2, b: 0, flag: null }],
  [3, { kind: 'nearAbove', a: 0, b: 0, flag: null }],
  [2, { kind: 'nearAbove', a: 0, b: 0, flag: 'atRisk' }],
  [1, { kind: 'nearAbove', a: 0, b: 0, flag: 'stopNow' }],
  [3, { kind: 'decliner', a: 1, b: 0, flag: null }],
  [1, { kind: 'decliner', a: 2, b: 0, flag: 'stopInDecline' }],
  [2, { kind: 'decliner', a: 2, b: 0, flag: null }],
  [3, { kind: 'decliner', a: 3, b: 0, flag: null }],
  [4, { kind: 'decliner', a: 4, b: 0, flag: null }],
  [1, { kind: 'rebound', a: 1, b: 3, flag: null }],
  [1, { kind: 'rebound', a: 2, b: 4, flag: null }],
  [5, { kind: 'climber', a: 1, b: 0, flag: null }],
  [2, { kind: 'climber', a: 2, b: 0, flag: 'justAbove' }],
  [6, { kind: 'climber', a: 2, b: 0, flag: null }],
  [7, { kind: 'climber', a: 3, b: 0, flag: null }],
  [6, { kind: 'climber', a: 4, b: 0, flag: null }],
  [1, { kind: 'ephemeral', a: 2, b: 3, flag: null }],
  [2, { kind: 'monthly', a: 2, b: 0, flag: null }],
  [1, { kind: 'monthly', a: 3, b: 0, flag: null }],
  [2, { kind: 'monthly', a: 4, b: 0, flag: null }],
  // 达规未入统: over the line from year `a` on, never declared.
  [1, { kind: 'unreported', a: 0, b: 0, flag: null }],
  [1, { kind: 'unreported', a: 1, b: 0, flag: null }],
  [1, { kind: 'unreported', a: 2, b: 0, flag: null }],
  // An individual business past 20M: the 个转企 pathway.
  [1, { kind: 'bigIndividual', a: 2, b: 0, flag: null }],
  [17, { kind: 'individual', a: 0, b: 0, flag: null }],
  [4, { kind: 'newSmall', a: 0, b: 0, flag: null }],
  [2, { kind: 'construction', a: 0, b: 0, flag: null }],
  // 临规: below the line, with a current-year pace that will cross it.
  [10, { kind: 'pace', a: 0, b: 0, flag: null }],
  [20, { kind: 'nearBelow', a: 0, b: 0, flag: null }],
  [45, { kind: 'mid', a: 0, b: 0, flag: null }],
];

const INDIVIDUAL_KINDS: ReadonlySet<Kind> = new Set(['individual', 'bigIndividual']);
const NEW_KINDS: ReadonlySet<Kind> = new Set(['monthly', 'newSmall', 'construction']);
const OTHER_FORM_SHARE = 0.03;
const ZONE_SHARE = 0.15;
const ELECTRICITY_SHARE = 0.6;

// How strongly a role is drawn to an industry (default 1; 0 = never).
const AFFINITY: Partial<Record<Kind, Partial<Record<Group, number>>>> = {
  stable: { coal: 5, power: 3, refractory: 1.3, concrete: 1.3, chemical: 1.5, food: 0.4 },
  inflatedStable: { refractory: 2, casting: 2, coal: 0.3, power: 0 },
  inflator: { refractory: 2, concrete: 1.5, power: 0 },
  nearAbove: { concrete: 2.5, refractory: 1.5, coal: 1.2 },
  decliner: { coal: 2, concrete: 2.5, refractory: 1.2, food: 0.5 },
  rebound: { coal: 2, nonCoal: 1.5 },
  climber: { power: 0.5, coal: 0.8 },
  monthly: { power: 4, machinery: 1.5, chemical: 1.5, coal: 0.2, nonCoal: 0.3, concrete: 0.3 },
  newSmall: { power: 2, machinery: 1.5, food: 1.5, coal: 0.1, nonCoal: 0.3 },
  construction: { power: 3, chemical: 1.5, machinery: 1.5, coal: 0.1, nonCoal: 0.2 },
  individual: {
    coal: 0,
    power: 0,
    concrete: 0,
    chemical: 0.3,
    casting: 2.5,
    building: 2.5,
    nonCoal: 1.5,
    food: 2,
  },
  bigIndividual: { coal: 0, power: 0, concrete: 0, chemical: 0, casting: 3, building: 2 },
  small: { coal: 0.35, power: 0.3, nonCoal: 1.4, casting: 1.3, food: 1.4 },
  mid: { coal: 0.7, power: 0.5 },
};

function constraintOf(slot: Slot, off: number, lastOff: number): 'A' | 'B' | 'F' | 'I' | 'P' | 'M' | 'N' {
  const { a, b } = slot;
  switch (slot.kind) {
    case 'stable':
    case 'inflatedStable':
      return 'A';
    case 'nearAbove':
      if (off < lastOff) return 'A';
      return slot.flag === 'atRisk' ? 'B' : 'F';
    case 'inflator':
      return off < a ? 'A' : 'I';
    case 'decliner':
      return off <= a - 2 ? 'A' : 'B';
    case 'rebound':
      return off <= a - 2 ? 'A' : off <= b - 2 ? 'B' : 'A';
    case 'climber':
      return off <= a - 2 ? 'B' : 'A';
    case 'ephemeral':
      return off <= a - 2 ? 'B' : off <= b - 2 ? 'A' : 'B';
    case 'monthly':
      return off < a ? 'B' : off === a ? 'M' : 'A';
    case 'unreported':
    case 'bigIndividual':
      return off < a ? 'B' : 'A';
    case 'pace':
      return off === lastOff ? 'P' : 'B';
    default:
      return 'B';
  }
}

function initialLevel(slot: Slot, group: Group, rng: Rng): number {
  switch (slot.kind) {
    case 'stable':
      if (group === 'coal') return rng.logRange(45e6, 300e6);
      if (group === 'power') return rng.logRange(30e6, 150e6);
      if (group === 'concrete') return rng.logRange(25e6, 70e6);
      if (group === 'refractory') return rng.logRange(25e6, 150e6);
      return rng.logRange(25e6, 110e6);
    case 'inflatedStable':
      return rng.range(24e6, 40e6);
    case 'nearAbove':
      return rng.range(21.5e6, 25e6);
    case 'inflator':
      return rng.range(22e6, 27e6);
    case 'decliner':
    case 'rebound':
      return rng.range(21.5e6, 40e6);
    case 'climber':
      return rng.range(10e6, 17.5e6);
    case 'ephemeral':
      return rng.range(15e6, 18e6);
    case 'monthly':
      return rng.range(40e6, 90e6);
    case 'unreported':
      return rng.range(16e6, 19e6);
    case 'bigIndividual':
      return rng.range(14e6, 18e6);
    case 'individual':
      return rng.logRange(0.8e6, 9e6);
    case 'newSmall':
      return rng.logRange(3e6, 15e6);
    case 'construction':
      return 0;
    case 'pace':
      return rng.range(15.5e6, 19e6);
    case 'nearBelow':
      return rng.range(15e6, 19.3e6);
    case 'mid':
      return rng.range(10e6, 15e6);
    case 'small':
      return rng.logRange(3e6, 10e6);
  }
}

/** Mean yearly log-growth of the firm's underlying business. */
function trendOf(kind: Kind, rng: Rng): number {
  switch (kind) {
    case 'stable':
      return rng.range(-0.04, 0.1);
    case 'inflatedStable':
      return rng.range(0, 0.06);
    case 'nearAbove':
      return rng.range(-0.02, 0.02);
    case 'inflator':
      return rng.range(-0.12, -0.06);
    case 'decliner':
      return rng.range(-0.15, -0.04);
    case 'rebound':
      return rng.range(-0.1, 0.05);
    case 'climber':
      return rng.range(0.08, 0.2);
    case 'monthly':
      return rng.range(0.02, 0.1);
    case 'unreported':
      return rng.range(0.04, 0.1);
    case 'bigIndividual':
      return rng.range(0.05, 0.12);
    case 'newSmall':
      return rng.range(0.1, 0.3);
    case 'pace':
      return rng.range(0.06, 0.14);
    case 'nearBelow':
      return rng.range(-0.03, 0.06);
    default:
      return rng.range(-0.05, 0.08);
  }
}

// ---------------------------------------------------------------------------------------------------
// Names, people and places.

const BRAND_CHARS = [
  ...'华鑫宏兴盛昌泰恒通达瑞丰隆源晋龙金新东方永安顺利伟嘉信德福凯旭晟磊峰宇昊康祥和润泽鼎正中天远博聚汇诚益佳广荣盈森海阳光明振晨坤腾飞亿惠合美捷锦晶冠钰融建元茂富强胜辉浩亨程帆宁',
];
const SURNAMES = [...'王李张刘赵郭杨武贾乔白高梁孙任韩田石侯薛阎牛苏许魏吕冯温史常段范'];
const GIVEN_CHARS = [...'建国军伟强平明海文红丽俊勇斌峰鹏涛宏志刚慧敏芳华英云东亮晓磊鑫瑞杰兵宇琴霞彦'];
const CODE_CHARS = [...CREDIT_CODE_CHARSET];
const NAME_PREFIXES = ['盂县', '阳泉市', '阳泉', '山西'];
const PHONE_PREFIXES = [
  '1390353',
  '1383530',
  '1383537',
  '1393530',
  '1593530',
  '1513530',
  '1363530',
  '1350353',
];
const TOWN_STREETS = [
  '秀水东街',
  '秀水西街',
  '新建路',
  '东关街',
  '西关街',
  '滨河路',
  '南环路',
  '北环路',
  '工业路',
];
const ZONE_ROADS = ['创业路', '科技路', '兴业大道', '工业园路', '开元路', '昌盛街'];
const VILLAGES = [
  '上庄',
  '下庄',
  '东庄',
  '西庄',
  '南坪',
  '北坪',
  '河东',
  '河西',
  '石岭',
  '杨家庄',
  '王家庄',
  '李家庄',
  '张家庄',
  '赵家庄',
  '刘家沟',
  '后沟',
  '前沟',
  '大峪',
  '小峪',
  '红岭',
  '庄头',
  '东坡',
  '西坡',
  '南岭',
  '北岭',
  '石湾',
  '寺坪',
];
const MINE_SPOTS = ['北山', '东沟', '西坡', '南梁', '后山'];

// Townships by how much industry they hold; 秀水镇 is the county seat. Unknown names get a middling weight.
const TOWNSHIP_WEIGHT: Record<string, number> = {
  秀水镇: 22,
  孙家庄镇: 8,
  路家村镇: 9,
  南娄镇: 9,
  牛村镇: 8,
  苌池镇: 7,
  上社镇: 8,
  西烟镇: 7,
  仙人乡: 4,
  北下庄乡: 7,
  梁家寨乡: 4,
  西潘乡: 6,
  东梁乡: 4,
};
const COUNTY_SEAT = '秀水镇';
// The development zone sits at the county seat and spills into the neighbouring towns.
const ZONE_TOWNSHIP_WEIGHT: Record<string, number> = { 秀水镇: 6, 孙家庄镇: 2, 路家村镇: 1, 南娄镇: 1 };

function shortTownship(name: string): string {
  return name.replace(/[镇乡]$/, '');
}

function brand(rng: Rng): string {
  const a = rng.pick(BRAND_CHARS);
  let b = rng.pick(BRAND_CHARS);
  while (b === a) b = rng.pick(BRAND_CHARS);
  return a + b;
}

function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

// GB 11714 organisation code check character (positions 9–17 of a credit code are the organisation code).
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i] ?? '0';
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function creditCodeFor(rng: Rng, countyCode6: string, individual: boolean, foundedYear: number): string {
  let body: string;
  if (foundedYear >= 2016) {
    // Codes issued since the 2015 reform carry MA + a serial in the organisation-code positions.
    body = 'MA0';
    for (let i = 0; i < 5; i++) body += rng.pick(CODE_CHARS);
  } else {
    body = String(rng.int(1, 7));
    for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
  }
  const first17 = `9${individual ? '2' : '1'}${countyCode6}${body}${orgCodeCheck(body)}`;
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

// ---------------------------------------------------------------------------------------------------
// Periods as month indexes (year * 12 + month - 1) keep the hot loops free of string work.

const monthIndex = (period: string): number => {
  const { year, month } = splitPeriod(period);
  return year * 12 + month - 1;
};
const periodAt = (idx: number): string => periodOf(Math.floor(idx / 12), (idx % 12) + 1);
const dateAt = (idx: number, day: number): string => `${periodAt(idx)}-${String(day).padStart(2, '0')}`;

interface Firm {
  slot: Slot;
  legalForm: DemoEnterprise['legalForm'];
  group: Group;
  township: { code: string; name: string };
  inZone: boolean;
  electricity: boolean;
}

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

// The PLAN scripts the events of the first five years. Every later year of the window gets the same kind of
// year (entrants, leavers, a few new plants), and the last year also gets next January's entrants: firms over
// the line this year that the county declares in this year's batches. They are taken from the middling and
// stable firms in index order, so extending the window changes only the firms it converts.
const NEXT_YEAR_ENTRANTS_300 = 7;
const LATER_YEAR: readonly { from: Kind; to: Kind; n300: number }[] = [
  // Climbers first: this year's entrants are last year's "next January" entrants, the same firms.
  { from: 'mid', to: 'climber', n300: NEXT_YEAR_ENTRANTS_300 },
  { from: 'mid', to: 'monthly', n300: 2 },
  { from: 'stable', to: 'decliner', n300: 5 },
];
const PLANNED_YEARS = 4;

function extendStory(firms: Firm[], lastOff: number, count: number): void {
  const pools = new Map<Kind, number[]>();
  for (const [i, f] of firms.entries()) {
    if (f.slot.kind !== 'mid' && f.slot.kind !== 'stable') continue;
    pools.set(f.slot.kind, [...(pools.get(f.slot.kind) ?? []), i]);
  }
  const take = (from: Kind, n: number, accept: (f: Firm) => boolean): number[] => {
    const pool = pools.get(from) ?? [];
    const out: number[] = [];
    while (out.length < n && pool.length > 0) {
      const i = pool.shift()!;
      if (accept(firms[i]!)) out.push(i);
    }
    return out;
  };
  const scaled = (n300: number) => Math.round((n300 * count) / 300);
  for (let k = PLANNED_YEARS + 1; k <= lastOff + 1; k++) {
    const roles =
      k <= lastOff
        ? LATER_YEAR
        : [{ from: 'mid' as Kind, to: 'climber' as Kind, n300: NEXT_YEAR_ENTRANTS_300 }];
    for (const r of roles) {
      // A new plant is a company, never a collective.
      const accept = (f: Firm) => r.to !== 'monthly' || f.legalForm === 'enterprise';
      for (const i of take(r.from, scaled(r.n300), accept)) {
        firms[i] = { ...firms[i]!, slot: { kind: r.to, a: k, b: 0, flag: null } };
      }
    }
  }
}

/** Roles, legal forms, industries, townships, zone and electricity metering: the population's structure. */
function planFirms(rng: Rng, count: number, townships: { code: string; name: string }[]): Firm[] {
  const slots: Slot[] = [];
  for (const [n300, slot] of PLAN) {
    const n = Math.round((n300 * count) / 300);
    for (let k = 0; k < n; k++) slots.push(slot);
  }
  slots.length = Math.min(slots.length, count);
  while (slots.length < count) slots.push({ kind: 'small', a: 0, b: 0, flag: null });
  rng.shuffle(slots);

  const all = slots.map((_, i) => i);
  const legal: DemoEnterprise['legalForm'][] = slots.map((s) =>
    INDIVIDUAL_KINDS.has(s.kind) ? 'individual' : 'enterprise',
  );
  // Collectives (城镇集体企业) are old plants, never the newly built projects.
  const collectiveCandidates = all.filter((i) => legal[i] === 'enterprise' && !NEW_KINDS.has(slots[i]!.kind));
  for (const i of sampleWeighted(rng, collectiveCandidates, Math.round(count * OTHER_FORM_SHARE), () => 1)) {
    legal[i] = 'other';
  }

  const groups: (Group | undefined)[] = slots.map(() => undefined);
  const groupQuota = apportion(
    count,
    GROUP_ORDER.map((g) => GROUPS[g].share),
  );
  GROUP_ORDER.forEach((g, gi) => {
    const free = all.filter((i) => groups[i] === undefined);
    const last = gi === GROUP_ORDER.length - 1;
    const chosen = last
      ? free
      : sampleWeighted(rng, free, groupQuota[gi] ?? 0, (i) => AFFINITY[slots[i]!.kind]?.[g] ?? 1);
    for (const i of chosen) groups[i] = g;
  });

  const townshipOf: ({ code: string; name: string } | undefined)[] = slots.map(() => undefined);
  const order = [...townships].sort(
    (a, b) => Number(b.name === COUNTY_SEAT) - Number(a.name === COUNTY_SEAT),
  );
  const townQuota = apportion(
    count,
    order.map((t) => TOWNSHIP_WEIGHT[t.name] ?? 6),
    true,
  );
  order.forEach((t, ti) => {
    const free = all.filter((i) => townshipOf[i] === undefined);
    const last = ti === order.length - 1;
    const seat = t.name === COUNTY_SEAT;
    // Mines sit where the seams and quarries are, not in the county seat.
    const chosen = last
      ? free
      : sampleWeighted(rng, free, townQuota[ti] ?? 0, (i) => {
          const spec = GROUPS[groups[i]!];
          if (seat) return spec.mining ? 0.25 : groups[i] === 'power' ? 0.5 : 1.6;
          return spec.mining ? 1.2 : 1;
        });
    for (const i of chosen) townshipOf[i] = t;
  });

  const inZone = slots.map(() => false);
  const zoneCandidates = all.filter(
    (i) =>
      legal[i] !== 'individual' &&
      GROUPS[groups[i]!].zoneable &&
      (ZONE_TOWNSHIP_WEIGHT[townshipOf[i]!.name] ?? 0) > 0,
  );
  // The zone's focus is new-type industry: new projects and growing firms are more likely to be there.
  const zoneWeight = (i: number): number => {
    const kind = slots[i]!.kind;
    const g = groups[i]!;
    const kindFactor = NEW_KINDS.has(kind) || kind === 'climber' ? 2 : 1;
    const groupFactor = g === 'concrete' ? 0.3 : g === 'power' ? 1.5 : 1;
    return (ZONE_TOWNSHIP_WEIGHT[townshipOf[i]!.name] ?? 0) * kindFactor * groupFactor;
  };
  for (const i of sampleWeighted(rng, zoneCandidates, Math.round(count * ZONE_SHARE), zoneWeight))
    inZone[i] = true;

  const electricity = slots.map(() => false);
  const metered = all.filter((i) => slots[i]!.kind !== 'construction');
  for (const i of sampleWeighted(rng, metered, Math.round(count * ELECTRICITY_SHARE), () => 1)) {
    electricity[i] = true;
  }

  return slots.map((slot, i) => ({
    slot,
    legalForm: legal[i]!,
    group: groups[i]!,
    township: townshipOf[i]!,
    inZone: inZone[i]!,
    electricity: electricity[i]!,
  }));
}

interface Ctx {
  countyCode6: string;
  firstIdx: number;
  lastIdx: number;
  y0: number;
  yL: number;
  names: Set<string>;
  codes: Set<string>;
}

function buildEnterprise(firm: Firm, rng: Rng, ctx: Ctx): DemoEnterprise {
  const { slot, group, legalForm } = firm;
  const spec = GROUPS[group];
  const classes =
    legalForm === 'individual' && spec.classes.some((c) => !c.corporate)
      ? spec.classes.filter((c) => !c.corporate)
      : spec.classes;
  const cls = rng.weighted(classes, (c) => c.weight);
  const { firstIdx, lastIdx, y0, yL } = ctx;

  // --- dates -------------------------------------------------------------------------------------
  let psIdx: number | null;
  let foundedIdx: number;
  if (slot.kind === 'construction') {
    psIdx = null;
    foundedIdx = rng.int(Math.max(firstIdx, (yL - 1) * 12 + 5), lastIdx);
  } else if (slot.kind === 'monthly') {
    // Monthly entry is open to firms producing since 1 October of the year before.
    const y = y0 + slot.a;
    psIdx = rng.int((y - 1) * 12 + 9, y * 12 + 1);
    foundedIdx = psIdx - rng.int(6, 20);
  } else if (slot.kind === 'newSmall') {
    const lo = Math.max(firstIdx, (yL - 1) * 12 + 9);
    psIdx = rng.int(lo, Math.max(lo, Math.min(lastIdx, yL * 12 + 5)));
    foundedIdx = psIdx - rng.int(4, 18);
  } else if (
    (slot.kind === 'small' || slot.kind === 'mid' || slot.kind === 'individual') &&
    rng.chance(0.1)
  ) {
    psIdx = rng.int(firstIdx + 1, Math.max(firstIdx + 1, (yL - 1) * 12 + 8));
    foundedIdx = psIdx - rng.int(3, 18);
  } else {
    const [lo, hi] =
      slot.kind === 'stable'
        ? [1996, 2015]
        : ['decliner', 'rebound', 'inflator', 'nearAbove'].includes(slot.kind)
          ? [2000, 2017]
          : [2004, y0 - 1];
    psIdx = Math.min(rng.int(Math.min(lo, y0 - 1), Math.min(hi, y0 - 1)) * 12 + rng.int(0, 11), firstIdx - 1);
    foundedIdx = psIdx - rng.int(2, 20);
  }
  // A short custom window must not yield a production start after its last period.
  if (psIdx !== null && psIdx > lastIdx) {
    psIdx = lastIdx;
    foundedIdx = Math.min(foundedIdx, psIdx - 3);
  }
  const foundedOn = dateAt(foundedIdx, rng.int(1, 28));
  const productionStartedOn = psIdx === null ? null : dateAt(psIdx, rng.int(1, 28));

  // --- identity ----------------------------------------------------------------------------------
  let creditCode = creditCodeFor(
    rng,
    ctx.countyCode6,
    legalForm === 'individual',
    Math.floor(foundedIdx / 12),
  );
  while (ctx.codes.has(creditCode)) {
    creditCode = creditCodeFor(rng, ctx.countyCode6, legalForm === 'individual', Math.floor(foundedIdx / 12));
  }
  ctx.codes.add(creditCode);
  const big = ['stable', 'inflatedStable', 'monthly'].includes(slot.kind);
  const name = uniqueName(rng, ctx.names, legalForm, cls, spec, firm.township.name, big);
  const address = addressOf(rng, firm, spec.mining);

  // --- revenue -----------------------------------------------------------------------------------
  const years: number[] = [];
  for (let y = y0; y <= yL; y++) years.push(y);
  const stopped = stoppages(rng, slot, psIdx, ctx);
  const season = SEASONS[cls.season ?? spec.season];
  const noise = group === 'coal' || group === 'power' ? 0.05 : group === 'concrete' ? 0.14 : 0.09;
  const tax = new Map<number, number>();
  const rateOfYear = new Map<number, number>();
  const trend = trendOf(slot.kind, rng);
  const lastOff = yL - y0;
  let base = initialLevel(slot, group, rng);
  let prevRate = base;

  if (psIdx !== null) {
    for (const y of years) {
      const off = y - y0;
      const macro = macroOf(group, y);
      base *= Math.exp(trend + 0.07 * rng.normal());
      let rate = base * macro;
      let c = constraintOf(slot, off, lastOff);
      // Next January's entrants are over the line by the October figures (the November batch's data month).
      if (slot.kind === 'climber' && off === lastOff && off === slot.a - 1) c = 'N';
      const justAbove = slot.flag === 'justAbove' && off === slot.a - 1;

      // Monthly weights for the year: season, noise, a tilt following the year's growth, a ramp-up in a
      // plant's first months and, for the firms that just scrape over the line, a December push.
      const tilt = Math.max(-0.3, Math.min(0.3, Math.log(rate / (prevRate || rate))));
      const w: number[] = [];
      let sum = 0;
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        let x = (season[m] ?? 1) * Math.exp(noise * rng.normal()) * Math.exp((tilt * (m - 5.5)) / 11);
        const age = idx - psIdx;
        if (age >= 0 && age < 3) x *= [0.45, 0.7, 0.88][age] ?? 1;
        if (justAbove && m >= 10) x *= 2.2;
        w.push(x);
        sum += x;
      }
      let shareEmit = 0;
      let shareFull = 0;
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        const wm = (w[m] ?? 0) / sum;
        w[m] = wm;
        if (idx < psIdx || idx < firstIdx || stopped.has(idx)) continue;
        shareFull += wm;
        if (idx <= lastIdx) shareEmit += wm;
      }
      // The last year is judged on its full-year pace, the others on what was actually invoiced.
      const share = off === lastOff ? shareFull : shareEmit;
      if (share > 0) {
        const total = rate * share;
        if (justAbove) rate = rng.range(20.03e6, 20.25e6) / share;
        else if ((c === 'A' || c === 'P') && total < ABOVE_MIN)
          rate = (ABOVE_MIN * (1 + rng.range(0, 0.12))) / share;
        else if (c === 'B' && total > BELOW_MAX) rate = (BELOW_MAX * (1 - rng.range(0, 0.15))) / share;
        else if (c === 'I' && (total > 19.2e6 || total < 16.2e6)) rate = rng.range(16.2e6, 19.2e6) / share;
        else if (c === 'M') {
          // A new plant big enough to pass 20M cumulative by April–August of its first full year.
          const lastMonth = y === yL ? lastIdx % 12 : 11;
          const target = Math.max(3, Math.min(rng.int(3, 7), lastMonth - 2));
          let cum = 0;
          for (let m = 0; m <= target; m++) {
            const idx = y * 12 + m;
            if (idx >= psIdx && idx >= firstIdx && !stopped.has(idx)) cum += w[m] ?? 0;
          }
          rate = (ABOVE_MIN * (1 + rng.range(0, 0.06))) / Math.max(cum, 0.05);
        } else if (c === 'N') {
          let cum = 0;
          for (let m = 0; m <= 9; m++) {
            const idx = y * 12 + m;
            if (idx >= psIdx && idx >= firstIdx && !stopped.has(idx)) cum += w[m] ?? 0;
          }
          rate = (ABOVE_MIN * (1 + rng.range(0.01, 0.1))) / Math.max(cum, 0.05);
        }
        rate = Math.max(rate, 300_000);
        base = rate / macro;
      }
      prevRate = rate;
      rateOfYear.set(y, rate);
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        if (idx < psIdx || idx < firstIdx || idx > lastIdx) continue;
        tax.set(idx, stopped.has(idx) ? 0 : round2(rate * (w[m] ?? 0)));
      }
    }
  }

  // --- directory history and statistics ---------------------------------------------------------
  const startIdx = Math.max(firstIdx, psIdx ?? foundedIdx);
  const eligible = legalForm !== 'individual' && slot.kind !== 'unreported';
  const suspicious = slot.kind === 'inflatedStable' || slot.kind === 'inflator';
  let status: 'above' | 'below' =
    psIdx !== null && psIdx < firstIdx && eligible && constraintOf(slot, -1, lastOff) === 'A'
      ? 'above'
      : 'below';
  const scaleHistory: DemoScaleChange[] = [
    {
      status,
      effectivePeriod: periodAt(startIdx),
      reason:
        status === 'above'
          ? DEMO_SCALE_REASONS.initialAbove
          : psIdx === null
            ? DEMO_SCALE_REASONS.underConstruction
            : psIdx >= firstIdx
              ? DEMO_SCALE_REASONS.newProduction
              : DEMO_SCALE_REASONS.initialBelow,
    },
  ];
  const stats = new Map<number, number>();
  const record = new Map<number, number>();

  for (const y of years) {
    const jan = y * 12;
    const prev = record.get(y - 1);
    if (jan > startIdx && jan <= lastIdx && prev !== undefined) {
      if (status === 'below' && eligible && prev >= THRESHOLD) {
        status = 'above';
        scaleHistory.push({ status, effectivePeriod: periodAt(jan), reason: DEMO_SCALE_REASONS.annualEntry });
      } else if (status === 'above' && prev < THRESHOLD) {
        status = 'below';
        scaleHistory.push({ status, effectivePeriod: periodAt(jan), reason: DEMO_SCALE_REASONS.exit });
      }
    }
    const aboveAllYear = status === 'above';
    let aboveFrom = aboveAllYear ? jan : -1;
    // 月度入库: a newly producing firm whose cumulative sales pass 20M declares the next month and
    // starts reporting after about a month of approval.
    if (status === 'below' && eligible && psIdx !== null && psIdx >= (y - 1) * 12 + 9) {
      let cum = 0;
      for (let idx = jan; idx < jan + 12 && idx <= lastIdx; idx++) {
        cum += tax.get(idx) ?? 0;
        if (cum >= THRESHOLD) {
          const effective = idx + 2;
          if (effective < jan + 12 && effective <= lastIdx) {
            status = 'above';
            aboveFrom = effective;
            scaleHistory.push({
              status,
              effectivePeriod: periodAt(effective),
              reason: DEMO_SCALE_REASONS.monthlyEntry,
            });
          }
          break;
        }
      }
    }

    let taxSum = 0;
    let hasTax = false;
    for (let idx = jan; idx < jan + 12; idx++) {
      const v = tax.get(idx);
      if (v !== undefined) {
        taxSum += v;
        hasTax = true;
      }
    }
    if (aboveFrom >= 0) {
      const inflate = suspicious && y - y0 >= slot.a;
      const f = inflate ? rng.range(1.34, 1.55) : Math.max(0.96, Math.min(1.04, 1 + 0.015 * rng.normal()));
      const months: number[] = [];
      let statSum = 0;
      for (let idx = aboveFrom; idx < jan + 12 && idx <= lastIdx; idx++) {
        const t = tax.get(idx);
        if (t === undefined) continue;
        const ratio = inflate
          ? Math.max(1.31, f * Math.exp(0.015 * rng.normal()))
          : Math.max(0.95, Math.min(1.05, f * Math.exp(0.012 * rng.normal())));
        const v = round2(t * ratio);
        stats.set(idx, v);
        statSum += v;
        months.push(idx);
      }
      // Honest statistics never disagree with the invoices about which side of the line the year is on.
      if (aboveAllYear && !inflate && statSum >= THRESHOLD !== taxSum >= THRESHOLD) {
        statSum = 0;
        for (const idx of months) {
          const t = tax.get(idx) ?? 0;
          stats.set(idx, t);
          statSum += t;
        }
      }
      if (hasTax) record.set(y, aboveAllYear ? statSum : taxSum);
    } else if (hasTax) {
      record.set(y, taxSum);
    }
  }

  // --- electricity and rows ------------------------------------------------------------------------
  const revenue: DemoRevenue[] = [];
  const intensity = spec.kwhPerYuan * rng.range(0.7, 1.3);
  const baseLoad = rng.range(0.03, 0.08);
  for (let idx = firstIdx; idx <= lastIdx; idx++) {
    const t = tax.get(idx);
    if (t === undefined) continue;
    const period = periodAt(idx);
    revenue.push({ period, source: 'tax', value: t });
    const s = stats.get(idx);
    if (s !== undefined) revenue.push({ period, source: 'statistics', value: s });
    if (firm.electricity) {
      const monthlyRate = (rateOfYear.get(Math.floor(idx / 12)) ?? 0) / 12;
      const kwh = intensity * (monthlyRate * baseLoad + t * Math.exp(0.06 * rng.normal()));
      revenue.push({ period, source: 'electricity', value: Math.round(kwh) });
    }
  }

  return {
    creditCode,
    name,
    legalForm,
    industryCode: cls.code,
    townshipCode: firm.township.code,
    inZone: firm.inZone,
    supervisingKey: suggestSupervisingKey(cls.code, firm.inZone),
    address,
    foundedOn,
    productionStartedOn,
    contactName: personName(rng),
    contactPhone: rng.pick(PHONE_PREFIXES) + String(rng.int(0, 9999)).padStart(4, '0'),
    scaleHistory,
    revenue,
    candidate:
      !eligible || status === 'above'
        ? null
        : slot.kind === 'climber' && slot.a - 1 === lastOff
          ? 'entrant'
          : slot.kind === 'pace'
            ? 'pace'
            : null,
  };
}

/** Month indexes in which the firm produced nothing. */
function stoppages(rng: Rng, slot: Slot, psIdx: number | null, ctx: Ctx): Set<number> {
  const out = new Set<number>();
  if (psIdx === null) return out;
  const from = Math.max(ctx.firstIdx, psIdx) + 1;
  if (slot.flag === 'stopInDecline') {
    // The stoppage is why this firm fell below the line and left the directory.
    const y = ctx.y0 + slot.a - 1;
    const start = y * 12 + rng.int(2, 5);
    for (let k = 0; k < rng.int(4, 6); k++) out.add(start + k);
  } else if (slot.flag === 'stopNow') {
    // Stopped for the last three months: the 临退规 case of a firm that stopped production.
    for (let idx = ctx.lastIdx - 2; idx <= ctx.lastIdx; idx++) if (idx >= from) out.add(idx);
  } else if (['small', 'mid', 'nearBelow', 'individual'].includes(slot.kind) && rng.chance(0.06)) {
    if (ctx.lastIdx - 1 >= from) {
      const start = rng.int(from, ctx.lastIdx - 1);
      const len = rng.int(2, 6);
      for (let idx = start; idx < start + len && idx <= ctx.lastIdx; idx++) out.add(idx);
    }
  }
  return out;
}

function uniqueName(
  rng: Rng,
  taken: Set<string>,
  legalForm: DemoEnterprise['legalForm'],
  cls: ClassSpec,
  spec: GroupSpec,
  township: string,
  big: boolean,
): string {
  for (let attempt = 0; ; attempt++) {
    // Mines are often named after their village or township; everyone else after a lucky 字号.
    let zihao = spec.mining && rng.chance(0.25) ? shortTownship(township) : brand(rng);
    if (attempt > 20) zihao += rng.pick(BRAND_CHARS);
    if (attempt > 40) zihao += String(attempt);
    let name: string;
    const plant = rng.pick(cls.plant);
    const works = /[厂站矿场]$/.test(plant) ? plant : `${plant}厂`;
    if (legalForm === 'individual') name = `盂县${zihao}${works}（个体）`;
    else if (legalForm === 'other') name = `盂县${zihao}${works}`;
    else {
      // Small firms are almost always registered as 盂县…; larger ones more often carry the city or province.
      const prefix = rng.weighted(NAME_PREFIXES, (p) =>
        p === '盂县' ? (big ? 4 : 12) : p === '山西' ? (big ? 3 : 1) : big ? 2 : 1.5,
      );
      const suffix = rng.chance(0.08) ? '有限责任公司' : '有限公司';
      name = `${prefix}${zihao}${rng.pick(cls.words)}${suffix}`;
    }
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function addressOf(rng: Rng, firm: Firm, mining: boolean): string {
  const county = '山西省阳泉市盂县';
  if (firm.inZone) return `${county}经济技术开发区${rng.pick(ZONE_ROADS)}${rng.int(1, 188)}号`;
  if (firm.township.name === COUNTY_SEAT && !mining) {
    return `${county}${COUNTY_SEAT}${rng.pick(TOWN_STREETS)}${rng.int(1, 260)}号`;
  }
  const village = `${rng.pick(VILLAGES)}村`;
  if (mining) return `${county}${firm.township.name}${village}${rng.pick(MINE_SPOTS)}`;
  return `${county}${firm.township.name}${village}${rng.int(1, 99)}号`;
}
