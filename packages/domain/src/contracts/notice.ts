// The notice slice's HTTP contract (进度通报, docs/api.md §Notices): the list, the issue request and the
// registered notice. The documents themselves (.docx, .pdf) are files, not JSON.
import { z } from 'zod';
import { yearField } from './common.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** POST /notices (and `shenggui notice progress`). */
export const issueNoticeSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  asOf: isoDate.optional(),
  title: z.string().trim().min(1).max(100).optional(),
  praise: z.string().max(4000).default(''),
  attention: z.string().max(4000).default(''),
  cc: z.string().trim().max(200).optional(),
  /** Sentences naming the units that met their target and those with a net increase ≤ 0. */
  autoSummary: z.boolean().default(true),
});
/** What a caller sends (defaults not yet applied). */
export type IssueNotice = z.input<typeof issueNoticeSchema>;

/** `?year=` of GET /notices and its export. */
export const noticeListQuery = z.object({ year: yearField.optional() });
/** GET /notices/preview.docx: a numberless document of the figures as of a day. */
export const noticePreviewQuery = z.object({ year: yearField, asOf: isoDate.optional() });

/** A registered notice: its number in the year's sequence and who issued it when. */
export const progressNoticeSchema = z.object({
  id: z.number(),
  year: z.number(),
  seq: z.number(),
  docNumber: z.string(),
  title: z.string(),
  asOf: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type ProgressNotice = z.output<typeof progressNoticeSchema>;
export const progressNoticeListSchema = z.object({ items: z.array(progressNoticeSchema) });
export type ProgressNoticeList = z.output<typeof progressNoticeListSchema>;
