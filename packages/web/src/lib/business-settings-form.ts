// The 业务设置 form's values ↔ the API's stored values: money in 万元 on screen and yuan in the API, objects
// as JSON text; field names without dots (antd reads a dot as part of the name, not a path).
import type { BusinessSettingView } from '@shenggui/domain';

export const fieldName = (key: string) => key.replaceAll('.', '__');
export const keyOfField = (name: string) => name.replaceAll('__', '.');

type Kind = BusinessSettingView['kind'];

/** A stored value as the form shows it. */
export function toFormValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (kind === 'money' && typeof value === 'number') return Math.round(value) / 10_000;
  if (kind === 'json') return JSON.stringify(value, null, 2);
  return value;
}

/** A form value as the API stores it; `{ error }` when it cannot be read (JSON). */
export function fromFormValue(kind: Kind, value: unknown): { value: unknown } | { error: 'json' } {
  if (kind === 'money' && typeof value === 'number') return { value: Math.round(value * 1_000_000) / 100 };
  if (kind === 'json' && typeof value === 'string') {
    try {
      return { value: JSON.parse(value) };
    } catch {
      return { error: 'json' };
    }
  }
  if (typeof value === 'string') return { value: value.trim() };
  return { value: value ?? null };
}

/** The settings whose value the user changed, as `{ key: storedValue }`, and the fields that cannot be read. */
export function changedSettings(
  items: readonly BusinessSettingView[],
  values: Record<string, unknown>,
): { changed: Record<string, unknown>; invalid: string[] } {
  const changed: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const item of items) {
    const name = fieldName(item.key);
    if (!(name in values)) continue;
    const parsed = fromFormValue(item.kind, values[name]);
    if ('error' in parsed) {
      invalid.push(item.key);
      continue;
    }
    if (JSON.stringify(parsed.value) !== JSON.stringify(item.value)) changed[item.key] = parsed.value;
  }
  return { changed, invalid };
}
