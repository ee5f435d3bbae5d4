// The libraries' rules over the facts (docs/domain.md §4): the year's thresholds, the plan year and the
// evaluation date, and the set-based load of every fact the pure rules need, evaluated per firm with the
// manual decisions applied. Nothing here writes.
import {
  chinaDate,
  DEFAULT_BATCH_CALENDAR,
  type ExitReason,
  evaluateLibraries,
  type FirmFacts,
  LIBRARIES,
  type Library,
  type LibraryEvaluation,
  type LibraryForecaster,
  type LibraryRule,
  type LibraryThresholds,
  libraryThresholdsSchema,
  modelForecaster,
  type OperatingStatus,
  type Pathway,
  scaleStatusAt,
  type Tier,
  tierFrom,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { findSetting } from '../settings/settings.repository.js';
import {
  getDeclarationCalendarSetting,
  getRevenuePriority,
  getScaleThreshold,
} from '../settings/settings.service.js';
import {
  type FirmBaseRow,
  listActiveOverrides,
  listExitsOf,
  listFirmsForEvaluation,
  listOperatingStatusAt,
  listPathwayChoices,
  listScaleHistoryOf,
  loadMonthlyFigures,
  type OverrideRow,
} from './library.repository.js';

/** Settings key: `{ "default"?: Partial<LibraryThresholds>, "2026"?: Partial<LibraryThresholds>, … }`. */
export const LIBRARY_THRESHOLDS_SETTING = 'libraries.thresholds';

/**
 * The year's thresholds: the defaults, the county's scale line, then the county's own values for the year;
 * the revenue priority is always the county's one setting (revenue.priority), never a per-year value.
 */
export async function getLibraryThresholds(db: Executor, year: number): Promise<LibraryThresholds> {
  const t = await readLibraryThresholds(db, year);
  return { ...t, revenuePriority: await getRevenuePriority(db) };
}

async function readLibraryThresholds(db: Executor, year: number): Promise<LibraryThresholds> {
  const stored = (await findSetting(db, LIBRARY_THRESHOLDS_SETTING)) as Record<string, unknown> | null;
  const pick = (k: string) => {
    const v = stored?.[k];
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  };
  const parsed = libraryThresholdsSchema.safeParse({
    scale: await getScaleThreshold(db),
    ...pick('default'),
    ...pick(String(year)),
  });
  return parsed.success ? parsed.data : libraryThresholdsSchema.parse({ scale: await getScaleThreshold(db) });
}

/** Default evaluation date: today for the current (or a future) year, 31 December for a past one. */
export function resolveAsOf(year: number, asOf: string | undefined, now: Date): string {
  if (asOf) return asOf;
  const today = chinaDate(now);
  return year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
}

export interface LibraryRunOptions {
  year: number;
  /** YYYY-MM-DD; default see resolveAsOf. */
  asOf?: string | undefined;
  /** Only these firms (null or omitted: every firm in the caller's scope). */
  enterpriseIds?: number[] | null | undefined;
  /** The forecast behind the forecast-based rules (default: the domain model). */
  forecaster?: LibraryForecaster | undefined;
}

interface Desired {
  manual: boolean;
  rule: LibraryRule | null;
  reason: string;
  by: number | null;
}

export interface FirmResult {
  firm: FirmBaseRow;
  evaluation: LibraryEvaluation;
  /** The libraries the firm belongs in after manual decisions, in LIBRARIES order. */
  desired: Map<Library, Desired>;
  overrides: Map<string, OverrideRow>;
  pathway: Pathway | null;
  pathwayChosen: boolean;
  tier: Tier | null;
}

export interface Evaluated {
  year: number;
  asOf: string;
  thresholds: LibraryThresholds;
  results: FirmResult[];
}

/** Loads every fact the rules need for the firms in a handful of set-based queries and evaluates them. */
export async function evaluateFirms(
  db: Executor,
  ctx: RequestContext,
  opts: LibraryRunOptions,
): Promise<Evaluated> {
  const { year } = opts;
  const asOf = resolveAsOf(year, opts.asOf, ctx.now);
  const ids = opts.enterpriseIds ?? null;
  const scope = ctx.scope;
  const thresholds = await getLibraryThresholds(db, year);
  const declarationCalendar = await getDeclarationCalendarSetting(db, year);
  const lookback = Math.max(3, thresholds.reachedLookbackYears);
  const today = chinaDate(ctx.now);
  const asOfPeriod = asOf.slice(0, 7);
  // One after another: on a transaction (one connection) queries cannot overlap.
  const firms = await listFirmsForEvaluation(db, scope, ids);
  const monthly = await loadMonthlyFigures(db, scope, ids, `${year - lookback}-01`, asOfPeriod);
  const history = await listScaleHistoryOf(db, scope, ids);
  const exits = await listExitsOf(db, scope, ids, asOf);
  const operating = await listOperatingStatusAt(db, scope, ids, asOf);
  const overrides = await listActiveOverrides(db, scope, ids, year);
  const choices = await listPathwayChoices(db, scope, ids, year);
  const historyOf = groupBy(history, (h) => h.enterpriseId);
  const exitsOf = groupBy(exits, (e) => e.enterpriseId);
  const overridesOf = groupBy(overrides, (o) => o.enterpriseId);
  const forecaster = opts.forecaster ?? modelForecaster();

  const results: FirmResult[] = firms.map((firm) => {
    const rawHistory = historyOf.get(firm.id) ?? [];
    const hist = rawHistory.map((h) => ({
      status: h.status as 'above' | 'below',
      effectivePeriod: h.effectivePeriod,
      seq: h.id,
    }));
    // A change of scale from above to below is an exit too (scale changes recorded before directory events).
    const exitDates: FirmFacts['exits'] = (exitsOf.get(firm.id) ?? []).map((e) => ({
      date: e.approvalDate,
      reason: (e.exitReason ?? null) as ExitReason | null,
    }));
    for (let i = 1; i < hist.length; i++) {
      // A change written by a directory exit (reason 退库：…) is that exit, already listed with its reason.
      if (
        hist[i - 1]!.status === 'above' &&
        hist[i]!.status === 'below' &&
        !rawHistory[i]!.reason.startsWith('退库')
      )
        exitDates.push({ date: `${hist[i]!.effectivePeriod}-01`, reason: null });
    }
    // Today's status is the registry's; a past date reads the scale history.
    const scaleStatus =
      asOf >= today || hist.length === 0
        ? (firm.scaleStatus as 'above' | 'below')
        : scaleStatusAt(hist, asOfPeriod);
    const facts: FirmFacts = {
      legalForm: firm.legalForm as FirmFacts['legalForm'],
      industryCode: firm.industryCode,
      scaleStatus,
      scaleHistory: hist,
      productionStartedOn: firm.productionStartedOn,
      operatingStatus: (operating.get(firm.id) ?? 'normal') as OperatingStatus,
      exits: exitDates,
      revenue: (monthly.get(firm.id) ?? []).flatMap(([period, s, t, sm, tm]) => [
        ...(s === null ? [] : [{ period, source: 'statistics' as const, value: s, months: sm }]),
        ...(t === null ? [] : [{ period, source: 'tax' as const, value: t, months: tm }]),
      ]),
    };
    const evaluation = evaluateLibraries(facts, {
      year,
      asOf,
      thresholds,
      forecaster,
      calendar: DEFAULT_BATCH_CALENDAR,
      declarationCalendar,
    });
    const ov = new Map((overridesOf.get(firm.id) ?? []).map((o) => [o.library, o]));
    const desired = new Map<Library, Desired>();
    for (const library of LIBRARIES) {
      const o = ov.get(library);
      if (o?.mode === 'exclude') continue;
      if (o?.mode === 'include') {
        desired.set(library, { manual: true, rule: null, reason: `人工纳入：${o.reason}`, by: o.createdBy });
        continue;
      }
      const matches = evaluation.matches.filter((m) => m.library === library);
      if (matches.length > 0)
        desired.set(library, {
          manual: false,
          rule: matches[0]!.rule,
          reason: matches.map((m) => m.reason).join('；'),
          by: null,
        });
    }
    const chosen = choices.get(firm.id) as Pathway | undefined;
    const below = scaleStatus === 'below';
    const inAny = desired.size > 0;
    return {
      firm,
      evaluation,
      desired,
      overrides: ov,
      pathway: chosen ?? evaluation.pathway,
      pathwayChosen: chosen !== undefined,
      // A firm added by hand gets a tier like any other below-scale member.
      tier:
        below && inAny
          ? (evaluation.tier ??
            tierFrom(evaluation.figures.pReachCutoff, evaluation.figures.pReachYear, thresholds))
          : null,
    };
  });
  return { year, asOf, thresholds, results };
}

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
