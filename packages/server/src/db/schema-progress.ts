// Tables of the progress slice: directory entries and exits (入库 / 退库). Targets live in
// schema.ts (set up with the foundation); the counting rule is a setting.
import { char, date, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { enterprises, importBatches, users } from './schema.js';

/**
 * One row per decision of the statistics authority. Never edited or deleted: a mistaken event is voided
 * (voided_at/by/reason) and a correct one recorded; voided events do not count.
 */
export const directoryEvents = pgTable(
  'directory_events',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** 'entry' (入库) | 'exit' (退库) */
    type: text('type').notNull(),
    /** Entries: 'monthly' (月度) | 'annual' (年度); null for exits. */
    mode: text('mode'),
    /** Free text, e.g. '2024年11月批'. */
    batch: text('batch'),
    approvalDate: date('approval_date', { mode: 'string' }).notNull(),
    effectivePeriod: char('effective_period', { length: 7 }).notNull(),
    /** Exits: below_threshold stopped deregistered moved changed_industry merged other. */
    exitReason: text('exit_reason'),
    note: text('note'),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    voidedAt: ts('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('directory_events_enterprise_idx').on(t.enterpriseId),
    index('directory_events_approval_idx').on(t.approvalDate),
    index('directory_events_effective_idx').on(t.effectivePeriod),
  ],
);
