// Requests (诉求) to closure (docs/domain.md §服务工作): the centre routes a raised request to an owner unit,
// which accepts, replies, resolves or returns it; the centre may decide it cannot be solved; the official who
// raised it records the firm's evaluation. Every step updates the request, appends an event and writes the
// audit record in one transaction. Deadlines are fixed at routing on the working-day calendar; the lights are
// computed on the request's clock (ctx.now), never stored.
import {
  addWorkdays,
  chinaDate,
  chinaDayStart,
  type Light,
  lightFor,
  REQUEST_ACTION_LABELS,
  REQUEST_STATE_LABELS,
  REQUEST_TRANSITIONS,
  type RequestAction,
  type RequestClock,
  type RequestDeadlines,
  type RequestDetail,
  type RequestFilterQuery,
  type RequestItem,
  type RequestListQuery,
  type RequestRaise,
  type RequestState,
  type RequestStepAction,
  ROUTE_WORKDAYS,
  RUNNING_DEADLINE_LABELS,
  type RunningDeadline,
  requestDeadlines,
  requestLight,
  SATISFACTION_LABELS,
  type Satisfaction,
  type UnitKind,
  type WorkdayCalendar,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import { loadRequestCategories, loadWorkdayCalendar } from '../service/service-settings.js';
import {
  findRequestRow,
  findUnit,
  insertRequestEvent,
  listRequestEvents,
  listRequestRows,
  lockRequest,
  type NewRequestRow,
  type RequestListRow,
  type RequestRow,
  type RequestRowFilter,
  type RequestVisibility,
  updateRequest,
} from './request.repository.js';
import { raiseRequestIn } from './request-raise.js';

/** Units a request may be routed to: the county's bodies that act on firms' problems. */
export const OWNER_UNIT_KINDS: readonly UnitKind[] = ['township', 'zone', 'department', 'bureau', 'centre'];
/** More rows than a county raises in years: the lights are computed per row, in memory. */
const MAX_ROWS = 20_000;

export function visibilityOf(ctx: RequestContext): RequestVisibility {
  return { scope: ctx.scope, unitId: ctx.actor?.unit.id ?? null };
}

function deadlinesOf(r: RequestRow): RequestDeadlines | null {
  return r.acceptDue && r.replyDue && r.closeDue
    ? { acceptDue: r.acceptDue, replyDue: r.replyDue, closeDue: r.closeDue }
    : null;
}

export function clockOf(r: RequestRow): RequestClock {
  return {
    state: r.state as RequestState,
    waitingSince: r.waitingSince,
    deadlines: deadlinesOf(r),
    repliedOn: r.repliedAt ? chinaDate(r.repliedAt) : null,
  };
}

export function toRequestItem(row: RequestListRow, cal: WorkdayCalendar, today: string): RequestItem {
  const r = row.r;
  const state = r.state as RequestState;
  const light = requestLight(cal, clockOf(r), today);
  const satisfaction = (r.satisfaction as Satisfaction | null) ?? null;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: row.enterpriseName,
    creditCode: row.creditCode,
    townshipId: row.townshipId,
    townshipName: row.townshipName,
    supervisingUnitId: row.supervisingUnitId,
    supervisingUnitName: row.supervisingUnitName,
    category: r.category,
    categoryLabel: r.categoryLabel,
    title: r.title,
    state,
    stateLabel: REQUEST_STATE_LABELS[state] ?? r.state,
    ownerUnitId: r.ownerUnitId,
    ownerUnitName: row.ownerUnitName,
    raisedById: r.raisedBy,
    raisedByName: row.raisedByName,
    raisedUnitId: r.raisedUnitId,
    raisedUnitName: row.raisedUnitName,
    raisedAt: r.raisedAt.toISOString(),
    runningKind: light?.kind ?? null,
    runningKindLabel: light ? RUNNING_DEADLINE_LABELS[light.kind] : null,
    dueOn: light?.dueOn ?? null,
    light: light?.light ?? null,
    daysOverdue: light?.daysOverdue ?? 0,
    closedAt: r.closedAt?.toISOString() ?? null,
    satisfaction,
    satisfactionLabel: satisfaction ? SATISFACTION_LABELS[satisfaction] : null,
  };
}

function rowFilter(q: Partial<RequestFilterQuery>): RequestRowFilter {
  return {
    states: q.state,
    category: q.category,
    enterpriseId: q.enterpriseId,
    ownerUnitId: q.ownerUnitId,
    raisedUnitId: q.raisedUnitId,
    raisedById: q.raisedById,
    q: q.q,
    raisedFrom: q.year ? chinaDayStart(`${q.year}-01-01`) : undefined,
    raisedTo: q.year ? chinaDayStart(`${q.year + 1}-01-01`) : undefined,
  };
}

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

/** Every visible request matching the filters, with lights on today, filtered by light and sorted. */
export async function listAllRequests(
  db: Db,
  ctx: RequestContext,
  q: Partial<RequestFilterQuery>,
): Promise<RequestItem[]> {
  const [cal, rows] = await Promise.all([
    loadWorkdayCalendar(db),
    listRequestRows(db, visibilityOf(ctx), rowFilter(q), MAX_ROWS),
  ]);
  const today = chinaDate(ctx.now);
  let items = rows.map((row) => toRequestItem(row, cal, today));
  if (q.light) items = items.filter((i) => i.light === q.light);
  if (q.overdueOnly) items = items.filter((i) => i.light === 'red');
  const sort = q.sort ?? 'raised';
  const dir = (q.order ?? 'desc') === 'asc' ? 1 : -1;
  if (sort === 'raised') {
    if (dir === 1) items.reverse();
  } else if (sort === 'due') {
    // Running deadlines first, soonest first (ascending) or latest first; finished requests at the end.
    items.sort((a, b) => {
      if (!a.dueOn || !b.dueOn) return a.dueOn ? -1 : b.dueOn ? 1 : 0;
      return a.dueOn === b.dueOn ? 0 : (a.dueOn < b.dueOn ? -1 : 1) * dir;
    });
  } else {
    // Longest overdue first (descending), then by light, then soonest due.
    items.sort(
      (a, b) =>
        (a.daysOverdue - b.daysOverdue) * dir ||
        (a.light ? LIGHT_RANK[a.light] : 3) - (b.light ? LIGHT_RANK[b.light] : 3) ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'),
    );
  }
  return items;
}

export async function listRequests(db: Db, ctx: RequestContext, q: RequestListQuery) {
  const all = await listAllRequests(db, ctx, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: all.slice(start, start + q.pageSize),
    total: all.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------- who may act

type Refusal = { status: 403 | 409; message: string } | null;

function actorRefusal(
  ctx: RequestContext,
  r: RequestRow,
  action: RequestStepAction,
  ownerName: string | null,
): Refusal {
  const t = REQUEST_TRANSITIONS[action];
  const label = REQUEST_ACTION_LABELS[action];
  const actor = ctx.actor;
  if (!actor) return { status: 403, message: '需要登录用户' };
  switch (t.by) {
    case 'centre':
      return ctx.permissions.has('service:manage')
        ? null
        : { status: 403, message: `只有中小企业发展中心可以${label}该诉求` };
    case 'owner':
      if (!ctx.permissions.has('service:write') || r.ownerUnitId === null || actor.unit.id !== r.ownerUnitId)
        return {
          status: 403,
          message: ownerName
            ? `只有承办单位（${ownerName}）可以${label}该诉求`
            : `该诉求尚未分派承办单位，不能${label}`,
        };
      return null;
    case 'raiser':
      return ctx.permissions.has('service:write') && actor.id === r.raisedBy
        ? null
        : { status: 403, message: '只有提出该诉求的人员可以记录企业评价' };
  }
}

function stateRefusal(r: RequestRow, action: RequestStepAction): Refusal {
  const t = REQUEST_TRANSITIONS[action];
  if ((t.from as readonly string[]).includes(r.state)) return null;
  const stateLabel = REQUEST_STATE_LABELS[r.state as RequestState] ?? r.state;
  return {
    status: 409,
    message: `该诉求当前为“${stateLabel}”，不能${REQUEST_ACTION_LABELS[action]}（${t.from
      .map((s) => REQUEST_STATE_LABELS[s])
      .join('、')}时才可以）`,
  };
}

/** The steps the caller may take on the request now. */
export function allowedActions(
  ctx: RequestContext,
  r: RequestRow,
  ownerName: string | null,
): RequestStepAction[] {
  return (Object.keys(REQUEST_TRANSITIONS) as RequestStepAction[]).filter(
    (a) => !stateRefusal(r, a) && !actorRefusal(ctx, r, a, ownerName),
  );
}

// ---------------------------------------------------------------- one request

function deadlineViews(
  cal: WorkdayCalendar,
  r: RequestRow,
  today: string,
  running: RunningDeadline | null,
): RequestDetail['deadlines'] {
  const state = r.state as RequestState;
  const waiting = state === 'submitted' || state === 'returned';
  const finished = state === 'resolved' || state === 'evaluated' || state === 'unsolvable';
  const rows: { kind: RunningDeadline; dueOn: string; doneAt: Date | null }[] = [
    {
      kind: 'route',
      dueOn: addWorkdays(cal, r.waitingSince, ROUTE_WORKDAYS),
      doneAt: waiting ? null : r.routedAt,
    },
  ];
  if (r.acceptDue && r.replyDue && r.closeDue) {
    const closedOk = state === 'resolved' || state === 'evaluated';
    rows.push(
      { kind: 'accept', dueOn: r.acceptDue, doneAt: waiting ? null : r.acceptedAt },
      {
        kind: 'reply',
        dueOn: r.replyDue,
        doneAt: waiting ? null : (r.repliedAt ?? (closedOk ? r.closedAt : null)),
      },
      { kind: 'close', dueOn: r.closeDue, doneAt: finished ? r.closedAt : null },
    );
  }
  return rows.map((d) => ({
    kind: d.kind,
    label: RUNNING_DEADLINE_LABELS[d.kind],
    dueOn: d.dueOn,
    doneAt: d.doneAt?.toISOString() ?? null,
    light: d.kind === running ? lightFor(cal, d.dueOn, today) : null,
    onTime: d.doneAt ? chinaDate(d.doneAt) <= d.dueOn : null,
    running: d.kind === running,
  }));
}

export async function getRequest(db: Db, ctx: RequestContext, id: number): Promise<RequestDetail> {
  const row = await findRequestRow(db, visibilityOf(ctx), id);
  if (!row) throw notFound('诉求');
  const [cal, events] = await Promise.all([loadWorkdayCalendar(db), listRequestEvents(db, id)]);
  const today = chinaDate(ctx.now);
  const item = toRequestItem(row, cal, today);
  const r = row.r;
  return {
    ...item,
    detail: r.detail,
    visitId: r.visitId,
    waitingSince: r.waitingSince,
    firstRoutedAt: r.firstRoutedAt?.toISOString() ?? null,
    routedAt: r.routedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    repliedAt: r.repliedAt?.toISOString() ?? null,
    answer: r.answer,
    decidedByName: row.decidedByName,
    evaluatedAt: r.evaluatedAt?.toISOString() ?? null,
    evaluatedByName: row.evaluatedByName,
    evaluationNote: r.evaluationNote,
    deadlines: deadlineViews(cal, r, today, item.runningKind),
    events: events.map((e) => ({
      id: e.e.id,
      at: e.e.at.toISOString(),
      action: e.e.action as RequestAction,
      label: REQUEST_ACTION_LABELS[e.e.action as RequestAction] ?? e.e.action,
      toState: e.e.toState as RequestState,
      actorName: e.actorName,
      unitName: e.unitName,
      note: e.e.note,
      ownerUnitName: e.ownerUnitName,
    })),
    actions: allowedActions(ctx, r, row.ownerUnitName),
  };
}

/** 提出诉求: the firm in the caller's scope; the request waits for the centre to route it. */
export async function raiseRequest(db: Db, ctx: RequestContext, body: RequestRaise): Promise<RequestDetail> {
  await assertInScope(db, ctx, body.enterpriseId);
  const row = await withTransaction(db, async (tx) => {
    await lockFirmIn(tx, ctx, body.enterpriseId);
    return raiseRequestIn(tx, ctx, body.enterpriseId, body);
  });
  return getRequest(db, ctx, row.id);
}

export type StepInput =
  | { action: 'route'; ownerUnitId: number }
  | { action: 'accept'; note?: string | undefined }
  | { action: 'reply'; note: string }
  | { action: 'resolve'; answer: string }
  | { action: 'return'; reason: string }
  | { action: 'unsolvable'; reason: string }
  | { action: 'evaluate'; satisfaction: Satisfaction; note?: string | undefined };

/** One step of a request by the caller: refused 404 (not visible), 403 (not theirs to take), 409 (state). */
export async function stepRequest(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: StepInput,
): Promise<RequestDetail> {
  const actor = ctx.actor;
  if (!actor) throw forbidden('需要登录用户');
  const action = input.action;
  await withTransaction(db, async (tx) => {
    const r = await lockRequest(tx, visibilityOf(ctx), id);
    if (!r) throw notFound('诉求');
    const ownerName = r.ownerUnitId ? ((await findUnit(tx, r.ownerUnitId))?.name ?? null) : null;
    const refusal = actorRefusal(ctx, r, action, ownerName) ?? stateRefusal(r, action);
    if (refusal) throw new AppError(refusal.status === 403 ? 'FORBIDDEN' : 'CONFLICT', refusal.message);
    const t = REQUEST_TRANSITIONS[action];
    const today = chinaDate(ctx.now);
    const patch: Partial<NewRequestRow> = { state: t.to };
    let note: string | null = null;
    let eventOwner = r.ownerUnitId;
    switch (input.action) {
      case 'route': {
        const unit = await findUnit(tx, input.ownerUnitId);
        const county = ctx.scope.kind === 'subtree' ? ctx.scope.path : null;
        if (
          !unit ||
          county === null ||
          !unit.path.startsWith(county) ||
          !OWNER_UNIT_KINDS.includes(unit.kind as UnitKind)
        )
          throw invalid('ownerUnitId', '承办单位应为本县的乡镇、开发区、部门或中心');
        const categories = await loadRequestCategories(tx);
        // A retired category keeps its deadlines for the requests that carry it.
        const category = categories.find((c) => c.code === r.category);
        if (!category)
          throw new AppError(
            'CONFLICT',
            `诉求类别“${r.categoryLabel}”已从业务设置中删除，无法计算办理时限；请先在业务设置中恢复该类别`,
          );
        const firstRoutedOn = r.firstRoutedAt ? chinaDate(r.firstRoutedAt) : today;
        const due = requestDeadlines(await loadWorkdayCalendar(tx), category, today, firstRoutedOn);
        Object.assign(patch, {
          ownerUnitId: unit.id,
          routedAt: ctx.now,
          firstRoutedAt: r.firstRoutedAt ?? ctx.now,
          acceptDue: due.acceptDue,
          replyDue: due.replyDue,
          closeDue: due.closeDue,
          acceptedAt: null,
          repliedAt: null,
        });
        eventOwner = unit.id;
        note = `分派至${unit.name}`;
        break;
      }
      case 'accept':
        patch.acceptedAt = ctx.now;
        note = input.note || null;
        break;
      case 'reply':
        patch.repliedAt = ctx.now;
        note = input.note;
        break;
      case 'resolve':
        Object.assign(patch, { closedAt: ctx.now, answer: input.answer });
        if (!r.repliedAt) patch.repliedAt = ctx.now;
        note = input.answer;
        break;
      case 'return':
        // Back to the centre: the routing clock starts again today; the close deadline stays.
        patch.waitingSince = today;
        note = input.reason;
        break;
      case 'unsolvable':
        Object.assign(patch, { closedAt: ctx.now, answer: input.reason, decidedBy: actor.id });
        note = input.reason;
        break;
      case 'evaluate':
        Object.assign(patch, {
          satisfaction: input.satisfaction,
          evaluatedAt: ctx.now,
          evaluatedBy: actor.id,
          evaluationNote: input.note || null,
        });
        note = `${SATISFACTION_LABELS[input.satisfaction]}${input.note ? `：${input.note}` : ''}`;
        break;
    }
    await updateRequest(tx, id, patch);
    await insertRequestEvent(tx, {
      requestId: id,
      at: ctx.now,
      action,
      fromState: r.state,
      toState: t.to,
      actorId: actor.id,
      actorUnitId: actor.unit.id,
      ownerUnitId: eventOwner,
      note,
    });
    await recordAudit(tx, ctx, {
      action: `request.${action}`,
      entityType: 'service_request',
      entityId: id,
      enterpriseId: r.enterpriseId,
      before: { state: r.state, ownerUnitId: r.ownerUnitId },
      after: { ...patch, note },
    });
  });
  return getRequest(db, ctx, id);
}
