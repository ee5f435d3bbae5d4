// Field errors from two places onto one antd form: the shared zod schema on the client, and the
// `details[]` of a server 400 (docs/api.md §Errors). Errors on fields the form does not show are
// returned apart so the caller can report them.

export type FieldName = Array<string | number>;

export interface FieldError {
  name: FieldName;
  errors: string[];
}

export interface MappedErrors {
  fields: FieldError[];
  /** Messages whose path is empty or names a field the form does not have. */
  rest: string[];
}

export interface PathMessage {
  path: string | ReadonlyArray<PropertyKey>;
  message: string;
}

/** `creditCode` · `contacts.0.phone` · `contacts[0].phone` · ['a', 0] → ['contacts', 0, 'phone']. */
export function pathToName(path: string | ReadonlyArray<PropertyKey>): FieldName {
  const parts: Array<PropertyKey> =
    typeof path === 'string' ? path.split(/[.[\]]/).filter((p) => p !== '') : [...path];
  const name = parts.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
  // Some servers prefix the request part ("body.creditCode"); the form only knows the field.
  if (name[0] === 'body' || name[0] === 'query') name.shift();
  return name.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
}

/** Groups messages by field; `knownFields` are the top-level names the form renders. */
export function mapFieldErrors(issues: readonly PathMessage[], knownFields: readonly string[]): MappedErrors {
  const byField = new Map<string, FieldError>();
  const rest: string[] = [];
  for (const issue of issues) {
    const name = pathToName(issue.path);
    const top = name[0];
    if (typeof top !== 'string' || !knownFields.includes(top)) {
      if (!rest.includes(issue.message)) rest.push(issue.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], rest };
}

/**
 * What a failed save still has to say once its details are on the fields: the messages on no field, or the
 * error's own message when it adds something — a refusal whose message only repeats its details (the server
 * joins them with '；') is said once, on the fields.
 */
export function leftToReport(
  message: string,
  details: readonly PathMessage[],
  rest: readonly string[],
): string[] {
  if (rest.length > 0) return [...rest];
  const onFields = new Set(details.map((d) => d.message));
  return message.split('；').every((m) => onFields.has(m)) ? [] : [message];
}
