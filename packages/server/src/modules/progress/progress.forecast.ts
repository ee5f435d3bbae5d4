// From firms to the board (docs/forecast.md, "From firms to the board"): which firms can still enter or
// exit in a year, with what probability, and how that turns into each unit's chance of reaching its target
// and the county's forecast band. Pure: the service loads the facts set-based and asks these functions.
import {
  type BatchCalendar,
  type CountingRule,
  type FirmHistory,
  type FirmModel,
  fitFirm,
  isIndustrialCode,
  netDistribution,
  periodOf,
  pickRevenueOfRecord,
  probabilityAtLeast,
  projectModel,
  type RevenuePriority,
  reachProbability,
} from '@shenggui/domain';

/** Probabilities this close to 0 or 1 are taken as 0 or 1 (keeps the O(n²) convolution small). */
const EPS = 1e-9;

/**
 * The net distribution of a unit: the known net so far plus independent remaining entries and exits.
 * Certain events (p ≥ 1 − ε) shift the known net, near-impossible ones (p ≤ ε) are dropped.
 */
export function unitNetDistribution(
  knownNet: number,
  entryPs: readonly number[],
  exitPs: readonly number[],
): { min: number; pmf: number[] } {
  let shift = knownNet;
  const en: number[] = [];
  const ex: number[] = [];
  for (const p of entryPs) {
    if (p >= 1 - EPS) shift++;
    else if (p > EPS) en.push(p);
  }
  for (const p of exitPs) {
    if (p >= 1 - EPS) shift--;
    else if (p > EPS) ex.push(p);
  }
  const d = netDistribution(en, ex);
  return { min: d.min + shift, pmf: d.pmf };
}

/** P(the unit's net at the end of the year ≥ its target); null without a target. */
export function probabilityReachTarget(
  knownNet: number,
  entryPs: readonly number[],
  exitPs: readonly number[],
  target: number | null,
): number | null {
  if (target === null) return null;
  if (knownNet - exitPs.length >= target) return 1; // met whatever happens
  return probabilityAtLeast(unitNetDistribution(knownNet, entryPs, exitPs), target);
}

/** The smallest net k with P(net ≤ k) ≥ q. */
export function netQuantile(dist: { min: number; pmf: number[] }, q: number): number {
  let cdf = 0;
  for (let i = 0; i < dist.pmf.length; i++) {
    cdf += dist.pmf[i] ?? 0;
    if (cdf >= q - 1e-12) return dist.min + i;
  }
  return dist.min + dist.pmf.length - 1;
}

/** Months are counted from January of the forecast year: 1 = January, 13 = next January. */
function monthIndex(year: number, date: string): number {
  return (Number(date.slice(0, 4)) - year) * 12 + Number(date.slice(5, 7));
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The timing of the year under a counting rule, as of a day.
 * - `lag`: months between a batch's approval and the month the event first shows on a board that counts it
 *   (0 on the approval basis; 1 on the effective basis: an entry approved in month b takes effect with the
 *   next reporting period, b + 1).
 * - `lastBatch`: the last batch month whose entries still count in the year (approval basis: the cut-off's
 *   month when the cut-off is that month's last day, else the month before; effective basis: the month
 *   before the cut-off's month, for the monthly batches of new firms).
 * - `firstBatch`: the earliest batch still to come (the as-of month's own batch may not have met yet).
 */
export interface YearTiming {
  year: number;
  asOfMonth: number;
  lag: 0 | 1;
  firstBatch: number;
  lastBatch: number;
  /** The window is closed (as-of after the cut-off): nothing can change any more. */
  closed: boolean;
}

export function yearTiming(year: number, asOf: string, rule: CountingRule): YearTiming {
  const cutMonth = Number(rule.cutoff.slice(0, 2));
  const cutDay = Number(rule.cutoff.slice(3, 5));
  const lag = rule.basis === 'approval' ? 0 : 1;
  const lastBatch =
    rule.basis === 'approval'
      ? cutDay >= lastDayOf(year, cutMonth)
        ? cutMonth
        : cutMonth - 1
      : cutMonth - 1;
  const asOfMonth = monthIndex(year, asOf);
  return {
    year,
    asOfMonth,
    lag,
    firstBatch: Math.max(1, asOfMonth),
    lastBatch,
    closed: asOf > `${year}-${rule.cutoff}`,
  };
}

export interface ForecastFirmFacts {
  id: number;
  legalForm: string;
  industryCode: string;
  /** Scale status as of the as-of day. */
  scale: 'above' | 'below';
  /** May use the monthly batches (production started recently, domain.md §5). */
  isNew: boolean;
  /** Operating status in force on the as-of day ('normal', 'stopped', 'half_stopped'). */
  operating: string;
  /** The firm already has an event that counts in the year (entered, exited, or both). */
  counted: boolean;
  history: FirmHistory;
}

export interface FirmOutlook {
  id: number;
  kind: 'entry' | 'exit';
  /** P(the event happens and counts in the year). */
  p: number;
  /** Entries: P(counted on the board at the end of month m), m = 1…12 (index m − 1). */
  byMonthEnd: number[];
  ytdRevenue: number | null;
  ytdMonths: number;
  projectedRevenue: number | null;
}

/**
 * Whether and how a firm can still move the year's net, or null when it cannot.
 * - Entry candidates: below-scale industrial firms, not individual businesses, with no event counted in the
 *   year; p = P(cumulative revenue reaches the line by the month before the last batch still to come).
 *   On the effective basis an annual entry takes effect in January of the next year (domain.md §5), so only
 *   new firms, through the monthly batches, can still enter with effect this year.
 * - Exit candidates: above-scale firms with no event counted in the year. The exits for this year's revenue
 *   are approved next January with effect from next January: they count next year on either basis. So only
 *   a firm marked stopped (停产) can still exit this year, with p = P(the year ends below the line).
 */
export function firmOutlook(
  f: ForecastFirmFacts,
  t: YearTiming,
  rule: CountingRule,
  threshold: number,
  calendar: BatchCalendar,
): FirmOutlook | null {
  if (f.counted || t.closed) return null;
  const entry = f.scale === 'below' && f.legalForm !== 'individual' && isIndustrialCode(f.industryCode);
  const exit = f.scale === 'above' && f.operating === 'stopped';
  if (!entry && !exit) return null;
  const annual = rule.basis === 'approval' ? calendar.annual : [];
  const batches = [...new Set([...annual, ...(f.isNew ? calendar.monthly : [])])]
    .filter((b) => b >= t.firstBatch && b <= t.lastBatch && b >= 2)
    .sort((a, b) => a - b);
  if (entry && batches.length === 0) return null;
  let model: FirmModel | null = null;
  const fit = () => {
    model ??= fitFirm(f.history);
    return model;
  };
  const reach = new Map<number, number>();
  const reachBy = (month: number) => {
    let p = reach.get(month);
    if (p === undefined) {
      p = reachProbability(fit(), threshold, month);
      reach.set(month, p);
    }
    return p;
  };
  const known = f.history.thisYear.filter((v): v is number => v !== null);
  const hasData = known.length > 0 || f.history.pastYears.some((y) => y.some((v) => v !== null));
  const outlook = (kind: 'entry' | 'exit', p: number, byMonthEnd: number[]): FirmOutlook => ({
    id: f.id,
    kind,
    p,
    byMonthEnd,
    ytdRevenue: known.length > 0 ? Math.round(known.reduce((s, v) => s + v, 0) * 100) / 100 : null,
    ytdMonths: known.length,
    projectedRevenue: hasData ? Math.round(projectModel(fit()).expected * 100) / 100 : null,
  });
  if (entry) {
    const last = batches.at(-1)!;
    const byMonthEnd = Array.from({ length: 12 }, (_, i) => {
      const b = batches.filter((x) => x + t.lag <= i + 1).at(-1);
      return b === undefined ? 0 : reachBy(b - 1);
    });
    return outlook('entry', reachBy(last - 1), byMonthEnd);
  }
  const p = 1 - reachBy(12);
  // A stopped firm's exit may be approved any month after the as-of month (effective basis: shown a month later).
  const byMonthEnd = Array.from({ length: 12 }, (_, i) => (i + 1 > t.asOfMonth + t.lag ? p : 0));
  return outlook('exit', p, byMonthEnd);
}

/** Monthly revenue of record as the forecast sees it: Y−3…Y−1 (12 months each) and Y up to its last figure. */
export function forecastHistory(
  months: readonly (readonly [string, number | null, number | null])[] | undefined,
  year: number,
  priority: RevenuePriority,
): FirmHistory {
  const cells = new Map<string, number>();
  for (const [period, s, t] of months ?? []) {
    const v = pickRevenueOfRecord(s, t, priority);
    if (v !== null) cells.set(period, v);
  }
  const row = (y: number) => Array.from({ length: 12 }, (_, i) => cells.get(periodOf(y, i + 1)) ?? null);
  const thisYear = row(year);
  while (thisYear.length > 0 && thisYear.at(-1) === null) thisYear.pop();
  return { pastYears: [row(year - 3), row(year - 2), row(year - 1)], thisYear };
}
