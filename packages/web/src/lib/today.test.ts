import { afterEach, describe, expect, it, vi } from 'vitest';
import { chinaToday, planYear } from './today';

describe('the browser’s today is the China day', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns to the new year at China midnight, while UTC is still on 31 December', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-31T15:59:59Z') });
    expect(chinaToday()).toBe('2026-12-31');
    expect(planYear()).toBe(2026);
    vi.setSystemTime(Date.parse('2026-12-31T16:00:00Z'));
    expect(chinaToday()).toBe('2027-01-01');
    expect(planYear()).toBe(2027);
  });
});
