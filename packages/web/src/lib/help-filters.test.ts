import { describe, expect, it } from 'vitest';
import { helpPlanListQuery, supervisionListQuery } from './help-filters';

describe('help plan list URL state', () => {
  it('parses the year, state, result and flags, dropping what makes no sense', () => {
    const state = helpPlanListQuery.parse(
      new URLSearchParams('year=2025&state=overdue&result=left&unitId=7&reviewOverdue=true&q=%20煤业%20'),
    );
    expect(state).toMatchObject({
      year: 2025,
      state: 'overdue',
      result: 'left',
      unitId: 7,
      reviewOverdue: 'true',
      q: '煤业',
      page: 1,
    });
    const bad = helpPlanListQuery.parse(new URLSearchParams('year=1&state=x&result=y&reviewOverdue=maybe'));
    expect(bad).toEqual({ page: 1, pageSize: 20 });
  });

  it('does not count the year as a filter; the API gets the page and the filters', () => {
    const state = helpPlanListQuery.parse(new URLSearchParams('year=2025&result=stayed'));
    expect(helpPlanListQuery.countFilters(state)).toBe(1);
    const api = helpPlanListQuery.apiQuery(state);
    expect(api.get('year')).toBe('2025');
    expect(api.get('result')).toBe('stayed');
    expect(api.get('page')).toBe('1');
    expect(helpPlanListQuery.exportQuery(state).has('page')).toBe(false);
  });
});

describe('supervision list URL state', () => {
  it('keeps a date range and the state under the API names', () => {
    const state = supervisionListQuery.parse(
      new URLSearchParams('from=2026-03-01&to=2026-06-30&state=awaiting&overdueItems=false&unitId=3'),
    );
    expect(state).toMatchObject({
      from: '2026-03-01',
      to: '2026-06-30',
      state: 'awaiting',
      overdueItems: 'false',
      unitId: 3,
    });
    expect(supervisionListQuery.parse(new URLSearchParams('from=2026-13-01&state=done'))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });
});
