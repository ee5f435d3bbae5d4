// Tables of the libraries slice: library memberships with their history, the manual decisions that
// override the rules, the latest evaluation per firm and year (a derived snapshot the lists read), firms'
// operating status history, and pathway choices.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { jsonb, ts } from './columns.js';
import { enterprises, users } from './schema.js';

/**
 * One row per stay of a firm in a library for a plan year: entered (by which rule, or by whom and why) and,
 * once it leaves, left (why). Rows are closed, never deleted or rewritten; at most one is open per
 * (firm, year, library).
 */
export const libraryMemberships = pgTable(
  'library_memberships',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    /** base | cultivation | near | atRisk */
    library: text('library').notNull(),
    enteredAt: ts('entered_at').notNull(),
    /** The rule key (domain LIBRARY_RULES) that put the firm in; null for a manual entry. */
    enteredRule: text('entered_rule'),
    enteredReason: text('entered_reason').notNull(),
    /** Set for a manual entry: the user who added the firm. */
    enteredBy: integer('entered_by').references(() => users.id),
    manual: boolean('manual').notNull().default(false),
    leftAt: ts('left_at'),
    leftReason: text('left_reason'),
    /** Set when a user took the firm out (or turned a rule entry into a manual one). */
    leftBy: integer('left_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('library_memberships_open_uq')
      .on(t.enterpriseId, t.year, t.library)
      .where(sql`${t.leftAt} is null`),
    index('library_memberships_list_idx').on(t.year, t.library).where(sql`${t.leftAt} is null`),
    index('library_memberships_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * A person's decision that a firm is in ('include') or out of ('exclude') a library for a year, whatever
 * the rules say. Recompute honours the active one; revoking it lets the rules decide again.
 */
export const libraryOverrides = pgTable(
  'library_overrides',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    library: text('library').notNull(),
    mode: text('mode').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('library_overrides_active_uq')
      .on(t.enterpriseId, t.year, t.library)
      .where(sql`${t.revokedAt} is null`),
    index('library_overrides_year_idx').on(t.year),
  ],
);

/**
 * The latest evaluation of a firm for a plan year (figures, reasons, suggested pathway, tier): derived data,
 * rewritten by every recompute, kept for firms in at least one library so the lists need no forecast.
 */
export const libraryEvaluations = pgTable(
  'library_evaluations',
  {
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** [{ library, rule, reason }] */
    matches: jsonb('matches').notNull(),
    pathwaySuggested: text('pathway_suggested'),
    tier: text('tier'),
    priorRevenue: numeric('prior_revenue', { precision: 16, scale: 2 }),
    /** The prior year with its months when fewer than twelve have figures: "2025年（7-12月，6个月）". */
    priorLabel: text('prior_label'),
    ytdRevenue: numeric('ytd_revenue', { precision: 16, scale: 2 }),
    ytdMonths: integer('ytd_months').notNull(),
    taxYtd: numeric('tax_ytd', { precision: 16, scale: 2 }),
    projectedRevenue: numeric('projected_revenue', { precision: 16, scale: 2 }),
    pReachYear: real('p_reach_year'),
    pBelowYearEnd: real('p_below_year_end'),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year] })],
);

/** Operating status with history (停产 / 半停产 puts an above-scale firm at risk). The latest `since` rules. */
export const firmOperatingStatus = pgTable(
  'firm_operating_status',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** normal | stopped | half_stopped */
    status: text('status').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('firm_operating_status_enterprise_idx').on(t.enterpriseId, t.since)],
);

/** A user's choice of pathway for a firm and year, with why; the latest row wins, earlier ones stay. */
export const pathwayOverrides = pgTable(
  'pathway_overrides',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    pathway: text('pathway').notNull(),
    reason: text('reason').notNull(),
    setBy: integer('set_by').references(() => users.id),
    setAt: ts('set_at').notNull(),
  },
  (t) => [index('pathway_overrides_enterprise_idx').on(t.enterpriseId, t.year)],
);

/**
 * A plan year whose libraries are frozen as they stood at the year's cut-off (docs/domain.md §4): the memberships
 * of the year are no longer touched by later changes of facts; only the centre's recompute (audited) redoes
 * them, again as of the cut-off date.
 */
export const libraryYearFreezes = pgTable('library_year_freezes', {
  year: integer('year').primaryKey(),
  /** The date the memberships were evaluated as of (the year's counting cut-off). */
  asOf: date('as_of', { mode: 'string' }).notNull(),
  frozenAt: ts('frozen_at').notNull(),
  frozenBy: integer('frozen_by').references(() => users.id),
  members: integer('members').notNull(),
  reason: text('reason').notNull(),
});
