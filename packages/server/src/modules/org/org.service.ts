// The organisation tree. A unit's path is its ancestors' codes: scope checks are prefix matches on it.
import { countyUnitSeeds, type UnitKind } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findUnitByCode, insertUnit, listUnitsUnder, type OrgUnitRow } from './org.repository.js';

export interface UnitView {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

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
