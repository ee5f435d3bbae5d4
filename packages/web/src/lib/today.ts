// "Today" in the browser is the county's day (china-calendar.ts in the domain): China time, whatever zone the
// browser is set to. It reads the browser's clock, which the end-to-end tests fix (e2e/lib/browser.ts installs
// the clock the server starts on), so pages and server agree on the date.
import { chinaDate, currentPlanYear } from '@shenggui/domain';

/** Today's date in China, YYYY-MM-DD. */
export function chinaToday(): string {
  return chinaDate(Date.now());
}

/** The plan year in progress in China: the default year of pages that show one year. */
export function planYear(): number {
  return currentPlanYear(Date.now());
}
