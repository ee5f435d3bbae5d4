// The libraries (库) of the 小升规 pipeline (docs/domain.md §4; seed 三(一)–(三), (五), (九)): which firms belong in
// the base library, the cultivation library, the near-threshold list and the at-risk list for a plan year,
// with the reasons, a suggested pathway (升规路径) and a tier A/B/C from the forecast.
//
// Pure: the caller loads the facts of one firm, this module decides. The result depends only on the facts,
// never on the order they arrived in (facts are sets: monthly figures, history rows, exits), so a recompute
// gives the same memberships whatever order the import, the corrections and the directory events came in.
import { z } from 'zod';
import { type DeclarationCalendar, declarationDeadlines } from './declaration.js';
import { EXIT_REASON_LABELS, type ExitReason } from './directory.js';
import { type FirmHistory, type FirmModel, fitFirm, projectModel, reachProbability } from './forecast.js';
import { formatWan } from './money.js';
import { isIsoDate, periodOf, splitPeriod } from './period.js';
import {
  coveredPeriods,
  DEFAULT_REVENUE_PRIORITY,
  type FigureSpan,
  monthlyModelRow,
  PARTIAL_YEAR_RULE,
  REVENUE_PRIORITIES,
  type RecordEntry,
  type RevenuePriority,
  revenueOfRecordEntries,
  yearCoverageLabel,
} from './revenue-of-record.js';

export const LIBRARIES = ['base', 'cultivation', 'near', 'atRisk'] as const;
export type Library = (typeof LIBRARIES)[number];
export const LIBRARY_LABELS: Record<Library, string> = {
  base: '基础信息库',
  cultivation: '培育库',
  near: '临规企业',
  atRisk: '临退规企业',
};

/** The six pathways of docs/domain.md §4 (seed 三(五)). */
export const PATHWAYS = [
  'growth',
  'merger',
  'individual_to_enterprise',
  'reached_not_reported',
  'new_project',
  'industry_shift',
] as const;
export type Pathway = (typeof PATHWAYS)[number];
export const PATHWAY_LABELS: Record<Pathway, string> = {
  growth: '成长壮大',
  merger: '兼并重组',
  individual_to_enterprise: '个转企',
  reached_not_reported: '达规未入',
  new_project: '新开工投产达效',
  industry_shift: '转行业',
};

export const TIERS = ['A', 'B', 'C'] as const;
export type Tier = (typeof TIERS)[number];

export const OPERATING_STATUSES = ['normal', 'stopped', 'half_stopped'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
export const OPERATING_STATUS_LABELS: Record<OperatingStatus, string> = {
  normal: '正常生产',
  stopped: '停产',
  half_stopped: '半停产',
};

/** Every rule that can put a firm in a library; stored with the membership so its history says why. */
export const LIBRARY_RULES = [
  'base.prior_revenue',
  'cultivation.prior_revenue',
  'cultivation.reached_not_reported',
  'cultivation.new_production',
  'cultivation.re_entry',
  'near.forecast',
  'near.prior_revenue',
  'atRisk.forecast',
  'atRisk.decline',
  'atRisk.stopped',
] as const;
export type LibraryRule = (typeof LIBRARY_RULES)[number];

/**
 * Thresholds of one plan year (all *configurable*, docs/domain.md §4). Money in yuan. `newFirmSince` is MM-DD of
 * the prior year: production started on or after it makes a firm "new" (seed 三(二) 年度新建; docs/domain.md §5
 * monthly entry). Probabilities are the forecast's: `reachP` decides 新建有望升规 and the near forecast,
 * `belowP` the at-risk forecast, `tierAP` / `tierBP` the tiers.
 */
export const libraryThresholdsSchema = z.object({
  base: z.number().positive().default(5_000_000),
  cultivation: z.number().positive().default(10_000_000),
  nearLow: z.number().positive().default(15_000_000),
  scale: z.number().positive().default(20_000_000),
  atRiskDropPct: z.number().min(0).max(100).default(20),
  reEntryYears: z.number().int().min(0).max(10).default(3),
  /**
   * 退库再升规 needs a prospect (seed 三(二)): 'prior_year' — the prior year's revenue of record reaches
   * `reEntryMin`; 'forecast' — the forecast full year reaches it. Exits for 注销 or 迁出 never qualify.
   */
  reEntryProspect: z.enum(['prior_year', 'forecast']).default('prior_year'),
  reEntryMin: z.number().positive().default(5_000_000),
  /** 往年达规未入统: completed years looked back over (Y−1 … Y−n). */
  reachedLookbackYears: z.number().int().min(1).max(10).default(3),
  newFirmSince: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD')
    .default('10-01'),
  /** Filled from the county's one `revenue.priority` setting by the server; never set per year. */
  revenuePriority: z.enum(REVENUE_PRIORITIES).default(DEFAULT_REVENUE_PRIORITY),
  reachP: z.number().min(0).max(1).default(0.5),
  belowP: z.number().min(0).max(1).default(0.5),
  tierAP: z.number().min(0).max(1).default(0.7),
  tierBP: z.number().min(0).max(1).default(0.4),
});
export type LibraryThresholds = z.infer<typeof libraryThresholdsSchema>;
export const DEFAULT_LIBRARY_THRESHOLDS: LibraryThresholds = libraryThresholdsSchema.parse({});

/**
 * When declarations happen: months with a monthly batch (new firms only) and months with an annual batch
 * (seed 三(四): November and December). The declaration calendar is a later issue; this is its default.
 */
export interface BatchCalendar {
  monthly: number[];
  annual: number[];
}
export const DEFAULT_BATCH_CALENDAR: BatchCalendar = {
  monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  annual: [11, 12],
};

/**
 * What the forecast sees (forecast.ts `FirmHistory`): monthly revenue of record, `pastYears` oldest first
 * (Y−3, Y−2, Y−1, 12 months each), `thisYear` from January to the last month with data.
 */
export type LibraryForecastInput = FirmHistory;

/** The forecast functions the rules use (domain forecast.ts, or a stub in tests). */
export interface LibraryForecaster {
  /** P(cumulative revenue January…`byMonth` ≥ threshold). */
  probabilityReachByMonth(h: LibraryForecastInput, threshold: number, byMonth: number): number;
  /** P(the full year ends below the threshold). */
  probabilityBelowAtYearEnd(h: LibraryForecastInput, threshold: number): number;
  /** Expected full-year revenue. */
  projectYear(h: LibraryForecastInput): number | null;
}

/**
 * The forecast module's model (forecast.ts) behind the rules. One evaluation asks up to three questions of
 * the same history: the fit, the costly part, is made once per history object.
 */
export function modelForecaster(): LibraryForecaster {
  const fits = new WeakMap<LibraryForecastInput, FirmModel>();
  const fit = (h: LibraryForecastInput) => {
    let m = fits.get(h);
    if (!m) {
      m = fitFirm(h);
      fits.set(h, m);
    }
    return m;
  };
  return {
    probabilityReachByMonth: (h, threshold, byMonth) => reachProbability(fit(h), threshold, byMonth),
    probabilityBelowAtYearEnd: (h, threshold) => 1 - reachProbability(fit(h), threshold, 12),
    projectYear: (h) => projectModel(fit(h)).expected,
  };
}

/**
 * A deliberately simple forecaster for when the forecast module is not available: the year runs at the
 * average month known so far (else last year's average), and probabilities are 0 or 1. Deterministic.
 */
export const runRateForecaster: LibraryForecaster = {
  probabilityReachByMonth(h, threshold, byMonth) {
    return runRateCumulative(h, byMonth) >= threshold ? 1 : 0;
  },
  probabilityBelowAtYearEnd(h, threshold) {
    return runRateCumulative(h, 12) < threshold ? 1 : 0;
  },
  projectYear(h) {
    return runRateCumulative(h, 12);
  },
};

function runRateCumulative(h: LibraryForecastInput, byMonth: number): number {
  const known = h.thisYear.map((v, i) => ({ v, i })).filter((x) => x.v !== null) as {
    v: number;
    i: number;
  }[];
  const last = h.pastYears.at(-1)?.filter((v): v is number => v !== null) ?? [];
  const avg =
    known.length > 0
      ? known.reduce((s, x) => s + x.v, 0) / known.length
      : last.length > 0
        ? last.reduce((s, v) => s + v, 0) / last.length
        : 0;
  let sum = 0;
  for (let m = 0; m < byMonth; m++) sum += h.thisYear[m] ?? avg;
  return sum;
}

export interface MonthlyFigure {
  /** The last month the figure covers. */
  period: string;
  source: 'statistics' | 'tax';
  value: number;
  /** 3 for a quarterly figure (revenue-of-record.ts); a month by default. */
  months?: FigureSpan | undefined;
}

export interface ScaleHistoryFact {
  status: 'above' | 'below';
  effectivePeriod: string;
  /** Order of recording (the row id), to order two changes effective in the same period. */
  seq?: number;
}

/** An exit with its reason (null: a change of scale status without a directory event). */
export interface ExitFact {
  date: string;
  reason: ExitReason | null;
}

/** Exits that end the firm's presence in the county: never a prospect for 退库再升规. */
export const FINAL_EXIT_REASONS: readonly ExitReason[] = ['deregistered', 'moved'];

/** The facts of one firm that the rules read. Arrays are sets: their order never matters. */
export interface FirmFacts {
  legalForm: 'enterprise' | 'individual' | 'other';
  industryCode: string;
  /** The firm's scale status as of the evaluation date. */
  scaleStatus: 'above' | 'below';
  /** Changes of scale status, to tell whether a past year was spent below scale. */
  scaleHistory: ScaleHistoryFact[];
  productionStartedOn: string | null;
  operatingStatus: OperatingStatus;
  /** The firm's exits from the directory (退库): a date (YYYY-MM-DD), or a date with its reason. */
  exits: (string | ExitFact)[];
  /** Current monthly figures (one per period and source). */
  revenue: MonthlyFigure[];
}

export interface EvaluationOptions {
  year: number;
  /** YYYY-MM-DD: figures for months after it, and events after it, are not known yet. */
  asOf: string;
  thresholds: LibraryThresholds;
  forecaster: LibraryForecaster;
  calendar?: BatchCalendar;
  /**
   * The county's declaration calendar of the year: the tier judges the batch still open on `asOf` (its
   * deadline not passed). Without it, `calendar` (months with a batch) is used.
   */
  declarationCalendar?: DeclarationCalendar;
}

export interface LibraryMatch {
  library: Library;
  rule: LibraryRule;
  reason: string;
}

export interface LibraryEvaluation {
  libraries: Library[];
  reasons: string[];
  matches: LibraryMatch[];
  /** Why the firm is not in each library it is not in (for the exit reason of a membership). */
  misses: Partial<Record<Library, string>>;
  /** Suggested pathway for a below-scale firm; null for above-scale firms. */
  pathway: Pathway | null;
  /** A/B/C for a below-scale firm in a library; null otherwise. */
  tier: Tier | null;
  figures: {
    /** Revenue of record of Y−1; null when no month is known. */
    priorYear: number | null;
    /** The months of Y−1 that have a figure, and the year's label ("2025年（7-12月，6个月）" when partial). */
    priorYearMonths: number[];
    priorYearLabel: string;
    /** Revenue of record of Y up to the evaluation date, and the months it covers. */
    ytd: number | null;
    ytdMonths: number;
    /** The same months of Y−1. */
    ytdLastYear: number | null;
    /** Tax figures of Y up to the evaluation date (达规未入统 found from tax data). */
    taxYtd: number | null;
    projectedYear: number | null;
    pReachYear: number | null;
    pReachCutoff: number | null;
    pBelowYearEnd: number | null;
    /** The month whose cumulative revenue the next declaration batch checks. */
    cutoffMonth: number | null;
    /** The open batch the tier judges (name and deadline), when the county's calendar was given. */
    cutoffBatch: string | null;
  };
}

/** Sections B (06–12), C (13–43), D (44–46) of GB/T 4754-2017: by division, as stored (4-digit class). */
export function isIndustrialCode(industryCode: string): boolean {
  const d = Number(industryCode.replace(/^[BCD]/, '').slice(0, 2));
  return Number.isInteger(d) && d >= 6 && d <= 46;
}

/** "5000000" → "500万元", "12345678" → "1,234.57万元". */
export function wanText(yuan: number): string {
  const text = formatWan(yuan);
  return `${text.endsWith('.00') ? text.slice(0, -3) : text}万元`;
}

/** The last month whose figures count as of a date: figures for the asOf month count when present. */
function asOfPeriod(asOf: string): string {
  return asOf.slice(0, 7);
}

/** The revenue of record known as of `lastPeriod`: a quarter counts once its last month is known. */
function recordOf(revenue: MonthlyFigure[], lastPeriod: string, p: RevenuePriority): RecordEntry[] {
  return revenueOfRecordEntries(
    revenue.filter((f) => f.period <= lastPeriod),
    p,
  );
}

/** The months of a year covered by a figure of record (a quarter covers its three months). */
function monthsWithFigures(entries: RecordEntry[], year: number): number[] {
  const out = new Set<number>();
  for (const e of entries)
    for (const c of coveredPeriods(e.period, e.months))
      if (c.startsWith(`${year}-`)) out.add(splitPeriod(c).month);
  return [...out].sort((a, b) => a - b);
}

/** "2025年营业收入800万元", with the months when the year is partial and how the rules treat it. */
function yearRevenueText(year: number, months: number[], value: number): string {
  const label = yearCoverageLabel(year, months);
  return months.length < 12
    ? `${label}营业收入${wanText(value)}（${PARTIAL_YEAR_RULE}）`
    : `${label}营业收入${wanText(value)}`;
}

/** A year's revenue of record; with `months`, only the entries ending in one of those months. */
function yearSum(entries: RecordEntry[], year: number, months?: Set<number>): number | null {
  let sum = 0;
  let any = false;
  for (const e of entries) {
    const { year: y, month } = splitPeriod(e.period);
    if (y !== year || (months && !months.has(month))) continue;
    sum += e.value;
    any = true;
  }
  return any ? Math.round(sum * 100) / 100 : null;
}

/**
 * The status in force in a period: the latest change effective on or before it. Before the first recorded
 * change, the first record's status (what the registry knew when it started keeping history); without any
 * record, below. Two changes in one period are ordered by `seq`, else 'above' counts as the later one: the
 * order of the rows never matters.
 */
export function scaleStatusAt(history: ScaleHistoryFact[], period: string): 'above' | 'below' {
  let best: ScaleHistoryFact | null = null;
  let first: ScaleHistoryFact | null = null;
  const order = (a: ScaleHistoryFact, b: ScaleHistoryFact): number => {
    if (a.effectivePeriod !== b.effectivePeriod) return a.effectivePeriod < b.effectivePeriod ? -1 : 1;
    if (a.seq !== undefined && b.seq !== undefined && a.seq !== b.seq) return a.seq - b.seq;
    return a.status === b.status ? 0 : a.status === 'above' ? 1 : -1;
  };
  const wins = (a: ScaleHistoryFact, b: ScaleHistoryFact | null, later: boolean) =>
    !b || (later ? order(a, b) > 0 : order(a, b) < 0);
  for (const h of history) {
    if (wins(h, first, false)) first = h;
    if (h.effectivePeriod <= period && wins(h, best, true)) best = h;
  }
  return best?.status ?? first?.status ?? 'below';
}

/**
 * The month whose cumulative revenue the next batch checks (docs/domain.md §5: cumulative up to the month before
 * declaring). New firms may use monthly batches, the others only the annual ones; with no batch left in the
 * year, December.
 */
export function nextCutoffMonth(asOf: string, isNewFirm: boolean, calendar: BatchCalendar): number {
  const month = splitPeriod(asOfPeriod(asOf)).month;
  const batches = [...new Set([...calendar.annual, ...(isNewFirm ? calendar.monthly : [])])].sort(
    (a, b) => a - b,
  );
  const next = batches.find((b) => b > month);
  return next === undefined ? 12 : Math.max(1, next - 1);
}

/**
 * The batch still open on `asOf` in the county's own calendar of year Y (deadline on or after `asOf`):
 * monthly batches for new firms, annual ones for all. Only batches resting on figures of Y count (a January
 * monthly batch checks December of Y−1). With none left, December of Y and no batch.
 */
export function openBatchCutoff(
  asOf: string,
  year: number,
  isNewFirm: boolean,
  calendar: DeclarationCalendar,
): { month: number; batch: string | null } {
  const open = declarationDeadlines(calendar, year)
    .filter((d) => (isNewFirm || d.mode === 'annual') && d.deadline >= asOf)
    .filter((d) => splitPeriod(d.dataMonth).year === year);
  const next = open[0];
  if (!next) return { month: 12, batch: null };
  const month = splitPeriod(next.dataMonth).month;
  return { month, batch: `${next.name}（截止${next.deadline}，核对1-${month}月累计）` };
}

/** Production started in Y, or on or after `newFirmSince` of Y−1, and not after the evaluation date. */
export function isNewProduction(
  productionStartedOn: string | null,
  year: number,
  asOf: string,
  t: LibraryThresholds,
): boolean {
  if (!productionStartedOn) return false;
  return (
    productionStartedOn >= `${year - 1}-${t.newFirmSince}` &&
    productionStartedOn <= `${year}-12-31` &&
    productionStartedOn <= asOf
  );
}

function forecastInput(entries: RecordEntry[], year: number): LibraryForecastInput {
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

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** Evaluates the library rules of plan year Y for one firm as of a date. */
export function evaluateLibraries(firm: FirmFacts, opts: EvaluationOptions): LibraryEvaluation {
  const { year, asOf, thresholds: t, forecaster } = opts;
  const calendar = opts.calendar ?? DEFAULT_BATCH_CALENDAR;
  const p = t.revenuePriority;
  const entries = recordOf(firm.revenue, asOfPeriod(asOf), p);

  const priorYear = yearSum(entries, year - 1);
  const priorYearMonths = monthsWithFigures(entries, year - 1);
  const knownMonths = new Set<number>();
  for (const e of entries) {
    if (!e.period.startsWith(`${year}-`)) continue;
    for (const c of coveredPeriods(e.period, e.months)) knownMonths.add(splitPeriod(c).month);
  }
  let taxSum = 0;
  let taxAny = false;
  for (const f of firm.revenue) {
    if (f.source !== 'tax' || !f.period.startsWith(`${year}-`) || f.period > asOfPeriod(asOf)) continue;
    taxSum += f.value;
    taxAny = true;
  }
  const ytd = knownMonths.size > 0 ? yearSum(entries, year) : null;
  const ytdLastYear = knownMonths.size > 0 ? yearSum(entries, year - 1, knownMonths) : null;
  const taxYtd = taxAny ? Math.round(taxSum * 100) / 100 : null;

  const industrial = isIndustrialCode(firm.industryCode);
  const below = firm.scaleStatus === 'below';
  const isNew = isNewProduction(firm.productionStartedOn, year, asOf, t);
  const open = opts.declarationCalendar
    ? openBatchCutoff(asOf, year, isNew, opts.declarationCalendar)
    : { month: nextCutoffMonth(asOf, isNew, calendar), batch: null };
  const cutoffMonth = open.month;

  const h = forecastInput(entries, year);
  const hasData = priorYear !== null || ytd !== null;
  const pReachYear = hasData ? forecaster.probabilityReachByMonth(h, t.scale, 12) : null;
  const pReachCutoff = hasData && below ? forecaster.probabilityReachByMonth(h, t.scale, cutoffMonth) : null;
  const pBelowYearEnd = hasData && !below ? forecaster.probabilityBelowAtYearEnd(h, t.scale) : null;
  const projectedYear = hasData ? forecaster.projectYear(h) : null;

  const matches: LibraryMatch[] = [];
  const misses: Partial<Record<Library, string>> = {};
  const add = (library: Library, rule: LibraryRule, reason: string) =>
    matches.push({ library, rule, reason });
  const prior =
    priorYear === null
      ? `${year - 1}年无营业收入数据`
      : yearRevenueText(year - 1, priorYearMonths, priorYear);

  let reachedNotReported = false;
  if (!industrial) {
    for (const l of LIBRARIES) misses[l] = '非工业行业（不属于采矿业、制造业、电力热力燃气及水生产和供应业）';
  } else if (below) {
    misses.atRisk = '规下企业';
    // 基础信息库: Y−1 ≥ 500万元 (seed 三(一)).
    if (priorYear !== null && priorYear >= t.base)
      add('base', 'base.prior_revenue', `${prior}，达到${wanText(t.base)}`);
    else misses.base = `${prior}，未达到${wanText(t.base)}`;

    // 培育库: Y−1 ≥ 1000万元, plus the three add-on groups (seed 三(二)).
    if (priorYear !== null && priorYear >= t.cultivation)
      add('cultivation', 'cultivation.prior_revenue', `${prior}，达到${wanText(t.cultivation)}`);
    for (let y = year - 1; y >= year - t.reachedLookbackYears; y--) {
      const r = yearSum(entries, y);
      if (r !== null && r >= t.scale && scaleStatusAt(firm.scaleHistory, periodOf(y, 12)) === 'below') {
        reachedNotReported = true;
        add(
          'cultivation',
          'cultivation.reached_not_reported',
          `达规未入统：${yearRevenueText(y, monthsWithFigures(entries, y), r)}，达到${wanText(t.scale)}但未入统`,
        );
        break;
      }
    }
    if (isNew && pReachYear !== null && pReachYear >= t.reachP)
      add(
        'cultivation',
        'cultivation.new_production',
        `新建有望升规：${firm.productionStartedOn}投产，预计全年达到${wanText(t.scale)}的概率${pct(pReachYear)}`,
      );
    // 退库再升规 (seed 三(二)): a recent exit for a reason that leaves a way back, and a prospect.
    const exits = firm.exits.map((e) => (typeof e === 'string' ? { date: e, reason: null } : e));
    const recentExit = exits
      .filter(
        (e) =>
          e.date <= asOf &&
          e.date >= `${year - t.reEntryYears}-01-01` &&
          !(e.reason !== null && FINAL_EXIT_REASONS.includes(e.reason)),
      )
      .map((e) => e.date)
      .sort()
      .at(-1);
    if (recentExit) {
      const why = exits
        .filter((e) => e.date === recentExit && e.reason !== null)
        .map((e) => EXIT_REASON_LABELS[e.reason as ExitReason])
        .sort()
        .at(0);
      const exitText = `${recentExit}退库（${t.reEntryYears}年内${why ? `，退库原因：${why}` : ''}）`;
      const prospect =
        t.reEntryProspect === 'prior_year'
          ? priorYear !== null && priorYear >= t.reEntryMin
            ? `${prior}，达到${wanText(t.reEntryMin)}`
            : null
          : projectedYear !== null && projectedYear >= t.reEntryMin
            ? `预计${year}年营业收入${wanText(Math.round(projectedYear * 100) / 100)}，达到${wanText(t.reEntryMin)}`
            : null;
      if (prospect)
        add('cultivation', 'cultivation.re_entry', `近年退库有望再升规：${exitText}，${prospect}`);
    }
    if (!matches.some((m) => m.library === 'cultivation'))
      misses.cultivation = `${prior}，未达到${wanText(t.cultivation)}，且不属于达规未入统、新建有望升规或近年退库`;

    // 临规: forecast puts the year at ≥ 2000万元, or Y−1 in [1500万元, 2000万元) (seed 三(三)).
    if (pReachYear !== null && pReachYear >= t.reachP)
      add(
        'near',
        'near.forecast',
        `预计${year}年营业收入达到${wanText(t.scale)}的概率${pct(pReachYear)}${projectedYear === null ? '' : `（预计全年${wanText(projectedYear)}）`}`,
      );
    if (priorYear !== null && priorYear >= t.nearLow && priorYear < t.scale)
      add('near', 'near.prior_revenue', `${prior}，在${wanText(t.nearLow)}至${wanText(t.scale)}之间`);
    if (!matches.some((m) => m.library === 'near'))
      misses.near = `${prior}，且预计${year}年达到${wanText(t.scale)}的概率${pReachYear === null ? '未知' : pct(pReachYear)}`;
  } else {
    for (const l of ['base', 'cultivation', 'near'] as const) misses[l] = '已是规上企业';
    // 临退规 (seed 三(九) 稳规).
    if (pBelowYearEnd !== null && pBelowYearEnd >= t.belowP)
      add(
        'atRisk',
        'atRisk.forecast',
        `预计${year}年营业收入低于${wanText(t.scale)}的概率${pct(pBelowYearEnd)}${projectedYear === null ? '' : `（预计全年${wanText(projectedYear)}）`}`,
      );
    if (ytd !== null && ytdLastYear !== null && ytdLastYear > 0) {
      const drop = ((ytdLastYear - ytd) / ytdLastYear) * 100;
      if (drop > t.atRiskDropPct)
        add(
          'atRisk',
          'atRisk.decline',
          `${year}年1-${Math.max(...knownMonths)}月营业收入${wanText(ytd)}，同比下降${drop.toFixed(1)}%（超过${t.atRiskDropPct}%）`,
        );
    }
    if (firm.operatingStatus !== 'normal')
      add('atRisk', 'atRisk.stopped', `企业${OPERATING_STATUS_LABELS[firm.operatingStatus]}`);
    if (!matches.some((m) => m.library === 'atRisk'))
      misses.atRisk = '生产经营正常，营业收入未明显下滑，预计全年保持规上';
  }

  const libraries = LIBRARIES.filter((l) => matches.some((m) => m.library === l));
  const inBelowLibrary = below && libraries.length > 0;
  let pathway: Pathway | null = null;
  if (below) pathway = suggestPathway({ legalForm: firm.legalForm, industrial, reachedNotReported, isNew });
  const tier = inBelowLibrary ? tierFrom(pReachCutoff, pReachYear, t) : null;
  return {
    libraries,
    reasons: matches.map((m) => m.reason),
    matches,
    misses,
    pathway,
    tier,
    figures: {
      priorYear,
      priorYearMonths,
      priorYearLabel: yearCoverageLabel(year - 1, priorYearMonths),
      ytd,
      ytdMonths: knownMonths.size,
      ytdLastYear,
      taxYtd,
      projectedYear: projectedYear === null ? null : Math.round(projectedYear * 100) / 100,
      pReachYear,
      pReachCutoff,
      pBelowYearEnd,
      cutoffMonth: below ? cutoffMonth : null,
      cutoffBatch: below ? open.batch : null,
    },
  };
}

/**
 * A: likely (P ≥ tierAP, default 0.7) to have crossed by the cut-off month of the next batch; B: likely
 * (P ≥ tierBP, default 0.4) to cross by December; C: otherwise, or without data to forecast from.
 */
export function tierFrom(
  pReachCutoff: number | null,
  pReachYear: number | null,
  t: Pick<LibraryThresholds, 'tierAP' | 'tierBP'>,
): Tier {
  if (pReachCutoff !== null && pReachCutoff >= t.tierAP) return 'A';
  if (pReachYear !== null && pReachYear >= t.tierBP) return 'B';
  return 'C';
}

/**
 * The pathway a rule suggests (docs/domain.md §4; seed 三(五)): an individual business converts first (个转企);
 * a firm outside industry shifts its main industry (转行业); a firm that already reached the line is
 * 达规未入; a new plant is 新开工投产达效; everyone else grows (成长壮大). 兼并重组 is only ever chosen by a
 * person. A user's choice per firm and year overrides the suggestion.
 */
export function suggestPathway(f: {
  legalForm: FirmFacts['legalForm'];
  industrial: boolean;
  reachedNotReported: boolean;
  isNew: boolean;
}): Pathway {
  if (f.legalForm === 'individual') return 'individual_to_enterprise';
  if (!f.industrial) return 'industry_shift';
  if (f.reachedNotReported) return 'reached_not_reported';
  if (f.isNew) return 'new_project';
  return 'growth';
}

/** Body of a manual membership change (POST /libraries/memberships). */
export const libraryMembershipChangeSchema = z.object({
  enterpriseId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  library: z.enum(LIBRARIES),
  /** add: keep in the library; remove: keep out of it; reset: let the rules decide again. */
  action: z.enum(['add', 'remove', 'reset']),
  reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500个字'),
});
export type LibraryMembershipChange = z.infer<typeof libraryMembershipChangeSchema>;

export const pathwayChangeSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  pathway: z.enum(PATHWAYS),
  reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500个字'),
});
export type PathwayChange = z.infer<typeof pathwayChangeSchema>;

export const operatingStatusChangeSchema = z.object({
  status: z.enum(OPERATING_STATUSES),
  since: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
  reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500个字'),
});
export type OperatingStatusChange = z.infer<typeof operatingStatusChangeSchema>;
