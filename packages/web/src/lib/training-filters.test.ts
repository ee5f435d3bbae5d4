import { describe, expect, it } from 'vitest';
import {
  shareColor,
  sharePercent,
  trainingListQuery,
  unreachedHref,
  unreachedListQuery,
} from './training-filters';

describe('training list URL state', () => {
  it('parses leniently and round-trips', () => {
    const state = trainingListQuery.parse(
      new URLSearchParams('kind=course&from=2026-03-01&to=bad&organiserUnitId=7&q=%20小升规%20&page=2'),
    );
    expect(state).toMatchObject({
      kind: 'course',
      from: '2026-03-01',
      organiserUnitId: 7,
      page: 2,
    });
    expect(state.to).toBeUndefined();
    expect(state.q).toBe('小升规');
    expect(trainingListQuery.parse(trainingListQuery.search(state))).toEqual(state);
    expect(trainingListQuery.parse(new URLSearchParams('kind=party')).kind).toBeUndefined();
  });
});

describe('unreached list URL state', () => {
  it('reads the cell it came from, and counts only the search as a filter', () => {
    const href = unreachedHref({ year: 2026, asOf: '2026-11-20', library: 'near', unitId: 12 });
    const state = unreachedListQuery.parse(new URLSearchParams(href.split('?')[1]));
    expect(state).toMatchObject({ year: 2026, asOf: '2026-11-20', library: 'near', unitId: 12 });
    expect(unreachedListQuery.countFilters(state)).toBe(0);
    expect(unreachedListQuery.countFilters({ ...state, q: '铸造' })).toBe(1);
    expect(unreachedHref({ year: 2026, asOf: '2026-11-20', library: 'atRisk', unitId: null })).not.toContain(
      'unitId',
    );
  });
});

describe('coverage shares', () => {
  it('shows whole percentages, none without firms, colours by thirds', () => {
    expect(sharePercent({ share: 2 / 3 })).toBe(67);
    expect(sharePercent({ share: null })).toBeNull();
    expect(shareColor({ share: 0.2 })).toBe('#cf1322');
    expect(shareColor({ share: 0.5 })).toBe('#d48806');
    expect(shareColor({ share: 1 })).toBe('#389e0d');
  });
});
