// Service work's results for the centre and the leaders (docs/domain.md §服务工作): per unit the visits,
// firms visited, requests received / open / closed / overdue with the median days to close and the
// satisfaction, and the libraries' coverage; the overdue requests; per official the visits and requests.
// Requests are read as they stood at the end of the as-of day (replayed from their steps), so a past
// as-of date gives that day's numbers. GET /service/overview and `report service` print the same report.
import {
  COVERAGE_LIBRARIES,
  type CoverageCount,
  type CoverageLibrary,
  chinaDate,
  chinaDayEnd,
  chinaDayStart,
  coverageShare,
  currentPlanYear,
  DEFAULT_REQUEST_CATEGORIES,
  daysToClose,
  isRequestOpen,
  LIGHTS,
  type Light,
  median,
  type RequestAction,
  type RequestState,
  replayRequest,
  requestLight,
  type Satisfaction,
  type ServiceOfficials,
  type ServiceOverdueItem,
  type ServiceReport,
  type ServiceReportQuery,
  type ServiceUnitRow,
  satisfactionRate,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { listUnitsUnder, type OrgUnitRow } from '../org/org.repository.js';
import { loadRequestCategories, loadWorkdayCalendar } from '../service/service-settings.js';
import { getCountyUnits } from '../target/county.js';
import {
  requestEventsUntil,
  requestsRaisedBy,
  requestsRaisedPerUser,
  visitsPerOfficial,
  visitsPerUnit,
  visitTotals,
  type Window,
} from './overview.repository.js';
import { coverageForReport } from './overview-coverage.js';

/** The units a service report has a row for: townships, the zone, departments, the centre and bureaus. */
const REPORT_UNIT_KINDS = ['township', 'zone', 'department', 'centre', 'bureau'];

/** The year and as-of day of a report: as-of defaults to today, or the year's last day once it is over. */
export function reportWindow(
  ctx: RequestContext,
  q: ServiceReportQuery,
): { year: number; asOf: string; w: Window } {
  const today = chinaDate(ctx.now);
  const year = q.year ?? currentPlanYear(ctx.now);
  const asOf = q.asOf ?? (today < `${year}-12-31` ? today : `${year}-12-31`);
  if (asOf < `${year}-01-01`)
    throw new AppError('VALIDATION', `截至日期${asOf}早于${year}年`, [
      { path: 'asOf', message: `截至日期应在${year}年1月1日或之后` },
    ]);
  if (asOf > today)
    throw new AppError('VALIDATION', `截至日期${asOf}晚于今天（${today}）`, [
      { path: 'asOf', message: '截至日期不能晚于今天' },
    ]);
  const to = asOf > `${year}-12-31` ? `${year}-12-31` : asOf;
  return {
    year,
    asOf,
    w: {
      from: `${year}-01-01`,
      to,
      start: chinaDayStart(`${year}-01-01`),
      until: new Date(chinaDayEnd(asOf).getTime() - 1),
    },
  };
}

async function reportUnits(db: Executor, ctx: RequestContext): Promise<OrgUnitRow[]> {
  const { county } = await getCountyUnits(db);
  const all = (await listUnitsUnder(db, county.path)).filter((u) => REPORT_UNIT_KINDS.includes(u.kind));
  // A township or a supervising unit sees its own row; county bodies see every unit.
  if (ctx.scope.kind === 'township' || ctx.scope.kind === 'supervising') {
    const own = ctx.scope.unitId;
    return all.filter((u) => u.id === own);
  }
  if (ctx.scope.kind === 'none') return [];
  return all;
}

interface RequestAtAsOf {
  id: number;
  enterpriseId: number;
  firm: string;
  creditCode: string;
  category: string;
  categoryLabel: string;
  title: string;
  state: RequestState;
  owner: number | null;
  raisedAt: Date;
  closedAt: Date | null;
  light: ReturnType<typeof requestLight>;
  satisfaction: Satisfaction | null;
}

/** The requests visible to the caller as they stood at the end of the as-of day. */
async function requestsAsOf(
  db: Executor,
  ctx: RequestContext,
  asOf: string,
  until: Date,
): Promise<RequestAtAsOf[]> {
  const cal = await loadWorkdayCalendar(db);
  const categories = new Map((await loadRequestCategories(db)).map((c) => [c.code, c]));
  const fallback = DEFAULT_REQUEST_CATEGORIES.find((c) => c.code === 'other')!;
  const rows = await requestsRaisedBy(db, ctx.scope, ctx.actor?.unit.id ?? null, until);
  const events = await requestEventsUntil(
    db,
    rows.map((r) => r.id),
    until,
  );
  const byRequest = new Map<number, typeof events>();
  for (const e of events) {
    const list = byRequest.get(e.requestId) ?? [];
    list.push(e);
    byRequest.set(e.requestId, list);
  }
  const out: RequestAtAsOf[] = [];
  for (const r of rows) {
    const replay = replayRequest(
      {
        raisedAt: r.raisedAt,
        routedAt: r.routedAt,
        deadlines:
          r.acceptDue && r.replyDue && r.closeDue
            ? { acceptDue: r.acceptDue, replyDue: r.replyDue, closeDue: r.closeDue }
            : null,
      },
      (byRequest.get(r.id) ?? []).map((e) => ({
        at: e.at,
        day: chinaDate(e.at),
        action: e.action as RequestAction,
        toState: e.toState as RequestState,
        ownerUnitId: e.ownerUnitId,
      })),
      until,
      cal,
      categories.get(r.category) ?? fallback,
    );
    if (!replay) continue;
    out.push({
      id: r.id,
      enterpriseId: r.enterpriseId,
      firm: r.firm,
      creditCode: r.creditCode,
      category: r.category,
      categoryLabel: r.categoryLabel,
      title: r.title,
      state: replay.state,
      owner: replay.ownerUnitId,
      raisedAt: r.raisedAt,
      closedAt: replay.closedAt,
      light: requestLight(cal, replay, asOf),
      satisfaction:
        r.evaluatedAt && r.evaluatedAt.getTime() <= until.getTime() ? (r.satisfaction as Satisfaction) : null,
    });
  }
  return out;
}

/** The service report for a year up to an as-of day, in the caller's scope. */
export async function getServiceReport(
  db: Executor,
  ctx: RequestContext,
  q: ServiceReportQuery,
): Promise<ServiceReport> {
  const { year, asOf, w } = reportWindow(ctx, q);
  const units = await reportUnits(db, ctx);
  const centre = units.find((u) => u.kind === 'centre') ?? null;
  const visitRows = new Map((await visitsPerUnit(db, ctx.scope, w)).map((v) => [v.unitId, v]));
  const all = await requestsAsOf(db, ctx, asOf, w.until);
  // The year's requests: raised in it, or carried into it still open.
  const inYear = all.filter(
    (r) =>
      r.raisedAt.getTime() >= w.start.getTime() ||
      isRequestOpen(r.state) ||
      (r.closedAt?.getTime() ?? 0) >= w.start.getTime(),
  );
  const coverage = await coverageForReport(db, ctx, { year, asOf: w.to });

  const unitRows: ServiceUnitRow[] = units.map((u) => {
    // A request nobody owns yet waits on the centre, which routes it.
    const mine = inYear.filter((r) => (r.owner ?? centre?.id ?? null) === u.id);
    const closed = mine.filter((r) => !isRequestOpen(r.state));
    const evaluations: Record<Satisfaction, number> = { satisfied: 0, basic: 0, unsatisfied: 0 };
    for (const r of mine) if (r.satisfaction) evaluations[r.satisfaction] += 1;
    const cov = u.kind === 'centre' ? coverage.countyWide : coverage.byUnit.get(u.id);
    const v = visitRows.get(u.id);
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      visits: v?.visits ?? 0,
      firmsVisited: v?.firms ?? 0,
      requests: {
        received: mine.length,
        open: mine.length - closed.length,
        closed: closed.length,
        overdue: mine.filter((r) => r.light?.light === 'red').length,
        medianDaysToClose: median(closed.map((r) => daysToClose(r.raisedAt, r.closedAt ?? r.raisedAt))),
        evaluated: evaluations.satisfied + evaluations.basic + evaluations.unsatisfied,
        satisfaction: satisfactionRate(evaluations),
      },
      coverage: Object.fromEntries(
        COVERAGE_LIBRARIES.map((l) => [l, cov ? coverageShare(cov[l]) : null]),
      ) as Record<CoverageLibrary, number | null>,
    };
  });

  const unitById = new Map(units.map((u) => [u.id, u]));
  const overdue: ServiceOverdueItem[] = inYear
    .filter((r) => r.light?.light === 'red')
    .map((r) => {
      const u = unitById.get(r.owner ?? centre?.id ?? -1);
      return {
        id: r.id,
        enterpriseId: r.enterpriseId,
        firm: r.firm,
        creditCode: r.creditCode,
        unit: u?.name ?? '',
        unitCode: u?.code ?? '',
        category: r.categoryLabel,
        categoryCode: r.category,
        title: r.title,
        deadline: r.light!.kind,
        dueOn: r.light!.dueOn,
        daysOverdue: r.light!.daysOverdue,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);

  const closedAll = inYear.filter((r) => !isRequestOpen(r.state));
  const evaluationsAll: Record<Satisfaction, number> = { satisfied: 0, basic: 0, unsatisfied: 0 };
  for (const r of inYear) if (r.satisfaction) evaluationsAll[r.satisfaction] += 1;
  const visitSum = await visitTotals(db, ctx.scope, w);
  const totals = {
    visits: visitSum.visits,
    firmsVisited: visitSum.firms,
    requests: inYear.length,
    open: inYear.length - closedAll.length,
    closed: closedAll.length,
    overdue: overdue.length,
    medianDaysToClose: median(closedAll.map((r) => daysToClose(r.raisedAt, r.closedAt ?? r.raisedAt))),
    satisfaction: satisfactionRate(evaluationsAll),
  };

  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  for (const r of inYear) if (r.light) lights[r.light.light] += 1;

  return {
    year,
    asOf,
    units: unitRows,
    totals,
    overdue,
    coverage: Object.fromEntries(COVERAGE_LIBRARIES.map((l) => [l, coverage.total[l]])) as Record<
      CoverageLibrary,
      CoverageCount
    >,
    lights,
  };
}

/** Per official: visits, firms visited, requests raised, the last visit day (in the caller's scope). */
export async function getServiceOfficials(
  db: Executor,
  ctx: RequestContext,
  q: ServiceReportQuery & { unitId?: number | undefined },
): Promise<ServiceOfficials> {
  const { year, asOf, w } = reportWindow(ctx, q);
  const rows = await visitsPerOfficial(db, ctx.scope, w, q.unitId);
  const raised = await requestsRaisedPerUser(db, ctx.scope, ctx.actor?.unit.id ?? null, w);
  return {
    year,
    asOf,
    items: rows
      .map((r) => ({
        userId: r.userId,
        name: r.name,
        unitId: r.unitId,
        unitName: r.unitName,
        visits: r.visits,
        firmsVisited: r.firms,
        requestsRaised: r.userId === null ? 0 : (raised.get(r.userId) ?? 0),
        lastVisitOn: r.lastVisitOn,
      }))
      .sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name, 'zh-CN')),
  };
}
