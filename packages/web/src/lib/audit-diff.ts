// 变更前 / 变更后 of an audit record as rows a person can read: nested objects flattened to dotted keys,
// each key once, with what happened to it. The record itself is JSON of any shape (docs/api.md §Audit).
import { type Lang, translate } from '../app/dictionary';

export type DiffChange = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  /** Dotted path, e.g. `password.minLength`; `''` when the whole value is not an object. */
  key: string;
  before: string | null;
  after: string | null;
  change: DiffChange;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One value as text: booleans in words, arrays of scalars joined, anything else as compact JSON. */
export function formatAuditValue(value: unknown, lang: Lang = 'zh'): string {
  if (value === null || value === undefined) return translate(lang, 'audit.value.empty');
  if (typeof value === 'boolean') return translate(lang, value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'string') return value === '' ? translate(lang, 'audit.value.empty') : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return translate(lang, 'audit.value.none');
    if (value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
      return value.map((v) => formatAuditValue(v, lang)).join(translate(lang, 'audit.value.separator'));
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** `{a: {b: 1}, c: [1]}` → Map { 'a.b' → 1, 'c' → [1] }. Arrays stay whole (they read better joined). */
export function flattenAuditValue(value: unknown, prefix = '', out = new Map<string, unknown>()) {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, value);
    for (const k of keys) flattenAuditValue(value[k], prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (value !== undefined) out.set(prefix, value);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * Rows for the expanded audit record, in the order keys first appear (before, then after). A record with
 * neither side (a sign-out) gives no rows. Changed rows come first when `changedFirst` is set.
 */
export function auditDiff(before: unknown, after: unknown, lang: Lang = 'zh'): DiffRow[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  const b = hasBefore ? flattenAuditValue(before) : new Map<string, unknown>();
  const a = hasAfter ? flattenAuditValue(after) : new Map<string, unknown>();
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((key) => {
    const inB = b.has(key);
    const inA = a.has(key);
    const bv = b.get(key);
    const av = a.get(key);
    let change: DiffChange;
    if (inB && inA) change = same(bv, av) ? 'same' : 'changed';
    else if (inA) change = hasBefore ? 'added' : 'same';
    else change = hasAfter ? 'removed' : 'same';
    return {
      key,
      before: inB ? formatAuditValue(bv, lang) : null,
      after: inA ? formatAuditValue(av, lang) : null,
      change,
    };
  });
}

/** True when the record carries a before/after worth expanding. */
export function hasAuditDetail(before: unknown, after: unknown): boolean {
  return auditDiff(before, after).length > 0;
}
