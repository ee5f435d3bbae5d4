import { describe, expect, it } from 'vitest';
import { COUNTY_BODIES, countyUnitSeeds } from './org.js';
import { SEED_CITY_TARGET, SEED_SUPERVISING_TARGETS, SEED_TERRITORIAL_TARGETS } from './seed-targets.js';
import { checkAllocation, sumTargets, targetAllocationSchema } from './targets.js';

describe('the seed allocation (盂促企组办发〔2024〕1号 §二)', () => {
  // Rebuild the allocation against the county's real units, as the PUT would send it.
  const units = countyUnitSeeds('140322');
  const territorial = SEED_TERRITORIAL_TARGETS.map((t) => {
    const u = units.find((x) => x.kind === 'township' && x.name === t.township);
    if (!u) throw new Error(`no township ${t.township}`);
    return { unit: u.code, target: t.target };
  });
  const supervising = SEED_SUPERVISING_TARGETS.map((t) => {
    const body = COUNTY_BODIES.find((b) => b.key === t.body)!;
    const u = units.find((x) => x.code === `140322${body.suffix}`)!;
    expect(['zone', 'department']).toContain(u.kind);
    return { unit: u.code, target: t.target };
  });

  it('allocates 10 by township and 10 by supervising unit against the city target of 8', () => {
    expect(SEED_CITY_TARGET).toBe(8);
    expect(territorial).toHaveLength(7);
    expect(supervising).toHaveLength(5);
    expect(sumTargets(territorial)).toBe(10);
    expect(sumTargets(supervising)).toBe(10);
  });

  it('shows the over-allocation as information, without a below-target warning', () => {
    expect(checkAllocation({ cityTarget: 8, territorialSum: 10, supervisingSum: 10 })).toEqual([
      '属地分解合计10户，超出市下达目标2户',
      '行业主管分解合计10户，超出市下达目标2户',
    ]);
  });

  it('passes the allocation schema', () => {
    const r = targetAllocationSchema.safeParse({
      cityTarget: SEED_CITY_TARGET,
      territorial: territorial.map((t, i) => ({ unitId: i + 1, target: t.target })),
      supervising: supervising.map((t, i) => ({ unitId: i + 100, target: t.target })),
    });
    expect(r.success).toBe(true);
  });
});

describe('checkAllocation', () => {
  it('warns when a dimension falls below the city target', () => {
    expect(checkAllocation({ cityTarget: 8, territorialSum: 6, supervisingSum: 8 })).toEqual([
      '属地分解合计6户，低于市下达目标8户，差2户',
    ]);
  });
  it('says when the city target is missing', () => {
    expect(checkAllocation({ cityTarget: null, territorialSum: 6, supervisingSum: 8 })[0]).toMatch(
      /市下达目标/,
    );
  });
});

describe('targetAllocationSchema', () => {
  const ok = {
    cityTarget: 8,
    territorial: [{ unitId: 1, target: 4 }],
    supervising: [{ unitId: 2, target: 3 }],
  };
  it.each([
    ['negative', { ...ok, cityTarget: -1 }],
    ['fractional', { ...ok, territorial: [{ unitId: 1, target: 1.5 }] }],
    [
      'duplicate unit',
      {
        ...ok,
        supervising: [
          { unitId: 2, target: 1 },
          { unitId: 2, target: 2 },
        ],
      },
    ],
  ])('refuses %s', (_name, input) => {
    expect(targetAllocationSchema.safeParse(input).success).toBe(false);
  });
});
