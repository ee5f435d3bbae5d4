/** Time comes from a clock object so tests can move it (lockout, idle timeout). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
