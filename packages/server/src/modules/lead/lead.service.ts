// 包联 leads (docs/domain.md §6): one lead unit and named official per firm in a library, assigned by the
// centre. An assignment closes the firm's open row and inserts the new one with the audit record in one
// transaction, so the history stays. The suggestion is domain suggestLeadUnit.
import {
  currentPlanYear,
  type EnterpriseLead,
  LEAD_UNIT_KINDS,
  type LeadAssign,
  type LeadAssignSuggestedResult,
  type LeadFilterQuery,
  type LeadListQuery,
  type LeadPage,
  type LeadRow,
  type LeadView,
  LIBRARY_LABELS,
  type Library,
  suggestLeadUnit,
  type TodoItem,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import {
  closeLead,
  countFirmsWithoutLead,
  findOpenLead,
  findUnit,
  findUserBrief,
  firstLeadUsersOf,
  insertLead,
  type LeadDbRow,
  type LeadFilter,
  type LeadHistoryRow,
  type LeadListRow,
  listFirmPlacements,
  listLeadHistory,
  listLeadRows,
} from './lead.repository.js';

function assertCentre(ctx: RequestContext): void {
  if (!ctx.actor?.roles.includes('centre') || !ctx.permissions.has('service:manage'))
    throw forbidden('包联由县中小企业发展中心指定');
}

function leadView(
  l: LeadDbRow,
  unitName: string,
  assignedByName: string | null,
  endedByName: string | null,
): LeadView {
  return {
    id: l.id,
    unitId: l.leadUnitId,
    unitName,
    userId: l.leadUserId,
    name: l.leadName,
    phone: l.leadPhone,
    assignedAt: l.assignedAt.toISOString(),
    assignedByName,
    endedAt: l.endedAt?.toISOString() ?? null,
    endedByName,
  };
}

const suggestionOf = (r: {
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  supervisingUnitKind: string;
}) =>
  suggestLeadUnit({
    township: { id: r.townshipId, name: r.townshipName },
    supervising: { id: r.supervisingUnitId, name: r.supervisingUnitName, kind: r.supervisingUnitKind },
  });

function toRow(r: LeadListRow): LeadRow {
  return {
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    libraries: (r.libraries ?? []).map((l) => ({
      library: l as Library,
      label: LIBRARY_LABELS[l as Library] ?? l,
    })),
    lead: r.lead ? leadView(r.lead, r.leadUnitName ?? '', r.assignedByName, null) : null,
    suggested: suggestionOf(r),
  };
}

function filterOf(ctx: RequestContext, q: LeadFilterQuery): LeadFilter {
  return { ...q, year: q.year ?? currentPlanYear(ctx.now) };
}

export async function listLeads(db: Db, ctx: RequestContext, q: LeadListQuery): Promise<LeadPage> {
  const filter = filterOf(ctx, q);
  const { rows, total } = await listLeadRows(db, ctx.scope, filter, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(toRow), total, page: q.page, pageSize: q.pageSize, year: filter.year };
}

/** Every row of the filtered list, for export (a county's libraries hold hundreds of firms). */
export async function listAllLeads(db: Db, ctx: RequestContext, q: LeadFilterQuery) {
  const filter = filterOf(ctx, q);
  const { rows } = await listLeadRows(db, ctx.scope, filter, { limit: 100_000, offset: 0 });
  return { year: filter.year, items: rows.map(toRow) };
}

export async function getEnterpriseLead(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
): Promise<EnterpriseLead> {
  await assertInScope(db, ctx, enterpriseId);
  const [placement] = await listFirmPlacements(db, ctx.scope, [enterpriseId]);
  const history = (await listLeadHistory(db, enterpriseId)).map((h: LeadHistoryRow) =>
    leadView(h.l, h.unitName, h.assignedByName, h.endedByName),
  );
  return {
    enterpriseId,
    current: history.find((h) => h.endedAt === null) ?? null,
    suggested: suggestionOf(placement!),
    history,
  };
}

/** Inside a transaction with the firm locked: close the open lead, insert the new one, audit before/after. */
async function assignLeadIn(
  tx: Executor,
  ctx: RequestContext,
  enterpriseId: number,
  input: { leadUnitId: number; leadUserId: number | null; leadName: string; leadPhone: string | null },
): Promise<LeadDbRow | null> {
  const open = await findOpenLead(tx, enterpriseId);
  if (
    open &&
    open.leadUnitId === input.leadUnitId &&
    open.leadUserId === input.leadUserId &&
    open.leadName === input.leadName &&
    open.leadPhone === input.leadPhone
  )
    return null;
  const by = ctx.actor?.id ?? null;
  if (open) await closeLead(tx, open.id, ctx.now, by);
  const row = await insertLead(tx, {
    enterpriseId,
    ...input,
    assignedBy: by,
    assignedAt: ctx.now,
  });
  const snapshot = (l: LeadDbRow) => ({
    leadUnitId: l.leadUnitId,
    leadUserId: l.leadUserId,
    leadName: l.leadName,
    leadPhone: l.leadPhone,
  });
  await recordAudit(tx, ctx, {
    action: 'lead.assign',
    entityType: 'firm_lead',
    entityId: row.id,
    enterpriseId,
    before: open ? snapshot(open) : null,
    after: snapshot(row),
  });
  return row;
}

async function checkLeadUnit(db: Executor, unitId: number) {
  const unit = await findUnit(db, unitId);
  if (!unit || !(LEAD_UNIT_KINDS as readonly string[]).includes(unit.kind))
    throw invalid('leadUnitId', '包联单位应为乡镇、开发区、行业主管部门或中小企业发展中心');
  return unit;
}

export async function assignLead(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  input: LeadAssign,
): Promise<EnterpriseLead> {
  assertCentre(ctx);
  await assertInScope(db, ctx, enterpriseId);
  await checkLeadUnit(db, input.leadUnitId);
  const userId = input.leadUserId ?? null;
  if (userId !== null) {
    const user = await findUserBrief(db, userId);
    if (!user || user.disabled || user.unitId !== input.leadUnitId)
      throw invalid('leadUserId', '包联人账号应为包联单位的在用账号');
  }
  const changed = await withTransaction(db, async (tx) => {
    await lockFirmIn(tx, ctx, enterpriseId);
    return assignLeadIn(tx, ctx, enterpriseId, {
      leadUnitId: input.leadUnitId,
      leadUserId: userId,
      leadName: input.leadName,
      leadPhone: input.leadPhone ?? null,
    });
  });
  if (!changed) throw new AppError('CONFLICT', '与当前包联相同，无需重新指定');
  return getEnterpriseLead(db, ctx, enterpriseId);
}

/** The lead name from an account's display name: "李强（秀水镇）" → "李强". */
export function leadNameOf(displayName: string): string {
  return (
    displayName
      .replace(/[（(].*$/, '')
      .trim()
      .slice(0, 20) || displayName.slice(0, 20)
  );
}

/**
 * The centre assigns each chosen firm its suggested unit, named after the unit's first active township or
 * department user. A firm out of scope, or whose unit has no such user, is refused and listed; the others
 * are assigned in one transaction. A firm already led by its suggested unit is left as it is.
 */
export async function assignSuggestedLeads(
  db: Db,
  ctx: RequestContext,
  enterpriseIds: number[],
): Promise<LeadAssignSuggestedResult> {
  assertCentre(ctx);
  const ids = [...new Set(enterpriseIds)];
  const firms = await listFirmPlacements(db, ctx.scope, ids);
  const byId = new Map(firms.map((f) => [f.enterpriseId, f]));
  const suggestions = firms.map((f) => ({ firm: f, s: suggestionOf(f) }));
  const leadUsers = new Map(
    (await firstLeadUsersOf(db, [...new Set(suggestions.map((x) => x.s.unitId))])).map((u) => [u.unitId, u]),
  );
  const refused: LeadAssignSuggestedResult['refused'] = ids
    .filter((id) => !byId.has(id))
    .map((id) => ({ enterpriseId: id, enterpriseName: '', reason: '企业不存在或无权查看' }));
  let assigned = 0;
  let unchanged = 0;
  await withTransaction(db, async (tx) => {
    for (const { firm, s } of suggestions) {
      const user = leadUsers.get(s.unitId);
      if (!user) {
        refused.push({
          enterpriseId: firm.enterpriseId,
          enterpriseName: firm.enterpriseName,
          reason: `${s.unitName}尚无可作包联人的在用账号，请手动指定`,
        });
        continue;
      }
      await lockFirmIn(tx, ctx, firm.enterpriseId);
      const open = await findOpenLead(tx, firm.enterpriseId);
      if (open && open.leadUnitId === s.unitId) {
        unchanged++;
        continue;
      }
      await assignLeadIn(tx, ctx, firm.enterpriseId, {
        leadUnitId: s.unitId,
        leadUserId: user.id,
        leadName: leadNameOf(user.displayName),
        leadPhone: null,
      });
      assigned++;
    }
  });
  return { assigned, unchanged, refused };
}

/** The centre's to-do: firms of this year's libraries without a lead. */
export async function leadTodoItems(db: Db, ctx: RequestContext): Promise<TodoItem[]> {
  if (!ctx.actor?.roles.includes('centre') || !ctx.permissions.has('service:manage')) return [];
  const n = await countFirmsWithoutLead(db, ctx.scope, currentPlanYear(ctx.now));
  if (n === 0) return [];
  return [
    {
      kind: 'lead',
      title: `${n}家在库企业尚未确定包联`,
      due: null,
      link: '/service/leads?hasLead=no',
      count: n,
    },
  ];
}
