// SQL of the service-work results: visits per unit and per official, the requests (with their steps) a
// caller may see, and a firm's history for its timeline. Every query takes the caller's data scope.
import type { DataScope } from '@shenggui/domain';
import { type AnyColumn, and, asc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, revenueFacts } from '../../db/schema.js';
import { declarations, declarationTransitions } from '../../db/schema-declaration.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { directoryEvents } from '../../db/schema-progress.js';
import {
  firmLeads,
  helpPlanReviews,
  helpPlans,
  serviceRequestEvents,
  serviceRequests,
  trainingAttendance,
  trainings,
  visitOfficials,
  visits,
} from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';

export interface Window {
  /** First day of the year and the as-of day (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The start of the first day and the end of the as-of day: nothing recorded later counts. */
  start: Date;
  until: Date;
}

/** A visit counts when dated in the window, recorded by the as-of day and not voided by then. */
function visitCounts(w: Window): SQL {
  return and(
    gte(visits.visitedOn, w.from),
    lte(visits.visitedOn, w.to),
    lte(visits.recordedAt, w.until),
    or(isNull(visits.voidedAt), sql`${visits.voidedAt} > ${w.until}`),
  )!;
}

/** Visits and distinct firms per unit that took part. */
export async function visitsPerUnit(
  db: Executor,
  scope: DataScope,
  w: Window,
): Promise<{ unitId: number; visits: number; firms: number }[]> {
  const rows = await db
    .select({
      unitId: visitOfficials.unitId,
      visits: sql<number>`count(distinct ${visits.id})::int`,
      firms: sql<number>`count(distinct ${visits.enterpriseId})::int`,
    })
    .from(visits)
    .innerJoin(visitOfficials, eq(visitOfficials.visitId, visits.id))
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .where(and(visitCounts(w), enterpriseInScope(scope)))
    .groupBy(visitOfficials.unitId);
  return rows.map((r) => ({ unitId: r.unitId, visits: Number(r.visits), firms: Number(r.firms) }));
}

/** Visits and distinct firms in the caller's scope (a visit by two units counts once). */
export async function visitTotals(
  db: Executor,
  scope: DataScope,
  w: Window,
): Promise<{ visits: number; firms: number }> {
  const rows = await db
    .select({
      visits: sql<number>`count(*)::int`,
      firms: sql<number>`count(distinct ${visits.enterpriseId})::int`,
    })
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .where(and(visitCounts(w), enterpriseInScope(scope)));
  return { visits: Number(rows[0]?.visits ?? 0), firms: Number(rows[0]?.firms ?? 0) };
}

/** Per official (an account, or a name within a unit): visits, firms, the last visit day. */
export async function visitsPerOfficial(
  db: Executor,
  scope: DataScope,
  w: Window,
  unitId?: number,
): Promise<
  {
    userId: number | null;
    name: string;
    unitId: number;
    unitName: string;
    visits: number;
    firms: number;
    lastVisitOn: string | null;
  }[]
> {
  const rows = await db
    .select({
      userId: visitOfficials.userId,
      name: visitOfficials.name,
      unitId: visitOfficials.unitId,
      unitName: orgUnits.name,
      visits: sql<number>`count(distinct ${visits.id})::int`,
      firms: sql<number>`count(distinct ${visits.enterpriseId})::int`,
      lastVisitOn: sql<string | null>`max(${visits.visitedOn})::text`,
    })
    .from(visits)
    .innerJoin(visitOfficials, eq(visitOfficials.visitId, visits.id))
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .innerJoin(orgUnits, eq(orgUnits.id, visitOfficials.unitId))
    .where(
      and(
        visitCounts(w),
        enterpriseInScope(scope),
        unitId === undefined ? undefined : eq(visitOfficials.unitId, unitId),
      ),
    )
    .groupBy(visitOfficials.userId, visitOfficials.name, visitOfficials.unitId, orgUnits.name);
  return rows.map((r) => ({ ...r, visits: Number(r.visits), firms: Number(r.firms) }));
}

/**
 * Requests a caller may see: the firm in scope, or routed to or raised by the caller's own unit (a bureau
 * answers requests about firms it does not supervise).
 */
export function requestVisible(scope: DataScope, unitId: number | null): SQL {
  const own =
    unitId === null
      ? sql`false`
      : or(eq(serviceRequests.ownerUnitId, unitId), eq(serviceRequests.raisedUnitId, unitId))!;
  return or(enterpriseInScope(scope), own)!;
}

export interface RequestFacts {
  id: number;
  enterpriseId: number;
  firm: string;
  creditCode: string;
  category: string;
  categoryLabel: string;
  title: string;
  raisedBy: number;
  raisedAt: Date;
  routedAt: Date | null;
  acceptDue: string | null;
  replyDue: string | null;
  closeDue: string | null;
  satisfaction: string | null;
  evaluatedAt: Date | null;
}

/** Requests raised by the as-of instant, visible to the caller, with their firm. */
export async function requestsRaisedBy(
  db: Executor,
  scope: DataScope,
  unitId: number | null,
  until: Date,
): Promise<RequestFacts[]> {
  return db
    .select({
      id: serviceRequests.id,
      enterpriseId: serviceRequests.enterpriseId,
      firm: enterprises.name,
      creditCode: enterprises.creditCode,
      category: serviceRequests.category,
      categoryLabel: serviceRequests.categoryLabel,
      title: serviceRequests.title,
      raisedBy: serviceRequests.raisedBy,
      raisedAt: serviceRequests.raisedAt,
      routedAt: serviceRequests.routedAt,
      acceptDue: serviceRequests.acceptDue,
      replyDue: serviceRequests.replyDue,
      closeDue: serviceRequests.closeDue,
      satisfaction: serviceRequests.satisfaction,
      evaluatedAt: serviceRequests.evaluatedAt,
    })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .where(and(lte(serviceRequests.raisedAt, until), requestVisible(scope, unitId)))
    .orderBy(asc(serviceRequests.id));
}

/** The steps of the given requests up to the instant, in order. */
export async function requestEventsUntil(
  db: Executor,
  ids: number[],
  until: Date,
): Promise<
  {
    requestId: number;
    at: Date;
    action: string;
    toState: string;
    ownerUnitId: number | null;
  }[]
> {
  if (ids.length === 0) return [];
  const out = [];
  // In slices: a county's year of requests stays well inside one statement's parameter limit this way.
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({
        requestId: serviceRequestEvents.requestId,
        at: serviceRequestEvents.at,
        action: serviceRequestEvents.action,
        toState: serviceRequestEvents.toState,
        ownerUnitId: serviceRequestEvents.ownerUnitId,
      })
      .from(serviceRequestEvents)
      .where(
        and(
          inArray(serviceRequestEvents.requestId, ids.slice(i, i + 5000)),
          lte(serviceRequestEvents.at, until),
        ),
      )
      .orderBy(
        asc(serviceRequestEvents.requestId),
        asc(serviceRequestEvents.at),
        asc(serviceRequestEvents.id),
      );
    out.push(...rows);
  }
  return out;
}

/** Requests raised per user in the window (visible to the caller). */
export async function requestsRaisedPerUser(
  db: Executor,
  scope: DataScope,
  unitId: number | null,
  w: Window,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ userId: serviceRequests.raisedBy, n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .where(
      and(
        requestVisible(scope, unitId),
        lte(serviceRequests.raisedAt, w.until),
        gte(serviceRequests.raisedAt, w.start),
      ),
    )
    .groupBy(serviceRequests.raisedBy);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

// ---------------------------------------------------------------- a firm's history (timeline)

export async function firmNameInScope(db: Executor, scope: DataScope, id: number): Promise<string | null> {
  const rows = await db
    .select({ name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), enterpriseInScope(scope)))
    .limit(1);
  return rows[0]?.name ?? null;
}

export async function firmFigures(db: Executor, enterpriseId: number) {
  return db
    .select({
      period: revenueFacts.period,
      months: revenueFacts.months,
      source: revenueFacts.source,
      value: revenueFacts.value,
      recordedAt: revenueFacts.recordedAt,
    })
    .from(revenueFacts)
    .where(and(eq(revenueFacts.enterpriseId, enterpriseId), eq(revenueFacts.isCurrent, true)))
    .orderBy(asc(revenueFacts.period));
}

export async function firmMemberships(db: Executor, enterpriseId: number) {
  return db
    .select({
      year: libraryMemberships.year,
      library: libraryMemberships.library,
      enteredAt: libraryMemberships.enteredAt,
      enteredReason: libraryMemberships.enteredReason,
      leftAt: libraryMemberships.leftAt,
      leftReason: libraryMemberships.leftReason,
    })
    .from(libraryMemberships)
    .where(eq(libraryMemberships.enterpriseId, enterpriseId));
}

/** A user's name by id, as a scalar subquery (aliased: drizzle leaves single-table columns unqualified). */
const nameOf = (id: SQL | AnyColumn) =>
  sql<string | null>`(select u.display_name from users u where u.id = ${id})`;
const unitNameOf = (id: SQL | AnyColumn) =>
  sql<string | null>`(select o.name from org_units o where o.id = ${id})`;

export async function firmVisits(db: Executor, enterpriseId: number) {
  return db
    .select({
      id: visits.id,
      visitedOn: visits.visitedOn,
      recordedAt: visits.recordedAt,
      purpose: visits.purpose,
      findings: visits.findings,
      voidedAt: visits.voidedAt,
      officials: sql<string>`(select string_agg(vo.name || '（' || o.name || '）', '、' order by vo.id) from visit_officials vo join org_units o on o.id = vo.unit_id where vo.visit_id = "visits"."id")`,
    })
    .from(visits)
    .where(eq(visits.enterpriseId, enterpriseId));
}

export async function firmRequestSteps(db: Executor, enterpriseId: number) {
  return db
    .select({
      requestId: serviceRequests.id,
      title: serviceRequests.title,
      categoryLabel: serviceRequests.categoryLabel,
      at: serviceRequestEvents.at,
      action: serviceRequestEvents.action,
      toState: serviceRequestEvents.toState,
      note: serviceRequestEvents.note,
      actor: nameOf(serviceRequestEvents.actorId),
      actorUnit: unitNameOf(serviceRequestEvents.actorUnitId),
      ownerUnit: unitNameOf(serviceRequestEvents.ownerUnitId),
    })
    .from(serviceRequestEvents)
    .innerJoin(serviceRequests, eq(serviceRequests.id, serviceRequestEvents.requestId))
    .where(eq(serviceRequests.enterpriseId, enterpriseId))
    .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
}

export async function firmRequests(db: Executor, enterpriseId: number) {
  return db
    .select({
      id: serviceRequests.id,
      state: serviceRequests.state,
      waitingSince: serviceRequests.waitingSince,
      acceptDue: serviceRequests.acceptDue,
      replyDue: serviceRequests.replyDue,
      closeDue: serviceRequests.closeDue,
      repliedAt: serviceRequests.repliedAt,
    })
    .from(serviceRequests)
    .where(eq(serviceRequests.enterpriseId, enterpriseId));
}

export async function firmHelpPlans(db: Executor, enterpriseId: number) {
  const plans = await db
    .select({
      id: helpPlans.id,
      year: helpPlans.year,
      ownerName: helpPlans.ownerName,
      ownerUnit: orgUnits.name,
      measures: helpPlans.measures,
      createdAt: helpPlans.createdAt,
      closedAt: helpPlans.closedAt,
      closeNote: helpPlans.closeNote,
    })
    .from(helpPlans)
    .innerJoin(orgUnits, eq(orgUnits.id, helpPlans.ownerUnitId))
    .where(eq(helpPlans.enterpriseId, enterpriseId));
  const reviews = await db
    .select({
      planId: helpPlanReviews.planId,
      reviewedOn: helpPlanReviews.reviewedOn,
      outcome: helpPlanReviews.outcome,
      note: helpPlanReviews.note,
      recordedAt: helpPlanReviews.recordedAt,
      by: nameOf(helpPlanReviews.recordedBy),
    })
    .from(helpPlanReviews)
    .innerJoin(helpPlans, eq(helpPlans.id, helpPlanReviews.planId))
    .where(eq(helpPlans.enterpriseId, enterpriseId));
  return { plans, reviews };
}

export async function firmTrainings(db: Executor, enterpriseId: number) {
  return db
    .select({
      trainingId: trainings.id,
      heldOn: trainings.heldOn,
      topic: trainings.topic,
      kind: trainings.kind,
      organiser: orgUnits.name,
      personName: trainingAttendance.personName,
    })
    .from(trainingAttendance)
    .innerJoin(trainings, eq(trainings.id, trainingAttendance.trainingId))
    .innerJoin(orgUnits, eq(orgUnits.id, trainings.organiserUnitId))
    .where(and(eq(trainingAttendance.enterpriseId, enterpriseId), isNull(trainings.voidedAt)));
}

export async function firmDeclarationSteps(db: Executor, enterpriseId: number) {
  return db
    .select({
      declarationId: declarations.id,
      year: declarations.year,
      batchName: declarations.batchName,
      at: declarationTransitions.at,
      fromState: declarationTransitions.fromState,
      toState: declarationTransitions.toState,
      comment: declarationTransitions.comment,
      actor: nameOf(declarationTransitions.actorId),
    })
    .from(declarationTransitions)
    .innerJoin(declarations, eq(declarations.id, declarationTransitions.declarationId))
    .where(eq(declarations.enterpriseId, enterpriseId))
    .orderBy(asc(declarationTransitions.at));
}

export async function firmDirectoryEvents(db: Executor, enterpriseId: number) {
  return db
    .select({
      id: directoryEvents.id,
      type: directoryEvents.type,
      batch: directoryEvents.batch,
      approvalDate: directoryEvents.approvalDate,
      effectivePeriod: directoryEvents.effectivePeriod,
      exitReason: directoryEvents.exitReason,
      voidedAt: directoryEvents.voidedAt,
    })
    .from(directoryEvents)
    .where(eq(directoryEvents.enterpriseId, enterpriseId));
}

export async function firmLeadHistory(db: Executor, enterpriseId: number) {
  return db
    .select({
      leadName: firmLeads.leadName,
      leadUnit: orgUnits.name,
      assignedAt: firmLeads.assignedAt,
      by: nameOf(firmLeads.assignedBy),
    })
    .from(firmLeads)
    .innerJoin(orgUnits, eq(orgUnits.id, firmLeads.leadUnitId))
    .where(eq(firmLeads.enterpriseId, enterpriseId));
}
