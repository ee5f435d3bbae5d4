// The net-increase board: per unit in both dimensions and for the county — entered,
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
  type CountingBatch,
  type CountingRule,
  type CumulativePoint,
  chinaDate,
  countingBatchOf,
  countingWindow,
  countingYear,
  countNetIncrease,
  type DataScope,
  type DecidingFirm,
  type DecidingFirmList,
  type FirmUnits,
  type ForecastBandPoint,
  isNewProduction,
  lastDayOfPeriod,
  type ProgressCumulative,
  type ProgressFirmList,
  type ProgressReport,
  type ProgressRow,
  periodsOfYear,
  rankUnits,
  remainingOf,
  scaleStatusAt,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getDeclarationCalendar } from '../declaration/declaration.service.js';
import {
  listOperatingStatusAt,
  listScaleHistoryOf,
  loadMonthlyFigures,
} from '../library/library.repository.js';
import { getLibraryThresholds } from '../library/library.service.js';
import type { OrgUnitRow } from '../org/org.repository.js';
import { countyUnitsOf } from '../target/county.js';
import { type TargetUnitView, targetsViewOf } from '../target/target.service.js';
import { countingRuleKey, countingRuleOf, getCountingRule } from './counting-rule.service.js';
import {
  conversionFromHistory,
  type FirmOutlook,
  firmOutlook,
  forecastHistory,
  netQuantile,
  probabilityReachTarget,
  unitInputsOf,
  unitNetDistribution,
  withBatches,
  yearTiming,
} from './progress.forecast.js';
import {
  type CountingArgs,
  countByUnit,
  type ForecastFirmRow,
  listCountedEvents,
  listCountedFirms,
  listForecastFirms,
  listOpenDeclarations,
  listWindowEvents,
  loadBoardContext,
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
  const rows = units.map((u): ProgressRow => {
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

// ── The forecast (docs/forecast.md, "From firms to the board") ─────────────────────────────────────────

interface YearForecast {
  firms: ForecastFirmRow[];
  /** The firms that can still enter or exit in the year, by id. */
  outlooks: Map<number, FirmOutlook>;
  /** Per firm, the sign of its events that already count (approved by asOf; +1 entered, −1 exited). */
  known: Map<number, number>;
  /** The year's counting window has closed: the known net is the outcome. */
  closed: boolean;
}

/** Per firm with counted events, the sign of their sum (0 when they cancel out). */
function knownOf(events: { enterpriseId: number; type: string }[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const e of events)
    sums.set(e.enterpriseId, (sums.get(e.enterpriseId) ?? 0) + (e.type === 'entry' ? 1 : -1));
  return new Map([...sums].map(([id, n]) => [id, Math.sign(n)]));
}

/**
 * Loads the firms of a scope set-based (firms, counted events of the year and of the two years before,
 * open declarations, operating status, monthly revenue of record, the declaration calendars, and the scale
 * history when the day is in the past), estimates the county's conversion rate and asks each firm once.
 */
async function loadYearForecast(
  db: Executor,
  ctx: RequestContext,
  scope: DataScope,
  year: number,
  asOf: string,
  rule: CountingRule,
  /** The county's scope when `scope` is narrower: the conversion rate is always the county's. */
  county: DataScope | null = null,
): Promise<YearForecast> {
  const today = chinaDate(ctx.now);
  const asOfPeriod = asOf.slice(0, 7);
  const through = asOfPeriod < `${year}-12` ? asOfPeriod : `${year}-12`;
  const cutMonth = rule.cutoff.slice(0, 2);
  const args = { ...countingArgs(year, rule, asOf), effectiveThrough: `${year}-${cutMonth}` };
  const timing = yearTiming(year, asOf, rule);
  const firmsAndEvents = Promise.all([listForecastFirms(db, scope), listWindowEvents(db, scope, args)]);
  if (timing.closed) {
    // The window is closed: no firm can move the year any more (firmOutlook), so no figures are needed.
    const [firms, events] = await firmsAndEvents;
    return { firms, outlooks: new Map(), known: knownOf(events), closed: true };
  }
  // The two years before, for the county's conversion rate: their counted entries.
  const pastArgs = {
    basis: rule.basis,
    after: `${year - 3}-${rule.cutoff}`,
    through: `${year - 1}-${rule.cutoff}`,
    asOf: `${year - 1}-${rule.cutoff}`,
    effectiveThrough: `${year - 1}-${cutMonth}`,
  };
  // A narrower scope (a township's /deciding list) still uses the county's rate: an aggregate, no firm data.
  const wide = county
    ? Promise.all([
        listForecastFirms(db, county),
        loadMonthlyFigures(db, county, null, `${year - 3}-01`, `${year - 1}-12`),
        listWindowEvents(db, county, pastArgs),
      ])
    : null;
  const [
    [firms, events],
    thresholds,
    operating,
    monthly,
    history,
    pastEvents,
    declared,
    calendars,
    countyFacts,
  ] = await Promise.all([
    firmsAndEvents,
    getLibraryThresholds(db, year),
    listOperatingStatusAt(db, scope, null, asOf),
    loadMonthlyFigures(db, scope, null, `${year - 3}-01`, through),
    asOf < today ? listScaleHistoryOf(db, scope, null) : Promise.resolve([]),
    county ? Promise.resolve([]) : listWindowEvents(db, scope, pastArgs),
    listOpenDeclarations(db, scope, [year - 1, year]),
    Promise.all([year - 2, year - 1, year].map((y) => getDeclarationCalendar(db, y))),
    wide,
  ]);
  const calendarOf = (y: number) => calendars[Math.min(2, Math.max(0, y - year + 2))]!;
  const known = knownOf(events);
  const historyOf = new Map<number, { status: 'above' | 'below'; effectivePeriod: string; seq: number }[]>();
  for (const h of history) {
    const list = historyOf.get(h.enterpriseId) ?? [];
    list.push({ status: h.status as 'above' | 'below', effectivePeriod: h.effectivePeriod, seq: h.id });
    historyOf.set(h.enterpriseId, list);
  }
  const enteredIn = new Set<string>();
  for (const e of countyFacts ? countyFacts[2] : pastEvents)
    if (e.type === 'entry') enteredIn.add(`${e.enterpriseId}:${countingYear(e, rule)}`);
  const declarationOf = new Map<number, { state: string; batch: CountingBatch }>();
  for (const d of declared) {
    if (declarationOf.has(d.enterpriseId)) continue; // the latest year's
    const batch = countingBatchOf(
      calendarOf(d.year),
      d.year,
      d.mode as 'monthly' | 'annual',
      d.batch,
      rule,
      year,
    );
    if (batch) declarationOf.set(d.enterpriseId, { state: d.state, batch });
  }
  const factsOf = (list: ForecastFirmRow[], figures: typeof monthly) =>
    list.map((f) => ({
      id: f.id,
      legalForm: f.legalForm,
      industryCode: f.industryCode,
      isNewIn: (y: number) => isNewProduction(f.productionStartedOn, y, `${y}-12-31`, thresholds),
      history: forecastHistory(figures.get(f.id), year, thresholds.revenuePriority),
    }));
  const facts = factsOf(firms, monthly);
  const conversion = conversionFromHistory(
    countyFacts ? factsOf(countyFacts[0], countyFacts[1]) : facts,
    year,
    rule,
    calendarOf,
    thresholds.scale,
    (id, y) => enteredIn.has(`${id}:${y}`),
  );
  const setting = withBatches({
    timing,
    asOf,
    rule,
    threshold: thresholds.scale,
    calendar: calendarOf(year),
    conversion: conversion.rate,
  });
  const outlooks = new Map<number, FirmOutlook>();
  firms.forEach((f, i) => {
    const hist = historyOf.get(f.id);
    const o = firmOutlook(
      {
        id: f.id,
        legalForm: f.legalForm,
        industryCode: f.industryCode,
        scale: hist ? scaleStatusAt(hist, asOfPeriod) : (f.scaleStatus as 'above' | 'below'),
        isNew: isNewProduction(f.productionStartedOn, year, asOf, thresholds),
        operating: operating.get(f.id) ?? 'normal',
        counted: known.has(f.id),
        history: facts[i]!.history,
        declaration: declarationOf.get(f.id) ?? null,
      },
      setting,
    );
    if (o) outlooks.set(f.id, o);
  });
  return { firms, outlooks, known, closed: false };
}

function reachOf(forecast: YearForecast, belongs: (f: ForecastFirmRow) => boolean, target: number | null) {
  if (target === null) return null;
  const u = unitInputsOf(forecast.firms, forecast.outlooks, forecast.known, belongs);
  return probabilityReachTarget(u, target, forecast.closed);
}

/** The county (as getCountyUnits finds it), its direct units, the year's targets and rule: one round trip. */
async function countyAndRule(db: Executor, year: number) {
  const board = await loadBoardContext(db, year, countingRuleKey(year));
  if (!board.county) throw new AppError('NOT_FOUND', '尚未初始化县级组织机构');
  return { board, county: board.county, rule: countingRuleOf(board.rule) };
}

export interface ProgressOptions {
  /** Compute pReachTarget / pReachCityTarget (default true; the province benchmark times the counts alone). */
  forecast?: boolean;
}

export async function getProgressReport(
  db: Executor,
  ctx: RequestContext,
  q: ProgressQuery,
  opts: ProgressOptions = {},
): Promise<ProgressReport> {
  const asOf = resolveAsOf(ctx, q.asOf);
  // One round trip for the county, its units, the targets and the rule; then the counts (and the forecast).
  const { board, county, rule } = await countyAndRule(db, q.year);
  const targets = targetsViewOf(q.year, countyUnitsOf(county, board.units), board.targets);
  const [counts, forecast] = await Promise.all([
    countByUnit(db, countyScope(county), countingArgs(q.year, rule, asOf)),
    opts.forecast === false
      ? Promise.resolve(null)
      : loadYearForecast(db, ctx, countyScope(county), q.year, asOf, rule),
  ]);
  const total = counts.find((c) => c.dimension === 'county') ?? { entered: 0, exited: 0 };
  const territorial = rowsOf(targets.territorial, counts, 'territorial');
  const supervising = rowsOf(targets.supervising, counts, 'supervising');
  if (forecast) {
    for (const r of territorial)
      r.pReachTarget = reachOf(forecast, (f) => f.townshipId === r.unitId, r.target);
    for (const r of supervising)
      r.pReachTarget = reachOf(forecast, (f) => f.supervisingUnitId === r.unitId, r.target);
  }
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
      pReachCityTarget: forecast ? reachOf(forecast, () => true, targets.cityTarget) : null,
    },
    dimensions: {
      territorial: visibleRows(ctx, territorial, 'territorial'),
      supervising: visibleRows(ctx, supervising, 'supervising'),
    },
  };
}

export interface DrillDownQuery extends ProgressQuery {
  kind: 'entered' | 'exited';
  dimension?: 'territorial' | 'supervising' | undefined;
  unitId?: number | undefined;
}

/** The firms behind a number of the board, inside the caller's data scope. */
export async function listProgressEnterprises(
  db: Executor,
  ctx: RequestContext,
  q: DrillDownQuery,
): Promise<ProgressFirmList> {
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

/**
 * The county's cumulative line through the year: for each month up to asOf, the board as it stood on the
 * month's last day (asOf within its own month). Events dated before 1 January that count in the year (a
 * cut-off before 12-31) are already in January's point.
 */
export async function getCumulative(
  db: Executor,
  ctx: RequestContext,
  q: ProgressQuery,
): Promise<ProgressCumulative> {
  const asOf = resolveAsOf(ctx, q.asOf);
  const { county, rule } = await countyAndRule(db, q.year);
  const remaining = periodsOfYear(q.year).filter((p) => p > asOf.slice(0, 7));
  const [events, yearForecast] = await Promise.all([
    listWindowEvents(db, countyScope(county), countingArgs(q.year, rule, asOf)),
    remaining.length > 0
      ? loadYearForecast(db, ctx, countyScope(county), q.year, asOf, rule)
      : Promise.resolve(null),
  ]);
  const forecast: ForecastBandPoint[] = [];
  if (yearForecast) {
    for (const period of remaining) {
      const u = unitInputsOf(
        yearForecast.firms,
        yearForecast.outlooks,
        yearForecast.known,
        () => true,
        Number(period.slice(5, 7)),
      );
      const dist = unitNetDistribution(u.knownNet, u.entryPs, u.exitPs);
      forecast.push({
        period,
        p10: netQuantile(dist, 0.1),
        p50: netQuantile(dist, 0.5),
        p90: netQuantile(dist, 0.9),
      });
    }
  }
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
  return { year: q.year, asOf, months, forecast };
}

export interface DecidingQuery extends ProgressQuery {
  dimension?: 'territorial' | 'supervising' | undefined;
  unitId?: number | undefined;
}

/** The band of probabilities that makes a firm undecided: it may go either way. */
export const DECIDING_BAND = { low: 0.2, high: 0.8 } as const;

/**
 * The firms that decide the year: those in the caller's scope (optionally of one unit) whose
 * entry or exit is still open either way, p in [0.2, 0.8], the most likely first.
 */
export async function listDecidingFirms(
  db: Executor,
  ctx: RequestContext,
  q: DecidingQuery,
): Promise<DecidingFirmList> {
  if (q.unitId && !q.dimension)
    throw new AppError('VALIDATION', '按单位查看时请指定维度（territorial 或 supervising）', [
      { path: 'dimension', message: '请指定维度' },
    ]);
  const asOf = resolveAsOf(ctx, q.asOf);
  const { county, rule } = await countyAndRule(db, q.year);
  const whole = ctx.scope.kind === 'subtree' && ctx.scope.unitId === county.id;
  const forecast = await loadYearForecast(
    db,
    ctx,
    ctx.scope,
    q.year,
    asOf,
    rule,
    whole ? null : countyScope(county),
  );
  const items: DecidingFirm[] = [];
  for (const f of forecast.firms) {
    if (q.unitId && q.dimension === 'territorial' && f.townshipId !== q.unitId) continue;
    if (q.unitId && q.dimension === 'supervising' && f.supervisingUnitId !== q.unitId) continue;
    const o = forecast.outlooks.get(f.id);
    if (!o || o.p < DECIDING_BAND.low || o.p > DECIDING_BAND.high) continue;
    items.push({
      id: f.id,
      creditCode: f.creditCode,
      name: f.name,
      townshipId: f.townshipId,
      townshipName: f.townshipName,
      supervisingUnitId: f.supervisingUnitId,
      supervisingUnitName: f.supervisingUnitName,
      kind: o.kind,
      p: Math.round(o.p * 10_000) / 10_000,
      projectedRevenue: o.projectedRevenue(),
      ytdRevenue: o.ytdRevenue,
      ytdMonths: o.ytdMonths,
    });
  }
  items.sort((a, b) => b.p - a.p || (b.ytdRevenue ?? 0) - (a.ytdRevenue ?? 0) || a.id - b.id);
  return { year: q.year, asOf, items };
}
