import { describe, expect, it } from 'vitest';
import {
  boardSearch,
  boardYears,
  completionRate,
  formatProbability,
  formatRate,
  parseBoardSearch,
  progressTone,
  remainingOf,
} from './progress-board';

describe('board URL state', () => {
  it('reads year, as-of date and dimension leniently', () => {
    expect(parseBoardSearch(new URLSearchParams('year=2024&asOf=2024-06-30&dim=supervising'), 2026)).toEqual({
      year: 2024,
      asOf: '2024-06-30',
      dimension: 'supervising',
    });
    expect(parseBoardSearch(new URLSearchParams('year=abc&asOf=2024-6-1&dim=x'), 2026)).toEqual({
      year: 2026,
      asOf: null,
      dimension: 'territorial',
    });
  });

  it('leaves defaults out of the URL and round-trips', () => {
    expect(boardSearch({ year: 2026, asOf: null, dimension: 'territorial' }, 2026).toString()).toBe('');
    const state = { year: 2024, asOf: '2024-09-30', dimension: 'supervising' as const };
    expect(parseBoardSearch(boardSearch(state, 2026), 2026)).toEqual(state);
  });

  it('offers recent years plus the selected one, newest first', () => {
    expect(boardYears(2026, 2020, 2)).toEqual([2026, 2025, 2024, 2020]);
  });
});

describe('figures', () => {
  it('computes completion, remaining and tone against a target', () => {
    expect(completionRate(6, 8)).toBe(75);
    expect(completionRate(3, null)).toBeNull();
    expect(completionRate(3, 0)).toBeNull();
    expect(formatRate(completionRate(10, 8))).toBe('125.0%');
    expect(remainingOf(6, 8)).toBe(2);
    expect(remainingOf(9, 8)).toBe(0);
    expect(remainingOf(1, null)).toBeNull();
    expect(progressTone(8, 8)).toBe('done');
    expect(progressTone(4, 8)).toBe('onTrack');
    expect(progressTone(-1, 8)).toBe('behind');
    expect(progressTone(1, null)).toBe('none');
  });

  it('formats probabilities without claiming certainty', () => {
    expect(formatProbability(null)).toBe('—');
    expect(formatProbability(0.734)).toBe('73%');
    expect(formatProbability(0.001)).toBe('<1%');
    expect(formatProbability(0.999)).toBe('>99%');
    expect(formatProbability(1)).toBe('100%');
  });
});
