import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findIndustry,
  type IndustryOption,
  industryOptions,
  industryPath,
  industrySection,
  isIndustrialClass,
  listIndustries,
  normalizeIndustryCode,
} from './industry.js';

const classes = listIndustries('class');
const classCodes = classes.map((c) => c.code);

describe('counts (SOURCES.md §1)', () => {
  it('has 3 sections, 41 divisions, 207 groups, 666 classes: 917 rows', () => {
    expect(listIndustries('section').map((s) => s.code)).toEqual(['B', 'C', 'D']);
    expect(listIndustries('division')).toHaveLength(41);
    expect(listIndustries('group')).toHaveLength(207);
    expect(classes).toHaveLength(666);
    expect(listIndustries()).toHaveLength(917);
  });

  it.each([
    ['B', 7, 19, 39],
    ['C', 31, 179, 609],
    ['D', 3, 9, 18],
  ] as const)('section %s has %i divisions, %i groups, %i classes', (section, divisions, groups, n) => {
    const inSection = (level: 'division' | 'group' | 'class') =>
      listIndustries(level).filter((i) => industrySection(i.code) === section);
    expect(inSection('division')).toHaveLength(divisions);
    expect(inSection('group')).toHaveLength(groups);
    expect(inSection('class')).toHaveLength(n);
  });

  it('divisions cover 06–12 (B), 13–43 (C), 44–46 (D) with no gaps', () => {
    const divisions = listIndustries('division');
    const expected = Array.from({ length: 41 }, (_, i) => String(i + 6).padStart(2, '0'));
    expect(divisions.map((d) => d.code)).toEqual(expected);
    for (const d of divisions) {
      const n = Number(d.code);
      expect(d.parent, d.code).toBe(n <= 12 ? 'B' : n <= 43 ? 'C' : 'D');
    }
  });
});

describe('structure', () => {
  it('codes are unique and each level has its own code shape and parent', () => {
    const all = listIndustries();
    expect(new Set(all.map((i) => i.code)).size).toBe(all.length);
    for (const i of all) {
      switch (i.level) {
        case 'section':
          expect(i.code).toMatch(/^[BCD]$/);
          expect(i.parent).toBeNull();
          break;
        case 'division':
          expect(i.code).toMatch(/^\d{2}$/);
          expect(i.parent).toMatch(/^[BCD]$/);
          break;
        case 'group':
          expect(i.code).toMatch(/^\d{3}$/);
          expect(i.parent).toBe(i.code.slice(0, 2));
          break;
        case 'class':
          expect(i.code).toMatch(/^\d{4}$/);
          expect(i.parent).toBe(i.code.slice(0, 3));
          break;
      }
      if (i.parent) expect(findIndustry(i.parent), i.code).not.toBeNull();
      expect(i.name.length, i.code).toBeGreaterThan(0);
    }
  });

  it('every group has at least one class (an undivided group has the class <group>0 with the same name)', () => {
    for (const g of listIndustries('group')) {
      const children = classes.filter((c) => c.parent === g.code);
      expect(children.length, g.code).toBeGreaterThan(0);
      if (children.length === 1 && children[0]?.code === `${g.code}0`) expect(children[0].name).toBe(g.name);
    }
  });

  it('0610 is a class under 061 under 06 under B', () => {
    expect(findIndustry('0610')).toEqual({
      code: '0610',
      name: '烟煤和无烟煤开采洗选',
      level: 'class',
      parent: '061',
    });
    expect(findIndustry('061')).toEqual({
      code: '061',
      name: '烟煤和无烟煤开采洗选',
      level: 'group',
      parent: '06',
    });
    expect(findIndustry('06')).toEqual({
      code: '06',
      name: '煤炭开采和洗选业',
      level: 'division',
      parent: 'B',
    });
    expect(findIndustry('B')).toEqual({ code: 'B', name: '采矿业', level: 'section', parent: null });
  });

  it('uses the 2017 names, not the 2011 ones', () => {
    expect(findIndustry('11')?.name).toBe('开采专业及辅助性活动');
    expect(findIndustry('25')?.name).toBe('石油、煤炭及其他燃料加工业');
    expect(findIndustry('203')?.name).toBe('木质制品制造');
    expect(findIndustry('204')?.name).toBe('竹、藤、棕、草等制品制造');
    expect(findIndustry('339')?.name).toBe('铸造及其他金属制品制造');
    expect(findIndustry('349')?.name).toBe('其他通用设备制造业');
    expect(findIndustry('395')?.name).toBe('非专业视听设备制造');
    expect(findIndustry('C')?.name).toBe('制造业');
    expect(findIndustry('D')?.name).toBe('电力、热力、燃气及水生产和供应业');
  });

  it('has the classes other copies miss or get wrong', () => {
    for (const code of ['2522', '3969', '3741', '2780']) expect(isIndustrialClass(code), code).toBe(true);
    expect(findIndustry('374')?.name).toBe('航空、航天器及设备制造');
    expect(findIndustry('3741')?.name).toBe('飞机制造');
    expect(findIndustry('2780')?.name).toBe('药用辅料及包装材料');
    expect(findIndustry('3089')?.name).toBe('耐火陶瓷制品及其他耐火材料制造');
    expect(findIndustry('3021')?.name).toBe('水泥制品制造');
  });
});

describe('normalizeIndustryCode and findIndustry', () => {
  it.each([
    ['C3089', '3089'],
    ['c3089', '3089'],
    [' C3089 ', '3089'],
    ['3089', '3089'],
    ['B06', '06'],
    ['B061', '061'],
    ['B0610', '0610'],
    ['D4411', '4411'],
    ['B', 'B'],
    ['c', 'C'],
    ['A0111', 'A0111'],
    ['C30891', 'C30891'],
    ['C3', 'C3'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeIndustryCode(input)).toBe(expected);
  });

  it('finds codes written with the section letter, lower case or padded', () => {
    expect(findIndustry('C3089')?.code).toBe('3089');
    expect(findIndustry(' c3089 ')?.code).toBe('3089');
    expect(findIndustry('b0610')?.code).toBe('0610');
    expect(findIndustry('d')?.code).toBe('D');
  });

  it.each([
    ['0111', 'A 农业 (稻谷种植)'],
    ['0510', 'A 农林牧渔专业及辅助性活动'],
    ['4710', 'E 建筑业'],
    ['5110', 'F 批发业'],
    ['6510', 'I 软件开发'],
    ['A', 'section A'],
    ['E', 'section E'],
    ['05', 'division 05'],
    ['47', 'division 47'],
    ['3088', 'unused class code'],
    ['0600', 'unused class code'],
    ['30890', 'five digits'],
    ['', 'empty'],
    ['  ', 'blank'],
  ])('rejects %j (%s)', (code) => {
    expect(findIndustry(code)).toBeNull();
    expect(isIndustrialClass(code)).toBe(false);
    expect(industrySection(code)).toBeNull();
    expect(industryPath(code)).toEqual([]);
  });

  it('finds every code of every level and round-trips with the section letter for classes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...classes), (c) => {
        const section = industrySection(c.code);
        expect(findIndustry(`${section}${c.code}`)).toEqual(c);
        expect(findIndustry(c.code)).toEqual(c);
      }),
    );
  });
});

describe('isIndustrialClass', () => {
  it('is true only for 4-digit classes', () => {
    expect(isIndustrialClass('0610')).toBe(true);
    expect(isIndustrialClass('C3089')).toBe(true);
    expect(isIndustrialClass('4411')).toBe(true);
    for (const code of ['B', 'C', 'D', '06', '061', '30', '308'])
      expect(isIndustrialClass(code), code).toBe(false);
    expect(listIndustries().filter((i) => isIndustrialClass(i.code))).toHaveLength(666);
  });
});

describe('industrySection', () => {
  it.each([
    ['0610', 'B'],
    ['06', 'B'],
    ['061', 'B'],
    ['B', 'B'],
    ['1200', 'B'],
    ['1311', 'C'],
    ['3089', 'C'],
    ['C3089', 'C'],
    ['4390', 'C'],
    ['4411', 'D'],
    ['4620', 'D'],
    ['D', 'D'],
  ] as const)('%s → %s', (code, section) => {
    expect(industrySection(code)).toBe(section);
  });

  it('follows the division ranges for every class', () => {
    for (const c of classCodes) {
      const n = Number(c.slice(0, 2));
      expect(industrySection(c), c).toBe(n <= 12 ? 'B' : n <= 43 ? 'C' : 'D');
    }
  });
});

describe('industryPath', () => {
  it('goes section → division → group → class', () => {
    expect(industryPath('3089')).toEqual(['C', '30', '308', '3089']);
    expect(industryPath('C3089')).toEqual(['C', '30', '308', '3089']);
    expect(industryPath('0610')).toEqual(['B', '06', '061', '0610']);
    expect(industryPath('061')).toEqual(['B', '06', '061']);
    expect(industryPath('44')).toEqual(['D', '44']);
    expect(industryPath('D')).toEqual(['D']);
  });

  it('has length 4 for every class and consists of prefixes of the class code', () => {
    for (const c of classCodes) {
      const [section, division, group, cls] = industryPath(c);
      expect(section).toBe(industrySection(c));
      expect([division, group, cls]).toEqual([c.slice(0, 2), c.slice(0, 3), c]);
    }
  });
});

describe('industryOptions', () => {
  const roots = industryOptions();

  function walk(
    nodes: IndustryOption[],
    path: string[],
    visit: (node: IndustryOption, path: string[]) => void,
  ) {
    for (const node of nodes) {
      const here = [...path, node.value];
      visit(node, here);
      if (node.children) walk(node.children, here, visit);
    }
  }

  it('has the 3 sections as roots, in order', () => {
    expect(roots.map((r) => r.value)).toEqual(['B', 'C', 'D']);
    expect(roots.map((r) => r.label)).toEqual(['B 采矿业', 'C 制造业', 'D 电力、热力、燃气及水生产和供应业']);
  });

  it('holds all 917 codes once, each at the path industryPath gives, labelled "code name"', () => {
    const seen: string[] = [];
    walk(roots, [], (node, path) => {
      seen.push(node.value);
      expect(path).toEqual(industryPath(node.value));
      expect(node.label).toBe(`${node.value} ${findIndustry(node.value)?.name}`);
    });
    expect(seen).toHaveLength(917);
    expect(new Set(seen).size).toBe(917);
  });

  it('makes every class reachable as a leaf, and only classes are leaves', () => {
    const leaves: string[] = [];
    walk(roots, [], (node) => {
      if (!node.children) leaves.push(node.value);
      else expect(node.children.length).toBeGreaterThan(0);
    });
    expect(leaves.sort()).toEqual([...classCodes].sort());
  });

  it('returns a fresh tree on each call', () => {
    const a = industryOptions();
    a.pop();
    expect(industryOptions()).toHaveLength(3);
  });
});
