// The net-increase board (issue 5 §4, §6): per unit in both dimensions and for the county — entered,
// exited, net, target, remaining, rank — for a year as it stood on a day.
//
// Decisions (documented in docs/api.md):
// - A firm counts in its CURRENT township and supervising unit (the enterprises row), not where it was
//   when it entered: moves between townships are rare, and the board must add up to the county today.
// - Counting is county-wide (rank and totals are the county's). Units see their own board: a township
//   user gets the county totals and only its own row in the territorial dimension (none in the other); a
//   zone/department user its own row in the supervising dimension; county bodies, leaders and the city all.
// - Voided events never count. Per firm entries and exits are netted first (a firm counts once a view).
import {
  type CountingRule,
  chinaDate,
  countingWindow,
  countNetIncrease,
  type FirmUnits,
  lastDayOfPeriod,
  type ProgressReport,
  type ProgressRow,
  periodsOfYear,
  rankUnits,
  remainingOf,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { OrgUnitRow } from '../org/org.repository.js';
import { getCountyUnits } from '../target/county.js';
import { getTargets, type TargetUnitView } from '../target/target.service.js';
import { getCountingRule } from './counting-rule.service.js';
import {
  type CountingArgs,
  countByUnit,
  listCountedEvents,
  listCountedFirms,
  listWindowEvents,
  type UnitCount,
} from './progress.repository.js';

export interface ProgressQuery {
  year: number;
  /** YYYY-MM-DD; default today (China time). */
  asOf?: string | undefined;
}

function countingArgs(year: number, rule: CountingRule, asOf: string): CountingArgs {
  return { basis: rule.basis, ...countingWindow(year, rule), asOf };
}

function resolveAsOf(ctx: RequestContext, asOf: string | undefined): string {
  return asOf ?? chinaDate(ctx.now);
}

function countyScope(county: OrgUnitRow) {
  return { kind: 'subtree' as const, unitId: county.id, path: county.path };
}

function rowsOf(
  units: TargetUnitView[],
  counts: UnitCount[],
  dimension: 'territorial' | 'supervising',
): ProgressRow[] {
  const rows = units.map((u) => {
    const c = counts.find((x) => x.dimension === dimension && x.unitId === u.unitId);
    const entered = c?.entered ?? 0;
    const exited = c?.exited ?? 0;
    const net = entered - exited;
    return {
      unitId: u.unitId,
      code: u.code,
      name: u.name,
      target: u.target,
      entered,
      exited,
      net,
      remaining: remainingOf(u.target, net),
      rank: 0,
      pReachTarget: null,
    };
  });
  const ranks = rankUnits(rows);
  rows.forEach((r, i) => {
    r.rank = ranks[i]!;
  });
  return rows;
}

/** Units see their own board: which rows of each dimension the caller gets (ranks stay county-wide). */
function visibleRows(ctx: RequestContext, rows: ProgressRow[], dimension: 'territorial' | 'supervising') {
  const scope = ctx.scope;
  if (scope.kind === 'subtree') return rows;
  if (scope.kind === 'township')
    return dimension === 'territorial' ? rows.filter((r) => r.unitId === scope.unitId) : [];
  if (scope.kind === 'supervising')
    return dimension === 'supervising' ? rows.filter((r) => r.unitId === scope.unitId) : [];
  return [];
}

export async function getProgressReport(
  db: Executor,
  ctx: RequestContext,
  q: ProgressQuery,
): Promise<ProgressReport> {
  const asOf = resolveAsOf(ctx, q.asOf);
  const [{ county }, rule, targets] = await Promise.all([
    getCountyUnits(db),
    getCountingRule(db, q.year),
    getTargets(db, q.year),
  ]);
  const counts = await countByUnit(db, countyScope(county), countingArgs(q.year, rule, asOf));
  const total = counts.find((c) => c.dimension === 'county') ?? { entered: 0, exited: 0 };
  return {
    year: q.year,
    asOf,
    county: {
      unitId: county.id,
      code: county.code,
      name: county.name,
      cityTarget: targets.cityTarget,
      territorialTarget: targets.sums.territorial,
      supervisingTarget: targets.sums.supervising,
      entered: total.entered,
      exited: total.exited,
      net: total.entered - total.exited,
      pReachCityTarget: null,
    },
    dimensions: {
      territorial: visibleRows(ctx, rowsOf(targets.territorial, counts, 'territorial'), 'territorial'),
      supervising: visibleRows(ctx, rowsOf(targets.supervising, counts, 'supervising'), 'supervising'),
    },
  };
}

export interface DrillDownQuery extends ProgressQuery {
  kind: 'entered' | 'exited';
  dimension?: 'territorial' | 'supervising' | undefined;
  unitId?: number | undefined;
}

export interface DrillDownItem {
  id: number;
  creditCode: string;
  name: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  events: {
    id: number;
    type: string;
    mode: string | null;
    batch: string | null;
    approvalDate: string;
    effectivePeriod: string;
    exitReason: string | null;
  }[];
}

/** The firms behind a number of the board, inside the caller's data scope. */
export async function listProgressEnterprises(
  db: Executor,
  ctx: RequestContext,
  q: DrillDownQuery,
): Promise<{ year: number; asOf: string; kind: 'entered' | 'exited'; items: DrillDownItem[] }> {
  if (q.unitId && !q.dimension)
    throw new AppError('VALIDATION', '按单位查看时请指定维度（territorial 或 supervising）', [
      { path: 'dimension', message: '请指定维度' },
    ]);
  const asOf = resolveAsOf(ctx, q.asOf);
  const rule = await getCountingRule(db, q.year);
  const args = countingArgs(q.year, rule, asOf);
  const firms = await listCountedFirms(db, ctx.scope, args, {
    sign: q.kind === 'entered' ? 1 : -1,
    dimension: q.dimension,
    unitId: q.unitId,
  });
  const events = await listCountedEvents(
    db,
    args,
    firms.map((f) => f.id),
  );
  return {
    year: q.year,
    asOf,
    kind: q.kind,
    items: firms.map(({ sign: _s, ...f }) => ({
      ...f,
      events: events
        .filter((e) => e.enterpriseId === f.id)
        .map((e) => ({
          id: e.id,
          type: e.type,
          mode: e.mode,
          batch: e.batch,
          approvalDate: e.approvalDate,
          effectivePeriod: e.effectivePeriod,
          exitReason: e.exitReason,
        })),
    })),
  };
}

export interface CumulativePoint {
  period: string;
  /** The day the point shows (the month's last day, or asOf in its month). */
  asOf: string;
  entered: number;
  exited: number;
  net: number;
}

/**
 * The county's cumulative line through the year: for each month up to asOf, the board as it stood on the
 * month's last day (asOf within its own month). Events dated before 1 January that count in the year (a
 * cut-off before 12-31) are already in January's point.
 */
export async function getCumulative(
  db: Executor,
  ctx: RequestContext,
  q: ProgressQuery,
): Promise<{ year: number; asOf: string; months: CumulativePoint[] }> {
  const asOf = resolveAsOf(ctx, q.asOf);
  const [{ county }, rule] = await Promise.all([getCountyUnits(db), getCountingRule(db, q.year)]);
  const events = await listWindowEvents(db, countyScope(county), countingArgs(q.year, rule, asOf));
  const firms = new Map<number, FirmUnits>(
    events.map((e) => [e.enterpriseId, { townshipId: e.townshipId, supervisingUnitId: e.supervisingUnitId }]),
  );
  const countable = events.map((e) => ({ ...e, type: e.type as 'entry' | 'exit' }));
  const months: CumulativePoint[] = [];
  for (const period of periodsOfYear(q.year)) {
    if (`${period}-01` > asOf) break;
    const end = lastDayOfPeriod(period);
    const [day] = [end, asOf].sort() as [string, string]; // the earlier ISO date
    const c = countNetIncrease(countable, firms, q.year, day, rule).county;
    months.push({ period, asOf: day, ...c });
  }
  return { year: q.year, asOf, months };
}
