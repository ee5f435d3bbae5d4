// Tables of the declaration slice: declarations for entering the directory, every state
// change, the inspection records (docs/api.md, 入库申报) and the uploaded files (materials and inspection photos).
// Transitions, inspections and files are only ever inserted; a new upload adds a version, never overwrites.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, ts } from './columns.js';
import { enterprises, orgUnits, users } from './schema.js';

export const declarations = pgTable(
  'declarations',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    /** monthly | annual */
    mode: text('mode').notNull(),
    /** An annual batch key of the year's calendar, or the month (YYYY-MM) of a monthly declaration. */
    batch: text('batch').notNull(),
    batchName: text('batch_name').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    /** The month before declaring: the checks read figures up to it. */
    dataMonth: text('data_month').notNull(),
    state: text('state').notNull(),
    /** The reasons of the latest return, or why recording the entry was refused. */
    lastComment: text('last_comment'),
    /** The directory entry this declaration created. */
    directoryEventId: integer('directory_event_id'),
    /** The unit the centre assigned to record the field inspection and document review (docs/api.md, 入库申报). */
    inspectionUnitId: integer('inspection_unit_id').references(() => orgUnits.id),
    /** The monthly declaration this annual one replaced (turned from monthly into annual). */
    replacesId: integer('replaces_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // One open declaration per firm and year (entered and withdrawn are final).
    uniqueIndex('declarations_open_uq')
      .on(t.enterpriseId, t.year)
      .where(sql`${t.state} not in ('entered', 'withdrawn')`),
    index('declarations_year_state_idx').on(t.year, t.state),
  ],
);

export const declarationTransitions = pgTable(
  'declaration_transitions',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id')
      .notNull()
      .references(() => declarations.id),
    /** null for the creation row. */
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    at: ts('at').notNull(),
    comment: text('comment'),
  },
  (t) => [index('declaration_transitions_decl_idx').on(t.declarationId)],
);

export const declarationInspections = pgTable(
  'declaration_inspections',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id')
      .notNull()
      .references(() => declarations.id),
    /** field (实地踏勘) | document (资料审核) */
    kind: text('kind').notNull(),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    inspectors: text('inspectors').notNull(),
    findings: text('findings').notNull(),
    /** pass | fail */
    conclusion: text('conclusion').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('declaration_inspections_decl_idx').on(t.declarationId)],
);

export const declarationFiles = pgTable(
  'declaration_files',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id')
      .notNull()
      .references(() => declarations.id),
    /** A checklist item (domain MATERIAL_ITEMS), or null for an inspection photo. */
    item: text('item'),
    inspectionId: integer('inspection_id').references(() => declarationInspections.id),
    /** 1, 2, … per (declaration, item) or per inspection: a new upload adds a version. */
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    fileType: text('file_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('declaration_files_decl_idx').on(t.declarationId)],
);

/**
 * The centre's overrides of a blocking check (docs/api.md, 入库申报): which check, what it said when overridden, who,
 * when and why. Only ever inserted; shown on the declaration and listed for review.
 */
export const declarationOverrides = pgTable(
  'declaration_overrides',
  {
    id: serial('id').primaryKey(),
    declarationId: integer('declaration_id')
      .notNull()
      .references(() => declarations.id),
    checkKey: text('check_key').notNull(),
    /** fail | not_run at the time of the override */
    checkStatus: text('check_status').notNull(),
    checkMessage: text('check_message').notNull(),
    reason: text('reason').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('declaration_overrides_uq').on(t.declarationId, t.checkKey)],
);
