import { defaultDeclarationCalendar } from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import { batchOptions } from './batch-options';

describe('the batches 发起申报 offers', () => {
  const calendar = defaultDeclarationCalendar(2026);

  it('closes the annual batches whose deadline has passed, with the reason', () => {
    const options = batchOptions(calendar, 2026, 'annual', '2026-11-21');
    expect(options.map((o) => [o.key, o.closedReason === null])).toEqual([
      ['nov', false],
      ['dec', true],
    ]);
    expect(options[0]?.closedReason).toContain('2026-11-20');
    expect(batchOptions(calendar, 2026, 'annual', '2026-11-20').every((o) => o.closedReason === null)).toBe(
      true,
    );
  });

  it('closes the months whose monthly deadline has passed', () => {
    const options = batchOptions(calendar, 2026, 'monthly', '2026-11-21');
    expect(options).toHaveLength(12);
    expect(options.filter((o) => o.closedReason === null).map((o) => o.key)).toEqual(['2026-12']);
  });
});
