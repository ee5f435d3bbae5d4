// Declaration lists and the batch board.
import { DECLARATION_STATE_LABELS, DECLARATION_STATES, type DeclarationMode } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { countDeclarations, type DeclarationFilter, listDeclarationRows } from './declaration.repository.js';
import { getDeclarationCalendar } from './declaration-calendar.js';
import { toView } from './declaration-views.js';

export interface DeclarationListQuery extends DeclarationFilter {
  page: number;
  pageSize: number;
}

export async function listDeclarations(db: Db, ctx: RequestContext, q: DeclarationListQuery) {
  const { page, pageSize, ...filter } = q;
  const [rows, total] = await Promise.all([
    listDeclarationRows(db, ctx.scope, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    countDeclarations(db, ctx.scope, filter),
  ]);
  return { items: rows.map(toView), total, page, pageSize };
}

export async function listAllDeclarations(db: Db, ctx: RequestContext, filter: DeclarationFilter) {
  const rows = await listDeclarationRows(db, ctx.scope, filter, { limit: 100_000, offset: 0 });
  return rows.map(toView);
}

/** The batch board: per batch of the year, counts and firms by state. */
export async function declarationBoard(db: Db, ctx: RequestContext, year: number, batch?: string) {
  const calendar = await getDeclarationCalendar(db, year);
  const rows = await listAllDeclarations(db, ctx, { year, batch });
  const keys = new Map<
    string,
    { batch: string; batchName: string; mode: DeclarationMode; deadline: string }
  >();
  // The annual batches show even when empty; monthly batches appear once a declaration uses them.
  for (const b of calendar.batches)
    if (!batch || b.key === batch)
      keys.set(b.key, { batch: b.key, batchName: b.name, mode: 'annual', deadline: b.deadline });
  for (const r of rows)
    if (!keys.has(r.batch))
      keys.set(r.batch, { batch: r.batch, batchName: r.batchName, mode: r.mode, deadline: r.deadline });
  const batches = [...keys.values()]
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0))
    .map((b) => {
      const mine = rows.filter((r) => r.batch === b.batch);
      return {
        ...b,
        total: mine.length,
        states: DECLARATION_STATES.map((state) => {
          const firms = mine.filter((r) => r.state === state);
          return {
            state,
            stateLabel: DECLARATION_STATE_LABELS[state],
            count: firms.length,
            firms: firms.map((r) => ({
              declarationId: r.id,
              enterpriseId: r.enterpriseId,
              enterpriseName: r.enterpriseName,
              townshipName: r.townshipName,
            })),
          };
        }),
      };
    });
  return { year, batches };
}
