import { describe, expect, it } from 'vitest';
import {
  clearedErrors,
  compareTier,
  formatProbability,
  isLibrary,
  libraryListQuery,
} from './library-filters';

describe('library filters', () => {
  it('parses the URL leniently', () => {
    const s = libraryListQuery.parse(
      new URLSearchParams('year=2025&townshipId=3&tier=A&pathway=growth&q=%20钢%20&page=2&pageSize=50'),
    );
    expect(s).toEqual({
      year: 2025,
      townshipId: 3,
      tier: 'A',
      pathway: 'growth',
      q: '钢',
      page: 2,
      pageSize: 50,
    });
    const bad = libraryListQuery.parse(new URLSearchParams('year=1800&tier=D&pathway=x&page=-1&pageSize=7'));
    expect(bad).toEqual({ page: 1, pageSize: 20 });
  });

  it('round-trips and leaves defaults out', () => {
    const s = libraryListQuery.parse(new URLSearchParams('year=2025&tier=B'));
    expect(libraryListQuery.search(s).toString()).toBe('year=2025&tier=B');
    expect(libraryListQuery.parse(libraryListQuery.search(s))).toEqual(s);
  });

  it('new filters go back to page 1 and drop blanks', () => {
    const next = libraryListQuery.withFilters(
      { page: 4, pageSize: 50, tier: 'A' },
      { q: '  ', townshipId: 2 },
    );
    expect(next).toEqual({ page: 1, pageSize: 50, townshipId: 2 });
    expect(libraryListQuery.countFilters({ ...next, year: 2025 })).toBe(1);
  });

  it('clearing the filters keeps the year (it says which list is shown)', () => {
    expect(libraryListQuery.cleared({ page: 3, pageSize: 50, year: 2025, tier: 'A', q: '钢' })).toEqual({
      page: 1,
      pageSize: 50,
      year: 2025,
    });
  });

  it('sends paging to the API but not to the export', () => {
    const s = { page: 3, pageSize: 20, year: 2025 };
    expect(libraryListQuery.apiQuery(s).toString()).toBe('year=2025&page=3&pageSize=20');
    expect(libraryListQuery.exportQuery(s).toString()).toBe('year=2025');
  });

  it('formats probabilities and orders tiers A first', () => {
    expect(formatProbability(0.876)).toBe('88%');
    expect(formatProbability(0)).toBe('0%');
    expect(formatProbability(1.2)).toBe('100%');
    expect(formatProbability(null)).toBe('—');
    expect(formatProbability(Number.NaN)).toBe('—');
    expect(['C', null, 'A', 'B'].sort((a, b) => compareTier(a as never, b as never))).toEqual([
      'A',
      'B',
      'C',
      null,
    ]);
    expect(isLibrary('near')).toBe(true);
    expect(isLibrary('foo')).toBe(false);
  });
});

describe('clearedErrors', () => {
  it('clears the errors of the changed fields only', () => {
    expect(clearedErrors({ reason: 'x', year: 2025 })).toEqual([
      { name: 'reason', errors: [] },
      { name: 'year', errors: [] },
    ]);
  });
});
