import { describe, expect, it } from 'vitest';
import { type DictKey, en, interpolate, TEXT_MODULES, translate, zh } from './dictionary';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const modules = Object.entries(TEXT_MODULES) as Array<
  [string, { zh: Record<string, string>; en: Record<string, string> }]
>;

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

describe('text modules', () => {
  it('registers every module whole: each key once, in both languages, with the same placeholders', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, m] of modules) {
      expect(Object.keys(m.en).sort(), name).toEqual(Object.keys(m.zh).sort());
      for (const [key, text] of Object.entries(m.zh)) {
        const before = owner.get(key);
        if (before) clashes.push(`${key}: ${before} and ${name}`);
        owner.set(key, name);
        expect(zh[key as DictKey], key).toBe(text);
        expect(en[key as DictKey], key).toBe(m.en[key]);
        expect(placeholders(m.en[key] ?? ''), key).toEqual(placeholders(text));
      }
    }
    expect(clashes).toEqual([]);
    expect(owner.size).toBe(Object.keys(zh).length);
  });

  it('takes the Chinese of domain values from @shenggui/domain and has English for each', () => {
    expect(translate('zh', 'label.role.leader')).toBe('县领导');
    expect(translate('en', 'label.role.leader')).toBe('County leader');
    expect(translate('zh', 'label.scope.township')).toBe('本乡镇属地企业');
  });

  it('interpolates the progress board texts', () => {
    expect(translate('zh', 'board.kpi.remaining', { remaining: 2 })).toBe('尚差 2 户');
    expect(translate('en', 'board.kpi.remaining', { remaining: 2 })).toBe('2 to go');
  });
});
