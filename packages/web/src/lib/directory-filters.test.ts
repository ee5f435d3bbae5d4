import { describe, expect, it } from 'vitest';
import { directoryListQuery } from './directory-filters';

describe('directory list URL state', () => {
  it('parses leniently and drops what makes no sense', () => {
    expect(
      directoryListQuery.parse(new URLSearchParams('year=2024&type=exit&townshipId=4&page=3&pageSize=50')),
    ).toEqual({
      year: 2024,
      type: 'exit',
      townshipId: 4,
      supervisingUnitId: undefined,
      page: 3,
      pageSize: 50,
    });
    const bad = directoryListQuery.parse(new URLSearchParams('year=19&type=x&townshipId=-1&pageSize=33'));
    expect(bad).toEqual({
      year: undefined,
      type: undefined,
      townshipId: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('round-trips and keeps defaults out of the URL, the API always gets the page', () => {
    const state = { year: 2024, type: 'entry' as const, supervisingUnitId: 18, page: 2, pageSize: 20 };
    const search = directoryListQuery.search(state);
    expect(search.has('pageSize')).toBe(false);
    expect(directoryListQuery.parse(search)).toMatchObject(state);
    expect(directoryListQuery.apiQuery({ page: 1, pageSize: 20 }).toString()).toBe('page=1&pageSize=20');
    expect(directoryListQuery.exportQuery(state).has('page')).toBe(false);
    expect(directoryListQuery.countFilters(state)).toBe(3);
  });
});
