// From a firm crossing the scale line to an event that counts in the year (docs/forecast.md, "From crossing
// to a counted entry"). The revenue forecast (forecast.ts) says whether a firm's cumulative revenue reaches
// the line by a month; the target counts DIRECTORY ENTRIES and exits. Between the two stand the declaration
// (is one under way, how far has it got), the declaration calendar (which batches are still open and whether
// an entry from them counts in this year under the counting rule) and the county's own record of how many
// crossing firms actually entered in the same counting year. Exits: stopped firms, firms whose previous
// year ended below the line and have not been taken out yet, and a small hazard for every other reason.
//
// Pure and deterministic; the server loads the facts and the backtest replays them month by month.
import { countingYear } from './counting.js';
import { type DeclarationCalendar, resolveBatch } from './declaration.js';
import { addMonths, periodOf, splitPeriod } from './period.js';
import type { CountingRule } from './progress.js';

/** Judgements of the conversion model (documented in docs/forecast.md; none is tuned to the demo). */
export const CONVERSION_PARAMS = {
  /** Prior share of crossing firms whose entry counts in the same counting year, and its weight in firms. */
  conversionPrior: 0.75,
  conversionPriorWeight: 6,
  /**
   * P(a declaration in this state ends in an entry on its batch). Submitted files have passed the centre's
   * blocking checks (revenue to the data month included); earlier states can still be returned.
   */
  stagePass: {
    preparing: 0.7,
    township_review: 0.8,
    centre_review: 0.9,
    submitted: 0.97,
    /** The bureau recorded it (the directory event exists; the board counts it as known). */
    entered: 1,
  } as Record<string, number>,
  /** P(an above-scale firm whose previous year ended below the line is taken out in the window). */
  shortfallExit: 0.9,
  /** Yearly hazard of an exit for any other reason (deregistration, moving away, merger). */
  otherExitPerYear: 0.003,
  /**
   * While the outcome is open a probability is never shown beyond [floor, 1 − floor]: three decimals can
   * then never read 0.000 or 1.000.
   */
  displayFloor: 0.001,
} as const;

// ── Batches that still count ─────────────────────────────────────────────────────────────────────────

export interface CountingBatch {
  mode: 'monthly' | 'annual';
  key: string;
  /** Materials due (YYYY-MM-DD); the model takes the approval on this day. */
  deadline: string;
  /** The month of the forecast year whose cumulative revenue the batch rests on (1–12). */
  dataMonth: number;
  /** The effective period of an entry from this batch (annual: January after the batch's year). */
  effectivePeriod: string;
  /** The year the entry counts in under the rule. */
  countsIn: number;
}

/** Effective period of an entry: annual → January of the next year; monthly → the month after the batch. */
export function entryEffectivePeriod(mode: 'monthly' | 'annual', key: string, calendarYear: number): string {
  return mode === 'annual' ? periodOf(calendarYear + 1, 1) : addMonths(key, 1);
}

/** A batch of a calendar year, with the year its entries count in (approval taken on the deadline). */
export function countingBatchOf(
  calendar: DeclarationCalendar,
  calendarYear: number,
  mode: 'monthly' | 'annual',
  key: string,
  rule: CountingRule,
  forecastYear: number,
): CountingBatch | null {
  const b = resolveBatch(calendar, calendarYear, mode, key);
  if (!b) return null;
  const effectivePeriod = entryEffectivePeriod(mode, b.key, calendarYear);
  const d = splitPeriod(b.dataMonth);
  return {
    mode,
    key: b.key,
    deadline: b.deadline,
    dataMonth: d.year === forecastYear ? d.month : d.year < forecastYear ? 0 : 13,
    effectivePeriod,
    countsIn: countingYear({ approvalDate: b.deadline, effectivePeriod }, rule),
  };
}

/**
 * The batches a firm without a declaration can still use whose entry counts in `year`: deadline on or after
 * `asOf`, counting in `year`, resting on data of `year` (a January monthly batch declares on December of
 * the year before: not a crossing of this year). Annual batches for every firm, monthly ones for new firms.
 * Sorted by deadline.
 */
export function countingBatches(
  year: number,
  asOf: string,
  rule: CountingRule,
  calendar: DeclarationCalendar,
  isNew: boolean,
): CountingBatch[] {
  const out: CountingBatch[] = [];
  const consider = (mode: 'monthly' | 'annual', key: string) => {
    const b = countingBatchOf(calendar, year, mode, key, rule, year);
    if (b && b.deadline >= asOf && b.countsIn === year && b.dataMonth >= 1 && b.dataMonth <= 12) out.push(b);
  };
  for (const b of calendar.batches) consider('annual', b.key);
  if (isNew) for (let m = 1; m <= 12; m++) consider('monthly', periodOf(year, m));
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/**
 * The month (1 = January of `year`, 13 = next January) an entry of this batch first shows on a board that
 * counts it: the approval's month on the approval basis, the effective period on the effective basis.
 */
export function boardMonthOf(b: CountingBatch, rule: CountingRule, year: number): number {
  const period = rule.basis === 'approval' ? b.deadline.slice(0, 7) : b.effectivePeriod;
  const { year: y, month } = splitPeriod(period);
  return (y - year) * 12 + month;
}

// ── Entries ──────────────────────────────────────────────────────────────────────────────────────────

export interface EntryChanceInput {
  year: number;
  rule: CountingRule;
  /** The firm's open declaration (not entered, not withdrawn) with its batch, or null. */
  declaration: { state: string; batch: CountingBatch } | null;
  /** Batches still open to a new declaration that count in the year (countingBatches). */
  openBatches: readonly CountingBatch[];
  /** P(cumulative revenue of record from January reaches the line by the end of month m), m = 1…12. */
  reachBy: (month: number) => number;
  /** The county's conversion rate: share of crossing firms that entered in the same counting year. */
  conversion: number;
}

export interface EntryChance {
  /** P(an entry of the firm counts in the year). */
  p: number;
  /** Whether an entry counting in the year is possible at all (a batch or a declaration that counts). */
  possible: boolean;
  /** P(counted on the board at the end of month m), m = 1…12 (index m − 1); byMonthEnd[11] = p. */
  byMonthEnd: number[];
  /** What the probability rests on. */
  via: 'declaration' | 'batch' | 'none';
}

const NO_ENTRY: EntryChance = { p: 0, possible: false, byMonthEnd: Array(12).fill(0), via: 'none' };

/**
 * P(a below-scale firm's entry counts in the year):
 * - an open declaration on a batch that counts: P(it passes from its state) × P(the revenue reaches the line
 *   by the batch's data month) (a submitted file has passed the revenue check: only its pass rate);
 * - otherwise (no declaration, returned, or a declaration whose batch counts in another year): the last open
 *   batch that counts decides — P(reach the line by its data month) × the county's conversion rate. A firm
 *   that reaches the line only after that data month (a December crossing) does not count this year;
 * - no such batch: 0, and not possible.
 */
export function entryChance(input: EntryChanceInput): EntryChance {
  const { declaration: d, rule, year } = input;
  const pass = d ? CONVERSION_PARAMS.stagePass[d.state] : undefined;
  if (d && pass !== undefined && d.batch.countsIn === year && d.batch.dataMonth <= 12) {
    const checked = d.state === 'submitted' || d.state === 'entered' || d.batch.dataMonth < 1;
    const reach = checked ? 1 : input.reachBy(d.batch.dataMonth);
    const p = clamp01(pass * reach);
    const shows = boardMonthOf(d.batch, rule, year);
    return {
      p,
      possible: true,
      byMonthEnd: Array.from({ length: 12 }, (_, i) => (i + 1 >= shows ? p : 0)),
      via: 'declaration',
    };
  }
  const batches = input.openBatches.filter((b) => b.countsIn === year && b.dataMonth >= 1);
  const last = batches.at(-1);
  if (!last) return NO_ENTRY;
  const c = clamp01(input.conversion);
  const p = clamp01(input.reachBy(last.dataMonth) * c);
  // Each batch once: the month it shows on the board and its chance; then the best shown by each month end.
  const byMonthEnd: number[] = Array(12).fill(0);
  for (const b of batches) {
    const q = clamp01(input.reachBy(b.dataMonth) * c);
    for (let m = Math.max(1, boardMonthOf(b, rule, year)); m <= 12; m++)
      if (q > byMonthEnd[m - 1]!) byMonthEnd[m - 1] = q;
  }
  byMonthEnd[11] = p;
  return { p, possible: true, byMonthEnd, via: 'batch' };
}

// ── Exits ────────────────────────────────────────────────────────────────────────────────────────────

export interface ExitChanceInput {
  year: number;
  asOf: string;
  rule: CountingRule;
  /** Marked 停产 on the as-of day: the bureau may take it out during the year. */
  stopped: boolean;
  /** P(the year's revenue ends below the line), asked only for a stopped firm. */
  pBelowYearEnd: () => number;
  /** The previous full year's revenue of record is below the line (and the firm is still above scale). */
  priorYearShortfall: boolean;
}

/**
 * P(an above-scale firm's exit counts in the year), combining independent causes:
 * - stopped: P(the year ends below the line);
 * - last year's shortfall not yet taken out: its exit is approved in January with effect from January, so it
 *   counts in the year when that date lies in the window — then CONVERSION_PARAMS.shortfallExit, after January
 *   scaled by the share of the window still to come;
 * - any other reason: the yearly hazard × the share of the window still to come.
 * A full-year shortfall of THIS year is decided next January and counts next year (docs/domain.md §5).
 */
export function exitChance(input: ExitChanceInput): number {
  const { year, asOf, rule } = input;
  const P = CONVERSION_PARAMS;
  const janEvent = { approvalDate: `${year}-01-15`, effectivePeriod: periodOf(year, 1) };
  // Expected with the January approvals; a firm still in the directory after January may yet be taken out,
  // in proportion to the window still to come.
  const late = asOf > `${year}-01-31` ? remainingShare(year, asOf, rule) : 1;
  const shortfall =
    input.priorYearShortfall && countingYear(janEvent, rule) === year ? P.shortfallExit * late : 0;
  const stopped = input.stopped ? clamp01(input.pBelowYearEnd()) : 0;
  const other = P.otherExitPerYear * remainingShare(year, asOf, rule);
  return clamp01(1 - (1 - shortfall) * (1 - stopped) * (1 - other));
}

/** Share of the year's counting window (previous cut-off, this cut-off] still to come after `asOf`. */
export function remainingShare(year: number, asOf: string, rule: CountingRule): number {
  const from = Date.parse(`${year - 1}-${rule.cutoff}T00:00:00Z`);
  const to = Date.parse(`${year}-${rule.cutoff}T00:00:00Z`);
  const at = Date.parse(`${asOf}T00:00:00Z`);
  return clamp01((to - at) / (to - from));
}

// ── The county's conversion rate ─────────────────────────────────────────────────────────────────────

/** Shrinks an observed share toward a prior worth `weight` observations: (s + prior·w) / (n + w). */
export function shrunkRate(successes: number, trials: number, prior: number, weight: number): number {
  if (!(trials >= 0 && successes >= 0 && successes <= trials))
    throw new RangeError('成功次数应在0至试验次数之间');
  return (successes + prior * weight) / (trials + weight);
}

export interface ConversionEstimate {
  /** Firms of the past years that crossed the line by the data month of the last batch that counted. */
  crossed: number;
  /** Of those, the ones with an entry counted in the same counting year. */
  entered: number;
  /** The shrunk rate the forecast uses. */
  rate: number;
}

/** The county's conversion rate from its own past years, shrunk toward CONVERSION_PARAMS.conversionPrior. */
export function countyConversion(years: readonly { crossed: number; entered: number }[]): ConversionEstimate {
  const crossed = years.reduce((s, y) => s + y.crossed, 0);
  const entered = years.reduce((s, y) => s + y.entered, 0);
  const P = CONVERSION_PARAMS;
  return { crossed, entered, rate: shrunkRate(entered, crossed, P.conversionPrior, P.conversionPriorWeight) };
}

/**
 * Whether a firm counts as a crossing of past year `y` for the conversion rate: the year before is known to
 * have ended below the line (all 12 months on record, or the firm is new in `y`: it was below scale at the
 * start of `y`), and the cumulative revenue of `y` reached the line by `dataMonth` (the last batch that
 * counted in `y`). Missing months count as 0; a firm whose year before is unknown is left out.
 */
export function crossedInYear(
  priorYear: readonly (number | null)[],
  thisYear: readonly (number | null)[],
  dataMonth: number,
  threshold: number,
  isNew = false,
): boolean {
  if (dataMonth < 1) return false;
  if (!isNew) {
    let known = 0;
    for (const v of priorYear) if (v !== null) known++;
    if (known < 12) return false;
  }
  if (sum(priorYear, 12) >= threshold) return false;
  return sum(thisYear, Math.min(12, dataMonth)) >= threshold;
}

/** Whether the previous year's revenue of record ended below the line (a full year of figures needed). */
export function priorYearShortfall(priorYear: readonly (number | null)[], threshold: number): boolean {
  const known = priorYear.filter((v): v is number => v !== null);
  return known.length === 12 && sum(known, 12) < threshold;
}

function sum(row: readonly (number | null)[], months: number): number {
  let s = 0;
  for (let i = 0; i < months && i < row.length; i++) s += row[i] ?? 0;
  return s;
}

// ── Decided or open, and what is shown ───────────────────────────────────────────────────────────────

/**
 * Whether P(net ≥ target) is already decided: 1 once the known net meets the target even if every firm that
 * could still exit did; 0 once it misses it even if every possible entry came; after the cut-off, the known
 * net decides. Null while the outcome is open.
 */
export function decidedOutcome(x: {
  closed: boolean;
  knownNet: number;
  target: number;
  possibleEntries: number;
  possibleExits: number;
}): 0 | 1 | null {
  if (x.closed) return x.knownNet >= x.target ? 1 : 0;
  if (x.knownNet - x.possibleExits >= x.target) return 1;
  if (x.knownNet + x.possibleEntries < x.target) return 0;
  return null;
}

/**
 * The probability as shown and returned: the exact outcome when decided, else kept inside
 * [floor, 1 − floor] so an open outcome never reads 0.000 or 1.000 (docs/forecast.md).
 */
export function shownProbability(p: number, decided: 0 | 1 | null): number {
  if (decided !== null) return decided;
  const f = CONVERSION_PARAMS.displayFloor;
  return Math.min(1 - f, Math.max(f, p));
}

/** A probability as Chinese-UI text: whole percent, "<1%" / ">99%" for an open outcome near the ends. */
export function formatProbabilityPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const pct = Math.round(clamp01(p) * 100);
  if (pct === 0 && p > 0) return '<1%';
  if (pct === 100 && p < 1) return '>99%';
  return `${pct}%`;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
