import { describe, expect, it } from 'vitest';
import { helpPlanState, retentionResult, supervisionState } from './service-help.js';

describe('help plan state', () => {
  it('is the plan’s when there is one, else none until the due day and overdue after it', () => {
    expect(helpPlanState(null, '2026-11-27', '2026-11-27')).toBe('none');
    expect(helpPlanState(null, '2026-11-27', '2026-11-28')).toBe('overdue');
    expect(helpPlanState({ closed: false }, '2026-11-27', '2026-12-30')).toBe('active');
    expect(helpPlanState({ closed: true }, '2026-11-27', '2026-12-30')).toBe('closed');
  });
});

describe('retention result', () => {
  it('is left whenever the firm left, stayed only once the year is closed', () => {
    expect(retentionResult(true, false)).toBe('left');
    expect(retentionResult(true, true)).toBe('left');
    expect(retentionResult(false, true)).toBe('stayed');
    expect(retentionResult(false, false)).toBe('open');
  });
});

describe('supervision state', () => {
  it('waits for its items, then for the centre, and is closed only by the centre', () => {
    expect(supervisionState(false, 2)).toBe('open');
    expect(supervisionState(false, 0)).toBe('awaiting');
    expect(supervisionState(true, 0)).toBe('closed');
  });
});
