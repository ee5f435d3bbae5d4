// Tables of service work (domain service.ts): 包联 leads, visits with their officials, requests with their
// append-only event log, 稳规 help plans and reviews, trainings with attendance, the centre's supervision
// of units with rectification items, and the files attached to visits, trainings and supervisions.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, ts } from './columns.js';
import { enterprises, orgUnits, users } from './schema.js';

/**
 * 包联: a firm's lead unit and named lead official. One open row per firm; a new assignment closes the
 * old one, so the history stays.
 */
export const firmLeads = pgTable(
  'firm_leads',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The lead official's account, when they have one. */
    leadUserId: integer('lead_user_id').references(() => users.id),
    leadName: text('lead_name').notNull(),
    leadPhone: text('lead_phone'),
    assignedBy: integer('assigned_by').references(() => users.id),
    assignedAt: ts('assigned_at').notNull(),
    endedAt: ts('ended_at'),
    endedBy: integer('ended_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('firm_leads_open_uq').on(t.enterpriseId).where(sql`${t.endedAt} is null`),
    index('firm_leads_unit_idx').on(t.leadUnitId),
  ],
);

/** 走访: one visit to one firm. A visit recorded in error is voided with a reason, never deleted. */
export const visits = pgTable(
  'visits',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    /** domain VISIT_PURPOSES */
    purpose: text('purpose').notNull(),
    findings: text('findings').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedUnitId: integer('recorded_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    recordedAt: ts('recorded_at').notNull(),
    voidedAt: ts('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('visits_enterprise_idx').on(t.enterpriseId, t.visitedOn),
    index('visits_date_idx').on(t.visitedOn),
  ],
);

/** The officials on a visit (one or several, each with their unit). */
export const visitOfficials = pgTable(
  'visit_officials',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id),
    userId: integer('user_id').references(() => users.id),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [index('visit_officials_visit_idx').on(t.visitId), index('visit_officials_unit_idx').on(t.unitId)],
);

/**
 * 诉求: the current state of a request (a projection of its events, written in the same transaction). The
 * deadlines are fixed when it is routed, so a later calendar change never moves a promise made.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    visitId: integer('visit_id').references(() => visits.id),
    /** A category code of the setting service.requestCategories, with its label at the time. */
    category: text('category').notNull(),
    categoryLabel: text('category_label').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    raisedBy: integer('raised_by')
      .notNull()
      .references(() => users.id),
    raisedUnitId: integer('raised_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    raisedAt: ts('raised_at').notNull(),
    /** domain REQUEST_STATES */
    state: text('state').notNull(),
    /** The day the routing clock started: raised, or returned to the centre. */
    waitingSince: date('waiting_since', { mode: 'string' }).notNull(),
    ownerUnitId: integer('owner_unit_id').references(() => orgUnits.id),
    firstRoutedAt: ts('first_routed_at'),
    routedAt: ts('routed_at'),
    acceptDue: date('accept_due', { mode: 'string' }),
    replyDue: date('reply_due', { mode: 'string' }),
    closeDue: date('close_due', { mode: 'string' }),
    acceptedAt: ts('accepted_at'),
    repliedAt: ts('replied_at'),
    /** 已办结 or 无法解决: when, the answer or the reason, and who decided. */
    closedAt: ts('closed_at'),
    answer: text('answer'),
    decidedBy: integer('decided_by').references(() => users.id),
    /** domain SATISFACTIONS */
    satisfaction: text('satisfaction'),
    evaluatedAt: ts('evaluated_at'),
    evaluatedBy: integer('evaluated_by').references(() => users.id),
    evaluationNote: text('evaluation_note'),
  },
  (t) => [
    index('service_requests_enterprise_idx').on(t.enterpriseId),
    index('service_requests_owner_idx').on(t.ownerUnitId, t.state),
    index('service_requests_state_idx').on(t.state),
  ],
);

/** Every step of a request, only ever inserted: the state at any past day is replayed from these. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    at: ts('at').notNull(),
    /** domain REQUEST_ACTIONS */
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    actorUnitId: integer('actor_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The owner unit after the step (set by routing). */
    ownerUnitId: integer('owner_unit_id').references(() => orgUnits.id),
    note: text('note'),
  },
  (t) => [index('service_request_events_request_idx').on(t.requestId, t.at)],
);

/** 稳规 help plan for an at-risk firm in a plan year: owner, measures, the next review day. */
export const helpPlans = pgTable(
  'help_plans',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    year: integer('year').notNull(),
    ownerUnitId: integer('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    ownerName: text('owner_name').notNull(),
    measures: text('measures').notNull(),
    reviewOn: date('review_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    closeNote: text('close_note'),
  },
  (t) => [
    uniqueIndex('help_plans_open_uq').on(t.enterpriseId, t.year).where(sql`${t.closedAt} is null`),
    index('help_plans_year_idx').on(t.year),
  ],
);

/** A review of a help plan: the outcome (domain HELP_OUTCOMES), what was found, the next review day. */
export const helpPlanReviews = pgTable(
  'help_plan_reviews',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => helpPlans.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
    outcome: text('outcome').notNull(),
    note: text('note').notNull(),
    nextReviewOn: date('next_review_on', { mode: 'string' }),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('help_plan_reviews_plan_idx').on(t.planId)],
);

/** A training or publicity event (domain TRAINING_KINDS) organised by a unit. */
export const trainings = pgTable(
  'trainings',
  {
    id: serial('id').primaryKey(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    kind: text('kind').notNull(),
    organiserUnitId: integer('organiser_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    location: text('location'),
    note: text('note'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    voidedAt: ts('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [index('trainings_date_idx').on(t.heldOn)],
);

/**
 * Who attended a training: a firm (with the person who came) or an official (with their unit). Imported
 * sign-in sheets keep the name as written; `enterpriseId` is set when the firm was matched.
 */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    id: serial('id').primaryKey(),
    trainingId: integer('training_id')
      .notNull()
      .references(() => trainings.id),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    userId: integer('user_id').references(() => users.id),
    unitId: integer('unit_id').references(() => orgUnits.id),
    personName: text('person_name').notNull(),
    /** The firm or unit name as the sign-in sheet wrote it. */
    orgNameAsWritten: text('org_name_as_written'),
    phone: text('phone'),
    /** 'manual' | 'import' */
    source: text('source').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('training_attendance_training_idx').on(t.trainingId),
    index('training_attendance_enterprise_idx').on(t.enterpriseId),
  ],
);

/** 督导: the centre's supervision of a unit, with its findings; closed when every item is rectified. */
export const supervisions = pgTable(
  'supervisions',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    findings: text('findings').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: ts('recorded_at').notNull(),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
  },
  (t) => [index('supervisions_unit_idx').on(t.unitId)],
);

/** A rectification item of a supervision: what, who owns it, by when, and how it was closed. */
export const supervisionItems = pgTable(
  'supervision_items',
  {
    id: serial('id').primaryKey(),
    supervisionId: integer('supervision_id')
      .notNull()
      .references(() => supervisions.id),
    description: text('description').notNull(),
    ownerUnitId: integer('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    ownerName: text('owner_name').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    closureNote: text('closure_note'),
  },
  (t) => [index('supervision_items_supervision_idx').on(t.supervisionId)],
);

/** A file (photo, sign-in sheet, slides…) attached to a visit, a training or a supervision. */
export const serviceFiles = pgTable(
  'service_files',
  {
    id: serial('id').primaryKey(),
    /** 'visit' | 'training' | 'supervision' */
    ownerKind: text('owner_kind').notNull(),
    ownerId: integer('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    fileType: text('file_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('service_files_owner_idx').on(t.ownerKind, t.ownerId)],
);
