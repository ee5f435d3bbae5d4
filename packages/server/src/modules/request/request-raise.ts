// Raising a request (提出诉求): on its own or from a visit. The request waits for the centre to route it; the
// routing clock starts on the day it is raised (domain service.ts, runningDeadline).
import { chinaDate } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { loadRequestCategories } from '../service/service-settings.js';
import { insertRequest, insertRequestEvent, type RequestRow } from './request.repository.js';

export interface RaiseRequestInput {
  category: string;
  title: string;
  detail: string;
}

/**
 * Inside the caller's transaction, with the firm already locked in scope (enterprise.access.ts lockFirmIn):
 * the request, its first event and the audit record. `path` names the field for a wrong category.
 */
export async function raiseRequestIn(
  tx: Executor,
  ctx: RequestContext,
  enterpriseId: number,
  input: RaiseRequestInput,
  opts: { visitId?: number; path?: string } = {},
): Promise<RequestRow> {
  const actor = ctx.actor;
  if (!actor) throw invalid('actor', '需要登录用户');
  const categories = await loadRequestCategories(tx);
  const category = categories.find((c) => c.code === input.category && !c.retired);
  if (!category)
    throw invalid(
      opts.path ?? 'category',
      `诉求类别“${input.category}”不存在或已停用，可选：${categories
        .filter((c) => !c.retired)
        .map((c) => c.label)
        .join('、')}`,
    );
  const row = await insertRequest(tx, {
    enterpriseId,
    visitId: opts.visitId ?? null,
    category: category.code,
    categoryLabel: category.label,
    title: input.title,
    detail: input.detail,
    raisedBy: actor.id,
    raisedUnitId: actor.unit.id,
    raisedAt: ctx.now,
    state: 'submitted',
    waitingSince: chinaDate(ctx.now),
  });
  await insertRequestEvent(tx, {
    requestId: row.id,
    at: ctx.now,
    action: 'raise',
    fromState: null,
    toState: 'submitted',
    actorId: actor.id,
    actorUnitId: actor.unit.id,
    note: input.title,
  });
  await recordAudit(tx, ctx, {
    action: 'request.raise',
    entityType: 'service_request',
    entityId: row.id,
    enterpriseId,
    after: { category: category.code, title: input.title, visitId: opts.visitId ?? null },
  });
  return row;
}
