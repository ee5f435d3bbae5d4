import { describe, expect, it } from 'vitest';
import { progressEn, progressText, progressZh } from './progress-dictionary';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('progress texts', () => {
  it('has every key in English with the same placeholders', () => {
    for (const key of Object.keys(progressZh) as Array<keyof typeof progressZh>) {
      expect(progressEn[key], key).toBeTruthy();
      expect(placeholders(progressEn[key]), key).toEqual(placeholders(progressZh[key]));
    }
  });
  it('interpolates', () => {
    expect(progressText('zh', 'board.kpi.remaining', { remaining: 2 })).toBe('尚差 2 户');
    expect(progressText('en', 'board.kpi.remaining', { remaining: 2 })).toBe('2 to go');
  });
});
