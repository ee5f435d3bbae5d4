import { describe, expect, it } from 'vitest';
import {
  countDirectoryFilters,
  directoryApiQuery,
  directoryFilterQuery,
  directorySearch,
  parseDirectorySearch,
} from './directory-filters';

describe('directory list URL state', () => {
  it('parses leniently and drops what makes no sense', () => {
    expect(
      parseDirectorySearch(new URLSearchParams('year=2024&type=exit&townshipId=4&page=3&pageSize=50')),
    ).toEqual({
      year: 2024,
      type: 'exit',
      townshipId: 4,
      supervisingUnitId: undefined,
      page: 3,
      pageSize: 50,
    });
    const bad = parseDirectorySearch(new URLSearchParams('year=19&type=x&townshipId=-1&pageSize=33'));
    expect(bad).toMatchObject({
      year: undefined,
      type: undefined,
      townshipId: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('round-trips and keeps defaults out of the URL, the API always gets the page', () => {
    const state = { year: 2024, type: 'entry' as const, supervisingUnitId: 18, page: 2, pageSize: 20 };
    const search = directorySearch(state);
    expect(search.has('pageSize')).toBe(false);
    expect(parseDirectorySearch(search)).toMatchObject(state);
    expect(directoryApiQuery({ page: 1, pageSize: 20 }).toString()).toBe('page=1&pageSize=20');
    expect(directoryFilterQuery(state).has('page')).toBe(false);
    expect(countDirectoryFilters(state)).toBe(3);
  });
});
