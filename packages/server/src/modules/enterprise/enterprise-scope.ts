// Scope checks on one firm, in a module of their own so that services the enterprise service itself calls
// (the libraries) can use them without importing the enterprise service back (docs/ARCHITECTURE.md).
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { type AppError, notFound } from '../../platform/errors.js';
import { enterpriseExists, enterpriseExistsUnscoped } from './enterprise.repository.js';

/**
 * A firm outside the caller's scope answers 404, exactly like a missing one; when it does exist, the
 * attempt is written to the audit trail so the auditor can find it.
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

/** Checked before a write's transaction, so the audit record of a refused attempt is not rolled back. */
export async function assertInScope(db: Db, ctx: RequestContext, id: number): Promise<void> {
  if (!(await enterpriseExists(db, ctx.scope, id))) throw await outOfScope(db, ctx, id);
}
