import { describe, expect, it } from 'vitest';
import { allocationBody, allocationChanges, allocationState, sumOf } from './targets-diff';

const before = {
  cityTarget: 8,
  territorial: [
    { unitId: 4, name: '秀水镇', target: 4 },
    { unitId: 5, name: '孙家庄镇', target: null },
  ],
  supervising: [{ unitId: 18, name: '县工信局', target: 10 }],
};

describe('allocation editor', () => {
  it('sums and compares with the city target (the seed allocates 10 against 8)', () => {
    expect(sumOf(before.supervising)).toBe(10);
    expect(allocationState(10, 8)).toEqual({ kind: 'over', by: 2 });
    expect(allocationState(4, 8)).toEqual({ kind: 'under', by: 4 });
    expect(allocationState(8, 8)).toEqual({ kind: 'equal' });
    expect(allocationState(8, null)).toEqual({ kind: 'unknown' });
  });

  it('lists what changed, city target first', () => {
    const after = {
      ...before,
      cityTarget: 9,
      territorial: [
        { unitId: 4, name: '秀水镇', target: 4 },
        { unitId: 5, name: '孙家庄镇', target: 2 },
      ],
    };
    expect(allocationChanges(before, after)).toEqual([
      { scope: 'city', unitId: null, name: '', from: 8, to: 9 },
      { scope: 'territorial', unitId: 5, name: '孙家庄镇', from: null, to: 2 },
    ]);
    expect(allocationChanges(before, before)).toEqual([]);
  });

  it('leaves units without a target out of the body', () => {
    expect(allocationBody(before)).toEqual({
      cityTarget: 8,
      territorial: [{ unitId: 4, target: 4 }],
      supervising: [{ unitId: 18, target: 10 }],
    });
  });
});
