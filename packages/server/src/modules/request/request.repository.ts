// SQL of requests (诉求): the current row and its append-only event log. Reads take the caller's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { serviceRequestEvents, serviceRequests } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type NewRequestRow = typeof serviceRequests.$inferInsert;
export type NewRequestEventRow = typeof serviceRequestEvents.$inferInsert;

export async function insertRequest(tx: Executor, row: NewRequestRow): Promise<RequestRow> {
  const [inserted] = await tx.insert(serviceRequests).values(row).returning();
  return inserted!;
}

export async function insertRequestEvent(tx: Executor, row: NewRequestEventRow): Promise<void> {
  await tx.insert(serviceRequestEvents).values(row);
}

// ---------------------------------------------------------------- reads and steps (request.service.ts)

/**
 * Who sees a request: the firm is in the caller's data scope, or the request is routed to the caller's
 * unit, or the caller's unit raised it (an energy bureau sees the requests routed to it even for firms it
 * does not supervise).
 */
export interface RequestVisibility {
  scope: DataScope;
  unitId: number | null;
}

export function requestVisible(v: RequestVisibility): SQL {
  if (v.unitId === null) return enterpriseInScope(v.scope);
  return sql`(${enterpriseInScope(v.scope)} or ${serviceRequests.ownerUnitId} = ${v.unitId} or ${serviceRequests.raisedUnitId} = ${v.unitId})`;
}

/** Filters SQL can decide (lights come from the calendar and today, in the service). */
export interface RequestRowFilter {
  states?: readonly string[] | undefined;
  category?: string | undefined;
  enterpriseId?: number | undefined;
  ownerUnitId?: number | undefined;
  raisedUnitId?: number | undefined;
  raisedById?: number | undefined;
  q?: string | undefined;
  /** Raised within [from, to) (instants). */
  raisedFrom?: Date | undefined;
  raisedTo?: Date | undefined;
}

const township = alias(orgUnits, 'rq_township');
const supervising = alias(orgUnits, 'rq_supervising');
const owner = alias(orgUnits, 'rq_owner');
const raisedUnit = alias(orgUnits, 'rq_raised_unit');
const raiser = alias(users, 'rq_raiser');
const decider = alias(users, 'rq_decider');
const evaluator = alias(users, 'rq_evaluator');

const requestColumns = {
  r: serviceRequests,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  townshipId: enterprises.townshipId,
  townshipName: township.name,
  supervisingUnitId: enterprises.supervisingUnitId,
  supervisingUnitName: supervising.name,
  ownerUnitName: owner.name,
  raisedByName: raiser.displayName,
  raisedUnitName: raisedUnit.name,
  decidedByName: decider.displayName,
  evaluatedByName: evaluator.displayName,
};

export interface RequestListRow {
  r: RequestRow;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  ownerUnitName: string | null;
  raisedByName: string;
  raisedUnitName: string;
  decidedByName: string | null;
  evaluatedByName: string | null;
}

function conditions(v: RequestVisibility, f: RequestRowFilter): SQL {
  const c: SQL[] = [requestVisible(v)];
  if (f.states && f.states.length > 0) c.push(inArray(serviceRequests.state, [...f.states]));
  if (f.category) c.push(eq(serviceRequests.category, f.category));
  if (f.enterpriseId) c.push(eq(serviceRequests.enterpriseId, f.enterpriseId));
  if (f.ownerUnitId) c.push(eq(serviceRequests.ownerUnitId, f.ownerUnitId));
  if (f.raisedUnitId) c.push(eq(serviceRequests.raisedUnitId, f.raisedUnitId));
  if (f.raisedById) c.push(eq(serviceRequests.raisedBy, f.raisedById));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(ilike(enterprises.name, like), ilike(enterprises.creditCode, like))!);
  }
  if (f.raisedFrom) c.push(gte(serviceRequests.raisedAt, f.raisedFrom));
  if (f.raisedTo) c.push(lt(serviceRequests.raisedAt, f.raisedTo));
  return and(...c)!;
}

function selectRequests(db: Executor) {
  return db
    .select(requestColumns)
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .innerJoin(raiser, eq(raiser.id, serviceRequests.raisedBy))
    .innerJoin(raisedUnit, eq(raisedUnit.id, serviceRequests.raisedUnitId))
    .leftJoin(owner, eq(owner.id, serviceRequests.ownerUnitId))
    .leftJoin(decider, eq(decider.id, serviceRequests.decidedBy))
    .leftJoin(evaluator, eq(evaluator.id, serviceRequests.evaluatedBy));
}

/**
 * The visible requests matching the SQL filters, newest first, at most `limit` (the service computes the
 * lights, then filters, sorts and pages; a county raises hundreds of requests a year).
 */
export function listRequestRows(
  db: Executor,
  v: RequestVisibility,
  f: RequestRowFilter,
  limit: number,
): Promise<RequestListRow[]> {
  return selectRequests(db)
    .where(conditions(v, f))
    .orderBy(desc(serviceRequests.raisedAt), desc(serviceRequests.id))
    .limit(limit) as Promise<RequestListRow[]>;
}

export async function findRequestRow(
  db: Executor,
  v: RequestVisibility,
  id: number,
): Promise<RequestListRow | null> {
  const rows = await selectRequests(db)
    .where(and(eq(serviceRequests.id, id), requestVisible(v)))
    .limit(1);
  return (rows[0] as RequestListRow | undefined) ?? null;
}

/** The request locked for a step, when the caller sees it. */
export async function lockRequest(
  tx: Executor,
  v: RequestVisibility,
  id: number,
): Promise<RequestRow | null> {
  const rows = await tx
    .select({ r: serviceRequests })
    .from(serviceRequests)
    .innerJoin(enterprises, eq(enterprises.id, serviceRequests.enterpriseId))
    .where(and(eq(serviceRequests.id, id), requestVisible(v)))
    .for('update', { of: serviceRequests })
    .limit(1);
  return rows[0]?.r ?? null;
}

export async function updateRequest(
  tx: Executor,
  id: number,
  patch: Partial<NewRequestRow>,
): Promise<RequestRow> {
  const [row] = await tx.update(serviceRequests).set(patch).where(eq(serviceRequests.id, id)).returning();
  return row!;
}

const eventActor = alias(users, 'rqe_actor');
const eventUnit = alias(orgUnits, 'rqe_unit');
const eventOwner = alias(orgUnits, 'rqe_owner');

export function listRequestEvents(db: Executor, requestId: number) {
  return db
    .select({
      e: serviceRequestEvents,
      actorName: eventActor.displayName,
      unitName: eventUnit.name,
      ownerUnitName: eventOwner.name,
    })
    .from(serviceRequestEvents)
    .innerJoin(eventActor, eq(eventActor.id, serviceRequestEvents.actorId))
    .innerJoin(eventUnit, eq(eventUnit.id, serviceRequestEvents.actorUnitId))
    .leftJoin(eventOwner, eq(eventOwner.id, serviceRequestEvents.ownerUnitId))
    .where(eq(serviceRequestEvents.requestId, requestId))
    .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
}

/** A unit by id (the owner a request is routed to). */
export async function findUnit(db: Executor, id: number) {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0] ?? null;
}
