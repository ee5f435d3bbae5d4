import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './navigation';

describe('safeNext', () => {
  it('keeps local paths with their query', () => {
    expect(safeNext('/enterprises?townshipId=3')).toBe('/enterprises?townshipId=3');
  });
  it('refuses other origins and loops back to login', () => {
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('loginPath', () => {
  it('carries where the user was going', () => {
    expect(loginPath('/enterprises/5?x=1')).toBe('/login?next=%2Fenterprises%2F5%3Fx%3D1');
    expect(loginPath('/')).toBe('/login');
  });
});
