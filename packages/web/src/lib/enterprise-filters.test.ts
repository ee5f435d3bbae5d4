import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_STATE, enterpriseListQuery } from './enterprise-filters';

const parse = (qs: string) => enterpriseListQuery.parse(new URLSearchParams(qs));

describe('parseEnterpriseListSearch', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parse('')).toEqual(DEFAULT_LIST_STATE);
  });

  it('reads every filter, paging and sort', () => {
    const state = parse(
      'q=%E7%9B%82%E5%8E%BF&townshipId=12&supervisingUnitId=30&industry=3089&scaleStatus=below' +
        '&revenueYear=2024&revenueMinWan=1000&revenueMaxWan=2000.5&sort=revenue&order=desc&page=3&pageSize=50',
    );
    expect(state).toEqual({
      q: '盂县',
      townshipId: 12,
      supervisingUnitId: 30,
      industry: '3089',
      scaleStatus: 'below',
      revenueYear: 2024,
      revenueMinWan: 1000,
      revenueMaxWan: 2000.5,
      sort: 'revenue',
      order: 'desc',
      page: 3,
      pageSize: 50,
    });
  });

  it('drops values that make no sense instead of failing', () => {
    const state = parse(
      'townshipId=abc&supervisingUnitId=-4&industry=X99&scaleStatus=huge&revenueYear=1800' +
        '&revenueMinWan=-5&sort=password&order=sideways&page=0&pageSize=33&q=%20%20',
    );
    expect(state).toEqual(DEFAULT_LIST_STATE);
  });

  it('accepts an industry prefix at any level and normalises a section-letter class code', () => {
    expect(parse('industry=C').industry).toBe('C');
    expect(parse('industry=30').industry).toBe('30');
    expect(parse('industry=301').industry).toBe('301');
    expect(parse('industry=c3011').industry).toBe('3011');
    expect(parse('industry=9999').industry).toBeUndefined();
  });

  it('ignores an upper revenue bound below the lower bound', () => {
    const state = parse('revenueMinWan=2000&revenueMaxWan=1000');
    expect(state.revenueMinWan).toBe(2000);
    expect(state.revenueMaxWan).toBeUndefined();
  });
});

describe('enterpriseListSearch', () => {
  it('leaves the defaults out of the URL', () => {
    expect(enterpriseListQuery.search(DEFAULT_LIST_STATE).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = {
      ...DEFAULT_LIST_STATE,
      q: '铸造 有限公司',
      townshipId: 5,
      industry: 'C',
      scaleStatus: 'above' as const,
      revenueYear: 2023,
      revenueMinWan: 0,
      sort: 'updatedAt' as const,
      order: 'desc' as const,
      page: 2,
      pageSize: 100,
    };
    const qs = enterpriseListQuery.search(state).toString();
    expect(parse(qs)).toEqual(state);
    expect(qs).toContain('revenueMinWan=0');
  });

  it('keeps the sort pair together when only the order differs from the default', () => {
    const qs = enterpriseListQuery.search({ ...DEFAULT_LIST_STATE, order: 'desc' });
    expect(qs.get('sort')).toBe('name');
    expect(qs.get('order')).toBe('desc');
  });
});

describe('withFilters', () => {
  it('resets to page 1, keeps size and sort, drops blanks and trims text', () => {
    const current = { ...DEFAULT_LIST_STATE, page: 7, pageSize: 50, sort: 'revenue' as const, q: 'old' };
    const next = enterpriseListQuery.withFilters(current, {
      q: '  新名  ',
      townshipId: undefined,
      industry: '',
    });
    expect(next).toEqual({ page: 1, pageSize: 50, sort: 'revenue', order: 'asc', q: '新名' });
    expect(enterpriseListQuery.countFilters(next)).toBe(1);
  });
});

describe('API queries', () => {
  it('always sends paging and sort to the list endpoint', () => {
    const qs = enterpriseListQuery.apiQuery({ ...DEFAULT_LIST_STATE, scaleStatus: 'above' });
    expect(Object.fromEntries(qs)).toEqual({
      scaleStatus: 'above',
      page: '1',
      pageSize: '20',
      sort: 'name',
      order: 'asc',
    });
  });

  it('exports the whole filtered list, not a page', () => {
    const qs = enterpriseListQuery.exportQuery({
      ...DEFAULT_LIST_STATE,
      page: 4,
      pageSize: 50,
      townshipId: 9,
    });
    expect(qs.has('page')).toBe(false);
    expect(qs.has('pageSize')).toBe(false);
    expect(qs.get('townshipId')).toBe('9');
  });
});
