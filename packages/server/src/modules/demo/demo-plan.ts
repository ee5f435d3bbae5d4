// The demo population's structure (demo-population.ts): each firm's role, legal form, industry, township,
// zone and metering, and the roles of the years after the scripted ones.
import { GROUP_ORDER, GROUPS, type Group } from './demo-industries.js';
import { COUNTY_SEAT, TOWNSHIP_WEIGHT, ZONE_TOWNSHIP_WEIGHT } from './demo-names.js';
import type { DemoEnterprise } from './demo-population.js';
import { apportion, type Rng, sampleWeighted } from './demo-random.js';
import {
  AFFINITY,
  ELECTRICITY_SHARE,
  INDIVIDUAL_KINDS,
  type Kind,
  NEW_KINDS,
  OTHER_FORM_SHARE,
  PLAN,
  type Slot,
  ZONE_SHARE,
} from './demo-roles.js';

export interface Firm {
  slot: Slot;
  legalForm: DemoEnterprise['legalForm'];
  group: Group;
  township: { code: string; name: string };
  inZone: boolean;
  electricity: boolean;
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

export function extendStory(firms: Firm[], lastOff: number, count: number): void {
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
export function planFirms(rng: Rng, count: number, townships: { code: string; name: string }[]): Firm[] {
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
