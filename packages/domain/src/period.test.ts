import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatPeriodZh,
  isIsoDate,
  isPeriod,
  isPeriodInRange,
  lastPeriod,
  PERIOD_PATTERN,
  periodOf,
  periodsOfYear,
  splitPeriod,
} from './period.js';

const periodArb = fc
  .record({ year: fc.integer({ min: 1100, max: 9800 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => periodOf(year, month));

describe('isPeriod', () => {
  it.each([
    ['2024-01', true],
    ['2024-09', true],
    ['2024-10', true],
    ['2024-12', true],
    ['0001-01', true],
    ['2024-00', false],
    ['2024-13', false],
    ['2024-1', false],
    ['2024-001', false],
    ['24-01', false],
    ['20240-01', false],
    ['2024/01', false],
    ['202401', false],
    ['2024-01-01', false],
    [' 2024-01', false],
    ['2024-01 ', false],
    ['2024-1a', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isPeriod(value)).toBe(expected);
    expect(PERIOD_PATTERN.test(value)).toBe(expected);
  });
});

describe('periodOf and splitPeriod', () => {
  it('pads year and month', () => {
    expect(periodOf(2024, 1)).toBe('2024-01');
    expect(periodOf(2024, 12)).toBe('2024-12');
    expect(periodOf(987, 5)).toBe('0987-05');
  });

  it('splits into numbers and rejects non-periods', () => {
    expect(splitPeriod('2024-09')).toEqual({ year: 2024, month: 9 });
    for (const bad of ['2024-13', '2024-00', '2024-1', 'x'])
      expect(() => splitPeriod(bad), bad).toThrow(RangeError);
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(isPeriod(p)).toBe(true);
        const { year, month } = splitPeriod(p);
        expect(periodOf(year, month)).toBe(p);
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01', 0, '2024-01'],
    ['2024-01', 1, '2024-02'],
    ['2024-11', 1, '2024-12'],
    ['2024-12', 1, '2025-01'],
    ['2024-11', 2, '2025-01'],
    ['2024-01', 11, '2024-12'],
    ['2024-01', 12, '2025-01'],
    ['2024-05', 25, '2026-06'],
    ['2024-01', -1, '2023-12'],
    ['2024-12', -1, '2024-11'],
    ['2024-12', -12, '2023-12'],
    ['2024-03', -15, '2022-12'],
    ['2024-01', -13, '2022-12'],
    ['2024-01', -24, '2022-01'],
  ])('%s %+d → %s', (period, n, expected) => {
    expect(addMonths(period, n)).toBe(expected);
  });

  it('throws on a non-period', () => {
    expect(() => addMonths('2024-13', 1)).toThrow(RangeError);
  });

  it('is invertible, additive and always yields a period (property)', () => {
    fc.assert(
      fc.property(
        periodArb,
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        (p, a, b) => {
          const moved = addMonths(p, a);
          expect(isPeriod(moved)).toBe(true);
          expect(addMonths(moved, -a)).toBe(p);
          expect(addMonths(addMonths(p, a), b)).toBe(addMonths(p, a + b));
        },
      ),
    );
  });

  it('moves by whole years keeping the month, and agrees with string order (property)', () => {
    fc.assert(
      fc.property(
        periodArb,
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 1, max: 100 }),
        (p, years, n) => {
          const { year, month } = splitPeriod(p);
          expect(addMonths(p, 12 * years)).toBe(periodOf(year + years, month));
          expect(addMonths(p, n) > p).toBe(true);
          expect(addMonths(p, -n) < p).toBe(true);
        },
      ),
    );
  });
});

describe('periodsOfYear', () => {
  it('lists the twelve months in order', () => {
    expect(periodsOfYear(2024)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
  });

  it('chains with addMonths (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), (year) => {
        const months = periodsOfYear(year);
        expect(months).toHaveLength(12);
        months.forEach((p, i) => {
          expect(p).toBe(addMonths(`${year}-01`, i));
        });
        expect(addMonths(months[11] ?? '', 1)).toBe(periodOf(year + 1, 1));
      }),
    );
  });
});

describe('formatPeriodZh', () => {
  it('writes year and month without padding', () => {
    expect(formatPeriodZh('2024-11')).toBe('2024年11月');
    expect(formatPeriodZh('2024-01')).toBe('2024年1月');
    expect(formatPeriodZh('2025-12')).toBe('2025年12月');
  });

  it('throws on a non-period', () => {
    expect(() => formatPeriodZh('2024-13')).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-28', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2024-01-31', true],
    ['2024-04-31', false],
    ['2024-04-30', true],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-01-32', false],
    ['2024-05-22', true],
    ['2024-5-22', false],
    ['2024-05-2', false],
    ['24-05-22', false],
    ['2024/05/22', false],
    ['20240522', false],
    ['2024-05-22T00:00:00Z', false],
    [' 2024-05-22', false],
    ['2024-05-22 ', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('agrees with the Gregorian calendar for every day of 1900–2100 (property)', () => {
    const daysIn = (y: number, m: number) =>
      [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
        m - 1
      ] ?? 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isIsoDate(text)).toBe(m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('isPeriodInRange', () => {
  const now = new Date(2026, 5, 15);
  it.each([
    ['1899-01', false],
    ['1999-12', false],
    ['2000-01', true],
    ['2026-06', true],
    ['2027-12', true],
    ['2028-01', false],
    ['2027-13', false],
  ])('%s → %s', (period, ok) => {
    expect(isPeriodInRange(period, now)).toBe(ok);
  });
  it('ends in December of next year', () => {
    expect(lastPeriod(now)).toBe('2027-12');
  });
});
