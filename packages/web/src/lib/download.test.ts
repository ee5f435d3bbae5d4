import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './download';

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
