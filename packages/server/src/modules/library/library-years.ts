// Years of the libraries: the centre's recompute of a year, past years frozen at their counting cut-off
// (library_year_freezes), and the years the lists offer.
import { currentPlanYear, LIBRARIES } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { getCountingRule } from '../progress/counting-rule.service.js';
import {
  findFirstRevenueYear,
  findYearFreeze,
  listMembershipYears,
  listYearFreezes,
  lockLibraries,
  upsertYearFreeze,
} from './library.repository.js';

import { type RecomputeResult, recomputeIn } from './library-recompute.js';
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
