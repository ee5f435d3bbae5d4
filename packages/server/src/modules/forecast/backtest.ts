// Backtest of the forecast (packages/domain/src/forecast.ts) on the demo county's history: as of the end of
// each month of 2024 (January … November), forecast every firm from the data up to that month only, then
// score the forecasts against what the full 2024 data says happened. Pure: no database, no clock.
//
// Questions asked of each firm registered by the as-of date:
//  - below scale at the as-of month: P(cumulative 2024 revenue of record reaches 20M by December)
//    — the outcome is whether it did;
//  - above scale at the as-of month: P(2024 ends below 20M) — the outcome is whether it did.
// Revenue of record follows the county's one priority (`revenue.priority`, domain revenue-of-record.ts): the
// pure functions take it as an option, `runBacktestAsConfigured` reads it from the settings.
import {
  countyUnitSeeds,
  DEFAULT_REVENUE_PRIORITY,
  DEFAULT_SCALE_THRESHOLD_YUAN,
  type FirmHistory,
  fitFirm,
  netDistribution,
  pickRevenueOfRecord,
  type RevenuePriority,
  reachProbability,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { type DemoEnterprise, generateDemoPopulation } from '../demo/demo-population.js';
import { getRevenuePriority } from '../settings/settings.service.js';

export const BACKTEST_YEAR = 2024;
export const BACKTEST_COUNTY = '140322';

export type BacktestQuestion = 'reach' | 'below';

export interface BacktestForecast {
  creditCode: string;
  name: string;
  /** As of the end of this month of the backtest year (1–11). */
  asOfMonth: number;
  question: BacktestQuestion;
  p: number;
  /** 1 when the event happened, else 0. */
  outcome: 0 | 1;
}

export interface BrierFigures {
  n: number;
  brier: number;
  /** Brier score of always forecasting the base rate of each question (climatology). */
  climatology: number;
  /** 1 − brier / climatology: above 0 means better than the base rate. */
  skill: number;
}

export interface ReliabilityBin {
  /** [from, to) except the last bin, which includes 1. */
  from: number;
  to: number;
  count: number;
  /** Mean forecast probability in the bin (null when empty). */
  meanForecast: number | null;
  /** Share of the bin's forecasts whose event happened (null when empty). */
  observed: number | null;
}

export interface CountyMonth {
  asOfMonth: number;
  /** Below-scale firms whose 2024 revenue reaches 20M: the forecast distribution and what happened. */
  crossings: CountFigures;
  /** Above-scale firms whose 2024 ends below 20M. */
  exits: CountFigures;
  /** crossings − exits. */
  net: CountFigures;
}

export interface CountFigures {
  expected: number;
  /** 5th and 95th percentiles of the forecast distribution. */
  low: number;
  high: number;
  actual: number;
  /** P(count ≤ actual) under the forecast: near 0 or 1 means the actual count was a surprise. */
  pAtOrBelowActual: number;
}

export interface BacktestResult {
  year: number;
  threshold: number;
  firms: number;
  overall: BrierFigures;
  byQuestion: Record<BacktestQuestion, BrierFigures & { baseRate: number }>;
  byMonth: (BrierFigures & { asOfMonth: number })[];
  reliability: ReliabilityBin[];
  county: CountyMonth[];
  forecasts: BacktestForecast[];
}

type Monthly = Map<string, number>;

/** Revenue of record per month ('YYYY-MM') under the county's priority (statistics first by default). */
export function revenueOfRecord(
  e: DemoEnterprise,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
): Monthly {
  const tax: Monthly = new Map();
  const stats: Monthly = new Map();
  for (const r of e.revenue) {
    if (r.source === 'tax') tax.set(r.period, r.value);
    else if (r.source === 'statistics') stats.set(r.period, r.value);
  }
  const out: Monthly = new Map();
  for (const period of new Set([...tax.keys(), ...stats.keys()])) {
    const v = pickRevenueOfRecord(stats.get(period), tax.get(period), priority);
    if (v !== null) out.set(period, v);
  }
  return out;
}

const period = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** The firm's history as the forecast sees it at the end of `asOfMonth` of `year`. */
export function historyAsOf(
  record: Monthly,
  year: number,
  asOfMonth: number,
  firstYear: number,
): FirmHistory {
  const pastYears: (number | null)[][] = [];
  for (let y = firstYear; y < year; y++) {
    const row: (number | null)[] = [];
    for (let m = 1; m <= 12; m++) row.push(record.get(period(y, m)) ?? null);
    pastYears.push(row);
  }
  const thisYear: (number | null)[] = [];
  for (let m = 1; m <= asOfMonth; m++) thisYear.push(record.get(period(year, m)) ?? null);
  return { pastYears, thisYear };
}

/** Scale status in a period ('YYYY-MM') from the firm's scale history. */
export function statusAt(e: DemoEnterprise, p: string): 'above' | 'below' {
  let status: 'above' | 'below' = 'below';
  for (const c of e.scaleHistory) if (c.effectivePeriod <= p) status = c.status;
  return status;
}

function brierOf(fs: BacktestForecast[], baseRate: Record<BacktestQuestion, number>): BrierFigures {
  let b = 0;
  let c = 0;
  for (const f of fs) {
    b += (f.p - f.outcome) ** 2;
    c += (baseRate[f.question] - f.outcome) ** 2;
  }
  const n = fs.length;
  const brier = n ? b / n : 0;
  const climatology = n ? c / n : 0;
  return { n, brier, climatology, skill: climatology > 0 ? 1 - brier / climatology : 0 };
}

function reliabilityOf(fs: BacktestForecast[], bins = 10): ReliabilityBin[] {
  const out: ReliabilityBin[] = [];
  for (let i = 0; i < bins; i++) {
    const from = i / bins;
    const to = (i + 1) / bins;
    const inBin = fs.filter((f) => f.p >= from && (f.p < to || (i === bins - 1 && f.p <= 1)));
    const count = inBin.length;
    out.push({
      from,
      to,
      count,
      meanForecast: count ? inBin.reduce((s, f) => s + f.p, 0) / count : null,
      observed: count ? inBin.reduce((s, f) => s + f.outcome, 0) / count : null,
    });
  }
  return out;
}

function countFigures(dist: { min: number; pmf: number[] }, actual: number): CountFigures {
  let expected = 0;
  let cum = 0;
  let low: number | null = null;
  let high: number | null = null;
  let atOrBelow = 0;
  dist.pmf.forEach((p, i) => {
    const k = dist.min + i;
    expected += k * p;
    cum += p;
    if (low === null && cum >= 0.05) low = k;
    if (high === null && cum >= 0.95) high = k;
    if (k <= actual) atOrBelow = cum;
  });
  const max = dist.min + dist.pmf.length - 1;
  return {
    expected,
    low: low ?? dist.min,
    high: high ?? max,
    actual,
    pAtOrBelowActual: Math.min(1, atOrBelow),
  };
}

export interface BacktestOptions {
  seed?: number;
  count?: number;
  /** The revenue-of-record priority (default: statistics first, the built-in setting). */
  priority?: RevenuePriority;
}

/** The backtest under the county's configured revenue-of-record priority (`revenue.priority`). */
export async function runBacktestAsConfigured(
  db: Executor,
  options: Omit<BacktestOptions, 'priority'> = {},
): Promise<BacktestResult> {
  return runBacktest({ ...options, priority: await getRevenuePriority(db) });
}

export function runBacktest(options: BacktestOptions = {}): BacktestResult {
  const threshold = DEFAULT_SCALE_THRESHOLD_YUAN;
  const year = BACKTEST_YEAR;
  const townships = countyUnitSeeds(BACKTEST_COUNTY)
    .filter((u) => u.kind === 'township')
    .map(({ code, name }) => ({ code, name }));
  const population = generateDemoPopulation({
    countyCode6: BACKTEST_COUNTY,
    townships,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.count === undefined ? {} : { count: options.count }),
  });
  const firstYear = 2022;

  const forecasts: BacktestForecast[] = [];
  const county: CountyMonth[] = [];
  for (let asOf = 1; asOf <= 11; asOf++) {
    const asOfPeriod = period(year, asOf);
    const lastDay = `${asOfPeriod}-31`;
    const entryPs: number[] = [];
    const exitPs: number[] = [];
    let crossed = 0;
    let exited = 0;
    for (const e of population) {
      if (e.foundedOn > lastDay) continue;
      const record = revenueOfRecord(e, options.priority);
      let total = 0;
      for (let m = 1; m <= 12; m++) total += record.get(period(year, m)) ?? 0;
      const model = fitFirm(historyAsOf(record, year, asOf, firstYear));
      const reach = reachProbability(model, threshold, 12);
      if (statusAt(e, asOfPeriod) === 'below') {
        const outcome = total >= threshold ? 1 : 0;
        forecasts.push({
          creditCode: e.creditCode,
          name: e.name,
          asOfMonth: asOf,
          question: 'reach',
          p: reach,
          outcome,
        });
        entryPs.push(reach);
        crossed += outcome;
      } else {
        const outcome = total < threshold ? 1 : 0;
        const p = 1 - reach;
        forecasts.push({
          creditCode: e.creditCode,
          name: e.name,
          asOfMonth: asOf,
          question: 'below',
          p,
          outcome,
        });
        exitPs.push(p);
        exited += outcome;
      }
    }
    county.push({
      asOfMonth: asOf,
      crossings: countFigures(netDistribution(entryPs, []), crossed),
      exits: countFigures(netDistribution(exitPs, []), exited),
      net: countFigures(netDistribution(entryPs, exitPs), crossed - exited),
    });
  }

  const rate = (q: BacktestQuestion): number => {
    const fs = forecasts.filter((f) => f.question === q);
    return fs.length ? fs.reduce((s, f) => s + f.outcome, 0) / fs.length : 0;
  };
  const baseRate = { reach: rate('reach'), below: rate('below') };
  const months: (BrierFigures & { asOfMonth: number })[] = [];
  for (let asOf = 1; asOf <= 11; asOf++) {
    months.push({
      asOfMonth: asOf,
      ...brierOf(
        forecasts.filter((f) => f.asOfMonth === asOf),
        baseRate,
      ),
    });
  }
  return {
    year,
    threshold,
    firms: population.length,
    overall: brierOf(forecasts, baseRate),
    byQuestion: {
      reach: {
        ...brierOf(
          forecasts.filter((f) => f.question === 'reach'),
          baseRate,
        ),
        baseRate: baseRate.reach,
      },
      below: {
        ...brierOf(
          forecasts.filter((f) => f.question === 'below'),
          baseRate,
        ),
        baseRate: baseRate.below,
      },
    },
    byMonth: months,
    reliability: reliabilityOf(forecasts),
    county,
    forecasts,
  };
}
