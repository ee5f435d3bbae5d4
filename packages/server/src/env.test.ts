import { describe, expect, it } from 'vitest';
import { clockOf, readEnv } from './env.js';
import { systemClock } from './platform/clock.js';

describe('the clock from the environment', () => {
  it('is the system clock unless SHENGGUI_FAKE_NOW is set', () => {
    expect(clockOf(readEnv({})).clock).toBe(systemClock);
    expect(clockOf(readEnv({})).note).toBeNull();
  });

  it('starts at SHENGGUI_FAKE_NOW and runs on from there', () => {
    const { clock, note } = clockOf(readEnv({ SHENGGUI_FAKE_NOW: '2027-03-15T10:00:00+08:00' }));
    const t = clock.now().getTime();
    expect(t).toBeGreaterThanOrEqual(Date.parse('2027-03-15T02:00:00Z'));
    expect(t - Date.parse('2027-03-15T02:00:00Z')).toBeLessThan(60_000);
    expect(note).toContain('2027-03-15T02:00:00.000Z');
  });

  it('ignores SHENGGUI_FAKE_NOW in production, and refuses a value that is not a time', () => {
    const production = clockOf(readEnv({ NODE_ENV: 'production', SHENGGUI_FAKE_NOW: '2027-03-15' }));
    expect(production.clock).toBe(systemClock);
    expect(production.note).toContain('忽略');
    expect(() => readEnv({ SHENGGUI_FAKE_NOW: 'next tuesday' })).toThrow(/SHENGGUI_FAKE_NOW/);
  });
});
