// The import slice's HTTP contract (数据导入, docs/api.md §Imports): the preview of an upload, its lines, the
// apply result, the queue status of a job and the history of batches. The kinds of import and the money
// unit are the server's (import-kinds.ts, sheet-layout.ts), so the routes keep those two query fields.
import { z } from 'zod';
import { paged, pageQuery } from './common.js';

/** A preview's token in a path: what POST /imports/preview answered. */
export const importTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, '导入编号不正确'),
});
/** A job's ticket: chosen by the browser, 8–64 of `A-Z a-z 0-9 _ -`. */
export const importTicketField = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '任务编号不正确');

export const importProblemSchema = z.object({
  /** The row number as the sheet shows it (1-based); 0 for the file as a whole. */
  row: z.number(),
  /** The column's header text as in the sheet; '' for the row as a whole. */
  column: z.string(),
  message: z.string(),
});
export type ImportProblem = z.output<typeof importProblemSchema>;

export const importCountsSchema = z.object({
  /** Data rows of the sheet (blank, 合计 and footnote rows are not counted). */
  rows: z.number(),
  valid: z.number(),
  invalid: z.number(),
  /** Over the valid rows: what applying them would do (facts for revenue, firms for enterprises). */
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportCounts = z.output<typeof importCountsSchema>;

/**
 * Where the unit came from: the sheet (header or title note), the person importing ('chosen': the sheet
 * states none), the kind's default (energy: kWh), or 'missing' — a money sheet with no unit and no choice.
 */
export const IMPORT_UNIT_SOURCES = ['header', 'title', 'default', 'chosen', 'missing'] as const;
export type ImportUnitSource = (typeof IMPORT_UNIT_SOURCES)[number];

/** How the sheet was read: which sheet and header, the unit, long or wide, the columns recognised. */
export const importHowSchema = z.object({
  sheet: z.string(),
  headerRow: z.number(),
  headerRows: z.number(),
  unit: z.string().nullable(),
  unitSource: z.enum(IMPORT_UNIT_SOURCES).nullable(),
  format: z.enum(['long', 'wide']),
  year: z.number().nullable(),
  encoding: z.string().nullable(),
  columns: z.array(
    z.object({ header: z.string(), field: z.string().nullable(), period: z.string().nullable() }),
  ),
});
export type ImportHow = z.output<typeof importHowSchema>;

export const PREVIEW_LINE_STATUSES = ['new', 'correction', 'unchanged', 'error'] as const;
export type PreviewLineStatus = (typeof PREVIEW_LINE_STATUSES)[number];
const lineCounts = z.object({
  new: z.number(),
  correction: z.number(),
  unchanged: z.number(),
  error: z.number(),
});

/** POST /imports/preview — nothing is written; the token names the preview for its lines and the apply. */
export const importPreviewSchema = z.object({
  token: z.string(),
  kind: z.string(),
  source: z.string().nullable(),
  fileName: z.string(),
  how: importHowSchema,
  counts: importCountsSchema,
  problems: z.array(importProblemSchema),
  /** Things worth a look that are not errors (e.g. no unit stated and the figures look like 万元). */
  warnings: z.array(z.string()),
  /** A money sheet that states no unit and none chosen: apply is refused until 元 or 万元 is chosen. */
  needsUnit: z.boolean(),
  /** The preview's lines per status (GET /imports/:token/rows pages them). */
  lines: lineCounts,
  expiresAt: z.string(),
});
export type ImportPreview = z.output<typeof importPreviewSchema>;

/** POST /imports/:token/apply */
export const importApplyResultSchema = z.object({
  batchId: z.number(),
  counts: importCountsSchema,
  /** The rows left out (apply with skipInvalid). */
  rejected: z.array(importProblemSchema),
});
export type ImportApplyResult = z.output<typeof importApplyResultSchema>;

/** `?status&firm` of a preview's lines and their export. */
export const previewLineFilterQuery = z.object({
  status: z.enum(PREVIEW_LINE_STATUSES, { error: '状态应为 new、correction、unchanged 或 error' }).optional(),
  firm: z.string().trim().max(100, '企业关键词不能超过100个字').optional(),
});
export const previewLinesQuery = previewLineFilterQuery.extend(pageQuery.shape);

/** One line of GET /imports/:token/rows: what the import will write for a row (or why it cannot). */
export const previewLineSchema = z.object({
  seq: z.number(),
  row: z.number(),
  status: z.enum(PREVIEW_LINE_STATUSES),
  enterpriseId: z.number().nullable(),
  creditCode: z.string().nullable(),
  name: z.string().nullable(),
  /** The last month covered (`months` 3: the quarter ending in it). */
  period: z.string().nullable(),
  months: z.number().nullable(),
  /** "2024年1月" or "2024年第1季度". */
  periodLabel: z.string().nullable(),
  column: z.string().nullable(),
  /** Yuan (kWh for electricity), two decimals. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  message: z.string().nullable(),
});
export type PreviewLine = z.output<typeof previewLineSchema>;
export const previewLinesPageSchema = paged(previewLineSchema).extend({
  counts: lineCounts,
  source: z.string().nullable(),
  unit: z.string().nullable(),
  unitSource: z.string().nullable(),
});
export type PreviewLinesPage = z.output<typeof previewLinesPageSchema>;

/** GET /imports/status/:ticket */
export const IMPORT_JOB_STATES = ['queued', 'reading', 'checking', 'applying', 'done', 'failed'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];
export const importJobStatusSchema = z.object({
  state: z.enum(IMPORT_JOB_STATES),
  /** Place in the queue while queued (1 = next); 0 once running. */
  position: z.number(),
  /** Rows read so far (reading), or of the whole sheet once read. */
  rows: z.number(),
});
export type ImportJobStatus = z.output<typeof importJobStatusSchema>;

/** One applied import of GET /imports. */
export const importBatchSchema = z.object({
  id: z.number(),
  kind: z.string(),
  source: z.string().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  unitName: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});
export type ImportBatch = z.output<typeof importBatchSchema>;
export const importBatchListSchema = paged(importBatchSchema);
export type ImportBatchList = z.output<typeof importBatchListSchema>;
