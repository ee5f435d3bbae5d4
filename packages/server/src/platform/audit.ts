// Every change to a figure, target, membership, decision, user or setting writes one audit record in the
// same transaction as the change: if this insert fails, the change rolls back with it.
import type { Executor } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import type { RequestContext } from './context.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  enterpriseId?: number | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: ctx.now,
    actorUserId: ctx.actor?.id ?? null,
    actorUnitId: ctx.actor?.unit.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    enterpriseId: entry.enterpriseId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}
