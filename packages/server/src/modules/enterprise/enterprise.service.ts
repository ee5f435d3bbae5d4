// The enterprise registry: the rules for creating, editing and listing firms inside the caller's scope.
import {
  COUNTY_BODIES,
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
  type RevenuePriority,
  type ScaleChange,
  type ScaleStatus,
  SUPERVISING_KINDS,
  suggestSupervisingKey,
  type UnitKind,
  yearCoverageLabel,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { refreshLibrariesAfterCommit } from '../library/library.service.js';
import { findUnitById, listUnitsUnder, type OrgUnitRow } from '../org/org.repository.js';
import { workingRootPath } from '../org/org.service.js';
import { getRevenuePriority, getSupervisingRule } from '../settings/settings.service.js';
import {
  countEnterprises,
  creditCodeTaken,
  type EnterpriseListRow,
  type EnterpriseRow,
  findEnterprise,
  insertEnterprise,
  insertScaleHistory,
  listEnterprises as listRows,
  listScaleHistory,
  lockEnterprise,
  updateEnterpriseRow,
} from './enterprise.repository.js';
import { assertInScope, outOfScope } from './enterprise-scope.js';

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

/** Units a caller may attach a firm to: townships of their county; a township user only their own. */
async function resolvePlacement(
  db: Executor,
  ctx: RequestContext,
  input: { townshipId: number; supervisingUnitId?: number | null; industryCode: string; inZone: boolean },
): Promise<{ township: OrgUnitRow; supervising: OrgUnitRow; countyId: number }> {
  const root = workingRootPath(ctx);
  const township = await findUnitById(db, input.townshipId);
  if (township?.kind !== 'township' || !township.path.startsWith(root)) {
    throw invalid('townshipId', '所属乡镇不在本县范围内');
  }
  if (ctx.scope.kind === 'township' && ctx.scope.unitId !== township.id) {
    throw invalid('townshipId', '只能登记本乡镇的企业');
  }
  let supervising: OrgUnitRow | null;
  if (input.supervisingUnitId) {
    supervising = await findUnitById(db, input.supervisingUnitId);
  } else {
    supervising = await suggestSupervisingUnit(db, ctx, input.industryCode, township, input.inZone);
  }
  if (
    !supervising ||
    !SUPERVISING_KINDS.includes(supervising.kind as UnitKind) ||
    supervising.parentId !== township.parentId
  ) {
    throw invalid('supervisingUnitId', '行业主管单位应为本县的开发区或行业主管部门');
  }
  if (ctx.scope.kind === 'supervising' && ctx.scope.unitId !== supervising.id) {
    throw invalid('supervisingUnitId', '只能登记本部门主管的企业');
  }
  return { township, supervising, countyId: township.parentId! };
}

async function suggestSupervisingUnit(
  db: Executor,
  ctx: RequestContext,
  industryCode: string,
  township: OrgUnitRow,
  inZone: boolean,
): Promise<OrgUnitRow | null> {
  const key = suggestSupervisingKey(industryCode, inZone, await getSupervisingRule(db));
  const body = COUNTY_BODIES.find((b) => b.key === key);
  if (!body) return null;
  const county = await findUnitById(db, township.parentId ?? 0);
  if (!county) return null;
  const units = await listUnitsUnder(db, county.path);
  void ctx;
  return units.find((u) => u.code === `${county.code.slice(0, 6)}${body.suffix}`) ?? null;
}

export async function suggestSupervising(
  db: Db,
  ctx: RequestContext,
  input: { industryCode: string; townshipId: number; inZone: boolean },
): Promise<{ unitId: number; unitName: string }> {
  const township = await findUnitById(db, input.townshipId);
  if (township?.kind !== 'township' || !township.path.startsWith(workingRootPath(ctx))) {
    throw invalid('townshipId', '所属乡镇不在本县范围内');
  }
  const unit = await suggestSupervisingUnit(db, ctx, input.industryCode, township, input.inZone);
  if (!unit) throw new AppError('NOT_FOUND', '未找到建议的行业主管单位，请手动选择');
  return { unitId: unit.id, unitName: unit.name };
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
  const result = await db.transaction(async (tx) => {
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
    const period = chinaPeriod(ctx.now);
    await insertScaleHistory(tx, {
      enterpriseId: row.id,
      status: input.scaleStatus,
      effectivePeriod: period,
      reason: '登记时的规模状态',
      changedBy: ctx.actor?.id ?? null,
      changedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'enterprise.create',
      entityType: 'enterprise',
      entityId: row.id,
      enterpriseId: row.id,
      after: snapshot(row),
    });
    return getEnterprise(tx, ctx, row.id);
  });
  await refreshLibrariesAfterCommit(db, ctx, [result.id]);
  return result;
}

export async function updateEnterprise(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: EnterpriseUpdate,
): Promise<EnterpriseDetail> {
  await assertInScope(db, ctx, id);
  const result = await db.transaction(async (tx) => {
    const before = await lockEnterprise(tx, ctx.scope, id);
    if (!before) throw notFound('企业');
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
    return getEnterprise(tx, ctx, id);
  });
  await refreshLibrariesAfterCommit(db, ctx, [id]);
  return result;
}

/** A manual change of scale status, with its reason. Directory entries and exits arrive with the targets slice. */
export async function changeScaleStatus(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: ScaleChange,
): Promise<EnterpriseDetail> {
  await assertInScope(db, ctx, id);
  const result = await db.transaction(async (tx) => {
    const before = await lockEnterprise(tx, ctx.scope, id);
    if (!before) throw notFound('企业');
    if (before.scaleStatus === input.status) {
      throw invalid('status', `该企业已是${input.status === 'above' ? '规上' : '规下'}企业`);
    }
    await updateEnterpriseRow(tx, ctx.scope, id, { scaleStatus: input.status, updatedAt: ctx.now });
    await insertScaleHistory(tx, {
      enterpriseId: id,
      status: input.status,
      effectivePeriod: input.effectivePeriod,
      reason: input.reason,
      changedBy: ctx.actor?.id ?? null,
      changedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'enterprise.scale.change',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      before: { scaleStatus: before.scaleStatus },
      after: { scaleStatus: input.status, effectivePeriod: input.effectivePeriod, reason: input.reason },
    });
    return getEnterprise(tx, ctx, id);
  });
  await refreshLibrariesAfterCommit(db, ctx, [id]);
  return result;
}
