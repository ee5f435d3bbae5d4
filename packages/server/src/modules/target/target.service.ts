// Targets (目标任务, docs/domain.md §3): the city's target for the county (dimension 'city') and the county's
// allocation by township ('territorial') and by supervising unit ('supervising'). Every change is audited.
import {
  type AllocationDimension,
  checkAllocation,
  sumTargets,
  type TargetAllocation,
  type TargetDimension,
  type TargetsView,
  type TargetUnitView,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { OrgUnitRow } from '../org/org.repository.js';
import { type CountyUnits, getCountyUnits } from './county.js';
import { deleteTarget, listTargets, type TargetRow, upsertTarget } from './target.repository.js';

/** Sets a target (year, unit, dimension); audited with before and after. */
export async function setTarget(
  tx: Executor,
  ctx: RequestContext,
  input: { year: number; unitId: number; dimension: TargetDimension; target: number },
): Promise<void> {
  const before = await upsertTarget(tx, { ...input, now: ctx.now });
  if (before === input.target) return; // unchanged: nothing to record
  await recordAudit(tx, ctx, {
    action: 'target.set',
    entityType: 'target',
    entityId: `${input.year}/${input.dimension}/${input.unitId}`,
    before: before === null ? null : { target: before },
    after: { target: input.target },
  });
}

// progress.service.ts imports the unit row from here.
export type { TargetUnitView };

/** Targets of a year for every township and supervising unit of the county (null where none is set). */
export async function getTargets(db: Executor, year: number): Promise<TargetsView> {
  const units = await getCountyUnits(db);
  return targetsViewOf(year, units, await listTargets(db, year));
}

/** The targets view from the county's units and a year's target rows (the progress report loads both itself). */
export function targetsViewOf(
  year: number,
  { county, townships, supervising }: CountyUnits,
  rows: Pick<TargetRow, 'unitId' | 'dimension' | 'target'>[],
): TargetsView {
  const targetOf = (unitId: number, dimension: TargetDimension) =>
    rows.find((r) => r.unitId === unitId && r.dimension === dimension)?.target ?? null;
  const view = (units: OrgUnitRow[], dimension: AllocationDimension): TargetUnitView[] =>
    units.map((u) => ({ unitId: u.id, code: u.code, name: u.name, target: targetOf(u.id, dimension) }));
  const territorial = view(townships, 'territorial');
  const supervisingRows = view(supervising, 'supervising');
  const cityTarget = targetOf(county.id, 'city');
  const sums = { territorial: sumTargets(territorial), supervising: sumTargets(supervisingRows) };
  return {
    year,
    cityTarget,
    territorial,
    supervising: supervisingRows,
    sums,
    warnings: checkAllocation({
      cityTarget,
      territorialSum: sums.territorial,
      supervisingSum: sums.supervising,
    }),
  };
}

/**
 * Replaces a year's whole allocation in one transaction: townships only in the territorial dimension, the
 * zone and departments only in the supervising one, all of this county. A unit left out loses its target.
 * Each changed value writes an audit record with before and after.
 */
export async function putTargets(
  db: Db,
  ctx: RequestContext,
  year: number,
  input: TargetAllocation,
): Promise<TargetsView> {
  const { county, townships, supervising } = await getCountyUnits(db);
  const allowed: Record<AllocationDimension, Set<number>> = {
    territorial: new Set(townships.map((u) => u.id)),
    supervising: new Set(supervising.map((u) => u.id)),
  };
  const details = (['territorial', 'supervising'] as const).flatMap((dim) =>
    input[dim].flatMap((r, i) =>
      allowed[dim].has(r.unitId)
        ? []
        : [
            {
              path: `${dim}.${i}.unitId`,
              message:
                dim === 'territorial'
                  ? '属地分解只能分到本县的乡镇'
                  : '行业主管分解只能分到本县的开发区或行业主管部门',
            },
          ],
    ),
  );
  if (details.length > 0) throw new AppError('VALIDATION', details[0]!.message, details);

  await db.transaction(async (tx) => {
    const existing = await listTargets(tx, year);
    await setTarget(tx, ctx, { year, unitId: county.id, dimension: 'city', target: input.cityTarget });
    for (const dim of ['territorial', 'supervising'] as const) {
      const keep = new Set(input[dim].map((r) => r.unitId));
      for (const r of input[dim])
        await setTarget(tx, ctx, { year, unitId: r.unitId, dimension: dim, target: r.target });
      for (const old of existing.filter((e) => e.dimension === dim && !keep.has(e.unitId))) {
        const before = await deleteTarget(tx, { year, unitId: old.unitId, dimension: dim });
        await recordAudit(tx, ctx, {
          action: 'target.set',
          entityType: 'target',
          entityId: `${year}/${dim}/${old.unitId}`,
          before: { target: before },
          after: null,
        });
      }
    }
  });
  return getTargets(db, year);
}
