import { describe, expect, it } from 'vitest';
import { readCookie } from './cookie';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; sg_csrf=abc%3D%3D; b=2', 'sg_csrf')).toBe('abc==');
    expect(readCookie('xsg_csrf=1; sg_csrf_old=2', 'sg_csrf')).toBeNull();
    expect(readCookie('', 'sg_csrf')).toBeNull();
  });
});
