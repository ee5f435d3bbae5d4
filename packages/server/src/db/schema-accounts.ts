// Changes to auditor accounts asked for by the security administrator and waiting for the system
// administrator's confirmation (dual control, domain/security.ts ACCOUNT_CHANGE_KINDS).
import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { jsonb, ts } from './columns.js';
import { users } from './schema.js';

export const accountChanges = pgTable(
  'account_changes',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    /** The account changed; null for a creation until it is confirmed. */
    userId: integer('user_id').references(() => users.id),
    /** What was asked: the user's fields for create/grant/enable (never a password). */
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
  },
  (t) => [index('account_changes_status_idx').on(t.status)],
);
