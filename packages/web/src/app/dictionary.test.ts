import { describe, expect, it } from 'vitest';
import { type DictKey, en, interpolate, translate, zh } from './dictionary';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionary', () => {
  it('has the same placeholders in Chinese and English', () => {
    const mismatched = (Object.keys(zh) as DictKey[]).filter(
      (k) => placeholders(zh[k]).join() !== placeholders(en[k]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has no English key missing or left in Chinese', () => {
    const keys = Object.keys(zh) as DictKey[];
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    const untranslated = keys.filter((k) => /[\u4e00-\u9fff]/.test(en[k]));
    expect(untranslated).toEqual([]);
  });

  it('interpolates variables and leaves unknown ones visible', () => {
    expect(translate('zh', 'list.revenueOfYear', { year: 2024 })).toBe('2024年营业收入（万元）');
    expect(translate('en', 'list.total', { total: '1,024' })).toBe('1,024 firms');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
