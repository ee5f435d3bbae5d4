import type { TargetDimension } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { upsertTarget } from './target.repository.js';

/** Sets a target (year, unit, dimension); audited with before and after. */
export async function setTarget(
  tx: Executor,
  ctx: RequestContext,
  input: { year: number; unitId: number; dimension: TargetDimension; target: number },
): Promise<void> {
  const before = await upsertTarget(tx, { ...input, now: ctx.now });
  await recordAudit(tx, ctx, {
    action: 'target.set',
    entityType: 'target',
    entityId: `${input.year}/${input.dimension}/${input.unitId}`,
    before: before === null ? null : { target: before },
    after: { target: input.target },
  });
}
