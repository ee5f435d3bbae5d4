import type { BusinessSettingView } from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import { changedSettings, fieldName, fromFormValue, keyOfField, toFormValue } from './business-settings-form';

const item = (key: string, kind: BusinessSettingView['kind'], value: unknown): BusinessSettingView => ({
  key,
  group: 'scale',
  label: key,
  help: '',
  kind,
  year: 'none',
  value,
  source: 'builtin',
  display: '',
});

describe('business settings form', () => {
  it('field names have no dots and map back', () => {
    expect(fieldName('notice.nextNumber')).toBe('notice__nextNumber');
    expect(keyOfField('notice__nextNumber')).toBe('notice.nextNumber');
  });
  it('money is 万元 on screen and yuan in the API', () => {
    expect(toFormValue('money', 20_000_000)).toBe(2000);
    expect(fromFormValue('money', 2000.5)).toEqual({ value: 20_005_000 });
    expect(fromFormValue('json', '{x')).toEqual({ error: 'json' });
  });
  it('lists only what changed, and what cannot be read', () => {
    const items = [
      item('scale.threshold', 'money', 20_000_000),
      item('notice.nextNumber', 'int', 1),
      item('supervising.rule', 'json', { a: 1 }),
    ];
    expect(
      changedSettings(items, {
        scale__threshold: 2000,
        notice__nextNumber: 7,
        supervising__rule: '{"a":1}',
      }),
    ).toEqual({ changed: { 'notice.nextNumber': 7 }, invalid: [] });
    expect(changedSettings(items, { supervising__rule: '{' })).toEqual({
      changed: {},
      invalid: ['supervising.rule'],
    });
  });
});
