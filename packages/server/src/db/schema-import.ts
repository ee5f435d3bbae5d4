// The import slice's own tables: what a preview will write, row by row, kept where it can be paged.
import { index, integer, numeric, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { importPreviews } from './schema.js';

/**
 * One line of an import preview: a sheet row (or, for a wide sheet, one month cell of it) with the firm it
 * matched, the period, the value it will store (old → new for a correction) and its status. Written when
 * the preview is made and read a page at a time, so a 100,000-row file is never held as one list; dropped
 * with its preview.
 */
export const importPreviewRows = pgTable(
  'import_preview_rows',
  {
    token: text('token')
      .notNull()
      .references(() => importPreviews.token, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The sheet's row number (1-based). */
    row: integer('row').notNull(),
    /** 'new' | 'correction' | 'unchanged' | 'error'. */
    status: text('status').notNull(),
    enterpriseId: integer('enterprise_id'),
    /** The firm as matched (registry code and name), else as typed in the sheet. */
    creditCode: text('credit_code'),
    name: text('name'),
    period: text('period'),
    months: smallint('months'),
    column: text('column'),
    before: numeric('before', { precision: 16, scale: 2 }),
    after: numeric('after', { precision: 16, scale: 2 }),
    message: text('message'),
  },
  (t) => [
    primaryKey({ columns: [t.token, t.seq] }),
    index('import_preview_rows_status_idx').on(t.token, t.status, t.seq),
  ],
);
