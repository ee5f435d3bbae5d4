// The shapes every text module shares. A module exports `zh` (the source, `as const`) and `en` typed
// against it with EnglishOf, so a key missing in English does not compile; app/dictionary.ts registers them.

export type Lang = 'zh' | 'en';
export type Vars = Record<string, string | number>;

/** The English half of a module: every Chinese key, a string each. */
export type EnglishOf<Zh> = Record<keyof Zh, string>;

/** Labels of domain values under one key prefix: `prefixed('label.role', ROLE_LABELS)` → 'label.role.leader'. */
export function prefixed<P extends string, K extends string>(
  prefix: P,
  labels: Readonly<Record<K, string>>,
): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${prefix}.${k}`, v])) as Record<
    `${P}.${K}`,
    string
  >;
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
