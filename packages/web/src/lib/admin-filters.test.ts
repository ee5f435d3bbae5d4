import { describe, expect, it } from 'vitest';
import {
  type AuditListState,
  auditApiQuery,
  auditExportQuery,
  auditListSearch,
  countAuditFilters,
  countUserFilters,
  parseAuditListSearch,
  parseUserListSearch,
  userApiQuery,
  userExportQuery,
  userListSearch,
  withNewFilters,
} from './admin-filters';

describe('user list URL state', () => {
  it('parses filters and drops nonsense', () => {
    const s = parseUserListSearch(
      new URLSearchParams('q= 李 &unitId=4&role=township&status=disabled&page=2&pageSize=50'),
    );
    expect(s).toEqual({ q: '李', unitId: 4, role: 'township', status: 'disabled', page: 2, pageSize: 50 });
    expect(parseUserListSearch(new URLSearchParams('role=king&unitId=-1&status=x&pageSize=7'))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('round-trips through the URL without defaults', () => {
    const s = parseUserListSearch(new URLSearchParams('role=tax&page=3'));
    expect(userListSearch(s).toString()).toBe('role=tax&page=3');
    expect(userListSearch({ page: 1, pageSize: 20 }).toString()).toBe('');
  });

  it('turns the status into the API’s disabled flag; export has no paging', () => {
    const s = parseUserListSearch(new URLSearchParams('status=active&q=wang&page=2'));
    expect(userApiQuery(s).toString()).toBe('q=wang&disabled=false&page=2&pageSize=20');
    expect(userExportQuery(s).toString()).toBe('q=wang&disabled=false');
    expect(countUserFilters(s)).toBe(2);
  });
});

describe('audit list URL state', () => {
  it('parses actor, firm, action prefix and an ordered date range', () => {
    const s = parseAuditListSearch(
      new URLSearchParams('actor=nanlou&enterprise=盂县&action=access&from=2024-11-01&to=2024-11-30'),
    );
    expect(s).toEqual({
      actor: 'nanlou',
      enterprise: '盂县',
      action: 'access',
      from: '2024-11-01',
      to: '2024-11-30',
      page: 1,
      pageSize: 20,
    });
    expect(countAuditFilters(s)).toBe(5);
  });

  it('drops bad dates, a reversed range and odd actions', () => {
    const s = parseAuditListSearch(new URLSearchParams('from=2024-13-01&to=2024-1-2&action=DROP TABLE'));
    expect(s).toEqual({ page: 1, pageSize: 20 });
    const r = parseAuditListSearch(new URLSearchParams('from=2024-11-30&to=2024-11-01'));
    expect(r).toEqual({ from: '2024-11-30', page: 1, pageSize: 20 });
  });

  it('builds the API, export and page queries', () => {
    const s = parseAuditListSearch(new URLSearchParams('actor=a&page=4&pageSize=100'));
    expect(auditApiQuery(s).toString()).toBe('actor=a&page=4&pageSize=100');
    expect(auditExportQuery(s).toString()).toBe('actor=a');
    expect(auditListSearch(s).toString()).toBe('actor=a&page=4&pageSize=100');
  });
});

describe('withNewFilters', () => {
  it('restarts at page 1, keeps the page size and drops empty values', () => {
    const state: AuditListState = { page: 5, pageSize: 50, actor: 'x' };
    expect(withNewFilters(state, { actor: ' ', action: 'user' })).toEqual({
      page: 1,
      pageSize: 50,
      action: 'user',
    });
  });
});
