import { describe, expect, it } from 'vitest';
import { declarationListQuery } from './declaration-list-filters';

describe('declaration list URL state', () => {
  it('reads good values, drops bad ones and round-trips', () => {
    const state = declarationListQuery.parse(
      new URLSearchParams('year=2026&state=township_review&batch=nov&townshipId=7&page=2&pageSize=50'),
    );
    expect(state).toEqual({
      year: 2026,
      state: 'township_review',
      batch: 'nov',
      townshipId: 7,
      page: 2,
      pageSize: 50,
    });
    expect(declarationListQuery.search(state).toString()).toBe(
      'year=2026&state=township_review&batch=nov&townshipId=7&page=2&pageSize=50',
    );
    expect(declarationListQuery.countFilters(state)).toBe(4);
    const bad = declarationListQuery.parse(new URLSearchParams('year=99&state=x&townshipId=-1&pageSize=7'));
    expect(bad).toEqual({ page: 1, pageSize: 20 });
    expect(declarationListQuery.search(bad).toString()).toBe('');
  });

  it('sends paging to the list and only the filters to the export', () => {
    const state = declarationListQuery.parse(new URLSearchParams('year=2026&page=3'));
    expect(declarationListQuery.apiQuery(state).toString()).toBe('year=2026&page=3&pageSize=20');
    expect(declarationListQuery.exportQuery(state).toString()).toBe('year=2026');
  });
});
