// The signed-in user's to-do list: declaration deadlines within 14 days (calendar of the
// year in progress and the next, for a January batch), declarations whose next step is the user's (by role,
// in scope), for a bureau that supplies figures (tax, statistics) the last complete month not yet imported,
// and for the centre the firms that reached the threshold but are not counted (达规未入统). A role with
// nothing of these (a leader between deadlines) gets an empty list, which the page says is empty.
import {
  addMonths,
  allowedTransitions,
  chinaDate,
  DECLARATION_MODE_LABELS,
  type DeclarationState,
  daysBetween,
  declarationDeadlines,
  formatPeriodZh,
  type Permission,
  REVENUE_SOURCE_LABELS,
  type RevenueSource,
  statesAwaiting,
  type TodoItem,
  upcomingDeadlines,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { countDeclarations, listDeclarationRows } from '../declaration/declaration.repository.js';
import { getDeclarationCalendar } from '../declaration/declaration.service.js';
import { helpPlanTodoItems } from '../help-plan/help-plan.service.js';
import { leadTodoItems } from '../lead/lead.service.js';
import { listUnreported } from '../library/library.service.js';
import { requestTodoItems } from '../request/request.todo.js';
import { findLatestFactPeriod } from '../revenue/revenue.repository.js';
import { supervisionTodoItems } from '../supervision/supervision.service.js';

export const TODO_DEADLINE_DAYS = 14;
const PENDING: DeclarationState[] = ['preparing', 'returned', 'township_review', 'centre_review'];
const MAX_WAITING = 200;
/** The figures a bureau supplies every month, by the permission that writes them (docs/domain.md §2). */
const SUPPLIED: readonly [RevenueSource, Permission][] = [
  ['tax', 'revenue:write:tax'],
  ['statistics', 'revenue:write:statistics'],
];

export async function listTodo(db: Db, ctx: RequestContext): Promise<{ items: TodoItem[] }> {
  const items: TodoItem[] = [];
  const today = chinaDate(ctx.now);
  const year = Number(today.slice(0, 4));
  const roles = ctx.actor?.roles ?? [];

  if (ctx.permissions.has('enterprise:read')) {
    for (const y of [year - 1, year]) {
      const calendar = await getDeclarationCalendar(db, y);
      for (const d of upcomingDeadlines(declarationDeadlines(calendar, y), today, TODO_DEADLINE_DAYS)) {
        const pending = await countDeclarations(db, ctx.scope, { year: y, batch: d.key, states: PENDING });
        const days = daysBetween(today, d.deadline);
        items.push({
          kind: 'deadline',
          title: `${DECLARATION_MODE_LABELS[d.mode]}（${d.name}）材料截止${days === 0 ? '：今天' : `：还有${days}天`}`,
          due: d.deadline,
          link: `/declarations?year=${y}&batch=${encodeURIComponent(d.key)}`,
          count: pending,
        });
      }
    }

    const states = statesAwaiting(roles);
    if (states.length > 0) {
      const rows = await listDeclarationRows(db, ctx.scope, { states }, { limit: MAX_WAITING, offset: 0 });
      for (const r of rows) {
        const next = allowedTransitions(r.d.state as DeclarationState, roles)[0];
        items.push({
          kind: 'declaration',
          title: `${r.enterpriseName}入库申报（${r.d.batchName}）待${next?.label ?? '办理'}`,
          due: r.d.deadline,
          link: `/declarations/${r.d.id}`,
          count: null,
        });
      }
    }

    // The last complete month is due from the bureaus that supply figures; the import page opens on it.
    const due = addMonths(today.slice(0, 7), -1);
    for (const [source, permission] of SUPPLIED) {
      if (!ctx.permissions.has(permission)) continue;
      const latest = await findLatestFactPeriod(db, ctx.scope, source);
      if (latest !== null && latest >= due) continue;
      items.push({
        kind: 'figures',
        title: `${REVENUE_SOURCE_LABELS[source]}数据：${formatPeriodZh(due)}尚未导入${
          latest ? `（已导入至${formatPeriodZh(latest)}）` : ''
        }`,
        due: null,
        link: `/data/imports?kind=revenue&source=${source}`,
        count: null,
      });
    }

    if (roles.includes('centre')) {
      const unreported = await listUnreported(db, ctx, year);
      for (const f of unreported.items)
        items.push({
          kind: 'unreported',
          title: `达规未入统：${f.name}（${f.reason}）`,
          due: null,
          link: `/enterprises/${f.enterpriseId}`,
          count: null,
        });
    }
  }
  // Service work: each slice's own items (in the caller's scope).
  // --- todo: service requests ---
  items.push(...(await requestTodoItems(db, ctx)));

  // --- todo: visits and leads ---
  items.push(...(await leadTodoItems(db, ctx)));

  // --- todo: help plans and supervision ---
  items.push(...(await helpPlanTodoItems(db, ctx)));
  items.push(...(await supervisionTodoItems(db, ctx)));

  // --- todo: training and coverage ---

  // Soonest first; items without a date keep their order at the end.
  const dated = items.filter((i) => i.due).sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : 0));
  return { items: [...dated, ...items.filter((i) => !i.due)] };
}
