// Starting a declaration (docs/domain.md §7): a new one in `preparing` after the one entry rule, and the
// conversion of a monthly declaration into an annual one of the same year.
import {
  batchClosedReason,
  canCreateDeclaration,
  canWithdraw,
  chinaDate,
  DECLARATION_STATE_LABELS,
  type DeclarationConvertInput,
  type DeclarationCreate,
  type DeclarationState,
  isOpenState,
  resolveBatch,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import {
  copyMaterialFiles,
  findOpenDeclaration,
  insertDeclaration,
  insertTransition,
  lockDeclaration,
  updateDeclarationRow,
} from './declaration.repository.js';
import { getDeclarationCalendar } from './declaration-calendar.js';
import { assertEligible } from './declaration-checks.js';
import { getDeclaration, getInScope } from './declaration-detail.js';
import type { DeclarationDetail } from './declaration-views.js';

export async function createDeclaration(
  db: Db,
  ctx: RequestContext,
  input: DeclarationCreate,
): Promise<DeclarationDetail> {
  await assertInScope(db, ctx, input.enterpriseId);
  if (!canCreateDeclaration(ctx.actor?.roles ?? []))
    throw forbidden('入库申报由企业所在乡镇或行业主管部门发起');
  const calendar = await getDeclarationCalendar(db, input.year);
  const batch = resolveBatch(calendar, input.year, input.mode, input.batch);
  if (!batch)
    throw invalid(
      'batch',
      input.mode === 'monthly'
        ? `月度入库的批次应为${input.year}年内的月份，如 ${input.year}-11`
        : `${input.year}年申报日历中没有批次“${input.batch}”`,
    );
  // A batch past its deadline takes no new declaration (the form does not offer it either).
  const closed = batchClosedReason(batch, chinaDate(ctx.now));
  if (closed) throw invalid('batch', closed);
  const id = await db.transaction(async (tx) => {
    const firm = await lockFirmIn(tx, ctx, input.enterpriseId);
    assertEligible(firm, input.mode, input.year);
    const open = await findOpenDeclaration(tx, firm.id, input.year);
    if (open)
      throw new AppError('CONFLICT', `该企业${input.year}年已有一份进行中的入库申报（编号${open.id}）`, [
        { path: 'enterpriseId', message: `该企业${input.year}年已有一份进行中的入库申报` },
      ]);
    const row = await insertDeclaration(tx, {
      enterpriseId: firm.id,
      year: input.year,
      mode: input.mode,
      ...batchColumns(batch),
      state: 'preparing',
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertStart(tx, ctx, row.id, null);
    await recordAudit(tx, ctx, {
      action: 'declaration.create',
      entityType: 'declaration',
      entityId: row.id,
      enterpriseId: firm.id,
      after: row,
    });
    return row.id;
  });
  return getDeclaration(db, ctx, id);
}

/**
 * Turns a monthly declaration into an annual one of the same year: the monthly one is withdrawn with the
 * reason (its history kept), and a new annual one starts in `preparing` with the materials copied, in one
 * transaction. Whoever may act on the declaration in its state may do it (as for a withdrawal).
 */
export async function convertDeclaration(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationConvertInput,
): Promise<DeclarationDetail> {
  const found = await getInScope(db, ctx, id);
  const roles = ctx.actor?.roles ?? [];
  const state = found.d.state as DeclarationState;
  if (found.d.mode !== 'monthly') throw new AppError('CONFLICT', '只有月度入库申报可以转为年度入库');
  if (!canWithdraw(state, roles))
    throw isOpenState(state)
      ? forbidden(`“${DECLARATION_STATE_LABELS[state]}”阶段的申报只能由当前办理方转为年度入库`)
      : new AppError('CONFLICT', `申报已处于“${DECLARATION_STATE_LABELS[state]}”状态，不能转为年度入库`);
  const calendar = await getDeclarationCalendar(db, found.d.year);
  const batch = resolveBatch(calendar, found.d.year, 'annual', input.batch);
  if (!batch) throw invalid('batch', `${found.d.year}年申报日历中没有年度批次“${input.batch}”`);
  const newId = await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    if (d.state !== found.d.state) throw new AppError('CONFLICT', '申报状态已变化，请刷新后重试');
    const firm = await lockFirmIn(tx, ctx, d.enterpriseId);
    assertEligible(firm, 'annual', d.year);
    const comment = `转为年度入库（${batch.name}）：${input.reason}`;
    await updateDeclarationRow(tx, id, { state: 'withdrawn', lastComment: comment, updatedAt: ctx.now });
    await insertTransition(tx, {
      declarationId: id,
      fromState: d.state,
      toState: 'withdrawn',
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment,
    });
    const row = await insertDeclaration(tx, {
      enterpriseId: d.enterpriseId,
      year: d.year,
      mode: 'annual',
      ...batchColumns(batch),
      state: 'preparing',
      // The preparer stays the preparer: separation of duties follows the declaration, not the conversion.
      createdBy: d.createdBy,
      inspectionUnitId: d.inspectionUnitId,
      replacesId: d.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertStart(tx, ctx, row.id, `由月度入库申报${d.id}转为年度入库：${input.reason}`);
    await copyMaterialFiles(tx, d.id, row.id);
    await recordAudit(tx, ctx, {
      action: 'declaration.convert',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { state: d.state, mode: d.mode, batch: d.batch },
      after: {
        state: 'withdrawn',
        replacedBy: row.id,
        mode: 'annual',
        batch: batch.key,
        reason: input.reason,
      },
    });
    return row.id;
  });
  return getDeclaration(db, ctx, newId);
}

/** The batch's columns on a declaration row: key, name, deadline and data month, as the calendar has them. */
function batchColumns(batch: { key: string; name: string; deadline: string; dataMonth: string }) {
  return { batch: batch.key, batchName: batch.name, deadline: batch.deadline, dataMonth: batch.dataMonth };
}

/** The first line of a declaration's history: nothing → 准备中, by the caller, now. */
function insertStart(tx: Executor, ctx: RequestContext, declarationId: number, comment: string | null) {
  return insertTransition(tx, {
    declarationId,
    fromState: null,
    toState: 'preparing',
    actorId: ctx.actor?.id ?? null,
    at: ctx.now,
    comment,
  });
}
