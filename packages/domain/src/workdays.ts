// The Chinese working-day calendar (法定节假日 and 调休) behind every deadline counted in working days.
// The State Council's published schedule comes from the maintained `chinese-days` package; the county's
// system administrator adds a year's days when the package does not have them yet (业务设置, key
// `service.workdays`, per year). A day the administrator lists wins over the package; a year neither knows
// falls back to Monday–Friday, and `calendarKnows` says so, so the page can warn.
import chineseDays from 'chinese-days';
import { z } from 'zod';
import { addDays, isIsoDate } from './period.js';

// The package is CommonJS: plain Node ESM sees only its default export (named imports work in bundlers
// and vitest, then fail when the built server starts).
const { getDayDetail, getHolidaysInRange } = chineseDays;

const isoDay = z
  .string({ error: '应为日期 YYYY-MM-DD' })
  .refine((s) => isIsoDate(s), '应为有效日期 YYYY-MM-DD');

/** The administrator's additions for one year: extra days off (holidays) and 调休 working weekend days. */
export const workdayAdditionsSchema = z
  .object({
    holidays: z.array(isoDay).max(60, '最多60天').default([]),
    workdays: z.array(isoDay).max(30, '最多30天').default([]),
  })
  .refine((v) => !v.holidays.some((d) => v.workdays.includes(d)), '同一天不能既是休息日又是调休上班日');
export type WorkdayAdditions = z.output<typeof workdayAdditionsSchema>;

/** The calendar in force: the administrator's additions by year (the package covers the rest). */
export interface WorkdayCalendar {
  additions: Readonly<Record<number, WorkdayAdditions>>;
}

export const PACKAGE_CALENDAR: WorkdayCalendar = { additions: {} };

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const packageYears = new Map<number, boolean>();
/** Whether the `chinese-days` package carries the State Council's schedule for a year. */
export function packageKnowsYear(year: number): boolean {
  let known = packageYears.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    packageYears.set(year, known);
  }
  return known;
}

/** Whether the calendar has the year's official schedule (from the package or the administrator). */
export function calendarKnows(cal: WorkdayCalendar, year: number): boolean {
  const add = cal.additions[year];
  return packageKnowsYear(year) || (!!add && add.holidays.length > 0);
}

/** Is this ISO date a working day (调休 weekends included, statutory holidays excluded)? */
export function isWorkday(cal: WorkdayCalendar, date: string): boolean {
  const year = Number(date.slice(0, 4));
  const add = cal.additions[year];
  if (add?.holidays.includes(date)) return false;
  if (add?.workdays.includes(date)) return true;
  if (packageKnowsYear(year)) return getDayDetail(date).work;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The n-th working day after `date` (the day itself not counted); n = 0 gives `date` if it is a working day, else the next one. */
export function addWorkdays(cal: WorkdayCalendar, date: string, n: number): string {
  let d = date;
  if (n <= 0) {
    while (!isWorkday(cal, d)) d = addDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkday(cal, d)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workdaysBetween(cal: WorkdayCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(cal, d)) n += 1;
  return n;
}
