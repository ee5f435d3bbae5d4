// The end-to-end tests run on a fixed "today", never the machine's: the server starts its clock there
// (SHENGGUI_FAKE_NOW), every browser installs the same clock, and the tests compute dates from e2eNow().
// Time then runs on as usual, so sessions, debounces and caches behave. Set SHENGGUI_E2E_NOW to run the
// suite as of another day, e.g. SHENGGUI_E2E_NOW=2027-03-15T10:00:00+08:00.
import { chinaDate } from '@shenggui/domain';

const DEFAULT_E2E_NOW = '2026-11-20T10:00:00+08:00';

const start = Date.parse(process.env.SHENGGUI_E2E_NOW ?? DEFAULT_E2E_NOW);
if (Number.isNaN(start)) throw new Error(`SHENGGUI_E2E_NOW is not a date: ${process.env.SHENGGUI_E2E_NOW}`);
const offset = start - Date.now();

/** The tests' "now": the fixed start plus the time since this process began. */
export function e2eNow(): Date {
  return new Date(Date.now() + offset);
}

/** Today in China (YYYY-MM-DD) on the tests' clock. */
export function chinaToday(): string {
  return chinaDate(e2eNow());
}
