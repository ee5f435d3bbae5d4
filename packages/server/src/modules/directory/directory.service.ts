// Directory entries and exits (入库 / 退库, docs/domain.md §5). Recording an event flips the firm's scale status
// and writes its scale history in the same transaction as the audit record. Events are never edited or
// deleted; a mistaken one is voided with a reason, which restores the status the event changed.
import {
  checkDirectoryEvent,
  checkVoidDirectoryEvent,
  chinaDate,
  countingWindow,
  DIRECTORY_EVENT_TYPE_LABELS,
  type DirectoryEventCreate,
  type DirectoryEventListQuery,
  type DirectoryEventType,
  type DirectoryEventView,
  type DirectoryProblem,
  ENTRY_MODE_LABELS,
  type EntryMode,
  EXIT_REASON_LABELS,
  type ExitReason,
  scaleHistoryReason,
  statusAfter,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { type AfterCommit, withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import { setScaleStatus } from '../enterprise/scale-status.js';
import { librariesAfterCommit } from '../library/library-recompute.js';
import { getCountingRule } from '../progress/counting-rule.service.js';
import {
  countDirectoryEvents,
  type DirectoryEventFilter,
  type DirectoryEventListRow,
  type DirectoryEventRow,
  directoryEventFirmUnscoped,
  findDirectoryEvent,
  findLatestValidEventDates,
  findLatestValidEventId,
  insertDirectoryEvent,
  listEventsOfEnterprise,
  listDirectoryEvents as listRows,
  markDirectoryEventVoided,
} from './directory.repository.js';

export function toEventView(r: DirectoryEventListRow): DirectoryEventView {
  const d = r.d;
  const type = d.type as DirectoryEventType;
  const mode = (d.mode as EntryMode | null) ?? null;
  const exitReason = (d.exitReason as ExitReason | null) ?? null;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    type,
    typeLabel: DIRECTORY_EVENT_TYPE_LABELS[type] ?? d.type,
    mode,
    modeLabel: mode ? ENTRY_MODE_LABELS[mode] : null,
    batch: d.batch,
    approvalDate: d.approvalDate,
    effectivePeriod: d.effectivePeriod,
    exitReason,
    exitReasonLabel: exitReason ? EXIT_REASON_LABELS[exitReason] : null,
    note: d.note,
    recordedAt: d.recordedAt.toISOString(),
    recordedByName: r.recordedByName,
    importBatchId: d.importBatchId,
    voided: d.voidedAt !== null,
    voidedAt: d.voidedAt?.toISOString() ?? null,
    voidedByName: r.voidedByName,
    voidReason: d.voidReason,
  };
}

function refusal(problems: DirectoryProblem[]): AppError {
  const code = problems.some((p) => p.kind === 'invalid') ? 'VALIDATION' : 'CONFLICT';
  return new AppError(
    code,
    problems.map((p) => p.message).join('；'),
    problems.map(({ path, message }) => ({ path, message })),
  );
}

function eventSnapshot(d: DirectoryEventRow) {
  const { recordedAt: _r, ...rest } = d;
  return rest;
}

/** `year` selects the events that count in that year under its counting rule (voided ones are listed too). */
async function filterOf(db: Db, q: Omit<DirectoryEventListQuery, 'page' | 'pageSize'>) {
  const filter: DirectoryEventFilter = {
    type: q.type,
    townshipId: q.townshipId,
    supervisingUnitId: q.supervisingUnitId,
  };
  if (q.year) {
    const rule = await getCountingRule(db, q.year);
    filter.window = { basis: rule.basis, ...countingWindow(q.year, rule) };
  }
  return filter;
}

export async function listDirectoryEvents(db: Db, ctx: RequestContext, q: DirectoryEventListQuery) {
  const filter = await filterOf(db, q);
  const [rows, total] = await Promise.all([
    listRows(db, ctx.scope, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countDirectoryEvents(db, ctx.scope, filter),
  ]);
  return { items: rows.map(toEventView), total, page: q.page, pageSize: q.pageSize };
}

/** Every row of the filtered list, for export (a county records tens of events a year). */
export async function listAllDirectoryEvents(
  db: Db,
  ctx: RequestContext,
  q: Omit<DirectoryEventListQuery, 'page' | 'pageSize'>,
): Promise<DirectoryEventView[]> {
  const rows = await listRows(db, ctx.scope, await filterOf(db, q), { limit: 100_000, offset: 0 });
  return rows.map(toEventView);
}

export async function listEnterpriseDirectoryEvents(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
): Promise<{ items: DirectoryEventView[] }> {
  await assertInScope(db, ctx, enterpriseId);
  const rows = await listEventsOfEnterprise(db, ctx.scope, enterpriseId);
  return { items: rows.map(toEventView) };
}

/**
 * Writes a checked event: the event row, the firm's new scale status and its scale-history line. The caller
 * has locked the firm, checked the event with checkDirectoryEvent and audits (per event, or per import batch).
 */
export async function writeDirectoryEvent(
  tx: Executor,
  ctx: RequestContext,
  input: DirectoryEventCreate,
  importBatchId: number | null,
): Promise<{ row: DirectoryEventRow; status: 'above' | 'below' }> {
  const status = statusAfter(input.type);
  const row = await insertDirectoryEvent(tx, {
    enterpriseId: input.enterpriseId,
    type: input.type,
    mode: input.type === 'entry' ? (input.mode ?? null) : null,
    batch: input.batch,
    approvalDate: input.approvalDate,
    effectivePeriod: input.effectivePeriod,
    exitReason: input.type === 'exit' ? (input.exitReason ?? null) : null,
    note: input.note,
    recordedBy: ctx.actor?.id ?? null,
    recordedAt: ctx.now,
    importBatchId,
  });
  // The rules (checkDirectoryEvent) guarantee the firm had the other status before the event.
  await setScaleStatus(
    tx,
    ctx,
    {
      enterpriseId: input.enterpriseId,
      from: statusAfter(input.type === 'entry' ? 'exit' : 'entry'),
      to: status,
      effectivePeriod: input.effectivePeriod,
      reason: scaleHistoryReason({
        ...input,
        mode: input.mode ?? null,
        exitReason: input.exitReason ?? null,
      }),
    },
    { audit: false },
  );
  return { row, status };
}

/**
 * Records an entry or exit. Refused with a Chinese reason when it contradicts the firm's state (an entry
 * for a firm already 规上 or an individual business, an exit for a firm already 规下, a monthly entry for
 * a firm that is not newly producing — the declarations' one eligibility rule) or when the approval date
 * lies in the future. `declaredYear`: the year of the declaration the entry comes from.
 */
export async function recordDirectoryEvent(
  db: Db,
  ctx: RequestContext,
  input: DirectoryEventCreate,
  opts: { importBatchId?: number | null; declaredYear?: number } = {},
): Promise<DirectoryEventView> {
  await assertInScope(db, ctx, input.enterpriseId);
  return withTransaction(db, (tx, afterCommit) => recordDirectoryEventIn(tx, ctx, input, opts, afterCommit));
}

/** The transaction-scoped core of recordDirectoryEvent (the declaration records its entry through it). */
export async function recordDirectoryEventIn(
  tx: Executor,
  ctx: RequestContext,
  input: DirectoryEventCreate,
  opts: { importBatchId?: number | null; declaredYear?: number },
  afterCommit: AfterCommit,
): Promise<DirectoryEventView> {
  const firm = await lockFirmIn(tx, ctx, input.enterpriseId);
  const lastEvent = await findLatestValidEventDates(tx, firm.id);
  // From a declaration, the entry is judged in the declaration's year (the rule it passed at creation).
  const problems = checkDirectoryEvent(
    { ...firm, lastEvent },
    input,
    chinaDate(ctx.now),
    opts.declaredYear === undefined ? {} : { declaredYear: opts.declaredYear },
  );
  if (problems.length > 0) throw refusal(problems);
  const { row, status } = await writeDirectoryEvent(tx, ctx, input, opts.importBatchId ?? null);
  await recordAudit(tx, ctx, {
    action: `directory.${input.type}`,
    entityType: 'directory_event',
    entityId: row.id,
    enterpriseId: firm.id,
    before: { scaleStatus: firm.scaleStatus },
    after: { scaleStatus: status, event: eventSnapshot(row) },
  });
  librariesAfterCommit(afterCommit, ctx, [firm.id]);
  const view = await findDirectoryEvent(tx, ctx.scope, row.id);
  return toEventView(view!);
}

/**
 * Voids an event with a reason. Only the firm's latest valid event may be voided (later ones first), and
 * voiding restores the status the event changed: a voided entry leaves the firm 规下, a voided exit 规上
 * (the rules guarantee that was the status before the event). The scale history gets a line saying so.
 */
export async function voidDirectoryEvent(
  db: Db,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<DirectoryEventView> {
  const found = await findDirectoryEvent(db, ctx.scope, id);
  if (!found) {
    const firmId = await directoryEventFirmUnscoped(db, id);
    if (firmId !== null) await assertInScope(db, ctx, firmId); // audits the out-of-scope attempt, throws 404
    throw notFound('入库/退库记录');
  }
  return withTransaction(db, async (tx, afterCommit) => {
    const firm = await lockFirmIn(tx, ctx, found.d.enterpriseId);
    const current = await findDirectoryEvent(tx, ctx.scope, id);
    if (!current) throw notFound('入库/退库记录');
    const problems = checkVoidDirectoryEvent(current.d, await findLatestValidEventId(tx, firm.id));
    if (problems.length > 0) throw refusal(problems);
    const voided = await markDirectoryEventVoided(tx, id, {
      voidedAt: ctx.now,
      voidedBy: ctx.actor?.id ?? null,
      voidReason: reason,
    });
    if (!voided) throw new AppError('CONFLICT', '该记录已作废');
    const type = voided.type as DirectoryEventType;
    const restored = statusAfter(type === 'entry' ? 'exit' : 'entry');
    await setScaleStatus(
      tx,
      ctx,
      {
        enterpriseId: firm.id,
        from: firm.scaleStatus as 'above' | 'below',
        to: restored,
        effectivePeriod: voided.effectivePeriod,
        reason: `作废${DIRECTORY_EVENT_TYPE_LABELS[type]}记录：${reason}`,
      },
      { audit: false },
    );
    await recordAudit(tx, ctx, {
      action: 'directory.void',
      entityType: 'directory_event',
      entityId: id,
      enterpriseId: firm.id,
      before: { scaleStatus: firm.scaleStatus, voidedAt: null },
      after: { scaleStatus: restored, voidedAt: ctx.now, voidReason: reason },
    });
    librariesAfterCommit(afterCommit, ctx, [firm.id]);
    const view = await findDirectoryEvent(tx, ctx.scope, id);
    return toEventView(view!);
  });
}
