// From firms to the board (docs/forecast.md, "From firms to the board"): which firms can still enter or
// exit in a year, with what probability, and how that turns into each unit's chance of reaching its target
// and the county's forecast band. Pure: the service loads the facts set-based and asks these functions.
import {
  type ConversionEstimate,
  type CountingBatch,
  type CountingRule,
  countingBatches,
  countyConversion,
  crossedInYear,
  type DeclarationCalendar,
  decidedOutcome,
  entryChance,
  exitChance,
  type FirmHistory,
  type FirmModel,
  fitFirm,
  isIndustrialCode,
  monthlyModelRow,
  priorYearShortfall,
  projectModel,
  type RevenuePriority,
  reachProbability,
  revenueOfRecordEntries,
  type SourcedFigure,
  shownProbability,
} from '@shenggui/domain';

/** Probabilities this close to 0 or 1 are taken as 0 or 1 (a certain entry shifts the known net). */
const EPS = 1e-9;
/** Tail mass below this is dropped while convolving: the support stays a few dozen wide, not n. */
const TAIL = 1e-15;

/**
 * The net distribution of a unit: the known net so far plus independent remaining entries and exits
 * (exact Poisson-binomial convolution with negligible tails trimmed as it goes, so thousands of small exit
 * hazards cost O(n · width) instead of O(n²)). Certain events (p ≥ 1 − ε) shift the known net.
 */
export function unitNetDistribution(
  knownNet: number,
  entryPs: readonly number[],
  exitPs: readonly number[],
): { min: number; pmf: number[] } {
  let shift = knownNet;
  const moves: number[] = []; // +p: an entry, −p: an exit
  for (const p of entryPs) {
    if (p >= 1 - EPS) shift++;
    else if (p > EPS) moves.push(p);
  }
  for (const p of exitPs) {
    if (p >= 1 - EPS) shift--;
    else if (p > EPS) moves.push(-p);
  }
  const n = moves.filter((m) => m < 0).length;
  // Index i holds P(net = shift − n + i); [lo, hi] is the support kept so far.
  const pmf = new Float64Array(moves.length + 1);
  let lo = n;
  let hi = n;
  pmf[n] = 1;
  for (const m of moves) {
    if (m > 0) {
      const p = m;
      pmf[hi + 1] = pmf[hi]! * p;
      for (let i = hi; i > lo; i--) pmf[i] = pmf[i]! * (1 - p) + pmf[i - 1]! * p;
      pmf[lo] = pmf[lo]! * (1 - p);
      hi++;
    } else {
      const p = -m;
      pmf[lo - 1] = pmf[lo]! * p;
      for (let i = lo; i < hi; i++) pmf[i] = pmf[i]! * (1 - p) + pmf[i + 1]! * p;
      pmf[hi] = pmf[hi]! * (1 - p);
      lo--;
    }
    while (lo < hi && pmf[lo]! < TAIL) pmf[lo++] = 0;
    while (hi > lo && pmf[hi]! < TAIL) pmf[hi--] = 0;
  }
  return { min: shift - n + lo, pmf: Array.from(pmf.subarray(lo, hi + 1)) };
}

/** What a unit's year rests on: the known net and the events that may still come. */
export interface UnitInputs {
  knownNet: number;
  entryPs: number[];
  exitPs: number[];
  /** Firms that can still enter / exit at all (their probability may be tiny, never structurally 0). */
  possibleEntries: number;
  possibleExits: number;
}

/**
 * P(the unit's net at the end of the year ≥ its target), as shown: the exact outcome once decided (after the
 * cut-off, or when no possible event can change it), else kept strictly inside (0, 1) (shownProbability).
 * Null without a target.
 */
export function probabilityReachTarget(u: UnitInputs, target: number | null, closed: boolean): number | null {
  if (target === null) return null;
  const decided = decidedOutcome({
    closed,
    knownNet: u.knownNet,
    target,
    possibleEntries: u.possibleEntries,
    possibleExits: u.possibleExits,
  });
  if (decided !== null) return decided;
  const dist = unitNetDistribution(u.knownNet, u.entryPs, u.exitPs);
  let sum = 0;
  for (let i = Math.max(0, target - dist.min); i < dist.pmf.length; i++) sum += dist.pmf[i]!;
  return shownProbability(sum, null);
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
  /** May use the monthly batches (production started recently, docs/domain.md §5). */
  isNew: boolean;
  /** Operating status in force on the as-of day ('normal', 'stopped', 'half_stopped'). */
  operating: string;
  /** The firm already has an event that counts in the year (entered, exited, or both). */
  counted: boolean;
  history: FirmHistory;
  /** The firm's open declaration (not entered, not withdrawn) on a batch that may count in the year. */
  declaration: { state: string; batch: CountingBatch } | null;
}

/** What every firm of the year shares: the timing, the rule, the line, the calendar and the conversion rate. */
export interface YearSetting {
  timing: YearTiming;
  asOf: string;
  rule: CountingRule;
  threshold: number;
  calendar: DeclarationCalendar;
  /** The county's conversion rate (countyConversion). */
  conversion: number;
  /** countingBatches for firms that are not / are new (computed once per year, not per firm). */
  batches?: { old: CountingBatch[]; new: CountingBatch[] };
}

/** The batches still open that count, for established and for new firms: once per request. */
export function withBatches(y: YearSetting): YearSetting {
  const of = (isNew: boolean) => countingBatches(y.timing.year, y.asOf, y.rule, y.calendar, isNew);
  return { ...y, batches: { old: of(false), new: of(true) } };
}

export interface FirmOutlook {
  id: number;
  kind: 'entry' | 'exit';
  /** P(the event happens and counts in the year). */
  p: number;
  /** The event can still happen in the year at all (decides whether a unit's outcome is still open). */
  possible: boolean;
  /** P(counted on the board at the end of month m), m = 1…12 (index m − 1). */
  byMonthEnd: number[];
  ytdRevenue: number | null;
  ytdMonths: number;
  /** The model's expected full year, computed only when asked (the firms that decide the year). */
  projectedRevenue: () => number | null;
}

/**
 * Whether and how a firm can still move the year's net (docs/forecast.md, "From crossing to a counted entry"),
 * or null when it cannot.
 * - Entry candidates: below-scale industrial firms, not individual businesses, with no event counted in the
 *   year: entryChance — an open declaration on a batch that counts, else the last open batch that counts,
 *   with P(reach the line by its data month) × the county's conversion rate.
 * - Exit candidates: above-scale firms with no event counted in the year: exitChance — stopped firms,
 *   last year's shortfall not yet taken out, and a small hazard for any other reason.
 */
export function firmOutlook(f: ForecastFirmFacts, y: YearSetting): FirmOutlook | null {
  const t = y.timing;
  if (f.counted || t.closed) return null;
  const entry = f.scale === 'below' && f.legalForm !== 'individual' && isIndustrialCode(f.industryCode);
  if (!entry && f.scale !== 'above') return null;
  let model: FirmModel | null = null;
  const fit = () => {
    model ??= fitFirm(f.history);
    return model;
  };
  const reach = new Map<number, number>();
  const reachBy = (month: number) => {
    let p = reach.get(month);
    if (p === undefined) {
      p = reachProbability(fit(), y.threshold, month);
      reach.set(month, p);
    }
    return p;
  };
  const outlook = (
    kind: 'entry' | 'exit',
    p: number,
    possible: boolean,
    byMonthEnd: number[],
  ): FirmOutlook => {
    let ytd = 0;
    let months = 0;
    for (const v of f.history.thisYear)
      if (v !== null) {
        ytd += v;
        months++;
      }
    return {
      id: f.id,
      kind,
      p,
      possible,
      byMonthEnd,
      ytdRevenue: months > 0 ? Math.round(ytd * 100) / 100 : null,
      ytdMonths: months,
      projectedRevenue: () =>
        fit().logLevel === null && months === 0 ? null : Math.round(projectModel(fit()).expected * 100) / 100,
    };
  };
  if (entry) {
    const c = entryChance({
      year: t.year,
      rule: y.rule,
      declaration: f.declaration,
      openBatches:
        (f.isNew ? y.batches?.new : y.batches?.old) ??
        countingBatches(t.year, y.asOf, y.rule, y.calendar, f.isNew),
      reachBy,
      conversion: y.conversion,
    });
    return c.possible ? outlook('entry', c.p, true, c.byMonthEnd) : null;
  }
  const stopped = f.operating === 'stopped';
  const p = exitChance({
    year: t.year,
    asOf: y.asOf,
    rule: y.rule,
    stopped,
    pBelowYearEnd: () => 1 - reachBy(12),
    priorYearShortfall: priorYearShortfall(f.history.pastYears.at(-1) ?? [], y.threshold),
  });
  // An exit may be approved any month after the as-of month (effective basis: shown a month later).
  const byMonthEnd = Array.from({ length: 12 }, (_, i) => (i + 1 > t.asOfMonth + t.lag ? p : 0));
  return outlook('exit', p, p > 0, byMonthEnd);
}

/**
 * The county's conversion rate from its own past years Y−2 and Y−1: firms (industrial, not individual) that
 * crossed the line by the data month of the last batch that counted for them (crossedInYear), and of those
 * the ones with an entry counted in the same year. `entered(id, y)` says whether the firm's entry counted in y.
 */
export function conversionFromHistory(
  firms: readonly {
    id: number;
    legalForm: string;
    industryCode: string;
    isNewIn: (year: number) => boolean;
    history: FirmHistory;
  }[],
  year: number,
  rule: CountingRule,
  calendarOf: (year: number) => DeclarationCalendar,
  threshold: number,
  entered: (id: number, year: number) => boolean,
): ConversionEstimate {
  const years = [year - 2, year - 1].map((y) => {
    const lastData = (isNew: boolean) =>
      countingBatches(y, `${y}-01-01`, rule, calendarOf(y), isNew).at(-1)?.dataMonth ?? 0;
    const dataMonth = { old: lastData(false), new: lastData(true) };
    let crossed = 0;
    let enteredSame = 0;
    for (const f of firms) {
      if (f.legalForm === 'individual' || !isIndustrialCode(f.industryCode)) continue;
      // pastYears are Y−3, Y−2, Y−1: year y is at index y − (Y − 3).
      const i = y - (year - 3);
      const row = f.history.pastYears[i];
      const prior = f.history.pastYears[i - 1];
      if (!row || !prior) continue;
      const isNew = f.isNewIn(y);
      if (!crossedInYear(prior, row, isNew ? dataMonth.new : dataMonth.old, threshold, isNew)) continue;
      crossed++;
      if (entered(f.id, y)) enteredSame++;
    }
    return { crossed, entered: enteredSame };
  });
  return countyConversion(years);
}

/**
 * Monthly revenue of record as the forecast sees it: Y−3…Y−1 (12 months each) and Y up to its last figure.
 * The record is decided by `revenueOfRecordEntries` (a quarterly return stays a quarter); the monthly model
 * takes a quarter as three equal months (`monthlyModelRow`, docs/forecast.md).
 */
export function forecastHistory(
  months: readonly (readonly [string, number | null, number | null, (1 | 3)?, (1 | 3)?])[] | undefined,
  year: number,
  priority: RevenuePriority,
): FirmHistory {
  const figures: SourcedFigure[] = [];
  for (const [period, s, t, sm, tm] of months ?? []) {
    if (s !== null) figures.push({ period, source: 'statistics', value: s, months: sm });
    if (t !== null) figures.push({ period, source: 'tax', value: t, months: tm });
  }
  const entries = revenueOfRecordEntries(figures, priority);
  const thisYear = monthlyModelRow(entries, year);
  while (thisYear.length > 0 && thisYear.at(-1) === null) thisYear.pop();
  return {
    pastYears: [
      monthlyModelRow(entries, year - 3),
      monthlyModelRow(entries, year - 2),
      monthlyModelRow(entries, year - 1),
    ],
    thisYear,
  };
}

/**
 * Known net and the remaining entry / exit probabilities of the firms `belongs` picks, for the year's final
 * count or for the board at the end of `monthEnd` (1–12).
 */
export function unitInputsOf<F extends { id: number }>(
  firms: readonly F[],
  outlooks: ReadonlyMap<number, FirmOutlook>,
  known: ReadonlyMap<number, number>,
  belongs: (f: F) => boolean,
  monthEnd?: number,
): UnitInputs {
  const u: UnitInputs = { knownNet: 0, entryPs: [], exitPs: [], possibleEntries: 0, possibleExits: 0 };
  for (const f of firms) {
    if (!belongs(f)) continue;
    u.knownNet += known.get(f.id) ?? 0;
    const o = outlooks.get(f.id);
    if (!o) continue;
    const p = monthEnd === undefined || monthEnd >= 12 ? o.p : (o.byMonthEnd[monthEnd - 1] ?? 0);
    if (o.kind === 'entry') {
      u.entryPs.push(p);
      if (o.possible) u.possibleEntries++;
    } else {
      u.exitPs.push(p);
      if (o.possible) u.possibleExits++;
    }
  }
  return u;
}
