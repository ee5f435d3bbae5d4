// The revenue of record (收入口径, docs/domain.md §4): month by month, one source's figure where it exists, else
// the other's. Which source comes first is one county setting (`revenue.priority`, statistics first by
// default); libraries, declaration checks, the forecast, the board and the exports all read it through
// these functions, so one firm-month has one revenue everywhere.
import { periodOf, splitPeriod } from './period.js';

export const REVENUE_PRIORITIES = ['statistics-first', 'tax-first'] as const;
export type RevenuePriority = (typeof REVENUE_PRIORITIES)[number];
export const REVENUE_PRIORITY_LABELS: Record<RevenuePriority, string> = {
  'statistics-first': '统计优先，税务补充',
  'tax-first': '税务优先，统计补充',
};
export const DEFAULT_REVENUE_PRIORITY: RevenuePriority = 'statistics-first';

/** The figure of record of one firm-month from its statistics and tax figures (null when neither exists). */
export function pickRevenueOfRecord(
  statistics: number | null | undefined,
  tax: number | null | undefined,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
): number | null {
  const s = statistics ?? null;
  const t = tax ?? null;
  return priority === 'statistics-first' ? (s ?? t) : (t ?? s);
}

/** Which source a firm-month's figure of record came from. */
export function revenueOfRecordSource(
  statistics: number | null | undefined,
  tax: number | null | undefined,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
): 'statistics' | 'tax' | null {
  const hasS = statistics !== null && statistics !== undefined;
  const hasT = tax !== null && tax !== undefined;
  if (priority === 'statistics-first') return hasS ? 'statistics' : hasT ? 'tax' : null;
  return hasT ? 'tax' : hasS ? 'statistics' : null;
}

/** Months as runs: [1,2,3,5,6] → "1-3、5-6月"; [7] → "7月". */
function monthRuns(months: number[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < months.length) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j]! + 1) j++;
    runs.push(i === j ? `${months[i]}` : `${months[i]}-${months[j]}`);
    i = j + 1;
  }
  return `${runs.join('、')}月`;
}

/**
 * How a year's figure is labelled: "2023年" for a full year, "2023年（7-12月，6个月）" when fewer than
 * twelve months have figures, "2023年（无数据）" when none. Months outside 1–12 and repeats are ignored.
 */
export function yearCoverageLabel(year: number, months: Iterable<number>): string {
  const list = [...new Set([...months].filter((m) => Number.isInteger(m) && m >= 1 && m <= 12))].sort(
    (a, b) => a - b,
  );
  if (list.length === 12) return `${year}年`;
  if (list.length === 0) return `${year}年（无数据）`;
  return `${year}年（${monthRuns(list)}，${list.length}个月）`;
}

/** True when a year has figures for fewer than twelve months. */
export function isPartialYear(months: Iterable<number>): boolean {
  return new Set([...months].filter((m) => m >= 1 && m <= 12)).size < 12;
}

/** The months of `year` among periods (`YYYY-MM`), e.g. from a comma-separated list a query returned. */
export function monthsOfYear(year: number, periods: Iterable<string>): number[] {
  const out: number[] = [];
  for (const p of periods) {
    if (!/^\d{4}-\d{2}$/.test(p)) continue;
    const s = splitPeriod(p);
    if (s.year === year && p === periodOf(year, s.month)) out.push(s.month);
  }
  return out;
}

/**
 * How the library rules treat a year with fewer than twelve months (docs/glossary.md, 收入口径): the months
 * that have figures are added up as they are — never annualised — and the reason says which months they were.
 */
export const PARTIAL_YEAR_RULE = '按实有月份合计，不折算全年';

// ── Months and quarters ──────────────────────────────────────────────────────────────────────────────
// A figure covers one month or, for a quarterly VAT return (小规模纳税人 file VAT by quarter), one calendar
// quarter (docs/glossary.md 季度数据). A quarter is stored under its LAST month with `months: 3`: "figures up
// to month M" then takes a quarter only once it has ended, and a year's figures include its quarters — never
// spread over three months, never dropped.

export type FigureSpan = 1 | 3;
export type FigurePriority = RevenuePriority;

/** A month 3, 6, 9 or 12 ends a calendar quarter. */
export function isQuarterEnd(period: string): boolean {
  return splitPeriod(period).month % 3 === 0;
}

/** The quarter (1–4) a month falls in. */
export function quarterOfPeriod(period: string): { year: number; quarter: number } {
  const { year, month } = splitPeriod(period);
  return { year, quarter: Math.ceil(month / 3) };
}

/** The last month of a quarter: 2024 Q1 → "2024-03". */
export function quarterEndPeriod(year: number, quarter: number): string {
  return periodOf(year, quarter * 3);
}

/** The months a figure covers, oldest first: one month, or the three months of a quarter ending at `period`. */
export function coveredPeriods(period: string, months: FigureSpan = 1): string[] {
  if (months === 1) return [period];
  const { year, month } = splitPeriod(period);
  return [periodOf(year, month - 2), periodOf(year, month - 1), period];
}

/** "2024年第1季度" for a quarter, "2024年1月" for a month (the UI's way of naming a figure's period). */
export function figurePeriodLabel(period: string, months: FigureSpan = 1): string {
  const { year, month } = splitPeriod(period);
  return months === 3 ? `${year}年第${month / 3}季度` : `${year}年${month}月`;
}

/** "2024Q1" for a quarter, "2024-01" for a month (files, the API, the command line). */
export function figurePeriodKey(period: string, months: FigureSpan = 1): string {
  const { year, month } = splitPeriod(period);
  return months === 3 ? `${year}Q${month / 3}` : period;
}

export interface SourcedFigure {
  /** The last month the figure covers. */
  period: string;
  source: string;
  value: number;
  /** 1 = a month, 3 = the calendar quarter ending at `period`. */
  months?: FigureSpan | undefined;
}

export interface RecordEntry {
  /** The last month covered. */
  period: string;
  months: FigureSpan;
  value: number;
  source: 'statistics' | 'tax';
}

const quarterKey = (period: string) => {
  const q = quarterOfPeriod(period);
  return `${q.year}Q${q.quarter}`;
};

/**
 * The revenue of record of one firm from its current statistics and tax figures. Month by month the
 * preferred source where it has a figure, else the other — as long as no figure of the quarter is
 * quarterly. A quarter in which either source filed a quarterly figure is decided as a whole: the preferred
 * source if it covers the whole quarter (its quarterly figure, or all three months), else the other's;
 * mixing a quarter from one source with months of the other would count months twice or not at all.
 * Figures of other sources are ignored. The result is sorted by period.
 */
export function revenueOfRecordEntries(
  figures: readonly SourcedFigure[],
  priority: FigurePriority = DEFAULT_REVENUE_PRIORITY,
): RecordEntry[] {
  type Cell = { months: Map<string, number>; quarter: number | null };
  const quarters = new Map<string, { statistics: Cell; tax: Cell; end: string }>();
  for (const f of figures) {
    if (f.source !== 'statistics' && f.source !== 'tax') continue;
    const key = quarterKey(f.period);
    let q = quarters.get(key);
    if (!q) {
      const { year, quarter } = quarterOfPeriod(f.period);
      q = {
        statistics: { months: new Map(), quarter: null },
        tax: { months: new Map(), quarter: null },
        end: quarterEndPeriod(year, quarter),
      };
      quarters.set(key, q);
    }
    const cell = q[f.source];
    // One current figure per (period, source); should two arrive, the larger is kept, whatever the order.
    if ((f.months ?? 1) === 3)
      cell.quarter = cell.quarter === null ? f.value : Math.max(cell.quarter, f.value);
    else cell.months.set(f.period, Math.max(cell.months.get(f.period) ?? f.value, f.value));
  }
  const order: ('statistics' | 'tax')[] =
    priority === 'statistics-first' ? ['statistics', 'tax'] : ['tax', 'statistics'];
  const out: RecordEntry[] = [];
  for (const q of quarters.values()) {
    const months = coveredPeriods(q.end, 3);
    if (q.statistics.quarter === null && q.tax.quarter === null) {
      for (const p of months) {
        for (const source of order) {
          const v = q[source].months.get(p);
          if (v !== undefined) {
            out.push({ period: p, months: 1, value: v, source });
            break;
          }
        }
      }
      continue;
    }
    for (const source of order) {
      const cell = q[source];
      if (cell.quarter !== null) {
        out.push({ period: q.end, months: 3, value: cell.quarter, source });
        break;
      }
      if (months.every((p) => cell.months.has(p))) {
        for (const p of months) out.push({ period: p, months: 1, value: cell.months.get(p)!, source });
        break;
      }
    }
  }
  return out.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

/**
 * The sum of the entries of `year` that have ended by month `throughMonth` (12: the whole year), and the
 * months they cover. Null when there is none.
 */
export function cumulativeOfRecord(
  entries: readonly RecordEntry[],
  year: number,
  throughMonth = 12,
): { value: number; months: number } | null {
  const last = periodOf(year, throughMonth);
  const first = periodOf(year, 1);
  let sum = 0;
  let months = 0;
  for (const e of entries) {
    if (e.period < first || e.period > last) continue;
    sum += e.value;
    months += e.months;
  }
  return months === 0 ? null : { value: Math.round(sum * 100) / 100, months };
}

/**
 * Twelve monthly values of a year for the monthly forecast model (forecast.ts), which needs a month's
 * figure to fit seasonality: a quarter enters it as three equal months. Only the model's input is spread
 * this way (docs/forecast.md); totals and cumulative checks use the quarter as a quarter.
 */
export function monthlyModelRow(entries: readonly RecordEntry[], year: number): (number | null)[] {
  const row: (number | null)[] = Array.from({ length: 12 }, () => null);
  for (const e of entries) {
    const { year: y, month } = splitPeriod(e.period);
    if (y !== year) continue;
    if (e.months === 1) row[month - 1] = e.value;
    else for (let m = month - 2; m <= month; m++) row[m - 1] = e.value / 3;
  }
  return row;
}
