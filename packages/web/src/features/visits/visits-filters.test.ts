import { describe, expect, it } from 'vitest';
import { personName } from './visit-form-page';
import { leadListQuery, visitListQuery } from './visits-api';

describe('the visit list URL state', () => {
  it('reads the API filters and drops a value the schema refuses', () => {
    const s = visitListQuery.parse(
      new URLSearchParams(
        'from=2026-01-01&to=2026-11-20&purpose=policy&unitId=7&official=李强&q=机械&page=2',
      ),
    );
    expect(s).toMatchObject({ from: '2026-01-01', to: '2026-11-20', purpose: 'policy', unitId: 7, page: 2 });
    expect(visitListQuery.parse(new URLSearchParams('purpose=party')).purpose).toBeUndefined();
    expect(visitListQuery.countFilters(s)).toBe(6);
  });
});

describe('the lead list URL state', () => {
  it('keeps the to-do link filter and does not count the year', () => {
    const s = leadListQuery.parse(new URLSearchParams('hasLead=no&year=2026'));
    expect(s).toMatchObject({ hasLead: 'no', year: 2026 });
    expect(leadListQuery.countFilters(s)).toBe(1);
    expect(leadListQuery.apiQuery(s).get('hasLead')).toBe('no');
    expect(leadListQuery.parse(new URLSearchParams('hasLead=maybe')).hasLead).toBeUndefined();
  });
});

describe('personName', () => {
  it('takes the name before the unit in parentheses', () => {
    expect(personName('李强（秀水镇）')).toBe('李强');
    expect(personName('王敏')).toBe('王敏');
  });
});
