import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listIndustries } from './industry.js';
import { COUNTY_BODIES } from './org.js';
import { PLACEMENT_MESSAGES, type PlacementUnit, placeFirm } from './placement.js';
import { DEFAULT_SUPERVISING_RULE, suggestSupervisingKey } from './supervising.js';

// Two counties of one city, each with two townships and every county body (codes as the seed makes them).
function county(id: number, code6: string): PlacementUnit[] {
  return [
    { id, name: `县${id}`, kind: 'county', code: `${code6}000000`, parentId: 1 },
    { id: id + 1, name: `甲镇${id}`, kind: 'township', code: `${code6}100000`, parentId: id },
    { id: id + 2, name: `乙镇${id}`, kind: 'township', code: `${code6}101000`, parentId: id },
    ...COUNTY_BODIES.map((b, i) => ({
      id: id + 10 + i,
      name: `${b.name}${id}`,
      kind: b.kind,
      code: `${code6}${b.suffix}`,
      parentId: id,
    })),
  ];
}
const A = county(100, '140322');
const B = county(200, '140321');
const units = [...A, ...B];
const townships = units.filter((u) => u.kind === 'township');
const bodies = units.filter((u) => u.kind === 'zone' || u.kind === 'department');
const classCodes = listIndustries('class').map((c) => c.code);
const subtree = { kind: 'subtree' as const, unitId: 1 };

describe('placeFirm (docs/domain.md §2)', () => {
  it('suggests the body the rule names, of the township’s own county, with the reason', () => {
    const p = placeFirm({ townshipId: 101, industryCode: '0610', inZone: false, units, scope: subtree });
    expect(p.problems).toEqual([]);
    expect(p.supervising?.code).toBe('140322D03');
    expect(p.countyId).toBe(100);
    expect(p.suggested).toBe(true);
    expect(p.reason).toBe('行业代码0610以06开头，按规则由县能源局100主管');
    const zone = placeFirm({ townshipId: 201, industryCode: '3311', inZone: true, units, scope: subtree });
    expect(zone.supervising?.code).toBe('140321Z01');
    expect(zone.reason).toBe('企业位于开发区，由县经济技术开发区200主管');
    const fallback = placeFirm({
      townshipId: 201,
      industryCode: '3311',
      inZone: false,
      units,
      scope: subtree,
    });
    expect(fallback.reason).toBe('行业代码3311按默认规则由县工信局200主管');
  });

  it('property: without a choice the suggestion is the rule’s body in the township’s county', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...classCodes),
        fc.constantFrom(...townships),
        fc.boolean(),
        (code, township, inZone) => {
          const p = placeFirm({ townshipId: township.id, industryCode: code, inZone, units, scope: subtree });
          const key = suggestSupervisingKey(code, inZone, DEFAULT_SUPERVISING_RULE);
          const body = COUNTY_BODIES.find((b) => b.key === key)!;
          expect(p.problems).toEqual([]);
          expect(p.supervising?.parentId).toBe(township.parentId);
          expect(p.supervising?.code.endsWith(body.suffix)).toBe(true);
          expect(p.suggested).toBe(true);
        },
      ),
    );
  });

  it('property: a chosen body is kept inside its county and refused from another', () => {
    fc.assert(
      fc.property(fc.constantFrom(...townships), fc.constantFrom(...bodies), (township, body) => {
        const p = placeFirm({
          townshipId: township.id,
          supervisingUnitId: body.id,
          industryCode: '3311',
          inZone: false,
          units,
          scope: subtree,
        });
        if (body.parentId === township.parentId) {
          expect(p.problems).toEqual([]);
          expect(p.supervising).toBe(body);
          expect(p.suggested).toBe(false);
        } else {
          expect(p.problems).toEqual([
            { path: 'supervisingUnitId', message: PLACEMENT_MESSAGES.supervisingKind },
          ]);
          expect(p.supervising).toBeNull();
        }
      }),
    );
  });

  it('refuses a township that is not a township of the units, and a non-supervising unit', () => {
    expect(
      placeFirm({ townshipId: 100, industryCode: '3311', inZone: false, units, scope: subtree }).problems,
    ).toEqual([{ path: 'townshipId', message: '所属乡镇不在本县范围内' }]);
    expect(
      placeFirm({
        townshipId: 101,
        supervisingUnitId: 102,
        industryCode: '3311',
        inZone: false,
        units,
        scope: subtree,
      }).problems,
    ).toEqual([{ path: 'supervisingUnitId', message: '行业主管单位应为本县的开发区或行业主管部门' }]);
  });

  it('holds the caller’s scope, in the verb of the form or of the import', () => {
    const township = { kind: 'township' as const, unitId: 102 };
    expect(
      placeFirm({ townshipId: 101, industryCode: '3311', inZone: false, units, scope: township }).problems,
    ).toEqual([{ path: 'townshipId', message: '只能登记本乡镇的企业' }]);
    expect(
      placeFirm({
        townshipId: 101,
        industryCode: '3311',
        inZone: false,
        units,
        scope: township,
        verb: '导入',
      }).problems,
    ).toEqual([{ path: 'townshipId', message: '只能导入本乡镇的企业' }]);
    const energy = A.find((u) => u.code === '140322D03')!;
    const p = placeFirm({
      townshipId: 101,
      industryCode: '3311',
      inZone: false,
      units,
      scope: { kind: 'supervising', unitId: energy.id },
    });
    expect(p.problems).toEqual([{ path: 'supervisingUnitId', message: '只能登记本部门主管的企业' }]);
  });

  it('says so when the county has no body the rule names', () => {
    const bare = units.filter((u) => !(u.parentId === 100 && u.code.endsWith('D01')));
    const p = placeFirm({
      townshipId: 101,
      industryCode: '3311',
      inZone: false,
      units: bare,
      scope: subtree,
    });
    expect(p.supervising).toBeNull();
    expect(p.problems).toEqual([{ path: 'supervisingUnitId', message: PLACEMENT_MESSAGES.noSuggestion }]);
  });
});
