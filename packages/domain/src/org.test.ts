import { describe, expect, it } from 'vitest';
import {
  availableCountyCodes,
  COUNTY_BODIES,
  countyBodyCode,
  countyCodeOf,
  countyUnitSeeds,
  SUPERVISING_KINDS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitSeed,
} from './org.js';

const TOWNSHIPS: Array<[code: string, name: string]> = [
  ['140322100000', '秀水镇'],
  ['140322101000', '孙家庄镇'],
  ['140322102000', '路家村镇'],
  ['140322103000', '南娄镇'],
  ['140322104000', '牛村镇'],
  ['140322105000', '苌池镇'],
  ['140322106000', '上社镇'],
  ['140322107000', '西烟镇'],
  ['140322200000', '仙人乡'],
  ['140322201000', '北下庄乡'],
  ['140322203000', '梁家寨乡'],
  ['140322204000', '西潘乡'],
  ['140322205000', '东梁乡'],
];

describe('countyUnitSeeds("140322") — 盂县', () => {
  const seeds = countyUnitSeeds('140322');
  const byCode = new Map(seeds.map((s) => [s.code, s]));

  it('gives the province, city and county chain first', () => {
    expect(seeds.slice(0, 3)).toEqual<UnitSeed[]>([
      { code: '140000000000', name: '山西省', kind: 'province', parentCode: null },
      { code: '140300000000', name: '阳泉市', kind: 'city', parentCode: '140000000000' },
      { code: '140322000000', name: '盂县', kind: 'county', parentCode: '140300000000' },
    ]);
  });

  it('then the 13 townships with their 12-digit codes (no 下社乡 140322202000)', () => {
    const townships = seeds.filter((s) => s.kind === 'township');
    expect(townships).toHaveLength(13);
    expect(townships.map((t) => [t.code, t.name])).toEqual(TOWNSHIPS);
    for (const t of townships) expect(t.parentCode).toBe('140322000000');
    expect(byCode.has('140322202000')).toBe(false);
    // 8 镇 coded 1xx, 5 乡 coded 2xx.
    expect(townships.filter((t) => t.name.endsWith('镇')).every((t) => t.code[6] === '1')).toBe(true);
    expect(townships.filter((t) => t.name.endsWith('乡')).map((t) => t.code[6])).toEqual([
      '2',
      '2',
      '2',
      '2',
      '2',
    ]);
  });

  it('then the eight county bodies with exactly these names and kinds', () => {
    const bodies = seeds.slice(16);
    expect(bodies.map((b) => [b.name, b.kind])).toEqual([
      ['县经济技术开发区', 'zone'],
      ['县工信局', 'department'],
      ['县应急局', 'department'],
      ['县能源局', 'department'],
      ['县住建局', 'department'],
      ['县中小企业发展中心', 'centre'],
      ['县税务局', 'bureau'],
      ['县统计局', 'bureau'],
    ]);
    for (const b of bodies) {
      expect(b.parentCode).toBe('140322000000');
      expect(b.code).toMatch(/^140322[A-Z]\d{2}$/);
    }
  });

  it('has 24 units with unique codes, each parent listed before its children', () => {
    expect(seeds).toHaveLength(3 + 13 + 8);
    expect(byCode.size).toBe(seeds.length);
    seeds.forEach((s, i) => {
      if (s.parentCode === null) expect(s.kind).toBe('province');
      else
        expect(
          seeds.findIndex((p) => p.code === s.parentCode),
          s.code,
        ).toBeLessThan(i);
    });
    for (const s of seeds) expect(UNIT_KINDS).toContain(s.kind);
  });

  it('body codes agree with countyBodyCode', () => {
    for (const b of COUNTY_BODIES) {
      const code = countyBodyCode('140322', b.key);
      expect(byCode.get(code)?.name, b.key).toBe(b.name);
    }
    expect(countyBodyCode('140322', 'zone')).toBe('140322Z01');
    expect(countyBodyCode('140322', 'centre')).toBe('140322C01');
    expect(countyBodyCode('140322', 'statistics')).toBe('140322B02');
  });

  it('is a fresh array each call', () => {
    const a = countyUnitSeeds('140322');
    a.length = 0;
    expect(countyUnitSeeds('140322')).toHaveLength(24);
  });
});

describe('unknown counties', () => {
  it.each([
    ['140321', '平定县, not in the reference data'],
    ['140323', 'no such county'],
    ['110101', 'another province'],
    ['', 'empty'],
    ['14', 'a province prefix'],
    ['1403', 'a city prefix'],
    ['14032', 'five digits'],
    ['140322000000', 'the 12-digit code'],
    ['1403220', 'seven digits'],
  ])('%j (%s) throws a RangeError naming the code', (code) => {
    expect(() => countyUnitSeeds(code)).toThrow(RangeError);
    expect(() => countyUnitSeeds(code)).toThrow(/没有县级区划/);
  });
});

describe('county helpers', () => {
  it('countyCodeOf takes the first six digits', () => {
    expect(countyCodeOf('140322000000')).toBe('140322');
    expect(countyCodeOf('140322203000')).toBe('140322');
  });

  it('availableCountyCodes lists 盂县 only', () => {
    expect(availableCountyCodes()).toEqual(['140322']);
    for (const c of availableCountyCodes()) expect(() => countyUnitSeeds(c)).not.toThrow();
  });
});

describe('COUNTY_BODIES', () => {
  it('has unique keys, suffixes and names', () => {
    for (const field of ['key', 'suffix', 'name'] as const) {
      expect(new Set(COUNTY_BODIES.map((b) => b[field])).size, field).toBe(COUNTY_BODIES.length);
    }
  });

  it('the supervising units are the zone and the four departments of the 2024 allocation (docs/domain.md §3)', () => {
    const supervising = COUNTY_BODIES.filter((b) => SUPERVISING_KINDS.includes(b.kind)).map((b) => b.name);
    expect(supervising).toEqual(['县经济技术开发区', '县工信局', '县应急局', '县能源局', '县住建局']);
    expect(SUPERVISING_KINDS).toEqual(['zone', 'department']);
  });

  it('every unit kind has a Chinese label', () => {
    expect(Object.keys(UNIT_KIND_LABELS).sort()).toEqual([...UNIT_KINDS].sort());
    for (const label of Object.values(UNIT_KIND_LABELS)) expect(label).toMatch(/^\p{Script=Han}+$/u);
  });

  it('an unknown key throws', () => {
    expect(() => countyBodyCode('140322', 'nope' as never)).toThrow(RangeError);
  });
});
