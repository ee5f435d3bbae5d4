// The organisation tree. A unit's path is its ancestors' codes: scope checks are prefix matches on it.
import { countyUnitSeeds, type UnitCreate, type UnitKind, type UnitView } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import {
  findUnitByCode,
  findUnitById,
  insertUnit,
  listUnitsUnder,
  type OrgUnitRow,
  updateUnitName,
} from './org.repository.js';

export function toUnitView(u: OrgUnitRow): UnitView {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind as UnitKind, parentId: u.parentId };
}

/** The tree a caller works in: their county (or city/province) — the county of a township or department. */
export function workingRootPath(ctx: RequestContext): string {
  const actor = ctx.actor;
  if (!actor) return '';
  if (['province', 'city', 'county'].includes(actor.unit.kind)) return actor.unit.path;
  return actor.unit.path.replace(/[^/]+\/$/, '');
}

export async function listUnits(db: Db, ctx: RequestContext): Promise<UnitView[]> {
  const rows = await listUnitsUnder(db, workingRootPath(ctx));
  return rows.map(toUnitView);
}

/** Creates the county's units from the reference divisions (idempotent: existing codes are kept). */
export async function ensureCountyUnits(
  tx: Executor,
  ctx: RequestContext,
  countyCode6: string,
): Promise<OrgUnitRow[]> {
  let seeds: ReturnType<typeof countyUnitSeeds>;
  try {
    seeds = countyUnitSeeds(countyCode6);
  } catch (e) {
    throw new AppError('VALIDATION', (e as Error).message, [
      { path: 'county', message: (e as Error).message },
    ]);
  }
  const out: OrgUnitRow[] = [];
  const byCode = new Map<string, OrgUnitRow>();
  for (const [i, seed] of seeds.entries()) {
    const existing = await findUnitByCode(tx, seed.code);
    if (existing) {
      byCode.set(seed.code, existing);
      out.push(existing);
      continue;
    }
    const parent = seed.parentCode ? byCode.get(seed.parentCode) : undefined;
    const row = await insertUnit(tx, {
      code: seed.code,
      name: seed.name,
      kind: seed.kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? ''}${seed.code}/`,
      sort: i,
    });
    await recordAudit(tx, ctx, {
      action: 'org.unit.create',
      entityType: 'org_unit',
      entityId: row.id,
      after: row,
    });
    byCode.set(seed.code, row);
    out.push(row);
  }
  return out;
}

/** Kinds the security administrator may add under a county (the divisions themselves come from reference data). */
export const ADDABLE_UNIT_KINDS: readonly UnitKind[] = ['township', 'zone', 'department', 'centre', 'bureau'];

export async function createUnit(db: Db, ctx: RequestContext, input: UnitCreate): Promise<UnitView> {
  const parent = await findUnitById(db, input.parentId);
  if (!parent?.path.startsWith(workingRootPath(ctx)) || parent.kind !== 'county') {
    throw invalid('parentId', '上级单位应为本县');
  }
  if (!ADDABLE_UNIT_KINDS.includes(input.kind))
    throw invalid('kind', '只能新增乡镇、开发区、部门、中心或数据提供部门');
  if (await findUnitByCode(db, input.code))
    throw new AppError('CONFLICT', `单位代码 ${input.code} 已存在`, [
      { path: 'code', message: '单位代码已存在' },
    ]);
  return db.transaction(async (tx) => {
    const row = await insertUnit(tx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: parent.id,
      path: `${parent.path}${input.code}/`,
      sort: 1000,
    });
    await recordAudit(tx, ctx, {
      action: 'org.unit.create',
      entityType: 'org_unit',
      entityId: row.id,
      after: row,
    });
    return toUnitView(row);
  });
}

export async function renameUnit(db: Db, ctx: RequestContext, id: number, name: string): Promise<UnitView> {
  const unit = await findUnitById(db, id);
  if (!unit?.path.startsWith(workingRootPath(ctx))) throw notFound('单位');
  return db.transaction(async (tx) => {
    const row = await updateUnitName(tx, id, name);
    await recordAudit(tx, ctx, {
      action: 'org.unit.update',
      entityType: 'org_unit',
      entityId: id,
      before: { name: unit.name },
      after: { name },
    });
    return toUnitView(row);
  });
}
