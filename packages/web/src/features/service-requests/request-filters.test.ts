import { describe, expect, it } from 'vitest';
import { OPEN_STATES_FILTER, requestListQuery } from './request-filters';

describe('the request list in the URL', () => {
  it('reads the to-do links: several states, the owner unit, the light', () => {
    const state = requestListQuery.parse(
      new URLSearchParams('state=submitted,returned&light=red&ownerUnitId=12'),
    );
    expect(state).toMatchObject({ state: 'submitted,returned', light: 'red', ownerUnitId: 12, page: 1 });
    expect(requestListQuery.apiQuery(state).get('state')).toBe('submitted,returned');
    expect(requestListQuery.countFilters(state)).toBe(3);
  });

  it('drops what the API would refuse instead of failing the page', () => {
    const state = requestListQuery.parse(
      new URLSearchParams('state=pending,nope&light=blue&year=1999&overdueOnly=yes'),
    );
    expect(state.state).toBeUndefined();
    expect(state.light).toBeUndefined();
    expect(state.year).toBeUndefined();
    expect(state.overdueOnly).toBeUndefined();
  });

  it('keeps the sort and the open-states choice, and the export carries no page', () => {
    const state = requestListQuery.parse(
      new URLSearchParams(`state=${OPEN_STATES_FILTER}&sort=due&order=asc&page=3&q=%20秀水%20`),
    );
    expect(state).toMatchObject({ sort: 'due', order: 'asc', page: 3, q: '秀水' });
    const exported = requestListQuery.exportQuery(state);
    expect(exported.get('page')).toBeNull();
    expect(exported.get('sort')).toBe('due');
    expect(exported.get('state')).toBe(OPEN_STATES_FILTER);
  });
});
