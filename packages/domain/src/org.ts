// The organisation tree: province → city → county → townships, plus the county's development zone,
// supervising departments, the SME centre and the data-supplier bureaus (docs/domain.md §2).
import { YUXIAN_DIVISION_ROWS } from './reference/divisions.gen.js';

export const UNIT_KINDS = [
  'province',
  'city',
  'county',
  'township',
  'zone',
  'department',
  'centre',
  'bureau',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: '省',
  city: '市',
  county: '县',
  township: '乡镇',
  zone: '开发区',
  department: '行业主管部门',
  centre: '中小企业发展中心',
  bureau: '数据提供部门',
};

/** Units that can be an enterprise's supervising unit (行业主管): the seed puts the zone here too. */
export const SUPERVISING_KINDS: readonly UnitKind[] = ['zone', 'department'];

export interface UnitSeed {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

/** Role of each county-level body in the plan; the suffix after the county code is ours, not a national code. */
export const COUNTY_BODIES = [
  { suffix: 'Z01', name: '县经济技术开发区', kind: 'zone', key: 'zone' },
  { suffix: 'D01', name: '县工信局', kind: 'department', key: 'industry' },
  { suffix: 'D02', name: '县应急局', kind: 'department', key: 'emergency' },
  { suffix: 'D03', name: '县能源局', kind: 'department', key: 'energy' },
  { suffix: 'D04', name: '县住建局', kind: 'department', key: 'housing' },
  { suffix: 'C01', name: '县中小企业发展中心', kind: 'centre', key: 'centre' },
  { suffix: 'B01', name: '县税务局', kind: 'bureau', key: 'tax' },
  { suffix: 'B02', name: '县统计局', kind: 'bureau', key: 'statistics' },
] as const satisfies ReadonlyArray<{ suffix: string; name: string; kind: UnitKind; key: string }>;

export type CountyBodyKey = (typeof COUNTY_BODIES)[number]['key'];

/** 12-digit division code → 6-digit county code (140322000000 → 140322). */
export function countyCodeOf(divisionCode: string): string {
  return divisionCode.slice(0, 6);
}

export function countyBodyCode(countyCode6: string, key: CountyBodyKey): string {
  const body = COUNTY_BODIES.find((b) => b.key === key);
  if (!body) throw new RangeError(key);
  return `${countyCode6}${body.suffix}`;
}

/** The units of a county from the reference divisions: its ancestors, itself, its townships and its bodies. */
export function countyUnitSeeds(countyCode6: string): UnitSeed[] {
  const county = YUXIAN_DIVISION_ROWS.find(
    ([code, , level]) => level === 'county' && countyCodeOf(code) === countyCode6,
  );
  if (!county) throw new RangeError(`没有县级区划 ${countyCode6} 的参考数据`);
  const byCode = new Map(YUXIAN_DIVISION_ROWS.map((r) => [r[0], r]));
  const chain: UnitSeed[] = [];
  let node: (typeof YUXIAN_DIVISION_ROWS)[number] | undefined = county;
  while (node) {
    chain.unshift({ code: node[0], name: node[1], kind: node[2], parentCode: node[3] || null });
    node = node[3] ? byCode.get(node[3]) : undefined;
  }
  const townships: UnitSeed[] = YUXIAN_DIVISION_ROWS.filter(
    ([, , level, parent]) => level === 'township' && parent === county[0],
  ).map(([code, name]) => ({ code, name, kind: 'township', parentCode: county[0] }));
  const bodies: UnitSeed[] = COUNTY_BODIES.map((b) => ({
    code: `${countyCode6}${b.suffix}`,
    name: b.name,
    kind: b.kind,
    parentCode: county[0],
  }));
  return [...chain, ...townships, ...bodies];
}

export function availableCountyCodes(): string[] {
  return YUXIAN_DIVISION_ROWS.filter(([, , level]) => level === 'county').map(([code]) => countyCodeOf(code));
}
