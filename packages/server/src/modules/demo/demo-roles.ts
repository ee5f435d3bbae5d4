// The demo firms' roles (demo-population.ts): the scripted yearly pattern each firm follows relative to the
// 20M line, and the reasons its scale history records.
import type { Group } from './demo-industries.js';
import type { Rng } from './demo-random.js';

export const DEMO_SCALE_REASONS = {
  initialAbove: '期初状态：规上（名录库在库）',
  initialBelow: '期初状态：规下',
  newProduction: '新投产企业：规下',
  underConstruction: '在建项目：尚未投产',
  annualEntry: '年度入库',
  monthlyEntry: '月度入库',
  exit: '退库：主营业务收入低于2000万元',
} as const;

export const THRESHOLD = 20_000_000;
// Scripted years keep a margin from the line so statistics noise (±5%) and cent rounding can never flip
// which side of 20M a year lands on; the few "just above" firms are placed deliberately.
export const ABOVE_MIN = 20_600_000;
export const BELOW_MAX = 19_400_000;

// Roles: the scripted yearly pattern of each firm. Counts are per 300 firms and scale with `count`.

export type Kind =
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

export interface Slot {
  kind: Kind;
  /** Event year as an offset from the first year (entry, exit or first year over the line). */
  a: number;
  /** Second event year offset (re-entry, exit after an entry). */
  b: number;
  flag: Flag;
}

export const PLAN: readonly [number, Slot][] = [
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

export const INDIVIDUAL_KINDS: ReadonlySet<Kind> = new Set(['individual', 'bigIndividual']);
export const NEW_KINDS: ReadonlySet<Kind> = new Set(['monthly', 'newSmall', 'construction']);
export const OTHER_FORM_SHARE = 0.03;
export const ZONE_SHARE = 0.15;
export const ELECTRICITY_SHARE = 0.6;

// How strongly a role is drawn to an industry (default 1; 0 = never).
export const AFFINITY: Partial<Record<Kind, Partial<Record<Group, number>>>> = {
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

export function constraintOf(
  slot: Slot,
  off: number,
  lastOff: number,
): 'A' | 'B' | 'F' | 'I' | 'P' | 'M' | 'N' {
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

export function initialLevel(slot: Slot, group: Group, rng: Rng): number {
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
export function trendOf(kind: Kind, rng: Rng): number {
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
