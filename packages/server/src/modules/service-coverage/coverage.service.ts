// Coverage of the libraries (培训宣讲覆盖, docs/domain.md "Training and coverage"): for a plan year and a day,
// per unit and per library in COVERAGE_LIBRARIES, how many member firms were reached. A firm counts in a
// library when it was a member for the year at that day (entered by then, not left by then); it is reached
// by a visit not voided dated in the year up to the day, or by attendance at a training not voided held in
// the year up to the day. Rows: every township by 属地, the zone and every department by 行业主管 (the unit
// sets db/scope.ts uses), and the county total, which is the sum over the townships (each firm has exactly
// one township) through sumCoverage.
//
// Scope: a county-wide caller gets every row. A township gets its own row only, the zone or a department its
// own row only; for them the county row is the total over their own firms (so it equals their row).
import {
  COVERAGE_LIBRARIES,
  type Coverage,
  type CoverageCount,
  type CoverageLibrary,
  type CoverageRow,
  chinaDate,
  chinaDayEnd,
  coverageShare,
  currentPlanYear,
  sumCoverage,
  type UnreachedFilter,
  type UnreachedFirm,
  type UnreachedListQuery,
  type UnreachedPage,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import {
  type CoverageUnitRow,
  type CoverageWindow,
  countCoverage,
  findUnitRow,
  listUnitsByPath,
  listUnreached,
  type UnreachedRow,
} from './coverage.repository.js';

/** The year (default: the plan year in progress) and the day (default: today, or the year's last day). */
export function coverageWindow(
  ctx: RequestContext,
  q: { year?: number | undefined; asOf?: string | undefined },
) {
  const today = chinaDate(ctx.now);
  const year = q.year ?? currentPlanYear(ctx.now);
  const lastDay = `${year}-12-31`;
  const asOf = q.asOf ?? (today < lastDay ? today : lastDay);
  if (asOf.slice(0, 4) !== String(year)) throw invalid('asOf', `截至日期应在${year}年内`);
  if (asOf > today) throw invalid('asOf', '截至日期不能晚于今天');
  const w: CoverageWindow = { year, asOf, asOfEnd: chinaDayEnd(asOf), libraries: COVERAGE_LIBRARIES };
  return w;
}

type Counts = Record<CoverageLibrary, CoverageCount>;
const emptyCounts = (): Counts =>
  Object.fromEntries(COVERAGE_LIBRARIES.map((l) => [l, { reached: 0, total: 0 }])) as Counts;

function rowOf(unit: CoverageUnitRow, basis: CoverageRow['basis'], counts: Counts): CoverageRow {
  return {
    unitId: unit.id,
    unitCode: unit.code,
    unitName: unit.name,
    basis,
    libraries: Object.fromEntries(
      COVERAGE_LIBRARIES.map((l) => [l, { ...counts[l], share: coverageShare(counts[l]) }]),
    ) as CoverageRow['libraries'],
  };
}

/** The units of the caller's rows: the county (or the caller's own unit), townships, zone and departments. */
async function unitsOf(db: Executor, ctx: RequestContext) {
  const scope = ctx.scope;
  if (scope.kind === 'subtree') {
    const all = await listUnitsByPath(db, scope.path);
    const counties = all.filter((u) => u.kind === 'county');
    const root =
      counties.length === 1 ? counties[0]! : ((await findUnitRow(db, scope.unitId)) ?? counties[0] ?? null);
    return {
      root,
      townships: all.filter((u) => u.kind === 'township'),
      supervising: all.filter((u) => u.kind === 'zone' || u.kind === 'department'),
    };
  }
  if (scope.kind === 'none') return { root: null, townships: [], supervising: [] };
  const own = await findUnitRow(db, scope.unitId);
  return {
    root: own,
    townships: own && scope.kind === 'township' ? [own] : [],
    supervising: own && scope.kind === 'supervising' ? [own] : [],
  };
}

/**
 * Coverage of the libraries for a year at a day, per unit, within the caller's data scope. Used by
 * GET /service/coverage and by `shenggui report service` (with a system context: the whole county).
 */
export async function serviceCoverage(
  db: Executor,
  ctx: RequestContext,
  q: { year?: number | undefined; asOf?: string | undefined },
): Promise<Coverage> {
  const w = coverageWindow(ctx, q);
  const counted = await countCoverage(db, ctx.scope, w);
  const byTownship = new Map<number, Counts>();
  const bySupervising = new Map<number, Counts>();
  const add = (map: Map<number, Counts>, id: number, r: (typeof counted)[number]) => {
    const counts = map.get(id) ?? emptyCounts();
    map.set(id, counts);
    const lib = r.library as CoverageLibrary;
    counts[lib] = sumCoverage([counts[lib], { reached: r.reached, total: r.total }]);
  };
  for (const r of counted) {
    add(byTownship, r.townshipId, r);
    add(bySupervising, r.supervisingUnitId, r);
  }
  const units = await unitsOf(db, ctx);
  // The county: the sum over every township holding firms of the scope (each firm has one township).
  const total = emptyCounts();
  for (const l of COVERAGE_LIBRARIES) total[l] = sumCoverage([...byTownship.values()].map((c) => c[l]));
  const root = units.root ?? { id: 0, code: '', name: '合计', kind: 'county', path: '' };
  return {
    year: w.year,
    asOf: w.asOf,
    county: rowOf(root, 'county', total),
    townships: units.townships.map((u) => rowOf(u, 'township', byTownship.get(u.id) ?? emptyCounts())),
    supervising: units.supervising.map((u) =>
      rowOf(u, 'supervising', bySupervising.get(u.id) ?? emptyCounts()),
    ),
  };
}

function toUnreached(r: UnreachedRow): UnreachedFirm {
  const visit = r.lastVisitOn;
  const training = r.lastTrainingOn;
  const last =
    [visit, training]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const { lastVisitOn: _v, lastTrainingOn: _t, ...rest } = r;
  return {
    ...rest,
    lastContactOn: last,
    lastContactKind: last === null ? null : last === visit ? 'visit' : 'training',
  };
}

/** `unitId`: a township (by 属地), the zone or a department (by 行业主管); any other unit filters nothing. */
async function unitFilter(db: Executor, unitId: number | undefined) {
  if (!unitId) return {};
  const unit = await findUnitRow(db, unitId);
  if (!unit) throw invalid('unitId', '单位不存在');
  if (unit.kind === 'township') return { townshipId: unit.id };
  if (unit.kind === 'zone' || unit.kind === 'department') return { supervisingUnitId: unit.id };
  return {};
}

/** The member firms of a library not reached yet in the year up to the day, with their lead and last contact. */
export async function listUnreachedFirms(
  db: Executor,
  ctx: RequestContext,
  q: UnreachedListQuery,
): Promise<UnreachedPage> {
  const w = coverageWindow(ctx, q);
  const { rows, total } = await listUnreached(
    db,
    ctx.scope,
    w,
    { library: q.library, q: q.q, ...(await unitFilter(db, q.unitId)) },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return {
    items: rows.map(toUnreached),
    total,
    page: q.page,
    pageSize: q.pageSize,
    year: w.year,
    asOf: w.asOf,
  };
}

export async function listAllUnreachedFirms(db: Executor, ctx: RequestContext, q: UnreachedFilter) {
  const w = coverageWindow(ctx, q);
  const { rows } = await listUnreached(
    db,
    ctx.scope,
    w,
    { library: q.library, q: q.q, ...(await unitFilter(db, q.unitId)) },
    { limit: 100_000, offset: 0 },
  );
  return { items: rows.map(toUnreached), year: w.year, asOf: w.asOf };
}
