// Periods are calendar months written `YYYY-MM` in files and the API, 2024年11月 in the UI.
import { chinaYear } from './china-calendar.js';

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** The first month any figure may be for: the platform holds nothing older. */
export const FIRST_PERIOD = '2000-01';

/**
 * The last month a figure may be for: December of next year in China (plans and forecasts, never further).
 * Without an instant it is the caller's clock: the shared request schemas check with it.
 */
export function lastPeriod(now: Date = new Date()): string {
  return `${chinaYear(now) + 1}-12`;
}

/** A valid month within 2000-01 … December of next year. */
export function isPeriodInRange(value: string, now: Date = new Date()): boolean {
  return isPeriod(value) && value >= FIRST_PERIOD && value <= lastPeriod(now);
}

export function periodOf(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function splitPeriod(period: string): { year: number; month: number } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function addMonths(period: string, n: number): string {
  const { year, month } = splitPeriod(period);
  const index = year * 12 + (month - 1) + n;
  return periodOf(Math.floor(index / 12), (index % 12) + 1);
}

export function periodsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => periodOf(year, i + 1));
}

/** 2024-11 → 2024年11月 */
export function formatPeriodZh(period: string): string {
  const { year, month } = splitPeriod(period);
  return `${year}年${month}月`;
}

/** An ISO date `YYYY-MM-DD` that exists on the calendar. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The ISO date `n` calendar days after `date` (before it when n is negative). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
