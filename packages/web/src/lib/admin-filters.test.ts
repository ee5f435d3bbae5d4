import { describe, expect, it } from 'vitest';
import { auditListQuery, userListQuery } from './admin-filters';

type AuditListState = ReturnType<typeof auditListQuery.parse>;

describe('user list URL state', () => {
  it('parses filters and drops nonsense', () => {
    const s = userListQuery.parse(
      new URLSearchParams('q= 李 &unitId=4&role=township&status=disabled&page=2&pageSize=50'),
    );
    expect(s).toEqual({ q: '李', unitId: 4, role: 'township', status: 'disabled', page: 2, pageSize: 50 });
    expect(userListQuery.parse(new URLSearchParams('role=king&unitId=-1&status=x&pageSize=7'))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('round-trips through the URL without defaults', () => {
    const s = userListQuery.parse(new URLSearchParams('role=tax&page=3'));
    expect(userListQuery.search(s).toString()).toBe('role=tax&page=3');
    expect(userListQuery.search({ page: 1, pageSize: 20 }).toString()).toBe('');
  });

  it('turns the status into the API’s disabled flag; export has no paging', () => {
    const s = userListQuery.parse(new URLSearchParams('status=active&q=wang&page=2'));
    expect(userListQuery.apiQuery(s).toString()).toBe('q=wang&disabled=false&page=2&pageSize=20');
    expect(userListQuery.exportQuery(s).toString()).toBe('q=wang&disabled=false');
    expect(userListQuery.countFilters(s)).toBe(2);
  });
});

describe('audit list URL state', () => {
  it('parses actor, firm, action prefix and an ordered date range', () => {
    const s = auditListQuery.parse(
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
    expect(auditListQuery.countFilters(s)).toBe(5);
  });

  it('drops bad dates, a reversed range and odd actions', () => {
    const s = auditListQuery.parse(new URLSearchParams('from=2024-13-01&to=2024-1-2&action=DROP TABLE'));
    expect(s).toEqual({ page: 1, pageSize: 20 });
    const r = auditListQuery.parse(new URLSearchParams('from=2024-11-30&to=2024-11-01'));
    expect(r).toEqual({ from: '2024-11-30', page: 1, pageSize: 20 });
  });

  it('builds the API, export and page queries', () => {
    const s = auditListQuery.parse(new URLSearchParams('actor=a&page=4&pageSize=100'));
    expect(auditListQuery.apiQuery(s).toString()).toBe('actor=a&page=4&pageSize=100');
    expect(auditListQuery.exportQuery(s).toString()).toBe('actor=a');
    expect(auditListQuery.search(s).toString()).toBe('actor=a&page=4&pageSize=100');
  });
});

describe('withFilters', () => {
  it('restarts at page 1, keeps the page size and drops empty values', () => {
    const state: AuditListState = { page: 5, pageSize: 50, actor: 'x' };
    expect(auditListQuery.withFilters(state, { actor: ' ', action: 'user' })).toEqual({
      page: 1,
      pageSize: 50,
      action: 'user',
    });
  });
});
