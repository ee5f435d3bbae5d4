import { describe, expect, it } from 'vitest';
import { addDays } from './period.js';
import {
  checkVisitDate,
  RECENT_VISIT_DAYS,
  recentVisitsFrom,
  suggestLeadUnit,
  VISIT_MAX_AGE_DAYS,
} from './service.js';

const township = { id: 1, name: '秀水镇' };

describe('suggestLeadUnit', () => {
  it('suggests the supervising department (行业主管)', () => {
    const s = suggestLeadUnit({ township, supervising: { id: 7, name: '县工信局', kind: 'department' } });
    expect(s).toMatchObject({ unitId: 7, unitName: '县工信局', basis: 'supervising' });
    expect(s.reason).toContain('县工信局');
  });

  it('suggests the zone for a firm it supervises', () => {
    const s = suggestLeadUnit({ township, supervising: { id: 9, name: '县经济技术开发区', kind: 'zone' } });
    expect(s).toMatchObject({ unitId: 9, basis: 'supervising' });
  });

  it('falls back to the township (属地) without a department or zone', () => {
    expect(suggestLeadUnit({ township, supervising: null })).toMatchObject({ unitId: 1, basis: 'township' });
    const s = suggestLeadUnit({ township, supervising: { id: 3, name: '县人民政府', kind: 'county' } });
    expect(s).toMatchObject({ unitId: 1, unitName: '秀水镇', basis: 'township' });
    expect(s.reason).toContain('属地');
  });
});

describe('checkVisitDate', () => {
  const today = '2026-11-20';
  it('accepts today and a date within a year', () => {
    expect(checkVisitDate(today, today)).toBeNull();
    expect(checkVisitDate(addDays(today, -VISIT_MAX_AGE_DAYS), today)).toBeNull();
  });
  it('refuses the future and more than a year back, in Chinese', () => {
    expect(checkVisitDate('2026-11-21', today)).toContain('不能晚于今天');
    expect(checkVisitDate(addDays(today, -VISIT_MAX_AGE_DAYS - 1), today)).toContain('不能早于一年前');
  });
});

describe('recentVisitsFrom', () => {
  it('opens the window RECENT_VISIT_DAYS before the visit', () => {
    expect(RECENT_VISIT_DAYS).toBe(30);
    expect(recentVisitsFrom('2026-11-20')).toBe('2026-10-21');
    expect(recentVisitsFrom('2026-03-01')).toBe('2026-01-30');
  });
});
