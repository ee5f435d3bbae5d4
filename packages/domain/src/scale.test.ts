import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_THRESHOLD_YUAN, SCALE_STATUS_LABELS, SCALE_STATUSES, thresholdPace } from './scale.js';

describe('scale', () => {
  it('the default line is 2000万元', () => {
    expect(DEFAULT_SCALE_THRESHOLD_YUAN).toBe(20_000_000);
  });

  it('labels above and below scale', () => {
    expect(SCALE_STATUSES).toEqual(['above', 'below']);
    expect(SCALE_STATUS_LABELS).toEqual({ above: '规上', below: '规下' });
  });

  it('the monthly pace rises evenly to the threshold in December', () => {
    const pace = thresholdPace(DEFAULT_SCALE_THRESHOLD_YUAN);
    expect(pace).toHaveLength(12);
    expect(pace[0]).toBeCloseTo(20_000_000 / 12, 6);
    expect(pace[5]).toBe(10_000_000);
    expect(pace[11]).toBe(20_000_000);
    for (let i = 1; i < 12; i++) expect(pace[i] ?? 0).toBeGreaterThan(pace[i - 1] ?? 0);
    expect(thresholdPace(12_000)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 11_000, 12_000,
    ]);
  });
});
