import { describe, expect, it } from 'vitest';
import { reviewListQuery } from './review-filters';

describe('review list URL state', () => {
  it('reads kind, year, keyword and paging, dropping bad values', () => {
    expect(
      reviewListQuery.parse(new URLSearchParams('kind=override&year=2026&q=%20秀水%20&page=3&pageSize=50')),
    ).toEqual({
      kind: 'override',
      year: 2026,
      q: '秀水',
      page: 3,
      pageSize: 50,
    });
    expect(reviewListQuery.parse(new URLSearchParams('kind=bogus&year=1999&page=-1&pageSize=7'))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });
  it('writes defaults out and keeps paging out of the export', () => {
    const s = { kind: 'withdrawn' as const, year: 2026, page: 2, pageSize: 20 };
    expect(reviewListQuery.search(s).toString()).toBe('kind=withdrawn&year=2026&page=2');
    expect(reviewListQuery.exportQuery(s).toString()).toBe('kind=withdrawn&year=2026');
  });
});
