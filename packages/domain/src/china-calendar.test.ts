import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateTime,
  chinaDayEnd,
  chinaDayStart,
  chinaPeriod,
  chinaYear,
  currentPlanYear,
  lastCompletePeriod,
} from './china-calendar.js';
import { lastPeriod } from './period.js';

// The instants around China's midnight on New Year's Eve: UTC is still in the old day, China is not.
const BEFORE = Date.parse('2026-12-31T15:59:59Z');
const AFTER = Date.parse('2026-12-31T16:00:00Z');

describe('China calendar of an instant', () => {
  it('a second before China midnight is still 31 December', () => {
    expect(chinaDate(BEFORE)).toBe('2026-12-31');
    expect(chinaPeriod(BEFORE)).toBe('2026-12');
    expect(chinaYear(BEFORE)).toBe(2026);
    expect(currentPlanYear(BEFORE)).toBe(2026);
    expect(lastCompletePeriod(BEFORE)).toBe('2026-11');
    expect(lastPeriod(new Date(BEFORE))).toBe('2027-12');
  });

  it('China midnight is 1 January, while UTC is still on 31 December', () => {
    expect(new Date(AFTER).toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(chinaDate(AFTER)).toBe('2027-01-01');
    expect(chinaPeriod(AFTER)).toBe('2027-01');
    expect(chinaYear(AFTER)).toBe(2027);
    expect(currentPlanYear(new Date(AFTER))).toBe(2027);
    expect(lastCompletePeriod(AFTER)).toBe('2026-12');
    expect(lastPeriod(new Date(AFTER))).toBe('2028-12');
  });

  it('takes a Date or epoch milliseconds alike', () => {
    expect(chinaDate(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(chinaDate(new Date('2024-12-31T15:59:00Z'))).toBe('2024-12-31');
    expect(chinaDate(Date.parse('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(chinaDateTime(Date.parse('2024-12-31T16:30:00Z'))).toBe('2025-01-01 00:30');
    expect(chinaDateTime(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31 23:59');
  });

  it('the last complete month is the month before, across a year end', () => {
    const at = (iso: string) => chinaDayStart(iso);
    expect(lastCompletePeriod(at('2026-12-02'))).toBe('2026-11');
    expect(lastCompletePeriod(at('2027-01-01'))).toBe('2026-12');
    expect(lastCompletePeriod(at('2027-03-15'))).toBe('2027-02');
  });
});

describe('China day boundaries', () => {
  it('a day begins at 16:00 UTC the day before and ends 24 hours later', () => {
    expect(chinaDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaDayStart('2024-03-01').toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(() => chinaDayStart('2027-1-1')).toThrow(RangeError);
  });

  it('every instant lies within its own China day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const day = chinaDate(t);
        expect(chinaDayStart(day).getTime()).toBeLessThanOrEqual(t);
        expect(chinaDayEnd(day).getTime()).toBeGreaterThan(t);
        expect(chinaDate(chinaDayEnd(day))).not.toBe(day);
      }),
    );
  });
});
