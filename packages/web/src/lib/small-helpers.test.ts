import { describe, expect, it } from 'vitest';
import { readCookie } from './cookie';
import { filenameFromContentDisposition } from './download';
import { formatDate, formatDateTime, formatNumber, formatPeriod } from './format';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; sg_csrf=abc%3D%3D; b=2', 'sg_csrf')).toBe('abc==');
    expect(readCookie('xsg_csrf=1; sg_csrf_old=2', 'sg_csrf')).toBeNull();
    expect(readCookie('', 'sg_csrf')).toBeNull();
  });
});

describe('filenameFromContentDisposition', () => {
  it('prefers the UTF-8 name', () => {
    const header = `attachment; filename="enterprises.xlsx"; filename*=UTF-8''${encodeURIComponent('企业库.xlsx')}`;
    expect(filenameFromContentDisposition(header, 'x.xlsx')).toBe('企业库.xlsx');
  });
  it('falls back to the plain name, then to the default', () => {
    expect(filenameFromContentDisposition('attachment; filename="a b.xlsx"', 'x')).toBe('a b.xlsx');
    expect(filenameFromContentDisposition('attachment; filename=list.xlsx', 'x')).toBe('list.xlsx');
    expect(filenameFromContentDisposition(null, 'x.xlsx')).toBe('x.xlsx');
  });
});

describe('format', () => {
  it('shows calendar dates unchanged and timestamps as local dates (TZ pinned to Asia/Shanghai)', () => {
    expect(formatDate('2024-11-25')).toBe('2024-11-25');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('nonsense')).toBe('—');
    if (Intl.DateTimeFormat().resolvedOptions().timeZone === 'Asia/Shanghai') {
      expect(formatDate('2024-11-24T16:30:00.000Z')).toBe('2024-11-25');
      expect(formatDateTime('2024-11-24T16:30:00.000Z')).toBe('2024-11-25 00:30');
    }
  });
  it('shows periods as 2024年11月', () => {
    expect(formatPeriod('2024-11')).toBe('2024年11月');
    expect(formatPeriod('2024-11', 'en')).toBe('2024-11');
    expect(formatPeriod(null)).toBe('—');
  });
  it('formats numbers with thousands separators and fixed decimals', () => {
    expect(formatNumber(1234567.8)).toBe('1,234,567.80');
    expect(formatNumber('52000', 0)).toBe('52,000');
    expect(formatNumber(undefined)).toBe('—');
  });
});
