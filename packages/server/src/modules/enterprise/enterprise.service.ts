// The enterprise registry: the rules for creating, editing and listing firms inside the caller's scope.
import {
  checkCreditCode,
  chinaPeriod,
  chinaYear,
  type EnterpriseCreate,
  type EnterpriseDetail,
  type EnterpriseListQuery,
  type EnterpriseUpdate,
  type EnterpriseView,
  findIndustry,
  type LegalForm,
  placeFirm,
  type RevenuePriority,
  type ScaleChange,
  type ScaleStatus,
  yearCoverageLabel,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { librariesAfterCommit } from '../library/library-recompute.js';
import { listUnitsUnder, type OrgUnitRow } from '../org/org.repository.js';
import { workingRootPath } from '../org/org.service.js';
import { getRevenuePriority, getSupervisingRule } from '../settings/settings.service.js';
import { assertInScope, lockFirmIn, outOfScope } from './enterprise.access.js';
import {
  countEnterprises,
  creditCodeTaken,
  type EnterpriseListRow,
  type EnterpriseRow,
  findEnterprise,
  insertEnterprise,
  listEnterprises as listRows,
  listScaleHistory,
  updateEnterpriseRow,
} from './enterprise.repository.js';
import { setScaleStatus } from './scale-status.js';

/** The last complete calendar year: the default year whose revenue the registry shows. */
export function defaultRevenueYear(now: Date): number {
  return chinaYear(now) - 1;
}

function toView(r: EnterpriseListRow, year: number, priority: RevenuePriority): EnterpriseView {
  const e = r.e;
  const first = priority === 'statistics-first' ? r.statMonths : r.taxMonths;
  const firstSource = priority === 'statistics-first' ? 'statistics' : 'tax';
  const otherSource = firstSource === 'statistics' ? 'tax' : 'statistics';
  return {
    id: e.id,
    creditCode: e.creditCode,
    creditCodeFlagged: e.creditCodeFlagged,
    name: e.name,
    // The columns are text; only LEGAL_FORMS and SCALE_STATUSES get in (schemas.ts, directory and import).
    legalForm: e.legalForm as LegalForm,
    industryCode: e.industryCode,
    industryName: findIndustry(e.industryCode)?.name ?? '',
    townshipId: e.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: e.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    inZone: e.inZone,
    scaleStatus: e.scaleStatus as ScaleStatus,
    revenue: r.revenue === null ? null : Number(r.revenue).toFixed(2),
    // The source the priority puts first, when it gave any month of the year.
    revenueSource: r.revenue === null ? null : (first ?? 0) > 0 ? firstSource : otherSource,
    revenueLabel:
      r.revenue === null ? null : yearCoverageLabel(year, (r.months ?? '').split(',').map(Number)),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function listEnterprises(db: Db, ctx: RequestContext, query: EnterpriseListQuery) {
  const { page, pageSize, sort, order, revenueYear, ...filter } = query;
  const year = revenueYear ?? defaultRevenueYear(ctx.now);
  const priority = await getRevenuePriority(db);
  const rows = await listRows(db, ctx.scope, {
    filter,
    year,
    sort,
    order,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    priority,
  });
  // The page carries the match count; only a page past the end needs a count of its own.
  const total =
    rows[0]?.total ?? (page > 1 ? await countEnterprises(db, ctx.scope, { filter, year, priority }) : 0);
  return { items: rows.map((r) => toView(r, year, priority)), total, page, pageSize, revenueYear: year };
}

/** Every row of the filtered list, for export (bounded: a county has thousands of firms, not millions). */
export async function listAllEnterprises(db: Db, ctx: RequestContext, query: EnterpriseListQuery) {
  const { sort, order, revenueYear, page: _p, pageSize: _s, ...filter } = query;
  const year = revenueYear ?? defaultRevenueYear(ctx.now);
  const priority = await getRevenuePriority(db);
  const rows = await listRows(db, ctx.scope, {
    filter,
    year,
    sort,
    order,
    limit: 100_000,
    offset: 0,
    priority,
  });
  return { items: rows.map((r) => toView(r, year, priority)), revenueYear: year };
}

export async function getEnterprise(
  db: Executor,
  ctx: RequestContext,
  id: number,
  year?: number,
): Promise<EnterpriseDetail> {
  const revenueYear = year ?? defaultRevenueYear(ctx.now);
  const priority = await getRevenuePriority(db);
  const row = await findEnterprise(db, ctx.scope, id, revenueYear, priority);
  if (!row) throw await outOfScope(db, ctx, id);
  const history = await listScaleHistory(db, ctx.scope, id);
  const e = row.e;
  return {
    ...toView(row, revenueYear, priority),
    address: e.address,
    foundedOn: e.foundedOn,
    productionStartedOn: e.productionStartedOn,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    revenueYear,
    scaleHistory: history.map(({ h, changedByName }) => ({
      status: h.status as ScaleStatus,
      effectivePeriod: h.effectivePeriod,
      reason: h.reason,
      changedAt: h.changedAt.toISOString(),
      changedByName,
    })),
  };
}

/**
 * Where the firm goes: township, supervising unit (the chosen one or the county's rule's suggestion) and the
 * caller's scope — the domain's placeFirm over the units of the caller's county. Refused: 400 on the field.
 */
async function resolvePlacement(
  db: Executor,
  ctx: RequestContext,
  input: { townshipId: number; supervisingUnitId?: number | null; industryCode: string; inZone: boolean },
): Promise<{ township: OrgUnitRow; supervising: OrgUnitRow; countyId: number }> {
  const placement = placeFirm({
    ...input,
    rule: await getSupervisingRule(db),
    units: await listUnitsUnder(db, workingRootPath(ctx)),
    scope: ctx.scope,
  });
  const problem = placement.problems[0];
  if (problem) throw invalid(problem.path, problem.message);
  return {
    township: placement.township!,
    supervising: placement.supervising!,
    countyId: placement.countyId!,
  };
}

/** The form's suggestion (enterprise-form-drawer.tsx): the same placeFirm, with its reason. */
export async function suggestSupervising(
  db: Db,
  ctx: RequestContext,
  input: { industryCode: string; townshipId: number; inZone: boolean },
): Promise<{ unitId: number; unitName: string; reason: string }> {
  const placement = placeFirm({
    ...input,
    supervisingUnitId: null,
    rule: await getSupervisingRule(db),
    units: await listUnitsUnder(db, workingRootPath(ctx)),
    scope: ctx.scope,
  });
  const outside = placement.problems.find((p) => p.path === 'townshipId' && !placement.township);
  if (outside) throw invalid(outside.path, outside.message);
  // A suggestion the caller's own scope would refuse is still the county's rule: the save says why.
  if (!placement.supervising) throw new AppError('NOT_FOUND', placement.problems[0]?.message ?? '');
  return {
    unitId: placement.supervising.id,
    unitName: placement.supervising.name,
    reason: placement.reason ?? '',
  };
}

function snapshot(e: EnterpriseRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = e;
  return rest;
}

export async function createEnterprise(
  db: Db,
  ctx: RequestContext,
  input: EnterpriseCreate,
): Promise<EnterpriseDetail> {
  return withTransaction(db, async (tx, afterCommit) => {
    const placement = await resolvePlacement(tx, ctx, input);
    if (await creditCodeTaken(tx, input.creditCode)) {
      throw new AppError('CONFLICT', `统一社会信用代码 ${input.creditCode} 已登记`, [
        { path: 'creditCode', message: '该统一社会信用代码已登记' },
      ]);
    }
    const flagged = !checkCreditCode(input.creditCode).ok;
    const row = await insertEnterprise(tx, {
      creditCode: input.creditCode,
      creditCodeFlagged: flagged,
      name: input.name,
      legalForm: input.legalForm,
      industryCode: input.industryCode,
      countyId: placement.countyId,
      townshipId: placement.township.id,
      supervisingUnitId: placement.supervising.id,
      inZone: input.inZone,
      address: input.address,
      foundedOn: input.foundedOn,
      productionStartedOn: input.productionStartedOn,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      scaleStatus: input.scaleStatus,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await setScaleStatus(
      tx,
      ctx,
      {
        enterpriseId: row.id,
        from: null,
        to: input.scaleStatus,
        effectivePeriod: chinaPeriod(ctx.now),
        reason: '登记时的规模状态',
      },
      { audit: false },
    );
    await recordAudit(tx, ctx, {
      action: 'enterprise.create',
      entityType: 'enterprise',
      entityId: row.id,
      enterpriseId: row.id,
      after: snapshot(row),
    });
    librariesAfterCommit(afterCommit, ctx, [row.id]);
    return getEnterprise(tx, ctx, row.id);
  });
}

export async function updateEnterprise(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: EnterpriseUpdate,
): Promise<EnterpriseDetail> {
  await assertInScope(db, ctx, id);
  return withTransaction(db, async (tx, afterCommit) => {
    const before = await lockFirmIn(tx, ctx, id);
    const placement = await resolvePlacement(tx, ctx, input);
    const after = await updateEnterpriseRow(tx, ctx.scope, id, {
      name: input.name,
      legalForm: input.legalForm,
      industryCode: input.industryCode,
      countyId: placement.countyId,
      townshipId: placement.township.id,
      supervisingUnitId: placement.supervising.id,
      inZone: input.inZone,
      address: input.address,
      foundedOn: input.foundedOn,
      productionStartedOn: input.productionStartedOn,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      updatedAt: ctx.now,
    });
    if (!after) throw notFound('企业');
    await recordAudit(tx, ctx, {
      action: 'enterprise.update',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    librariesAfterCommit(afterCommit, ctx, [id]);
    return getEnterprise(tx, ctx, id);
  });
}

/** A manual change of scale status, with its reason (directory entries and exits set it through their events). */
export async function changeScaleStatus(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: ScaleChange,
): Promise<EnterpriseDetail> {
  await assertInScope(db, ctx, id);
  return withTransaction(db, async (tx, afterCommit) => {
    const before = await lockFirmIn(tx, ctx, id);
    if (before.scaleStatus === input.status) {
      throw invalid('status', `该企业已是${input.status === 'above' ? '规上' : '规下'}企业`);
    }
    await setScaleStatus(
      tx,
      ctx,
      {
        enterpriseId: id,
        from: before.scaleStatus as ScaleStatus,
        to: input.status,
        effectivePeriod: input.effectivePeriod,
        reason: input.reason,
      },
      { audit: true },
    );
    librariesAfterCommit(afterCommit, ctx, [id]);
    return getEnterprise(tx, ctx, id);
  });
}
