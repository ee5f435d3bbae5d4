// Errors onto an antd form: zod issues from the shared schema before sending, `details[]` of a 400 after.
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { leftToReport, mapFieldErrors, type PathMessage } from '../lib/form-errors';
import { reportError, reportMessages } from './error-reporter';
import { isApiError } from './errors';

function apply(form: FormInstance, issues: readonly PathMessage[], fields: readonly string[]): string[] {
  const mapped = mapFieldErrors(issues, fields);
  form.setFields(mapped.fields.map((f) => ({ name: f.name, errors: f.errors })));
  const first = mapped.fields[0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return mapped.rest;
}

/** Zod issues from the shared schema onto the fields; issues on other paths are reported. */
export function applyZodErrors(form: FormInstance, error: z.ZodError, fields: readonly string[]): void {
  const rest = apply(
    form,
    error.issues.map((i) => ({ path: i.path, message: i.message })),
    fields,
  );
  reportMessages(rest);
}

/** Problems of a shared rule run before sending (path + Chinese message) onto the fields; others reported. */
export function applyProblems(
  form: FormInstance,
  problems: readonly PathMessage[],
  fields: readonly string[],
): void {
  reportMessages(apply(form, problems, fields));
}

/** A failed save: field details onto the fields, anything else through the one error reporter. */
export function applyServerError(form: FormInstance, error: unknown, fields: readonly string[]): void {
  if (isApiError(error) && error.details.length > 0) {
    reportMessages(leftToReport(error.message, error.details, apply(form, error.details, fields)));
    return;
  }
  reportError(error);
}
