import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPeriod } from './format';

describe('format', () => {
  it('shows calendar dates unchanged and timestamps as China dates, whatever the zone', () => {
    expect(formatDate('2024-11-25')).toBe('2024-11-25');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('nonsense')).toBe('—');
    expect(formatDate('2024-11-24T16:30:00.000Z')).toBe('2024-11-25');
    expect(formatDateTime('2024-11-24T16:30:00.000Z')).toBe('2024-11-25 00:30');
  });
  it('shows periods as 2024年11月', () => {
    expect(formatPeriod('2024-11')).toBe('2024年11月');
    expect(formatPeriod('2024-11', 'en')).toBe('2024-11');
    expect(formatPeriod(null)).toBe('—');
  });
  it('formats numbers with thousands separators and fixed decimals', () => {
    expect(formatNumber(1234567.8)).toBe('1,234,567.80');
    expect(formatNumber('52000', 0)).toBe('52,000');
    expect(formatNumber(undefined)).toBe('—');
  });
});
