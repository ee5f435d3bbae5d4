import { describe, expect, it } from 'vitest';
import {
  BUSINESS_SETTINGS,
  checkSettingValue,
  findBusinessSetting,
  formatSettingValue,
  parseSettingInput,
} from './business-settings.js';

const def = (key: string) => {
  const d = findBusinessSetting(key);
  if (!d) throw new Error(key);
  return d;
};

describe('business settings catalogue', () => {
  it('has one entry per key, each with a Chinese label and help', () => {
    const keys = BUSINESS_SETTINGS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of BUSINESS_SETTINGS) {
      expect(d.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(d.help.length).toBeGreaterThan(5);
    }
    expect(keys).toEqual(
      expect.arrayContaining([
        'scale.threshold',
        'revenue.priority',
        'library.newFirmSince',
        'counting.basis',
        'counting.cutoff',
        'declaration.calendar',
        'supervising.rule',
        'notice.docNumberPrefix',
        'notice.issuer',
        'notice.nextNumber',
      ]),
    );
  });
  it('reads command-line input: money in 万元, options by value or label, JSON', () => {
    expect(parseSettingInput(def('scale.threshold'), '2,000')).toEqual({ ok: true, value: 20_000_000 });
    expect(parseSettingInput(def('library.base'), '500.5')).toEqual({ ok: true, value: 5_005_000 });
    expect(parseSettingInput(def('revenue.priority'), '税务优先，统计补充')).toEqual({
      ok: true,
      value: 'tax-first',
    });
    expect(parseSettingInput(def('notice.nextNumber'), '7')).toEqual({ ok: true, value: 7 });
    expect(
      parseSettingInput(
        def('supervising.rule'),
        '{"zoneFirst":false,"byIndustryPrefix":[],"fallback":"industry"}',
      ),
    ).toMatchObject({ ok: true });
  });
  it('refuses bad values with a Chinese message naming the key', () => {
    const cases: [string, string][] = [
      ['scale.threshold', 'abc'],
      ['scale.threshold', '0'],
      ['notice.nextNumber', '1.5'],
      ['notice.nextNumber', '0'],
      ['library.tierAP', '1.2'],
      ['library.newFirmSince', '13-01'],
      ['counting.cutoff', '02-29'],
      ['revenue.priority', 'either'],
      ['declaration.calendar', '{'],
      ['notice.docNumberPrefix', ' '],
    ];
    for (const [key, input] of cases) {
      const r = parseSettingInput(def(key), input);
      expect(r.ok, `${key} ${input}`).toBe(false);
      if (!r.ok) expect(r.message).toContain(`（${key}）：`);
    }
    expect(checkSettingValue(def('library.reEntryYears'), 11)).toMatchObject({ ok: false });
  });
  it('shows money in 万元 and options with their label', () => {
    expect(formatSettingValue(def('scale.threshold'), 20_000_000)).toBe('2,000万元');
    expect(formatSettingValue(def('counting.basis'), 'approval')).toBe('approval（批准日期）');
  });
});
