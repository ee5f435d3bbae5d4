// May this caller act on this firm? The one answer for every slice (enterprise, revenue, directory,
// declaration, library): a firm outside the caller's data scope answers 404 exactly like a missing one, and
// when it does exist the attempt is written to the audit trail (docs/ARCHITECTURE.md, Data scope). A module
// of its own so that the slices the enterprise service calls can ask it without importing that service.
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { type AppError, notFound } from '../../platform/errors.js';
import {
  type EnterpriseRow,
  enterpriseExists,
  enterpriseExistsUnscoped,
  lockEnterprise,
} from './enterprise.repository.js';

/**
 * The 404 for a firm the caller may not see; when it exists, the attempt is audited first. Call it on the
 * database, not inside a transaction that then rolls back, or the audit record goes with it.
 */
export async function outOfScope(db: Executor, ctx: RequestContext, id: number): Promise<AppError> {
  if (await enterpriseExistsUnscoped(db, id)) {
    await recordAudit(db, ctx, {
      action: 'access.out_of_scope',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      after: { scope: ctx.scope.kind },
    });
  }
  return notFound('企业');
}

/** Whether the caller may act on the firm; checked before a write's transaction (see outOfScope). */
export async function assertInScope(db: Executor, ctx: RequestContext, id: number): Promise<void> {
  if (!(await enterpriseExists(db, ctx.scope, id))) throw await outOfScope(db, ctx, id);
}

/**
 * Inside a write's transaction: the firm locked for update, in the caller's scope, or 404. The audited
 * refusal already happened in assertInScope before the transaction; this catches a firm that moved away.
 */
export async function lockFirmIn(tx: Executor, ctx: RequestContext, id: number): Promise<EnterpriseRow> {
  const firm = await lockEnterprise(tx, ctx.scope, id);
  if (!firm) throw notFound('企业');
  return firm;
}
