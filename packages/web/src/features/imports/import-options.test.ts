import { describe, expect, it } from 'vitest';
import { importHistoryQuery } from './import-history-filters';
import {
  checkImportFile,
  columnTarget,
  formatBytes,
  importChoices,
  importFormFromSearch,
  MAX_IMPORT_BYTES,
  summaryCounts,
} from './import-options';

describe('what the user may import', () => {
  it('follows the write permissions', () => {
    expect(importChoices(['enterprise:read', 'revenue:write:tax'])).toEqual({
      kinds: ['revenue'],
      sources: ['tax'],
    });
    expect(importChoices(['enterprise:write', 'revenue:write:self'])).toEqual({
      kinds: ['enterprises', 'revenue'],
      sources: ['self'],
    });
    expect(importChoices(['enterprise:read', 'revenue:read'])).toEqual({ kinds: [], sources: [] });
  });

  it('offers directory events to directory:write and targets to target:allocate', () => {
    // The statistics bureau: its revenue sources and the directory list.
    expect(
      importChoices(['revenue:write:statistics', 'revenue:write:electricity', 'directory:write']),
    ).toEqual({ kinds: ['revenue', 'directory'], sources: ['statistics', 'electricity'] });
    // The centre: everything.
    expect(
      importChoices(['enterprise:write', 'revenue:write:self', 'target:allocate', 'directory:write']).kinds,
    ).toEqual(['enterprises', 'revenue', 'directory', 'targets']);
    const centre = importChoices(['target:allocate', 'directory:write']);
    expect(importFormFromSearch(new URLSearchParams('kind=targets&source=tax&year=2027'), centre)).toEqual({
      kind: 'targets',
      source: undefined,
      year: 2027,
    });
    expect(columnTarget({ field: 'effectivePeriod', period: null }, 'zh')).toBe('生效期间');
    expect(columnTarget({ field: 'target', period: null }, 'en')).toBe('Target');
  });

  it('reads the form from the URL, keeping only allowed values', () => {
    const tax = importChoices(['revenue:write:tax']);
    expect(importFormFromSearch(new URLSearchParams('kind=enterprises&source=self&year=2025'), tax)).toEqual({
      kind: 'revenue',
      source: 'tax',
      year: 2025,
    });
    const stats = importChoices(['revenue:write:statistics', 'revenue:write:electricity']);
    expect(importFormFromSearch(new URLSearchParams('source=electricity&year=99'), stats)).toEqual({
      kind: 'revenue',
      source: 'electricity',
      year: undefined,
    });
    const centre = importChoices(['enterprise:write', 'revenue:write:self']);
    expect(importFormFromSearch(new URLSearchParams('source=self'), centre)).toEqual({
      kind: 'enterprises',
      source: undefined,
      year: undefined,
    });
  });
});

describe('file checks before uploading', () => {
  it('accepts spreadsheets up to the limit', () => {
    expect(checkImportFile({ name: '开票收入.XLSX', size: 10 })).toEqual({ ok: true });
    expect(checkImportFile({ name: 'a.csv', size: MAX_IMPORT_BYTES })).toEqual({ ok: true });
    expect(checkImportFile({ name: 'a.xls', size: MAX_IMPORT_BYTES + 1 })).toEqual({
      ok: false,
      reason: 'size',
    });
    expect(checkImportFile({ name: 'a.pdf', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkImportFile({ name: 'a.xlsx', size: 0 })).toEqual({ ok: false, reason: 'empty' });
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(30 * 1024 * 1024)).toBe('30.0 MB');
  });
});

describe('preview labels', () => {
  it('names what a column was read as', () => {
    expect(columnTarget({ field: 'creditCode', period: null }, 'zh')).toBe('统一社会信用代码');
    expect(columnTarget({ field: null, period: '2025-03' }, 'zh')).toBe('2025年3月');
    expect(columnTarget({ field: null, period: '2025-03' }, 'en')).toBe('2025-03');
    expect(columnTarget({ field: null, period: null }, 'zh')).toBeNull();
    expect(columnTarget({ field: 'mystery', period: null }, 'en')).toBe('mystery');
  });

  it('reads a batch summary tolerantly', () => {
    expect(summaryCounts(null)).toBeNull();
    expect(summaryCounts({ fileName: 'x' })).toBeNull();
    expect(summaryCounts({ rows: 3, valid: 2, invalid: 1, imported: 'x', updated: 1 })).toEqual({
      rows: 3,
      valid: 2,
      invalid: 1,
      imported: 0,
      updated: 1,
      unchanged: 0,
    });
  });
});

describe('导入记录 URL state', () => {
  it('round-trips filters and paging, dropping bad values', () => {
    const state = importHistoryQuery.parse(
      new URLSearchParams('kind=revenue&source=tax&from=2025-01-01&to=2025-02-01&page=3&pageSize=50'),
    );
    expect(state).toEqual({
      kind: 'revenue',
      source: 'tax',
      from: '2025-01-01',
      to: '2025-02-01',
      page: 3,
      pageSize: 50,
    });
    expect(importHistoryQuery.search(state).toString()).toBe(
      'kind=revenue&source=tax&from=2025-01-01&to=2025-02-01&page=3&pageSize=50',
    );
    expect(importHistoryQuery.countFilters(state)).toBe(4);
    const bad = importHistoryQuery.parse(
      new URLSearchParams('kind=payroll&source=x&from=2025-13-01&to=2024-01-01&page=-1&pageSize=7'),
    );
    expect(bad).toEqual({ page: 1, pageSize: 20, to: '2024-01-01' });
    expect(importHistoryQuery.search({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(importHistoryQuery.apiQuery({ page: 1, pageSize: 20 }).toString()).toBe('page=1&pageSize=20');
    const inverted = importHistoryQuery.parse(new URLSearchParams('from=2025-02-01&to=2025-01-01'));
    expect(inverted).toEqual({ page: 1, pageSize: 20, from: '2025-02-01' });
  });
});
