/** Time comes from a clock object so tests can move it (lockout, idle timeout). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that reads `start` now and then runs with real time. The server runs on one when
 * SHENGGUI_FAKE_NOW is set outside production (env.ts): the end-to-end tests pin "today" with it, so they
 * pass on any calendar date, and a demo can be opened as of another day.
 */
export function startingClock(start: Date, realNow: number = Date.now()): Clock {
  const offset = start.getTime() - realNow;
  return { now: () => new Date(Date.now() + offset) };
}
