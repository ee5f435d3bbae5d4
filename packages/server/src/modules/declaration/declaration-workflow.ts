// The declaration's steps (docs/domain.md §7): the state table, separation of duties, the checks that block
// until they pass or are overridden, the approval records — and `entered`, which records the directory entry
// inside the same transaction (a savepoint): refused, the declaration stays `submitted` and keeps the reason.
// The platform never submits anything to the national system.
import {
  blockingChecks,
  checkApprovalRecords,
  checkEffectivePeriod,
  checkReviewSeparation,
  checkTransition,
  type DeclarationCheckKey,
  type DeclarationMode,
  type DeclarationState,
  type DeclarationTransitionInput,
  defaultEffectivePeriod,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { recordDirectoryEventIn } from '../directory/directory.service.js';
import {
  findDeclaration,
  insertTransition,
  listOverrides,
  listTransitions,
  lockDeclaration,
  updateDeclarationRow,
} from './declaration.repository.js';
import { assertEligible, computeChecks, inspectionRecords } from './declaration-checks.js';
import { getDeclaration, getInScope } from './declaration-detail.js';
import type { DeclarationDetail } from './declaration-views.js';

const STEP_REFUSED: Partial<Record<DeclarationState, string>> = {
  township_review: '不能提交审核',
  submitted: '不能审核通过并报统计局',
};

export async function transitionDeclaration(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationTransitionInput,
): Promise<DeclarationDetail> {
  const found = await getInScope(db, ctx, id);
  const roles = ctx.actor?.roles ?? [];
  const precheck = checkTransition(found.d.state as DeclarationState, input.to, roles, input.comment);
  if (precheck?.kind === 'forbidden') throw forbidden(precheck.message);
  if (input.to === 'entered' && !input.entry) throw invalid('entry', '登记已入库时请填写批准日期和生效期间');
  if (input.to === 'entered' && input.entry) {
    const problem = checkEffectivePeriod(
      { mode: found.d.mode as DeclarationMode, year: found.d.year, batch: found.d.batch },
      input.entry.effectivePeriod,
      input.entry.effectivePeriodReason,
    );
    if (problem) throw invalid('entry.effectivePeriodReason', problem);
  }

  let refused: AppError | null = null;
  await withTransaction(db, async (tx, afterCommit) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    const from = d.state as DeclarationState;
    const problem = checkTransition(from, input.to, roles, input.comment);
    if (problem) {
      const code =
        problem.kind === 'forbidden' ? 'FORBIDDEN' : problem.kind === 'invalid' ? 'VALIDATION' : 'CONFLICT';
      throw new AppError(code, problem.message, [
        { path: problem.kind === 'invalid' ? 'comment' : 'to', message: problem.message },
      ]);
    }
    // Whoever prepared or submitted the declaration never passes its review (docs/api.md, 入库申报).
    const separation = checkReviewSeparation(input.to, ctx.actor?.id ?? null, {
      createdBy: d.createdBy,
      history: (await listTransitions(tx, id)).map(({ t }) => ({ toState: t.toState, actorId: t.actorId })),
    });
    if (separation) throw new AppError('FORBIDDEN', separation, [{ path: 'to', message: separation }]);
    const forward = input.to !== 'returned' && input.to !== 'withdrawn';
    if (forward) {
      // The one entry rule at every forward step: a firm whose data changed is stopped where it stands.
      const current = await findDeclaration(tx, ctx.scope, id);
      if (!current) throw notFound('申报');
      if (input.to !== 'entered')
        assertEligible(
          {
            scaleStatus: current.scaleStatus,
            legalForm: current.legalForm,
            productionStartedOn: current.productionStartedOn,
          },
          d.mode as DeclarationMode,
          d.year,
        );
      // Checks that guard the count block until they pass or the centre overrides them with a reason.
      const blocked = blockingChecks(
        await computeChecks(tx, current),
        input.to,
        (await listOverrides(tx, id)).map(({ o }) => ({
          check: o.checkKey as DeclarationCheckKey,
          reason: o.reason,
        })),
      );
      if (blocked.length > 0)
        throw new AppError(
          'CONFLICT',
          `${STEP_REFUSED[input.to] ?? '不能办理此步'}：${blocked.join('；')}`,
          blocked.map((message) => ({ path: 'checks', message })),
        );
    }
    // docs/domain.md §7: no approval without a field inspection and a document review on record.
    if (input.to === 'submitted') {
      const problems = checkApprovalRecords(await inspectionRecords(tx, id));
      if (problems.length > 0)
        throw new AppError(
          'CONFLICT',
          problems.join('；'),
          problems.map((message) => ({ path: 'inspections', message })),
        );
    }
    let directoryEventId: number | null = null;
    if (input.to === 'entered' && input.entry) {
      // The directory entry is recorded inside this transaction (a savepoint): refused, it rolls back alone
      // and the declaration stays submitted with the reason.
      const entry = input.entry;
      try {
        const reason = entry.effectivePeriodReason;
        const unusual =
          entry.effectivePeriod !== defaultEffectivePeriod(d.mode as DeclarationMode, d.year, d.batch);
        const event = await tx.transaction((savepoint) =>
          recordDirectoryEventIn(
            savepoint,
            ctx,
            {
              enterpriseId: d.enterpriseId,
              type: 'entry',
              mode: d.mode as DeclarationMode,
              batch: d.batchName,
              approvalDate: entry.approvalDate,
              effectivePeriod: entry.effectivePeriod,
              exitReason: null,
              note: `入库申报${d.id}${input.comment ? `：${input.comment}` : ''}${
                unusual && reason ? `；生效期间${entry.effectivePeriod}的理由：${reason}` : ''
              }`,
            },
            { declaredYear: d.year },
            afterCommit,
          ),
        );
        directoryEventId = event.id;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused = err;
        const reason = `登记入库未成功：${err.message}`;
        await updateDeclarationRow(tx, id, { lastComment: reason, updatedAt: ctx.now });
        await recordAudit(tx, ctx, {
          action: 'declaration.entry_refused',
          entityType: 'declaration',
          entityId: id,
          enterpriseId: d.enterpriseId,
          before: { state: from },
          after: { state: from, reason, entry: input.entry },
        });
        return;
      }
    }
    const lastComment =
      input.to === 'returned' || input.to === 'withdrawn'
        ? input.comment
        : input.to === 'preparing'
          ? d.lastComment
          : null;
    await updateDeclarationRow(tx, id, {
      state: input.to,
      lastComment,
      updatedAt: ctx.now,
      ...(directoryEventId !== null ? { directoryEventId } : {}),
    });
    const t = await insertTransition(tx, {
      declarationId: id,
      fromState: from,
      toState: input.to,
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment: input.comment,
    });
    await recordAudit(tx, ctx, {
      action: `declaration.${input.to}`,
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { state: from },
      after: {
        state: input.to,
        comment: input.comment,
        transitionId: t.id,
        directoryEventId,
        entry: input.entry ?? null,
      },
    });
  });
  if (refused) throw refused;
  return getDeclaration(db, ctx, id);
}
