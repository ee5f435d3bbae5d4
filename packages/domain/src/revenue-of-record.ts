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
