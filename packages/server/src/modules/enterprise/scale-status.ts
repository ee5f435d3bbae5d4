// A firm's scale status (规上/规下) changes in one place: the registry row and its scale-history line
// together, inside the caller's transaction (docs/domain.md §5). Used by the manual change, registration,
// directory entries, exits and voids, and the enterprise import; each caller decides whose audit covers it.
import type { ScaleStatus } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { insertScaleHistory, updateEnterpriseRow } from './enterprise.repository.js';

export interface ScaleStatusChange {
  enterpriseId: number;
  /** The status before (the locked row's); null for a firm being registered with `to`. */
  from: ScaleStatus | null;
  to: ScaleStatus;
  effectivePeriod: string;
  reason: string;
}

/**
 * Sets the status on the firm (a registered firm already carries it) and writes exactly one history line.
 * `audit`: write the `enterprise.scale.change` record here — for a change that is nothing but that; a
 * directory event, a registration or an import batch audits the change in its own record.
 */
export async function setScaleStatus(
  tx: Executor,
  ctx: RequestContext,
  change: ScaleStatusChange,
  opts: { audit: boolean },
): Promise<void> {
  if (change.from !== null && change.from !== change.to)
    await updateEnterpriseRow(tx, ctx.scope, change.enterpriseId, {
      scaleStatus: change.to,
      updatedAt: ctx.now,
    });
  await insertScaleHistory(tx, {
    enterpriseId: change.enterpriseId,
    status: change.to,
    effectivePeriod: change.effectivePeriod,
    reason: change.reason,
    changedBy: ctx.actor?.id ?? null,
    changedAt: ctx.now,
  });
  if (opts.audit)
    await recordAudit(tx, ctx, {
      action: 'enterprise.scale.change',
      entityType: 'enterprise',
      entityId: change.enterpriseId,
      enterpriseId: change.enterpriseId,
      before: { scaleStatus: change.from },
      after: { scaleStatus: change.to, effectivePeriod: change.effectivePeriod, reason: change.reason },
    });
}
