// Backtest of the BOARD's own probabilities (docs/forecast.md, "Backtest of the board"): on the demo county,
// as of the end of each month of 2024 (January … November), the board's P(net ≥ target) for every unit with
// a target and for the county — computed by the same functions the progress report uses (firmOutlook,
// conversionFromHistory, unitInputsOf, probabilityReachTarget) from what was known on that day — scored
// against the DIRECTORY outcome: the net increase counted at the year's cut-off against the target. Not
// against the crossing of the line. Pure: no database, no clock.
//
// What the demo cannot exercise, and is stated with the results: it has no declarations (every firm goes
// through the "no declaration" path), no operating statuses, and its figures for a month are taken as known
// at that month's end (in life they arrive two to three weeks later).
import {
  COUNTY_BODIES,
  type CountableEvent,
  type CountingRule,
  countingYear,
  countNetIncrease,
  countsAsOf,
  countyUnitSeeds,
  DEFAULT_COUNTING_RULE,
  DEFAULT_LIBRARY_THRESHOLDS,
  DEFAULT_REVENUE_PRIORITY,
  defaultDeclarationCalendar,
  isNewProduction,
  lastDayOfPeriod,
  periodOf,
  type RevenuePriority,
  SEED_CITY_TARGET,
  SEED_SUPERVISING_TARGETS,
  SEED_TERRITORIAL_TARGETS,
} from '@shenggui/domain';
import { type DemoEnterprise, generateDemoPopulation } from '../demo/demo-population.js';
import {
  conversionFromHistory,
  type FirmOutlook,
  firmOutlook,
  probabilityReachTarget,
  unitInputsOf,
  withBatches,
  yearTiming,
} from '../progress/progress.forecast.js';
import { demoDirectoryEvents } from '../setup/demo-directory.js';
import { BACKTEST_COUNTY, historyAsOf, revenueOfRecord, statusAt } from './backtest.js';

export const BOARD_BACKTEST_YEAR = 2024;
/** The seed of the demo county itself, then four more synthetic counties for a larger (still small) sample. */
export const BOARD_BACKTEST_SEEDS = [20240522, 1, 2, 3, 4] as const;

export interface BoardForecast {
  seed: number;
  /** 'county' or the unit's name. */
  unit: string;
  level: 'county' | 'territorial' | 'supervising';
  asOfMonth: number;
  target: number;
  /** The net already counted on the as-of day. */
  knownNet: number;
  /** P(net at the cut-off ≥ target), as the board shows it. */
  p: number;
  /** The net counted at the year's cut-off. */
  finalNet: number;
  outcome: 0 | 1;
}

export interface ScoreFigures {
  n: number;
  brier: number;
  /** Brier of always forecasting the sample's base rate (in-sample climatology: flatters the baseline). */
  climatology: number;
  skill: number;
  baseRate: number;
}

export interface ReliabilityRow {
  from: number;
  to: number;
  count: number;
  meanForecast: number | null;
  observed: number | null;
}

export interface BoardBacktestResult {
  year: number;
  seeds: number[];
  rule: CountingRule;
  /** Per seed: the county's conversion rate the board used (estimated from 2022–2023) and its basis. */
  conversion: { seed: number; crossed: number; entered: number; rate: number }[];
  /**
   * Per seed: the entries counted in the year, and how many of them the platform's eligibility rule would have
   * refused (cumulative revenue of record below the line at their batch's data month).
   */
  entries: { seed: number; counted: number; belowAtDataMonth: number }[];
  overall: ScoreFigures;
  demoSeed: ScoreFigures;
  byLevel: Record<'county' | 'unit', ScoreFigures>;
  byMonth: (ScoreFigures & { asOfMonth: number })[];
  reliability: ReliabilityRow[];
  /** Forecasts shown as exactly 0 or 1 (decided: no possible event could change the outcome). */
  decided: number;
  /** Of those, the ones the outcome contradicted (must be none). */
  decidedWrong: number;
  forecasts: BoardForecast[];
}

function score(fs: readonly BoardForecast[]): ScoreFigures {
  const n = fs.length;
  if (n === 0) return { n, brier: 0, climatology: 0, skill: 0, baseRate: 0 };
  const baseRate = fs.reduce((s, f) => s + f.outcome, 0) / n;
  let b = 0;
  let c = 0;
  for (const f of fs) {
    b += (f.p - f.outcome) ** 2;
    c += (baseRate - f.outcome) ** 2;
  }
  const brier = b / n;
  const climatology = c / n;
  return { n, brier, climatology, skill: climatology > 0 ? 1 - brier / climatology : 0, baseRate };
}

function reliability(fs: readonly BoardForecast[], bins = 5): ReliabilityRow[] {
  return Array.from({ length: bins }, (_, i) => {
    const from = i / bins;
    const to = (i + 1) / bins;
    const inBin = fs.filter((f) => f.p >= from && (f.p < to || (i === bins - 1 && f.p <= 1)));
    const count = inBin.length;
    return {
      from,
      to,
      count,
      meanForecast: count ? inBin.reduce((s, f) => s + f.p, 0) / count : null,
      observed: count ? inBin.reduce((s, f) => s + f.outcome, 0) / count : null,
    };
  });
}

interface Firm {
  id: number;
  e: DemoEnterprise;
  township: string;
  body: string;
  record: Map<string, number>;
}

/** The board of one synthetic county, as of the end of each month, against the year's directory outcome. */
function backtestCounty(seed: number, year: number, rule: CountingRule, priority: RevenuePriority) {
  const seeds = countyUnitSeeds(BACKTEST_COUNTY);
  const townships = seeds.filter((u) => u.kind === 'township');
  const population = generateDemoPopulation({
    countyCode6: BACKTEST_COUNTY,
    townships: townships.map(({ code, name }) => ({ code, name })),
    seed,
  });
  const nameOf = new Map(townships.map((t) => [t.code, t.name]));
  const firms: Firm[] = population.map((e, id) => ({
    id,
    e,
    township: nameOf.get(e.townshipCode) ?? e.townshipCode,
    body: e.supervisingKey,
    record: revenueOfRecord(e, priority),
  }));
  const events: CountableEvent[] = demoDirectoryEvents(population).map((d) => ({
    enterpriseId: d.index,
    type: d.type,
    approvalDate: d.approvalDate,
    effectivePeriod: d.effectivePeriod,
  }));
  const units = new Map(firms.map((f) => [f.id, { townshipId: f.id, supervisingUnitId: f.id }]));
  // The outcome: the net counted at the cut-off, per firm (+1 / −1), then per unit.
  const final = countNetIncrease(events, units, year, `${year}-${rule.cutoff}`, rule).firms;
  const netOf = (belongs: (f: Firm) => boolean) =>
    firms.reduce((s, f) => s + (belongs(f) ? (final.get(f.id) ?? 0) : 0), 0);
  const enteredIn = new Set(
    events.filter((e) => e.type === 'entry').map((e) => `${e.enterpriseId}:${countingYear(e, rule)}`),
  );
  const t = DEFAULT_LIBRARY_THRESHOLDS;
  const calendarOf = (y: number) => defaultDeclarationCalendar(y);
  const targets: {
    unit: string;
    level: BoardForecast['level'];
    target: number;
    belongs: (f: Firm) => boolean;
  }[] = [
    { unit: 'county', level: 'county', target: SEED_CITY_TARGET, belongs: () => true },
    ...SEED_TERRITORIAL_TARGETS.map((x) => ({
      unit: x.township,
      level: 'territorial' as const,
      target: x.target,
      belongs: (f: Firm) => f.township === x.township,
    })),
    ...SEED_SUPERVISING_TARGETS.map((x) => ({
      unit: COUNTY_BODIES.find((b) => b.key === x.body)?.name ?? x.body,
      level: 'supervising' as const,
      target: x.target,
      belongs: (f: Firm) => f.body === x.body,
    })),
  ];

  const out: BoardForecast[] = [];
  let conversion = { crossed: 0, entered: 0, rate: 0 };
  for (let month = 1; month <= 11; month++) {
    const asOf = lastDayOfPeriod(periodOf(year, month));
    const asOfPeriod = asOf.slice(0, 7);
    const present = firms.filter((f) => f.e.foundedOn <= asOf);
    const known = new Map<number, number>();
    for (const e of events) {
      if (countingYear(e, rule) !== year || !countsAsOf(e, asOf, rule)) continue;
      known.set(e.enterpriseId, (known.get(e.enterpriseId) ?? 0) + (e.type === 'entry' ? 1 : -1));
    }
    for (const [id, n] of known) known.set(id, Math.sign(n));
    const facts = present.map((f) => ({
      id: f.id,
      legalForm: f.e.legalForm,
      industryCode: f.e.industryCode,
      isNewIn: (y: number) => isNewProduction(f.e.productionStartedOn, y, `${y}-12-31`, t),
      history: historyAsOf(f.record, year, month, year - 3),
    }));
    conversion = conversionFromHistory(facts, year, rule, calendarOf, t.scale, (id, y) =>
      enteredIn.has(`${id}:${y}`),
    );
    const setting = withBatches({
      timing: yearTiming(year, asOf, rule),
      asOf,
      rule,
      threshold: t.scale,
      calendar: calendarOf(year),
      conversion: conversion.rate,
    });
    const outlooks = new Map<number, FirmOutlook>();
    present.forEach((f, i) => {
      const o = firmOutlook(
        {
          id: f.id,
          legalForm: f.e.legalForm,
          industryCode: f.e.industryCode,
          scale: statusAt(f.e, asOfPeriod),
          isNew: isNewProduction(f.e.productionStartedOn, year, asOf, t),
          operating: 'normal',
          counted: known.has(f.id),
          history: facts[i]!.history,
          declaration: null,
        },
        setting,
      );
      if (o) outlooks.set(f.id, o);
    });
    for (const u of targets) {
      const inputs = unitInputsOf(present, outlooks, known, u.belongs);
      const finalNet = netOf(u.belongs);
      out.push({
        seed,
        unit: u.unit,
        level: u.level,
        asOfMonth: month,
        target: u.target,
        knownNet: inputs.knownNet,
        p: probabilityReachTarget(inputs, u.target, setting.timing.closed)!,
        finalNet,
        outcome: finalNet >= u.target ? 1 : 0,
      });
    }
  }
  // The demo's own directory against the platform's eligibility rule: entries counted in the year whose
  // cumulative revenue of record by their batch's data month (the month before the approval's month) was
  // below the line. The board follows the rule, so it cannot foresee these.
  let counted = 0;
  let belowAtDataMonth = 0;
  for (const e of events) {
    if (e.type !== 'entry' || countingYear(e, rule) !== year || (final.get(e.enterpriseId) ?? 0) <= 0)
      continue;
    counted++;
    const approval = e.approvalDate.slice(0, 7);
    const dataYear = Number(approval.slice(0, 4));
    const dataMonth = Number(approval.slice(5, 7)) - 1;
    const rec = firms[e.enterpriseId]!.record;
    let cum = 0;
    for (let m = 1; m <= dataMonth; m++) cum += rec.get(periodOf(dataYear, m)) ?? 0;
    const previousYear = dataMonth === 0; // a January batch declares on last year's full figures
    if (previousYear) for (let m = 1; m <= 12; m++) cum += rec.get(periodOf(dataYear - 1, m)) ?? 0;
    if (cum < t.scale) belowAtDataMonth++;
  }
  return {
    forecasts: out,
    conversion: { seed, ...conversion },
    entries: { seed, counted, belowAtDataMonth },
  };
}

export function runBoardBacktest(
  options: { seeds?: readonly number[]; rule?: CountingRule; priority?: RevenuePriority } = {},
): BoardBacktestResult {
  const priority = options.priority ?? DEFAULT_REVENUE_PRIORITY;
  const year = BOARD_BACKTEST_YEAR;
  const rule = options.rule ?? DEFAULT_COUNTING_RULE;
  const seeds = [...(options.seeds ?? BOARD_BACKTEST_SEEDS)];
  const forecasts: BoardForecast[] = [];
  const conversion: BoardBacktestResult['conversion'] = [];
  const entries: BoardBacktestResult['entries'] = [];
  for (const seed of seeds) {
    const r = backtestCounty(seed, year, rule, priority);
    forecasts.push(...r.forecasts);
    conversion.push(r.conversion);
    entries.push(r.entries);
  }
  const byMonth = Array.from({ length: 11 }, (_, i) => ({
    asOfMonth: i + 1,
    ...score(forecasts.filter((f) => f.asOfMonth === i + 1)),
  }));
  return {
    year,
    seeds,
    rule,
    conversion,
    entries,
    overall: score(forecasts),
    demoSeed: score(forecasts.filter((f) => f.seed === seeds[0])),
    byLevel: {
      county: score(forecasts.filter((f) => f.level === 'county')),
      unit: score(forecasts.filter((f) => f.level !== 'county')),
    },
    byMonth,
    reliability: reliability(forecasts),
    decided: forecasts.filter((f) => f.p === 0 || f.p === 1).length,
    decidedWrong: forecasts.filter((f) => (f.p === 0 || f.p === 1) && f.p !== f.outcome).length,
    forecasts,
  };
}
