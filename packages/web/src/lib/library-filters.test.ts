import { describe, expect, it } from 'vitest';
import {
  clearedErrors,
  compareTier,
  countLibraryFilters,
  formatProbability,
  isLibrary,
  libraryApiQuery,
  libraryExportQuery,
  librarySearch,
  parseLibrarySearch,
  withLibraryFilters,
} from './library-filters';

describe('library filters', () => {
  it('parses the URL leniently', () => {
    const s = parseLibrarySearch(
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
    const bad = parseLibrarySearch(new URLSearchParams('year=1800&tier=D&pathway=x&page=-1&pageSize=7'));
    expect(bad).toEqual({ page: 1, pageSize: 20 });
  });

  it('round-trips and leaves defaults out', () => {
    const s = parseLibrarySearch(new URLSearchParams('year=2025&tier=B'));
    expect(librarySearch(s).toString()).toBe('year=2025&tier=B');
    expect(parseLibrarySearch(librarySearch(s))).toEqual(s);
  });

  it('new filters go back to page 1 and drop blanks', () => {
    const next = withLibraryFilters({ page: 4, pageSize: 50, tier: 'A' }, { q: '  ', townshipId: 2 });
    expect(next).toEqual({ page: 1, pageSize: 50, townshipId: 2 });
    expect(countLibraryFilters({ ...next, year: 2025 })).toBe(1);
  });

  it('sends paging to the API but not to the export', () => {
    const s = { page: 3, pageSize: 20, year: 2025 };
    expect(libraryApiQuery(s).toString()).toBe('year=2025&page=3&pageSize=20');
    expect(libraryExportQuery(s).toString()).toBe('year=2025');
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
