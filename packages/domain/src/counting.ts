// Counting the net increase (净增, docs/domain.md §5): which year an entry or exit counts in, whether it counts
// on the board as it stood on a given day, and the per-unit figures of both dimensions. The server does
// the same counting in SQL; this is the reference the property tests hold it to.
import { z } from 'zod';
import { COUNTING_BASES, type CountingRule } from './progress.js';

/** MM-DD that exists in every year (29 February would move the cut-off every four years). */
export function isCutoff(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(2023, Number(m[1]) - 1, Number(m[2])));
  return d.getUTCMonth() === Number(m[1]) - 1 && d.getUTCDate() === Number(m[2]);
}

export const countingRuleSchema = z.object({
  basis: z.enum(COUNTING_BASES, { error: '计数依据应为批准日期或生效期间' }),
  cutoff: z
    .string({ error: '请填写截止日期' })
    .refine(isCutoff, '截止日期应为 MM-DD 格式的有效日期（不含2月29日），如 12-31'),
});

export interface CountableEvent {
  enterpriseId: number;
  type: 'entry' | 'exit';
  /** YYYY-MM-DD */
  approvalDate: string;
  /** YYYY-MM */
  effectivePeriod: string;
}

/** The date the rule looks at: the approval date, or the first day of the effective period. */
export function countingDate(
  event: Pick<CountableEvent, 'approvalDate' | 'effectivePeriod'>,
  rule: CountingRule,
) {
  return rule.basis === 'approval' ? event.approvalDate : `${event.effectivePeriod}-01`;
}

/** The year an event counts in: its counting date's year, or the next one when the date is after the cut-off. */
export function countingYear(
  event: Pick<CountableEvent, 'approvalDate' | 'effectivePeriod'>,
  rule: CountingRule,
): number {
  const date = countingDate(event, rule);
  const year = Number(date.slice(0, 4));
  return date.slice(5) > rule.cutoff ? year + 1 : year;
}

/** The window of counting dates of a year: (previous year's cut-off, this year's cut-off]. */
export function countingWindow(year: number, rule: CountingRule): { after: string; through: string } {
  return { after: `${year - 1}-${rule.cutoff}`, through: `${year}-${rule.cutoff}` };
}

/**
 * Whether an event is on the board as it stood on `asOf` (YYYY-MM-DD): it must have been approved by then,
 * and under the effective basis its effective period must also have begun (≤ asOf's month).
 */
export function countsAsOf(
  event: Pick<CountableEvent, 'approvalDate' | 'effectivePeriod'>,
  asOf: string,
  rule: CountingRule,
): boolean {
  if (event.approvalDate > asOf) return false;
  return rule.basis === 'approval' || event.effectivePeriod <= asOf.slice(0, 7);
}

export interface NetFigures {
  entered: number;
  exited: number;
  net: number;
}

export interface FirmUnits {
  townshipId: number;
  supervisingUnitId: number;
}

export interface NetIncreaseCount {
  county: NetFigures;
  territorial: Map<number, NetFigures>;
  supervising: Map<number, NetFigures>;
  /** Each counted firm's contribution: +1 entered, −1 exited (firms that net to 0 are left out). */
  firms: Map<number, 1 | -1>;
}

/**
 * Counts a year as of a day. Per firm the counted entries minus exits are netted first, so a firm counts
 * at most once in a view: an entry and a later exit in the same year cancel out; a firm whose events net
 * positive is one entered firm, negative one exited firm. Each firm is then counted once in its township
 * and once in its supervising unit (both dimensions add up to the county).
 */
export function countNetIncrease(
  events: readonly CountableEvent[],
  firms: ReadonlyMap<number, FirmUnits>,
  year: number,
  asOf: string,
  rule: CountingRule,
): NetIncreaseCount {
  const perFirm = new Map<number, number>();
  for (const e of events) {
    if (countingYear(e, rule) !== year || !countsAsOf(e, asOf, rule)) continue;
    perFirm.set(e.enterpriseId, (perFirm.get(e.enterpriseId) ?? 0) + (e.type === 'entry' ? 1 : -1));
  }
  const county: NetFigures = { entered: 0, exited: 0, net: 0 };
  const territorial = new Map<number, NetFigures>();
  const supervising = new Map<number, NetFigures>();
  const counted = new Map<number, 1 | -1>();
  const add = (map: Map<number, NetFigures>, unitId: number, sign: 1 | -1) => {
    const f = map.get(unitId) ?? { entered: 0, exited: 0, net: 0 };
    if (sign > 0) f.entered++;
    else f.exited++;
    f.net += sign;
    map.set(unitId, f);
  };
  for (const [id, n] of perFirm) {
    if (n === 0) continue;
    const firm = firms.get(id);
    if (!firm) continue;
    const sign: 1 | -1 = n > 0 ? 1 : -1;
    counted.set(id, sign);
    if (sign > 0) county.entered++;
    else county.exited++;
    county.net += sign;
    add(territorial, firm.townshipId, sign);
    add(supervising, firm.supervisingUnitId, sign);
  }
  return { county, territorial, supervising, firms: counted };
}

/** Completion rate net / target; units without a (positive) target sort after those with one. */
export function completionRate(net: number, target: number | null): number {
  if (target === null) return Number.NEGATIVE_INFINITY;
  if (target === 0) return net >= 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return net / target;
}

/**
 * Competition ranking ("1224"): by net increase, higher first; equal nets are ordered by completion rate
 * (net ÷ target); units equal on both share a rank and the next rank skips.
 */
export function rankUnits<T extends { net: number; target: number | null }>(rows: readonly T[]): number[] {
  const key = rows.map((r) => [r.net, completionRate(r.net, r.target)] as const);
  const better = (a: readonly [number, number], b: readonly [number, number]) =>
    a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  return key.map((k) => 1 + key.filter((o) => better(o, k)).length);
}

/** target − net, never below 0; null without a target. */
export function remainingOf(target: number | null, net: number): number | null {
  return target === null ? null : Math.max(0, target - net);
}

/** Last day of a YYYY-MM period. */
export function lastDayOfPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}
