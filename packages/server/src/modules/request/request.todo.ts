// The to-do items of requests (GET /todo): for the centre, requests waiting to be routed and the county's red
// ones (督办); for an owner unit, requests waiting for its acceptance or in progress and its red ones; for
// the official who raised a request, resolved ones waiting for the firm's evaluation. Each links to the
// request list with the filters that show exactly the counted requests.
import type { RequestItem, RequestState, TodoItem } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { listAllRequests } from './request.service.js';

const LIST = '/service/requests';

function earliestDue(items: readonly RequestItem[]): string | null {
  return items.reduce<string | null>((m, i) => (i.dueOn && (!m || i.dueOn < m) ? i.dueOn : m), null);
}

function link(filters: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(filters).map(([k, v]): [string, string] => [k, String(v)]));
  return `${LIST}?${q.toString()}`;
}

export async function requestTodoItems(db: Db, ctx: RequestContext): Promise<TodoItem[]> {
  const actor = ctx.actor;
  if (!actor || !ctx.permissions.has('service:read')) return [];
  const out: TodoItem[] = [];
  const push = (title: string, items: readonly RequestItem[], filters: Record<string, string | number>) => {
    if (items.length > 0)
      out.push({ kind: 'request', title, due: earliestDue(items), link: link(filters), count: items.length });
  };
  const of = (state: RequestState[]) => ({ state, sort: 'raised' as const, order: 'desc' as const });

  if (ctx.permissions.has('service:manage')) {
    const waiting: RequestState[] = ['submitted', 'returned'];
    push('诉求待分派', await listAllRequests(db, ctx, of(waiting)), { state: waiting.join(',') });
    push('红灯诉求（全县督办）', await listAllRequests(db, ctx, { ...of([]), light: 'red' }), {
      light: 'red',
    });
  }
  if (ctx.permissions.has('service:write')) {
    const unit = actor.unit.id;
    const mine = (state: RequestState[]) => listAllRequests(db, ctx, { ...of(state), ownerUnitId: unit });
    push('诉求待本单位受理', await mine(['pending']), { state: 'pending', ownerUnitId: unit });
    push('本单位办理中的诉求', await mine(['inProgress']), { state: 'inProgress', ownerUnitId: unit });
    // The centre's county-wide red list already holds its own unit's red requests.
    if (!ctx.permissions.has('service:manage'))
      push(
        '本单位红灯诉求（督办）',
        await listAllRequests(db, ctx, { ...of([]), ownerUnitId: unit, light: 'red' }),
        { light: 'red', ownerUnitId: unit },
      );
    push(
      '已办结待记录企业评价的诉求',
      await listAllRequests(db, ctx, { ...of(['resolved']), raisedById: actor.id }),
      { state: 'resolved', raisedById: actor.id },
    );
  }
  return out;
}
