// Keeps the memberships true (docs/domain.md §4): a recompute opens the entries and closes the exits with
// their reasons in one transaction, refreshes the evaluation snapshots and writes one audit record per batch.
// Other slices queue it after their commit when a firm's facts changed (librariesAfterCommit).
import { currentPlanYear, LIBRARIES, LIBRARY_LABELS, type Library } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import type { AfterCommit } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import {
  closeMemberships,
  deleteEvaluations,
  type EvaluationInsert,
  type EvaluationRow,
  insertMemberships,
  listEvaluations,
  listOpenMemberships,
  lockLibraries,
  type MembershipInsert,
  upsertEvaluations,
} from './library.repository.js';
import { evaluateFirms, type FirmResult, type LibraryRunOptions } from './library-evaluate.js';

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

export async function recomputeIn(
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

/**
 * Recomputes the plan year in progress for the firms whose facts changed (null: every firm in the caller's
 * scope, e.g. after a large import); past years keep the memberships they ended with. Call it on the
 * database once the change committed — librariesAfterCommit queues exactly that.
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
 * "Facts changed → recompute libraries": queued on the writer's transaction (db/transaction.ts), it runs
 * after COMMIT and never after a rollback; a failed recompute is logged and leaves the committed change as
 * it is — the firm's next change recomputes it again.
 */
export function librariesAfterCommit(
  afterCommit: AfterCommit,
  ctx: RequestContext,
  enterpriseIds: number[] | null,
): void {
  if (enterpriseIds && enterpriseIds.length === 0) return;
  afterCommit((db) => onFactsChanged(db, ctx, enterpriseIds));
}
