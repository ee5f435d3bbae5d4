// One PostgreSQL schema for both drivers (PGlite embedded, node-postgres). Money is numeric(16,2) yuan;
// periods are 'YYYY-MM' text; every figure is a fact with a source and a version.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  date,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea, jsonb, ts } from './columns.js';

export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentId: integer('parent_id'),
    /** Materialised path of codes, '/'-joined with a trailing '/': scope is a prefix match. */
    path: text('path').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('org_units_parent_idx').on(t.parentId), index('org_units_path_idx').on(t.path)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => orgUnits.id),
  roles: text('roles').array().notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  disabled: boolean('disabled').notNull().default(false),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  /** TOTP secret, encrypted with the key kept outside the database (AES-256-GCM); null = not enrolled. */
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  lockedUntil: ts('locked_until'),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    creditCode: char('credit_code', { length: 18 }).notNull().unique(),
    /** The code fails the GB 32100 check character and was accepted on explicit confirmation. */
    creditCodeFlagged: boolean('credit_code_flagged').notNull().default(false),
    name: text('name').notNull(),
    legalForm: text('legal_form').notNull(),
    industryCode: text('industry_code').notNull(),
    countyId: integer('county_id')
      .notNull()
      .references(() => orgUnits.id),
    townshipId: integer('township_id')
      .notNull()
      .references(() => orgUnits.id),
    supervisingUnitId: integer('supervising_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    inZone: boolean('in_zone').notNull().default(false),
    address: text('address'),
    foundedOn: date('founded_on', { mode: 'string' }),
    productionStartedOn: date('production_started_on', { mode: 'string' }),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    scaleStatus: text('scale_status').notNull().default('below'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('enterprises_township_idx').on(t.townshipId),
    index('enterprises_supervising_idx').on(t.supervisingUnitId),
    index('enterprises_county_idx').on(t.countyId),
    index('enterprises_name_idx').on(t.name),
  ],
);

export const scaleStatusHistory = pgTable(
  'scale_status_history',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    status: text('status').notNull(),
    effectivePeriod: char('effective_period', { length: 7 }).notNull(),
    reason: text('reason').notNull(),
    changedBy: integer('changed_by').references(() => users.id),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('scale_history_enterprise_idx').on(t.enterpriseId)],
);

export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  source: text('source'),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
  summary: jsonb('summary'),
});

export const revenueFacts = pgTable(
  'revenue_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The last month the figure covers: the month itself, or the last month of a quarter. */
    period: char('period', { length: 7 }).notNull(),
    /**
     * 1 = a month; 3 = the calendar quarter ending at `period` (a quarterly VAT return). Stored under its last
     * month, a quarter is in its year's figures and in "figures up to month M" only once it has ended
     * (packages/domain/src/revenue-of-record.ts).
     */
    months: smallint('months').notNull().default(1),
    source: text('source').notNull(),
    /** Yuan for money sources, kWh for electricity. */
    value: numeric('value', { precision: 16, scale: 2 }).notNull(),
    version: integer('version').notNull(),
    /** Only the latest version of (firm, period, source) is current; older ones are kept, never edited. */
    isCurrent: boolean('is_current').notNull(),
    reason: text('reason'),
    importBatchId: integer('import_batch_id').references(() => importBatches.id),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('revenue_current_uq').on(t.enterpriseId, t.period, t.source).where(sql`${t.isCurrent}`),
    uniqueIndex('revenue_version_uq').on(t.enterpriseId, t.period, t.source, t.version),
    index('revenue_period_idx').on(t.period),
  ],
);

export const targets = pgTable(
  'targets',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** 'city' = the city's target for the county; 'territorial' / 'supervising' = the county's allocation. */
    dimension: text('dimension').notNull(),
    target: integer('target').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('targets_uq').on(t.year, t.unitId, t.dimension)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorUserId: integer('actor_user_id'),
    actorUnitId: integer('actor_unit_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    enterpriseId: integer('enterprise_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /** HMAC chain: hash = HMAC(key, prevHash ‖ canonical(record)). Editing or removing a row breaks it. */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_enterprise_idx').on(t.enterpriseId),
    index('audit_actor_idx').on(t.actorUserId),
    index('audit_action_idx').on(t.action),
  ],
);

// ── Imports ────────────────────────────────────────────────────────────────────────────────

/**
 * An uploaded sheet between preview and apply: how it was read, its problems, and the records parsed from
 * it (re-checked against the database when applied). The original bytes stay for the error workbook.
 * Previews expire; applying one sets `applied_batch_id`, so a preview applies once.
 */
export const importPreviews = pgTable(
  'import_previews',
  {
    token: text('token').primaryKey(),
    kind: text('kind').notNull(),
    source: text('source'),
    year: integer('year'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    how: jsonb('how').notNull(),
    counts: jsonb('counts').notNull(),
    /** Problems found reading the sheet (the database's are found again at apply). */
    sheetProblems: jsonb('sheet_problems').notNull(),
    problems: jsonb('problems').notNull(),
    records: jsonb('records').notNull(),
    /** Data rows of the sheet (1-based row numbers), for the counts of an apply that skips invalid rows. */
    dataRows: jsonb('data_rows').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    appliedBatchId: integer('applied_batch_id').references(() => importBatches.id),
  },
  (t) => [index('import_previews_expires_idx').on(t.expiresAt)],
);
