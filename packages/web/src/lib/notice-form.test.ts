import { describe, expect, it } from 'vitest';
import { defaultNoticeAsOf, defaultNoticeTitle, parseYearParam } from './notice-form';

describe('notice form defaults', () => {
  it('titles the notice like the server does', () => {
    expect(defaultNoticeTitle(2024)).toBe('关于2024年全县规上工业企业净增工作进展情况的通报');
  });
  it('shows today for the current year and the last day for a past one', () => {
    expect(defaultNoticeAsOf(2026, '2026-11-28')).toBe('2026-11-28');
    expect(defaultNoticeAsOf(2024, '2026-11-28')).toBe('2024-12-31');
    expect(defaultNoticeAsOf(2027, '2026-11-28')).toBe('2027-01-01');
  });
  it('reads a year from the URL or falls back', () => {
    expect(parseYearParam('2024', 2026)).toBe(2024);
    expect(parseYearParam(null, 2026)).toBe(2026);
    expect(parseYearParam('1999', 2026)).toBe(2026);
  });
});
