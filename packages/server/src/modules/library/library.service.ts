// The libraries (docs/domain.md §4): evaluates the pure rules over facts loaded set-based, keeps the
// memberships true (entries and exits with reasons, in one transaction, one audit record per batch), honours
// manual decisions, and answers the lists, a firm's history, the 达规未入统 to-do and the CLI report.
//
// Manual decisions: "add" keeps a firm in a library for the year whatever the rules say, "remove" keeps it out,
// "reset" hands it back to the rules. A recompute never undoes an active manual decision.
import {
  chinaDate,
  currentPlanYear,
  DEFAULT_BATCH_CALENDAR,
  type ExitReason,
  evaluateLibraries,
  type FirmFacts,
  LIBRARIES,
  LIBRARY_LABELS,
  type Library,
  type LibraryEvaluation,
  type LibraryForecaster,
  type LibraryMembershipChange,
  type LibraryRule,
  type LibraryThresholds,
  libraryThresholdsSchema,
  modelForecaster,
  type OperatingStatus,
  type OperatingStatusChange,
  PATHWAY_LABELS,
  type Pathway,
  type PathwayChange,
  scaleStatusAt,
  type Tier,
  tierFrom,
  wanText,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { enterpriseExists } from '../enterprise/enterprise.repository.js';
import { assertInScope, outOfScope } from '../enterprise/enterprise-scope.js';
import { getCountingRule } from '../progress/counting-rule.service.js';
import { findSetting } from '../settings/settings.repository.js';
import {
  getDeclarationCalendarSetting,
  getRevenuePriority,
  getScaleThreshold,
} from '../settings/settings.service.js';
import {
  closeMemberships,
  deleteEvaluations,
  type EvaluationInsert,
  type EvaluationRow,
  type FirmBaseRow,
  findActiveOverride,
  findFirstRevenueYear,
  findOpenMembership,
  findYearFreeze,
  insertMemberships,
  insertOperatingStatus,
  insertOverride,
  insertPathwayChoice,
  type LibraryListFilter,
  type LibraryListRow,
  listActiveOverrides,
  listEvaluations,
  listExitsOf,
  listFirmsForEvaluation,
  listLibraryMembers,
  listMembershipHistory,
  listMembershipYears,
  listOpenMemberships,
  listOperatingStatusAt,
  listOperatingStatusHistory,
  listPathwayChoices,
  listPathwayHistory,
  listScaleHistoryOf,
  listUnreportedByTax,
  listYearFreezes,
  loadMonthlyFigures,
  lockLibraries,
  type MembershipInsert,
  type OverrideRow,
  revokeOverride,
  upsertEvaluations,
  upsertYearFreeze,
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

const money = (v: number | null) => (v === null ? null : v.toFixed(2));
const prob = (p: number | null) => (p === null ? null : Math.round(p * 10_000) / 10_000);

function evaluationRow(r: FirmResult, year: number, asOf: string, now: Date): EvaluationInsert {
  const f = r.evaluation.figures;
  return {
    enterpriseId: r.firm.id,
    year,
    asOf,
    matches: r.evaluation.matches,
    pathwaySuggested: r.evaluation.pathway,
    tier: r.tier,
    priorRevenue: money(f.priorYear),
    priorLabel: f.priorYear === null ? null : f.priorYearLabel,
    ytdRevenue: money(f.ytd),
    ytdMonths: f.ytdMonths,
    taxYtd: money(f.taxYtd),
    projectedRevenue: money(f.projectedYear),
    pReachYear: prob(f.pReachYear),
    pBelowYearEnd: prob(f.pBelowYearEnd),
    computedAt: now,
  };
}

/** What an evaluation says, without when it was made: equal keys mean nothing to write. */
function evaluationKey(v: EvaluationInsert | EvaluationRow): string {
  const matches = (v.matches as { library: string; rule: string; reason: string }[]).map(
    (m) => `${m.library}|${m.rule}|${m.reason}`,
  );
  const num = (x: string | null | undefined) => (x === null || x === undefined ? '' : Number(x).toFixed(2));
  const p = (x: number | null | undefined) => (x === null || x === undefined ? '' : x.toFixed(4));
  return [
    matches.join('\n'),
    v.pathwaySuggested ?? '',
    v.tier ?? '',
    num(v.priorRevenue),
    v.priorLabel ?? '',
    num(v.ytdRevenue),
    v.ytdMonths,
    num(v.taxYtd),
    num(v.projectedRevenue),
    p(v.pReachYear),
    p(v.pBelowYearEnd),
  ].join('¦');
}

export interface RecomputeResult {
  year: number;
  asOf: string;
  evaluated: number;
  entered: number;
  left: number;
  byLibrary: Record<Library, { entered: number; left: number; members: number }>;
  evaluationsWritten: number;
}

/**
 * Recomputes the memberships of a plan year for the firms in the caller's scope (or the given ones): loads
 * facts set-based, evaluates, and in one transaction opens the entries and closes the exits with their
 * reasons, refreshes the evaluation snapshots, and writes one audit record when memberships changed.
 */
export async function recomputeLibraries(
  db: Db,
  ctx: RequestContext,
  opts: LibraryRunOptions,
): Promise<RecomputeResult> {
  return db.transaction((tx) => recomputeIn(tx, ctx, opts));
}

async function recomputeIn(
  tx: Executor,
  ctx: RequestContext,
  opts: LibraryRunOptions,
): Promise<RecomputeResult> {
  await lockLibraries(tx);
  const ev = await evaluateFirms(tx, ctx, opts);
  const ids = opts.enterpriseIds ?? null;
  const open = await listOpenMemberships(tx, ctx.scope, ids, ev.year);
  const snapshots = await listEvaluations(tx, ctx.scope, ids, ev.year);
  const openOf = new Map(open.map((m) => [`${m.enterpriseId}|${m.library}`, m]));
  const snapshotOf = new Map(snapshots.map((s) => [s.enterpriseId, s]));
  const byLibrary = Object.fromEntries(
    LIBRARIES.map((l) => [l, { entered: 0, left: 0, members: 0 }]),
  ) as RecomputeResult['byLibrary'];
  const inserts: MembershipInsert[] = [];
  const closes: { id: number; reason: string }[] = [];
  const upserts: EvaluationInsert[] = [];
  const stale: number[] = [];

  for (const r of ev.results) {
    for (const library of LIBRARIES) {
      const want = r.desired.get(library);
      const current = openOf.get(`${r.firm.id}|${library}`);
      if (want) byLibrary[library].members++;
      if (want && !current) {
        inserts.push({
          enterpriseId: r.firm.id,
          year: ev.year,
          library,
          enteredAt: ctx.now,
          enteredRule: want.rule,
          enteredReason: want.reason,
          enteredBy: want.by,
          manual: want.manual,
        });
        byLibrary[library].entered++;
      } else if (!want && current) {
        const o = r.overrides.get(library);
        closes.push({
          id: current.id,
          reason:
            o?.mode === 'exclude'
              ? `人工移出：${o.reason}`
              : `不再符合${LIBRARY_LABELS[library]}条件：${r.evaluation.misses[library] ?? '未满足入库规则'}`,
        });
        byLibrary[library].left++;
      }
    }
    const snap = snapshotOf.get(r.firm.id);
    if (r.desired.size > 0) {
      const row = evaluationRow(r, ev.year, ev.asOf, ctx.now);
      if (!snap || evaluationKey(snap) !== evaluationKey(row)) upserts.push(row);
    } else if (snap) stale.push(r.firm.id);
  }

  await insertMemberships(tx, inserts);
  await closeMemberships(tx, closes, { at: ctx.now, by: null });
  await upsertEvaluations(tx, upserts);
  await deleteEvaluations(tx, ev.year, stale);
  const result: RecomputeResult = {
    year: ev.year,
    asOf: ev.asOf,
    evaluated: ev.results.length,
    entered: inserts.length,
    left: closes.length,
    byLibrary,
    evaluationsWritten: upserts.length + stale.length,
  };
  if (inserts.length + closes.length > 0) {
    await recordAudit(tx, ctx, {
      action: 'library.recompute',
      entityType: 'library',
      entityId: String(ev.year),
      after: {
        year: ev.year,
        asOf: ev.asOf,
        evaluated: result.evaluated,
        entered: result.entered,
        left: result.left,
        byLibrary,
        scope: ids === null ? 'all' : ids.length <= 20 ? ids : `${ids.length} firms`,
      },
    });
  }
  return result;
}

// ── Years: recompute by the centre, frozen past years ────────────────────────────────────────────────

/** The date a year's libraries stand as of once it is over: the year's counting cut-off (docs/domain.md §5). */
export async function yearCutoffDate(db: Executor, year: number): Promise<string> {
  return `${year}-${(await getCountingRule(db, year)).cutoff}`;
}

export interface YearRecomputeResult extends RecomputeResult {
  members: number;
  frozen: boolean;
}

async function recomputeYearIn(
  tx: Executor,
  ctx: RequestContext,
  year: number,
  reason: string,
): Promise<YearRecomputeResult> {
  const plan = currentPlanYear(ctx.now);
  const past = year < plan;
  const asOf = past ? await yearCutoffDate(tx, year) : undefined;
  const r = await recomputeIn(tx, ctx, { year, asOf });
  const members = LIBRARIES.reduce((n, l) => n + r.byLibrary[l].members, 0);
  if (past)
    await upsertYearFreeze(tx, {
      year,
      asOf: r.asOf,
      frozenAt: ctx.now,
      frozenBy: ctx.actor?.id ?? null,
      members,
      reason,
    });
  await recordAudit(tx, ctx, {
    action: past ? 'library.year.freeze' : 'library.year.recompute',
    entityType: 'library',
    entityId: String(year),
    after: { year, asOf: r.asOf, reason, entered: r.entered, left: r.left, members, byLibrary: r.byLibrary },
  });
  return { ...r, members, frozen: past };
}

/**
 * The centre's recompute of a year's libraries, with a reason (audited): the year in progress as of today;
 * a past year as of its cut-off, and the result is kept as that year's frozen libraries.
 */
export async function recomputeLibraryYear(
  db: Db,
  ctx: RequestContext,
  input: { year: number; reason: string },
): Promise<YearRecomputeResult> {
  if (input.year > currentPlanYear(ctx.now)) throw invalid('year', '不能计算尚未开始的年度');
  return db.transaction(async (tx) => {
    await lockLibraries(tx);
    return recomputeYearIn(tx, ctx, input.year, input.reason);
  });
}

/**
 * Freezes every past year that has the prior year's figures to judge from and is not frozen yet (first-run
 * set-up; a county's later years are frozen by the centre's recompute once the cut-off has passed).
 */
export async function freezePastYears(db: Db, ctx: RequestContext, reason: string): Promise<number[]> {
  const first = await findFirstRevenueYear(db);
  const plan = currentPlanYear(ctx.now);
  if (first === null) return [];
  const done: number[] = [];
  for (let year = first + 1; year < plan; year++) {
    if (await findYearFreeze(db, year)) continue;
    await db.transaction(async (tx) => {
      await lockLibraries(tx);
      await recomputeYearIn(tx, ctx, year, reason);
    });
    done.push(year);
  }
  return done;
}

/** The years the lists offer: the year in progress, every year with memberships, frozen or not. */
export async function listLibraryYears(db: Executor, ctx: RequestContext) {
  const plan = currentPlanYear(ctx.now);
  const freezes = new Map((await listYearFreezes(db)).map((f) => [f.year, f]));
  const years = [...new Set([plan, ...(await listMembershipYears(db)), ...freezes.keys()])].sort(
    (a, b) => b - a,
  );
  return {
    current: plan,
    items: years.map((year) => {
      const f = freezes.get(year);
      return {
        year,
        current: year === plan,
        frozen: f
          ? { asOf: f.asOf, frozenAt: f.frozenAt.toISOString(), members: f.members, reason: f.reason }
          : null,
      };
    }),
  };
}

/**
 * For the revenue, import, directory and enterprise services: call after their transaction committed, with
 * the firms whose facts changed (null: every firm in the caller's scope, e.g. after a large import). The
 * plan year in progress is recomputed; past years keep the memberships they ended with.
 */
export async function onFactsChanged(
  db: Db,
  ctx: RequestContext,
  enterpriseIds: number[] | null,
): Promise<RecomputeResult | null> {
  if (enterpriseIds && enterpriseIds.length === 0) return null;
  return recomputeLibraries(db, ctx, {
    year: currentPlanYear(ctx.now),
    enterpriseIds: enterpriseIds ? [...new Set(enterpriseIds)] : null,
  });
}

/**
 * The same, for callers whose own change has already committed: a failed recompute must not turn their
 * success into an error; the firm's next change recomputes it again.
 */
export async function refreshLibrariesAfterCommit(
  db: Db,
  ctx: RequestContext,
  enterpriseIds: number[] | null,
): Promise<void> {
  try {
    await onFactsChanged(db, ctx, enterpriseIds);
  } catch (err) {
    console.error('library recompute after a committed change failed', err);
  }
}

// ── Manual decisions ──────────────────────────────────────────────────────────────────────────────────

export async function changeMembership(db: Db, ctx: RequestContext, input: LibraryMembershipChange) {
  const { enterpriseId, year, library, action, reason } = input;
  await assertInScope(db, ctx, enterpriseId);
  const by = ctx.actor?.id ?? null;
  return db.transaction(async (tx) => {
    await lockLibraries(tx);
    const active = await findActiveOverride(tx, enterpriseId, year, library);
    const open = await findOpenMembership(tx, enterpriseId, year, library);
    const label = LIBRARY_LABELS[library];
    if (action === 'add') {
      if (active?.mode === 'include') throw new AppError('CONFLICT', `该企业已人工纳入${label}`);
      if (active) await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `人工纳入：${reason}` });
      await insertOverride(tx, {
        enterpriseId,
        year,
        library,
        mode: 'include',
        reason,
        createdBy: by,
        createdAt: ctx.now,
      });
      // A rule entry becomes a manual one: the rule stay ends, the manual stay begins.
      if (open)
        await closeMemberships(tx, [{ id: open.id, reason: `转为人工纳入：${reason}` }], { at: ctx.now, by });
      await insertMemberships(tx, [
        {
          enterpriseId,
          year,
          library,
          enteredAt: ctx.now,
          enteredRule: null,
          enteredReason: `人工纳入：${reason}`,
          enteredBy: by,
          manual: true,
        },
      ]);
    } else if (action === 'remove') {
      if (active?.mode === 'exclude') throw new AppError('CONFLICT', `该企业已人工移出${label}`);
      if (active) await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `人工移出：${reason}` });
      await insertOverride(tx, {
        enterpriseId,
        year,
        library,
        mode: 'exclude',
        reason,
        createdBy: by,
        createdAt: ctx.now,
      });
      if (open)
        await closeMemberships(tx, [{ id: open.id, reason: `人工移出：${reason}` }], { at: ctx.now, by });
    } else {
      if (!active) throw invalid('action', `该企业在${label}没有人工调整，无需恢复`);
      await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `恢复按规则认定：${reason}` });
      if (open?.manual)
        await closeMemberships(tx, [{ id: open.id, reason: `恢复按规则认定：${reason}` }], {
          at: ctx.now,
          by,
        });
    }
    await recordAudit(tx, ctx, {
      action: `library.membership.${action}`,
      entityType: 'library_membership',
      entityId: `${year}:${library}`,
      enterpriseId,
      before: active ? { override: active.mode, reason: active.reason } : null,
      after: { year, library, action, reason },
    });
    // Let the rules speak for the firm at once (a reset may put it straight back in, by rule).
    await recomputeIn(tx, ctx, { year, enterpriseIds: [enterpriseId] });
    return listFirmLibraries(tx, ctx, enterpriseId, year);
  });
}

export async function setPathway(db: Db, ctx: RequestContext, enterpriseId: number, input: PathwayChange) {
  await assertInScope(db, ctx, enterpriseId);
  return db.transaction(async (tx) => {
    const before = await listPathwayChoices(tx, ctx.scope, [enterpriseId], input.year);
    const row = await insertPathwayChoice(tx, {
      enterpriseId,
      year: input.year,
      pathway: input.pathway,
      reason: input.reason,
      setBy: ctx.actor?.id ?? null,
      setAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'library.pathway.set',
      entityType: 'pathway',
      entityId: row.id,
      enterpriseId,
      before: before.has(enterpriseId) ? { pathway: before.get(enterpriseId) } : null,
      after: { year: input.year, pathway: input.pathway, reason: input.reason },
    });
    return {
      year: input.year,
      pathway: input.pathway,
      pathwayLabel: PATHWAY_LABELS[input.pathway],
      reason: input.reason,
      setAt: row.setAt.toISOString(),
    };
  });
}

export async function setOperatingStatus(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  input: OperatingStatusChange,
) {
  await assertInScope(db, ctx, enterpriseId);
  await db.transaction(async (tx) => {
    const row = await insertOperatingStatus(tx, {
      enterpriseId,
      status: input.status,
      since: input.since,
      reason: input.reason,
      recordedBy: ctx.actor?.id ?? null,
      recordedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'enterprise.operating_status.set',
      entityType: 'enterprise',
      entityId: enterpriseId,
      enterpriseId,
      after: { id: row.id, status: input.status, since: input.since, reason: input.reason },
    });
  });
  await onFactsChanged(db, ctx, [enterpriseId]);
  return listFirmLibraries(db, ctx, enterpriseId);
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────────

export interface LibraryMemberView {
  enterpriseId: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  scaleStatus: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  priorYearRevenue: string | null;
  /** "2025年", or "2025年（7-12月，6个月）" when the prior year has fewer than twelve months of figures. */
  priorYearLabel: string | null;
  ytdRevenue: string | null;
  ytdMonths: number;
  taxYtd: string | null;
  projectedRevenue: string | null;
  pReachYear: number | null;
  pBelowYearEnd: number | null;
  reasons: string[];
  rule: string | null;
  manual: boolean;
  pathway: Pathway | null;
  pathwaySuggested: Pathway | null;
  pathwayChosen: boolean;
  tier: Tier | null;
  since: string;
}

function memberView(r: LibraryListRow, library: Library): LibraryMemberView {
  const v = r.v;
  const ruleReasons = ((v?.matches ?? []) as { library: string; reason: string }[])
    .filter((m) => m.library === library)
    .map((m) => m.reason);
  const suggested = (v?.pathwaySuggested ?? null) as Pathway | null;
  const num = (x: string | null | undefined) => (x === null || x === undefined ? null : Number(x).toFixed(2));
  return {
    enterpriseId: r.id,
    creditCode: r.creditCode,
    name: r.name,
    legalForm: r.legalForm,
    industryCode: r.industryCode,
    scaleStatus: r.scaleStatus,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    priorYearRevenue: num(v?.priorRevenue),
    priorYearLabel: v?.priorLabel ?? null,
    ytdRevenue: num(v?.ytdRevenue),
    ytdMonths: v?.ytdMonths ?? 0,
    taxYtd: num(v?.taxYtd),
    projectedRevenue: num(v?.projectedRevenue),
    pReachYear: v?.pReachYear ?? null,
    pBelowYearEnd: v?.pBelowYearEnd ?? null,
    reasons: r.m.manual ? [r.m.enteredReason, ...ruleReasons] : ruleReasons,
    rule: r.m.enteredRule,
    manual: r.m.manual,
    pathway: ((r.pathwayChosen ?? suggested) as Pathway | null) ?? null,
    pathwaySuggested: suggested,
    pathwayChosen: r.pathwayChosen !== null,
    tier: (v?.tier ?? null) as Tier | null,
    since: r.m.enteredAt.toISOString(),
  };
}

export interface LibraryListQuery extends LibraryListFilter {
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listLibrary(db: Executor, ctx: RequestContext, library: Library, q: LibraryListQuery) {
  const year = q.year ?? currentPlanYear(ctx.now);
  const { page, pageSize, year: _y, ...filter } = q;
  const { rows, total } = await listLibraryMembers(db, ctx.scope, {
    year,
    library,
    filter,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const f = await findYearFreeze(db, year);
  return {
    items: rows.map((r) => memberView(r, library)),
    total,
    page,
    pageSize,
    year,
    library,
    /** Set for a past year kept as it stood at its cut-off. */
    frozen: f ? { asOf: f.asOf, frozenAt: f.frozenAt.toISOString(), reason: f.reason } : null,
  };
}

export async function listAllOfLibrary(
  db: Executor,
  ctx: RequestContext,
  library: Library,
  q: Omit<LibraryListQuery, 'page' | 'pageSize'>,
) {
  return listLibrary(db, ctx, library, { ...q, page: 1, pageSize: 100_000 });
}

/** A firm's library history: every entry and exit with its reason, its pathway choices and operating status. */
export async function listFirmLibraries(
  db: Executor,
  ctx: RequestContext,
  enterpriseId: number,
  year?: number,
) {
  if (!(await enterpriseExists(db, ctx.scope, enterpriseId))) throw await outOfScope(db, ctx, enterpriseId);
  const memberships = await listMembershipHistory(db, ctx.scope, enterpriseId, year);
  const pathways = await listPathwayHistory(db, ctx.scope, enterpriseId);
  const statuses = await listOperatingStatusHistory(db, ctx.scope, enterpriseId);
  return {
    items: memberships.map(({ m, enteredByName, leftByName }) => ({
      id: m.id,
      year: m.year,
      library: m.library as Library,
      current: m.leftAt === null,
      manual: m.manual,
      enteredAt: m.enteredAt.toISOString(),
      enteredRule: m.enteredRule,
      enteredReason: m.enteredReason,
      enteredByName,
      leftAt: m.leftAt?.toISOString() ?? null,
      leftReason: m.leftReason,
      leftByName,
    })),
    pathways: pathways.map(({ p, setByName }) => ({
      year: p.year,
      pathway: p.pathway as Pathway,
      reason: p.reason,
      setAt: p.setAt.toISOString(),
      setByName,
    })),
    operatingStatus: statuses.map(({ s, recordedByName }) => ({
      status: s.status as OperatingStatus,
      since: s.since,
      reason: s.reason,
      recordedAt: s.recordedAt.toISOString(),
      recordedByName,
    })),
  };
}

/** 达规未入统 found from tax data, for the centre's to-do list. */
export async function listUnreported(db: Executor, ctx: RequestContext, year?: number) {
  const y = year ?? currentPlanYear(ctx.now);
  const t = await getLibraryThresholds(db, y);
  const rows = await listUnreportedByTax(db, ctx.scope, y, t.scale);
  return {
    year: y,
    threshold: t.scale.toFixed(2),
    items: rows.map((r) => {
      const lastMonth = Number(r.last_period.slice(5, 7));
      return {
        enterpriseId: Number(r.id),
        creditCode: r.credit_code,
        name: r.name,
        legalForm: r.legal_form,
        industryCode: r.industry_code,
        townshipId: Number(r.township_id),
        townshipName: r.township_name,
        supervisingUnitId: Number(r.supervising_unit_id),
        supervisingUnitName: r.supervising_unit_name,
        taxRevenue: Number(r.tax).toFixed(2),
        taxMonths: Number(r.months),
        lastPeriod: r.last_period,
        statisticsRevenue: r.stat === null ? null : Number(r.stat).toFixed(2),
        pathway: (r.legal_form === 'individual'
          ? 'individual_to_enterprise'
          : 'reached_not_reported') as Pathway,
        reason: `${y}年1-${lastMonth}月税务口径销售收入${wanText(Number(r.tax))}，已达到${wanText(t.scale)}，尚未入统`,
      };
    }),
  };
}

/** The CLI report: every firm in a library for the year as of a date, evaluated live (nothing is written). */
export async function reportLibraries(
  db: Executor,
  ctx: RequestContext,
  opts: { year: number; asOf?: string | undefined },
) {
  if (opts.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw invalid('asOf', '日期格式应为 YYYY-MM-DD');
  const ev = await evaluateFirms(db, ctx, opts);
  const enterprises = ev.results
    .filter((r) => r.desired.size > 0)
    .sort((a, b) =>
      a.firm.creditCode < b.firm.creditCode ? -1 : a.firm.creditCode > b.firm.creditCode ? 1 : 0,
    )
    .map((r) => ({
      creditCode: r.firm.creditCode,
      name: r.firm.name,
      libraries: LIBRARIES.filter((l) => r.desired.has(l)),
      reasons: LIBRARIES.flatMap((l) => {
        const d = r.desired.get(l);
        if (!d) return [];
        return d.manual
          ? [d.reason]
          : r.evaluation.matches.filter((m) => m.library === l).map((m) => m.reason);
      }),
      pathway: r.pathway,
      tier: r.tier,
    }));
  return { year: ev.year, asOf: ev.asOf, enterprises };
}
