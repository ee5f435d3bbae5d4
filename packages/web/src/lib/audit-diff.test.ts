import { describe, expect, it } from 'vitest';
import { auditDiff, flattenAuditValue, formatAuditValue, hasAuditDetail } from './audit-diff';

describe('formatAuditValue', () => {
  it('writes scalars, booleans and lists in words', () => {
    expect(formatAuditValue(null)).toBe('（空）');
    expect(formatAuditValue(true)).toBe('是');
    expect(formatAuditValue(false, 'en')).toBe('no');
    expect(formatAuditValue(12)).toBe('12');
    expect(formatAuditValue(['township', 'centre'])).toBe('township、centre');
    expect(formatAuditValue([])).toBe('（无）');
    expect(formatAuditValue([{ a: 1 }])).toBe('[{"a":1}]');
  });
});

describe('flattenAuditValue', () => {
  it('flattens nested objects to dotted keys and keeps arrays whole', () => {
    const flat = flattenAuditValue({ level: 2, password: { minLength: 8, minClasses: 3 }, roles: ['a'] });
    expect([...flat.entries()]).toEqual([
      ['level', 2],
      ['password.minLength', 8],
      ['password.minClasses', 3],
      ['roles', ['a']],
    ]);
  });

  it('gives a scalar record the empty key', () => {
    expect([...flattenAuditValue('x').entries()]).toEqual([['', 'x']]);
  });
});

describe('auditDiff', () => {
  it('marks changed, added, removed and unchanged keys', () => {
    const rows = auditDiff(
      { displayName: '张三', roles: ['township'], disabled: false, note: 'x' },
      { displayName: '张三', roles: ['township', 'centre'], disabled: true, unitId: 4 },
    );
    expect(rows).toEqual([
      { key: 'displayName', before: '张三', after: '张三', change: 'same' },
      { key: 'roles', before: 'township', after: 'township、centre', change: 'changed' },
      { key: 'disabled', before: '否', after: '是', change: 'changed' },
      { key: 'note', before: 'x', after: null, change: 'removed' },
      { key: 'unitId', before: null, after: '4', change: 'added' },
    ]);
  });

  it('shows a creation (no before) as plain values, not as additions', () => {
    expect(auditDiff(null, { username: 'shenji' })).toEqual([
      { key: 'username', before: null, after: 'shenji', change: 'same' },
    ]);
  });

  it('diffs nested settings key by key', () => {
    const rows = auditDiff({ password: { minLength: 8 } }, { password: { minLength: 12 } }, 'en');
    expect(rows).toEqual([{ key: 'password.minLength', before: '8', after: '12', change: 'changed' }]);
  });

  it('gives no rows when neither side exists', () => {
    expect(auditDiff(null, null)).toEqual([]);
    expect(hasAuditDetail(undefined, null)).toBe(false);
    expect(hasAuditDetail(null, { a: 1 })).toBe(true);
  });
});
