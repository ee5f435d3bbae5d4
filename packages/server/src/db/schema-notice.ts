// The notice registry: every progress notice (进度通报) issued, with its number in the year's
// sequence and the whole input it was rendered from, so a notice downloads again exactly as issued.
import { date, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jsonb } from './columns.js';
import { users } from './schema.js';

export const notices = pgTable(
  'notices',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    /** The document-number prefix the sequence belongs to, e.g. 盂促企组办发. */
    prefix: text('prefix').notNull(),
    /** N in 〔year〕N号: 1, 2, 3 … per (year, prefix), never reused. */
    seq: integer('seq').notNull(),
    docNumber: text('doc_number').notNull(),
    title: text('title').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** The NoticeInput the document was rendered from, report included. */
    input: jsonb('input').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('notices_seq_uq').on(t.year, t.prefix, t.seq)],
);
