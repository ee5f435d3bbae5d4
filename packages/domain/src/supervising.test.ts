import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { industrySection, listIndustries } from './industry.js';
import { COUNTY_BODIES } from './org.js';
import {
  DEFAULT_SUPERVISING_RULE,
  type SupervisingRule,
  suggestSupervisingKey,
  supervisingRuleSchema,
} from './supervising.js';

const classCodes = listIndustries('class').map((c) => c.code);
const bodyKeys: string[] = COUNTY_BODIES.map((b) => b.key);

describe('suggestSupervisingKey with the default rule (docs/domain.md §2)', () => {
  it.each([
    ['0610', 'energy'],
    ['0620', 'energy'],
    ['0690', 'energy'],
    ['0810', 'emergency'],
    ['0820', 'emergency'],
    ['0890', 'emergency'],
    ['0911', 'emergency'],
    ['0939', 'emergency'],
    ['1011', 'emergency'],
    ['1013', 'emergency'],
    ['1099', 'emergency'],
    ['1110', 'emergency'],
    ['1120', 'emergency'],
    ['1190', 'emergency'],
    ['1200', 'emergency'],
    ['3021', 'housing'],
    ['3022', 'industry'],
    ['3029', 'industry'],
    ['3011', 'industry'],
    ['3089', 'industry'],
    ['1311', 'industry'],
    ['2511', 'industry'],
    ['3110', 'industry'],
    ['4390', 'industry'],
  ])('%s → %s', (code, key) => {
    expect(suggestSupervisingKey(code, false)).toBe(key);
  });

  it('accepts codes written with the section letter, as the rest of the package does', () => {
    expect(suggestSupervisingKey('B0610', false)).toBe('energy');
    expect(suggestSupervisingKey('B1013', false)).toBe('emergency');
    expect(suggestSupervisingKey('C3021', false)).toBe('housing');
    expect(suggestSupervisingKey(' c3021 ', false)).toBe('housing');
  });

  it('sends every firm in the zone to the zone, whatever its industry', () => {
    for (const code of ['0610', '0810', '3021', '3089', '4411'])
      expect(suggestSupervisingKey(code, true), code).toBe('zone');
  });

  it('ignores the zone when zoneFirst is false', () => {
    const rule: SupervisingRule = { ...DEFAULT_SUPERVISING_RULE, zoneFirst: false };
    expect(suggestSupervisingKey('0610', true, rule)).toBe('energy');
    expect(suggestSupervisingKey('3021', true, rule)).toBe('housing');
    expect(suggestSupervisingKey('3089', true, rule)).toBe('industry');
  });

  it('maps every B/C/D class outside the zone to a county body that can supervise', () => {
    const supervising = COUNTY_BODIES.filter((b) => b.kind === 'zone' || b.kind === 'department').map(
      (b) => b.key,
    );
    for (const code of classCodes) {
      const key = suggestSupervisingKey(code, false);
      expect(supervising, code).toContain(key);
      const division = Number(code.slice(0, 2));
      if (division === 6) expect(key, code).toBe('energy');
      else if (division >= 8 && division <= 12) expect(key, code).toBe('emergency');
      else if (code === '3021') expect(key).toBe('housing');
      else if (industrySection(code) === 'C') expect(key, code).toBe('industry');
    }
  });
});

describe('rules as data', () => {
  it('the default rule is valid against its schema and names only county bodies', () => {
    expect(supervisingRuleSchema.parse(DEFAULT_SUPERVISING_RULE)).toEqual(DEFAULT_SUPERVISING_RULE);
    for (const r of DEFAULT_SUPERVISING_RULE.byIndustryPrefix) expect(bodyKeys).toContain(r.unit);
    expect(bodyKeys).toContain(DEFAULT_SUPERVISING_RULE.fallback);
  });

  it('the schema rejects malformed prefixes', () => {
    for (const prefix of ['0', '06100', 'B06', '', 'ab']) {
      const rule = { zoneFirst: true, byIndustryPrefix: [{ prefix, unit: 'energy' }], fallback: 'industry' };
      expect(supervisingRuleSchema.safeParse(rule).success, prefix).toBe(false);
    }
    expect(
      supervisingRuleSchema.safeParse({ zoneFirst: 'yes', byIndustryPrefix: [], fallback: 'x' }).success,
    ).toBe(false);
  });

  it('uses the fallback when no prefix matches', () => {
    const rule: SupervisingRule = { zoneFirst: true, byIndustryPrefix: [], fallback: 'industry' };
    expect(suggestSupervisingKey('0610', false, rule)).toBe('industry');
    expect(suggestSupervisingKey('0610', true, rule)).toBe('zone');
  });

  it('the longest matching prefix wins, whatever the order of the rules (property)', () => {
    const rules = [
      { prefix: '30', unit: 'two' },
      { prefix: '302', unit: 'three' },
      { prefix: '3021', unit: 'four' },
      { prefix: '31', unit: 'other' },
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }),
        (shuffled) => {
          const rule: SupervisingRule = {
            zoneFirst: false,
            byIndustryPrefix: shuffled,
            fallback: 'fallback',
          };
          expect(suggestSupervisingKey('3021', false, rule)).toBe('four');
          expect(suggestSupervisingKey('3022', false, rule)).toBe('three');
          expect(suggestSupervisingKey('3011', false, rule)).toBe('two');
          expect(suggestSupervisingKey('3110', false, rule)).toBe('other');
          expect(suggestSupervisingKey('0610', false, rule)).toBe('fallback');
        },
      ),
    );
  });

  it('a county can override one class inside a division', () => {
    const rule: SupervisingRule = {
      ...DEFAULT_SUPERVISING_RULE,
      byIndustryPrefix: [...DEFAULT_SUPERVISING_RULE.byIndustryPrefix, { prefix: '1013', unit: 'industry' }],
    };
    expect(suggestSupervisingKey('1013', false, rule)).toBe('industry');
    expect(suggestSupervisingKey('1011', false, rule)).toBe('emergency');
  });
});
