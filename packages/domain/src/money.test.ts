import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWan, wanToYuan, YUAN_PER_WAN, yuanToWan } from './money.js';

describe('formatWan', () => {
  it.each([
    [20_000_000, '2,000.00'],
    ['20000000', '2,000.00'],
    ['20000000.00', '2,000.00'],
    [0, '0.00'],
    ['0', '0.00'],
    [10_000, '1.00'],
    [5_000_000, '500.00'],
    [12_345_678.9, '1,234.57'],
    [123, '0.01'],
    [49, '0.00'],
    [400_000_000, '40,000.00'],
    [1_234_567_890_123, '123,456,789.01'],
    [-20_000_000, '-2,000.00'],
    [-0, '0.00'],
    [-1, '0.00'],
    [-49, '0.00'],
    [-50, '-0.01'],
    ['-0', '0.00'],
    ['19999999.99', '2,000.00'],
    ['19949999.99', '1,995.00'],
  ])('%j → %s', (yuan, expected) => {
    expect(formatWan(yuan)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['abc'],
    ['1,000'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['Infinity'],
  ])('%j → —', (value) => {
    expect(formatWan(value)).toBe('—');
  });

  it('always gives grouped digits with two decimals, within half a fen-of-wan of the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), (yuan) => {
        const text = formatWan(yuan);
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(text).not.toBe('-0.00');
        expect(Math.abs(Number(text.replaceAll(',', '')) - yuan / YUAN_PER_WAN)).toBeLessThanOrEqual(
          0.005 + Math.abs(yuan) * 1e-12,
        );
        expect(formatWan(String(yuan))).toBe(text);
      }),
    );
  });
});

describe('wanToYuan and yuanToWan', () => {
  it.each([
    [2000, 20_000_000],
    [0, 0],
    [1, 10_000],
    [0.0001, 1],
    [0.000001, 0.01],
    [0.0000004, 0],
    [0.0000006, 0.01],
    [1.23456789, 12_345.68],
    [1.005, 10_050],
    [0.1, 1000],
    [0.3, 3000],
    [123.4567, 1_234_567],
  ])('wanToYuan(%d) → %d', (wan, yuan) => {
    expect(wanToYuan(wan)).toBe(yuan);
  });

  it('yuanToWan divides by 10,000', () => {
    expect(YUAN_PER_WAN).toBe(10_000);
    expect(yuanToWan(20_000_000)).toBe(2000);
    expect(yuanToWan(5_000)).toBe(0.5);
  });

  it('wanToYuan rounds to whole fen (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), (wan) => {
        const yuan = wanToYuan(wan);
        expect(Math.abs(yuan - wan * YUAN_PER_WAN)).toBeLessThanOrEqual(0.005 + wan * 1e-9);
        expect(Number(yuan.toFixed(2))).toBe(yuan);
      }),
    );
  });

  it('yuan in whole fen survive the round trip through 万元 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e14 }), (fen) => {
        const yuan = fen / 100;
        expect(wanToYuan(yuanToWan(yuan))).toBe(yuan);
      }),
      { numRuns: 2000 },
    );
  });
});
