// Shapes every slice's contract uses: the id in a path, paging in a query string, a page of rows in an
// answer, the year of a report. One definition each; the slices' contracts in this folder build on them.
import { z } from 'zod';

/** `/things/:id` — a positive integer id. */
export const idParams = z.object({
  id: z.coerce.number({ error: '编号应为正整数' }).int().positive('编号应为正整数'),
});
export type IdParams = z.output<typeof idParams>;

/** `?page=&pageSize=` — the same bounds and Chinese messages on every list. */
export const pageQuery = z.object({
  page: z.coerce.number({ error: '页码应为1到100000之间的整数' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ error: '每页条数应为1到200之间的整数' }).int().min(1).max(200).default(20),
});
export type PageQuery = z.output<typeof pageQuery>;

/** A year in a query string or a path (a plan year, a report year). */
export const yearField = z.coerce.number({ error: '年度应为2000到2100之间的整数' }).int().min(2000).max(2100);
export const yearParams = z.object({ year: yearField });

/** One page of rows: `{ items, total, page, pageSize }`. */
export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

/** `{ ok: true }` for actions that answer nothing else. */
export const okResponse = z.object({ ok: z.literal(true) });

/** One field's problem in an error answer: the path (`creditCode`, `rows.3.period`) and a Chinese message. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.output<typeof fieldIssueSchema>;

/** The envelope every failed request answers with (server platform/errors.ts). */
export const errorEnvelopeSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(fieldIssueSchema).optional() }),
  requestId: z.string().optional(),
});
export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;

/** The firm a row is about, as lists show it: id, name, code, its township and supervising unit. */
export const firmRefFields = {
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
};
