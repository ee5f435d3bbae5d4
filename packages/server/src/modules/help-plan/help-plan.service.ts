// 稳规 help plans (docs/domain.md §6): every firm that enters the 临退规 library in a plan year gets a plan within
// the configured number of working days (service.helpPlanDays, counted on the Chinese working-day calendar);
// the plan names an owner unit and person, the measures and the next review day; each review records the
// outcome. When the year closes, the list tells which at-risk firms stayed above scale and which left: a firm
// left when the progress board counts its exit in that year, or when the directory's annual revision took it
// out from the next January (progress.repository listCountedFirms / listCountedEvents, the one counting SQL).
import {
  chinaDate,
  countingWindow,
  daysBetween,
  HELP_OUTCOME_LABELS,
  HELP_PLAN_STATE_LABELS,
  HELP_REVIEW_SOON_DAYS,
  type HelpOutcome,
  type HelpPlanBrief,
  type HelpPlanCreate,
  type HelpPlanDetail,
  type HelpPlanFilterQuery,
  type HelpPlanListQuery,
  type HelpPlanPage,
  type HelpPlanReviewCreate,
  type HelpPlanRow,
  type HelpPlanSummary,
  type HelpPlanUpdate,
  helpPlanDue,
  helpPlanState,
  RETENTION_RESULT_LABELS,
  retentionResult,
  type TodoItem,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { assertInScope, lockFirmIn, outOfScope } from '../enterprise/enterprise.access.js';
import { yearCutoffDate } from '../library/library-years.js';
import { findUnitById } from '../org/org.repository.js';
import { getCountingRule } from '../progress/counting-rule.service.js';
import { listCountedEvents, listCountedFirms } from '../progress/progress.repository.js';
import { loadHelpPlanDays, loadWorkdayCalendar } from '../service/service-settings.js';
import {
  type AtRiskFilter,
  type AtRiskRow,
  findOpenPlan,
  findPlan,
  findUserUnit,
  type HelpPlanDbRow,
  insertPlan,
  insertReview,
  listAtRiskFirms,
  listReviews,
  lockPlan,
  planFirmUnscoped,
  updatePlan,
  wasAtRisk,
} from './help-plan.repository.js';

const PLAN = '帮扶方案';

/** The year's facts every row is judged with: today, the calendar, the limit, the counted exits, the cut-off. */
interface YearFacts {
  today: string;
  cal: Awaited<ReturnType<typeof loadWorkdayCalendar>>;
  days: number;
  left: Set<number>;
  cutoff: string;
  closed: boolean;
}

async function yearFacts(db: Executor, ctx: RequestContext, year: number): Promise<YearFacts> {
  const today = chinaDate(ctx.now);
  const [cal, days, rule, nextRule, cutoff] = await Promise.all([
    loadWorkdayCalendar(db),
    loadHelpPlanDays(db),
    getCountingRule(db, year),
    getCountingRule(db, year + 1),
    yearCutoffDate(db, year),
  ]);
  const args = { basis: rule.basis, ...countingWindow(year, rule), asOf: today };
  const nextArgs = { basis: nextRule.basis, ...countingWindow(year + 1, nextRule), asOf: today };
  // The firms whose exit counts in the year as the board counts it today (netted per firm, in the scope),
  // and those the directory's annual revision took out for the next year: a firm below the line leaves the
  // next year's population (docs/domain.md §5), an exit in effect from January that the board counts in
  // the next year.
  const [exited, exitedNext] = await Promise.all([
    listCountedFirms(db, ctx.scope, args, { sign: -1 }),
    listCountedFirms(db, ctx.scope, nextArgs, { sign: -1 }),
  ]);
  const revision = await listCountedEvents(
    db,
    nextArgs,
    exitedNext.map((f) => f.id),
  );
  const left = new Set(exited.map((f) => f.id));
  for (const e of revision)
    if (e.type === 'exit' && e.effectivePeriod <= `${year + 1}-01`) left.add(e.enterpriseId);
  return { today, cal, days, left, cutoff, closed: today > cutoff };
}

function briefOf(
  p: HelpPlanDbRow,
  ownerUnitName: string,
  reviews: number,
  lastOutcome: string | null,
  today: string,
): HelpPlanBrief {
  const outcome = (lastOutcome as HelpOutcome | null) ?? null;
  return {
    id: p.id,
    ownerUnitId: p.ownerUnitId,
    ownerUnitName,
    ownerUserId: p.ownerUserId,
    ownerName: p.ownerName,
    measures: p.measures,
    reviewOn: p.reviewOn,
    reviewOverdue: p.closedAt === null && today > p.reviewOn,
    reviews,
    lastOutcome: outcome,
    lastOutcomeLabel: outcome ? HELP_OUTCOME_LABELS[outcome] : null,
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
    closeNote: p.closeNote,
  };
}

function rowOf(r: AtRiskRow, year: number, f: YearFacts): HelpPlanRow {
  // A past year's libraries are frozen as of its cut-off (library-years.ts): a stay recorded by that later
  // recompute stands for the firm's state at the cut-off, not for the day the recompute ran.
  const recorded = chinaDate(r.enteredAt);
  const [enteredOn] = [recorded, f.cutoff].sort() as [string, string]; // the earlier ISO date
  const dueOn = helpPlanDue(f.cal, enteredOn, f.days);
  const plan = r.plan ? briefOf(r.plan, r.ownerUnitName ?? '', r.reviews, r.lastOutcome, f.today) : null;
  const state = helpPlanState(plan ? { closed: plan.closedAt !== null } : null, dueOn, f.today);
  const result = retentionResult(f.left.has(r.enterpriseId), f.closed);
  return {
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    year,
    enteredOn,
    inLibrary: r.inLibrary,
    dueOn,
    state,
    stateLabel: HELP_PLAN_STATE_LABELS[state],
    result,
    resultLabel: RETENTION_RESULT_LABELS[result],
    plan,
  };
}

function summaryOf(rows: HelpPlanRow[]): HelpPlanSummary {
  const n = (p: (r: HelpPlanRow) => boolean) => rows.filter(p).length;
  return {
    atRisk: rows.length,
    withPlan: n((r) => r.plan !== null),
    withoutPlan: n((r) => r.plan === null),
    overdue: n((r) => r.state === 'overdue'),
    stayed: n((r) => r.result === 'stayed'),
    left: n((r) => r.result === 'left'),
    open: n((r) => r.result === 'open'),
  };
}

/** The year's rows in the scope after the SQL filters (unit, text), the summary, then the derived filters. */
async function listRows(db: Executor, ctx: RequestContext, q: HelpPlanFilterQuery) {
  const filter: AtRiskFilter = { year: q.year, unitId: q.unitId, q: q.q };
  const [raw, facts] = await Promise.all([
    listAtRiskFirms(db, ctx.scope, filter),
    yearFacts(db, ctx, q.year),
  ]);
  const all = raw.map((r) => rowOf(r, q.year, facts));
  const rows = all.filter(
    (r) =>
      (!q.state || r.state === q.state) &&
      (!q.result || r.result === q.result) &&
      (q.reviewOverdue === undefined || (r.plan?.reviewOverdue ?? false) === q.reviewOverdue),
  );
  return { all, rows, facts };
}

/** GET /help-plans: the at-risk firms of the year with their plans, state and retention result. */
export async function listHelpPlans(
  db: Db,
  ctx: RequestContext,
  q: HelpPlanListQuery,
): Promise<HelpPlanPage> {
  const { all, rows, facts } = await listRows(db, ctx, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: rows.slice(start, start + q.pageSize),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    year: q.year,
    yearClosed: facts.closed,
    cutoff: facts.cutoff,
    helpPlanWorkdays: facts.days,
    summary: summaryOf(all),
  };
}

/** Every row of the filtered list (export). */
export async function listAllHelpPlans(db: Db, ctx: RequestContext, q: HelpPlanFilterQuery) {
  const { rows, all } = await listRows(db, ctx, q);
  return { rows, summary: summaryOf(all) };
}

/** The plan in the caller's scope, or 404 (an out-of-scope attempt on an existing plan is audited). */
async function getScopedPlan(db: Executor, ctx: RequestContext, id: number) {
  const found = await findPlan(db, ctx.scope, id);
  if (found) return found;
  const firm = await planFirmUnscoped(db, id);
  if (firm !== null) throw await outOfScope(db, ctx, firm);
  throw notFound(PLAN);
}

/** The centre, or a user of the plan's owner unit, acts on a plan. */
function mayAct(ctx: RequestContext, p: HelpPlanDbRow): boolean {
  return ctx.permissions.has('service:manage') || ctx.actor?.unit.id === p.ownerUnitId;
}
function assertMayAct(ctx: RequestContext, p: HelpPlanDbRow): void {
  if (!mayAct(ctx, p)) throw forbidden('只有帮扶责任单位或县中小企业发展中心可以修改、复查或结束该帮扶方案');
}

export async function getHelpPlan(db: Executor, ctx: RequestContext, id: number): Promise<HelpPlanDetail> {
  const found = await getScopedPlan(db, ctx, id);
  const p = found.plan;
  const [firms, facts, reviews, unit] = await Promise.all([
    listAtRiskFirms(db, ctx.scope, { year: p.year, enterpriseId: p.enterpriseId }),
    yearFacts(db, ctx, p.year),
    listReviews(db, p.id),
    findUnitById(db, p.ownerUnitId),
  ]);
  const firm = firms[0];
  if (!firm) throw notFound(PLAN);
  const row = rowOf(
    { ...firm, plan: p, ownerUnitName: unit?.name ?? '', reviews: 0, lastOutcome: null },
    p.year,
    facts,
  );
  const last = reviews[0]?.r.outcome ?? null;
  return {
    ...row,
    plan: briefOf(p, unit?.name ?? '', reviews.length, last, facts.today),
    createdByName: found.createdByName,
    closedByName: found.closedByName,
    reviewList: reviews.map(({ r, recordedByName }) => ({
      id: r.id,
      reviewedOn: r.reviewedOn,
      outcome: r.outcome as HelpOutcome,
      outcomeLabel: HELP_OUTCOME_LABELS[r.outcome as HelpOutcome] ?? r.outcome,
      note: r.note,
      nextReviewOn: r.nextReviewOn,
      recordedByName,
      recordedAt: r.recordedAt.toISOString(),
    })),
    canAct: p.closedAt === null && ctx.permissions.has('service:write') && mayAct(ctx, p),
  };
}

/** The owner unit is the firm's township, its supervising unit, or the centre; a named account is of it. */
async function checkOwner(
  tx: Executor,
  firm: { townshipId: number; supervisingUnitId: number },
  input: Pick<HelpPlanCreate, 'ownerUnitId' | 'ownerUserId'>,
): Promise<void> {
  const unit = await findUnitById(tx, input.ownerUnitId);
  const ok =
    unit && (unit.id === firm.townshipId || unit.id === firm.supervisingUnitId || unit.kind === 'centre');
  if (!ok) throw invalid('ownerUnitId', '责任单位应为企业所在乡镇、行业主管单位或县中小企业发展中心');
  if (input.ownerUserId && (await findUserUnit(tx, input.ownerUserId)) !== input.ownerUnitId)
    throw invalid('ownerUserId', '责任人账号不属于所选责任单位');
}

function assertReviewDay(field: string, day: string, today: string, label: string) {
  if (day < today) throw invalid(field, `${label}不能早于今天（${today}）`);
}

function snapshot(p: HelpPlanDbRow) {
  return {
    ownerUnitId: p.ownerUnitId,
    ownerUserId: p.ownerUserId,
    ownerName: p.ownerName,
    measures: p.measures,
    reviewOn: p.reviewOn,
  };
}

/** POST /help-plans: refused (409) for a firm not at risk that year, or one that already has an open plan. */
export async function createHelpPlan(
  db: Db,
  ctx: RequestContext,
  input: HelpPlanCreate,
): Promise<HelpPlanDetail> {
  await assertInScope(db, ctx, input.enterpriseId);
  const id = await withTransaction(db, async (tx) => {
    const firm = await lockFirmIn(tx, ctx, input.enterpriseId);
    if (!(await wasAtRisk(tx, firm.id, input.year)))
      throw new AppError('CONFLICT', `该企业${input.year}年不在临退规库中，无需制定稳规帮扶方案`);
    if (await findOpenPlan(tx, firm.id, input.year))
      throw new AppError(
        'CONFLICT',
        `该企业${input.year}年已有进行中的帮扶方案，请在原方案上修改或先结束原方案`,
      );
    await checkOwner(tx, firm, input);
    assertReviewDay('reviewOn', input.reviewOn, chinaDate(ctx.now), '复查日期');
    const plan = await insertPlan(tx, {
      enterpriseId: firm.id,
      year: input.year,
      ownerUnitId: input.ownerUnitId,
      ownerUserId: input.ownerUserId ?? null,
      ownerName: input.ownerName,
      measures: input.measures,
      reviewOn: input.reviewOn,
      createdBy: ctx.actor!.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'help_plan.create',
      entityType: 'help_plan',
      entityId: plan.id,
      enterpriseId: firm.id,
      after: { year: plan.year, ...snapshot(plan) },
    });
    return plan.id;
  });
  return getHelpPlan(db, ctx, id);
}

/**
 * Locks the plan's firm, then the plan (the order every write on a firm takes), and checks that the caller may
 * act on it and that it is still open.
 */
async function lockOpenPlan(tx: Executor, ctx: RequestContext, id: number, enterpriseId: number) {
  const firm = await lockFirmIn(tx, ctx, enterpriseId);
  const p = await lockPlan(tx, id);
  if (!p || p.enterpriseId !== firm.id) throw notFound(PLAN);
  assertMayAct(ctx, p);
  if (p.closedAt) throw new AppError('CONFLICT', '该帮扶方案已结束，不能再修改或复查');
  return { p, firm };
}

/** PUT /help-plans/:id: owner, measures, review day (audited with before and after). */
export async function updateHelpPlan(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: HelpPlanUpdate,
): Promise<HelpPlanDetail> {
  const found = await getScopedPlan(db, ctx, id);
  await withTransaction(db, async (tx) => {
    const { p, firm } = await lockOpenPlan(tx, ctx, id, found.plan.enterpriseId);
    await checkOwner(tx, firm, input);
    if (input.reviewOn !== p.reviewOn)
      assertReviewDay('reviewOn', input.reviewOn, chinaDate(ctx.now), '复查日期');
    const after = await updatePlan(tx, id, {
      ownerUnitId: input.ownerUnitId,
      ownerUserId: input.ownerUserId ?? null,
      ownerName: input.ownerName,
      measures: input.measures,
      reviewOn: input.reviewOn,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'help_plan.update',
      entityType: 'help_plan',
      entityId: id,
      enterpriseId: p.enterpriseId,
      before: snapshot(p),
      after: snapshot(after),
    });
  });
  return getHelpPlan(db, ctx, id);
}

/** POST /help-plans/:id/reviews: the outcome and what was found; the plan's review day moves to the next one. */
export async function reviewHelpPlan(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: HelpPlanReviewCreate,
): Promise<HelpPlanDetail> {
  const found = await getScopedPlan(db, ctx, id);
  const today = chinaDate(ctx.now);
  if (input.reviewedOn > today) throw invalid('reviewedOn', `复查日期不能晚于今天（${today}）`);
  if (input.nextReviewOn && input.nextReviewOn <= input.reviewedOn)
    throw invalid('nextReviewOn', '下次复查日期应晚于本次复查日期');
  await withTransaction(db, async (tx) => {
    const { p } = await lockOpenPlan(tx, ctx, id, found.plan.enterpriseId);
    if (input.reviewedOn < chinaDate(p.createdAt))
      throw invalid('reviewedOn', `复查日期不能早于方案制定日期（${chinaDate(p.createdAt)}）`);
    const review = await insertReview(tx, {
      planId: id,
      reviewedOn: input.reviewedOn,
      outcome: input.outcome,
      note: input.note,
      nextReviewOn: input.nextReviewOn ?? null,
      recordedBy: ctx.actor!.id,
      recordedAt: ctx.now,
    });
    if (input.nextReviewOn) await updatePlan(tx, id, { reviewOn: input.nextReviewOn, updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: 'help_plan.review',
      entityType: 'help_plan',
      entityId: id,
      enterpriseId: p.enterpriseId,
      before: { reviewOn: p.reviewOn },
      after: {
        reviewId: review.id,
        reviewedOn: review.reviewedOn,
        outcome: review.outcome,
        note: review.note,
        reviewOn: input.nextReviewOn ?? p.reviewOn,
      },
    });
  });
  return getHelpPlan(db, ctx, id);
}

/** POST /help-plans/:id/close: the plan ends with a note (a new plan may then be made for the year). */
export async function closeHelpPlan(
  db: Db,
  ctx: RequestContext,
  id: number,
  note: string,
): Promise<HelpPlanDetail> {
  const found = await getScopedPlan(db, ctx, id);
  await withTransaction(db, async (tx) => {
    const { p } = await lockOpenPlan(tx, ctx, id, found.plan.enterpriseId);
    await updatePlan(tx, id, {
      closedAt: ctx.now,
      closedBy: ctx.actor!.id,
      closeNote: note,
      updatedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'help_plan.close',
      entityType: 'help_plan',
      entityId: id,
      enterpriseId: p.enterpriseId,
      before: { closedAt: null },
      after: { closedAt: ctx.now.toISOString(), closeNote: note },
    });
  });
  return getHelpPlan(db, ctx, id);
}

/**
 * To-do of the help plans (the current year, in the caller's scope): at-risk firms without a plan past their
 * due day — for the centre and the firm's own units — and open plans of the caller's unit (the centre: any)
 * whose review is due within HELP_REVIEW_SOON_DAYS or overdue.
 */
export async function helpPlanTodoItems(db: Db, ctx: RequestContext): Promise<TodoItem[]> {
  if (!ctx.permissions.has('service:write') || !ctx.actor) return [];
  const year = Number(chinaDate(ctx.now).slice(0, 4));
  const { all, facts } = await listRows(db, ctx, { year });
  const centre = ctx.permissions.has('service:manage');
  const unitId = ctx.actor.unit.id;
  const items: TodoItem[] = [];
  for (const r of all) {
    const mine = centre || r.townshipId === unitId || r.supervisingUnitId === unitId;
    // A firm already out of the library again needs no new plan: its row stays on the list, not on the to-do.
    if (r.state === 'overdue' && r.inLibrary && mine)
      items.push({
        kind: 'helpPlan',
        title: `稳规帮扶：${r.enterpriseName}进入临退规库已逾期未制定帮扶方案`,
        due: r.dueOn,
        link: `/service/help-plans?year=${year}&q=${encodeURIComponent(r.creditCode)}`,
        count: null,
      });
    const p = r.plan;
    if (p && p.closedAt === null && (centre || p.ownerUnitId === unitId)) {
      const days = daysBetween(facts.today, p.reviewOn);
      if (days <= HELP_REVIEW_SOON_DAYS)
        items.push({
          kind: 'helpPlan',
          title: `稳规帮扶复查：${r.enterpriseName}${days < 0 ? `（已逾期${-days}天）` : days === 0 ? '（今天）' : `（还有${days}天）`}`,
          due: p.reviewOn,
          link: `/service/help-plans/${p.id}`,
          count: null,
        });
    }
  }
  return items;
}
