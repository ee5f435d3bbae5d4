// The centre's override of a blocking check, with a written reason (shown on the declaration and in the
// review list).
import { checkOverride, type DeclarationOverrideInput, type DeclarationState } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  findDeclaration,
  insertOverride,
  listOverrides,
  lockDeclaration,
  updateDeclarationRow,
} from './declaration.repository.js';
import { computeChecks } from './declaration-checks.js';
import { getDeclaration, getInScope } from './declaration-detail.js';
import type { DeclarationDetail } from './declaration-views.js';

/**
 * The centre overrides a failing (or not-run) blocking check with a written reason: the override row and
 * the audit record in one transaction; it shows on the declaration and in the review list.
 */
export async function overrideCheck(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationOverrideInput,
): Promise<DeclarationDetail> {
  await getInScope(db, ctx, id);
  await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    const current = await findDeclaration(tx, ctx.scope, id);
    if (!current) throw notFound('申报');
    const checks = await computeChecks(tx, current);
    const existing = await listOverrides(tx, id);
    const c = checks.find((x) => x.key === input.check);
    const problem = checkOverride(
      ctx.actor?.roles ?? [],
      d.state as DeclarationState,
      c,
      existing.some(({ o }) => o.checkKey === input.check),
    );
    if (problem)
      throw new AppError(problem.kind === 'forbidden' ? 'FORBIDDEN' : 'CONFLICT', problem.message, [
        { path: 'check', message: problem.message },
      ]);
    const row = await insertOverride(tx, {
      declarationId: id,
      checkKey: input.check,
      checkStatus: c!.status,
      checkMessage: c!.message,
      reason: input.reason,
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
    });
    await updateDeclarationRow(tx, id, { updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: 'declaration.override',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { check: input.check, status: c!.status, message: c!.message },
      after: { overrideId: row.id, check: input.check, reason: input.reason },
    });
  });
  return getDeclaration(db, ctx, id);
}
