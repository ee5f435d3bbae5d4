// The county's calendar: every "today", "this month", "this year" and day boundary is China time — UTC+8,
// fixed, no daylight saving — whatever time zone the server or the browser runs in. The functions take an
// instant (the server's clock, the browser's `new Date()`) and never read a clock themselves.

/** An instant: a Date or epoch milliseconds. */
export type Instant = Date | number;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function ms(at: Instant): number {
  return typeof at === 'number' ? at : at.getTime();
}

/** The China calendar date (YYYY-MM-DD) of an instant: the day a user in the county sees. */
export function chinaDate(at: Instant): string {
  return new Date(ms(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China date and time of an instant to the minute, `YYYY-MM-DD HH:mm`: how the UI shows a moment. */
export function chinaDateTime(at: Instant): string {
  return new Date(ms(at) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The China calendar month (YYYY-MM) of an instant. */
export function chinaPeriod(at: Instant): string {
  return chinaDate(at).slice(0, 7);
}

/** The China calendar year of an instant. */
export function chinaYear(at: Instant): number {
  return Number(chinaDate(at).slice(0, 4));
}

/** The plan year in progress: targets, libraries and the board default to it (the calendar year in China). */
export function currentPlanYear(at: Instant): number {
  return chinaYear(at);
}

/** The last complete month before the instant's China month: on 2027-01-01 it is 2026-12. */
export function lastCompletePeriod(at: Instant): string {
  const [year, month] = chinaPeriod(at).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The instant a China calendar day (YYYY-MM-DD) begins: 2026-12-31 → 2026-12-30T16:00:00Z. */
export function chinaDayStart(date: string): Date {
  if (!ISO_DATE.test(date)) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** The instant a China calendar day ends (exclusive): the start of the next day. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS);
}
