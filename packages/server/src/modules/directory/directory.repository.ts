// The only SQL on directory events (入库 / 退库). Reads of events go through the firm's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { directoryEvents } from '../../db/schema-progress.js';
import { enterpriseInScope } from '../../db/scope.js';

export type DirectoryEventRow = typeof directoryEvents.$inferSelect;
export type DirectoryEventInsert = typeof directoryEvents.$inferInsert;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const recorder = alias(users, 'recorder');
const voider = alias(users, 'voider');

export interface DirectoryEventFilter {
  /** Events whose counting date falls in (after, through] on the given basis (the year's counting window). */
  window?: { basis: 'approval' | 'effective'; after: string; through: string };
  type?: 'entry' | 'exit' | undefined;
  townshipId?: number | undefined;
  supervisingUnitId?: number | undefined;
  enterpriseId?: number | undefined;
}

/**
 * The counting window as SQL. Under the effective basis the counting date is the first day of the period,
 * so "period-01 in (after, through]" is "period in (month(after), month(through)]" — index-friendly.
 */
export function windowCondition(w: NonNullable<DirectoryEventFilter['window']>): SQL {
  if (w.basis === 'approval')
    return sql`${directoryEvents.approvalDate} > ${w.after}::date and ${directoryEvents.approvalDate} <= ${w.through}::date`;
  return sql`${directoryEvents.effectivePeriod} > ${w.after.slice(0, 7)} and ${directoryEvents.effectivePeriod} <= ${w.through.slice(0, 7)}`;
}

function conditions(scope: DataScope, f: DirectoryEventFilter): SQL {
  const c: SQL[] = [enterpriseInScope(scope)];
  if (f.window) c.push(windowCondition(f.window));
  if (f.type) c.push(eq(directoryEvents.type, f.type));
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  if (f.supervisingUnitId) c.push(eq(enterprises.supervisingUnitId, f.supervisingUnitId));
  if (f.enterpriseId) c.push(eq(directoryEvents.enterpriseId, f.enterpriseId));
  return and(...c)!;
}

const listColumns = {
  d: directoryEvents,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  townshipId: enterprises.townshipId,
  townshipName: township.name,
  supervisingUnitId: enterprises.supervisingUnitId,
  supervisingUnitName: supervising.name,
  recordedByName: recorder.displayName,
  voidedByName: voider.displayName,
};

export type DirectoryEventListRow = {
  d: DirectoryEventRow;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  recordedByName: string | null;
  voidedByName: string | null;
};

export function listDirectoryEvents(
  db: Executor,
  scope: DataScope,
  filter: DirectoryEventFilter,
  page: { limit: number; offset: number },
): Promise<DirectoryEventListRow[]> {
  return db
    .select(listColumns)
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(recorder, eq(recorder.id, directoryEvents.recordedBy))
    .leftJoin(voider, eq(voider.id, directoryEvents.voidedBy))
    .where(conditions(scope, filter))
    .orderBy(desc(directoryEvents.approvalDate), desc(directoryEvents.id))
    .limit(page.limit)
    .offset(page.offset) as Promise<DirectoryEventListRow[]>;
}

export async function countDirectoryEvents(
  db: Executor,
  scope: DataScope,
  filter: DirectoryEventFilter,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .where(conditions(scope, filter));
  return rows[0]?.n ?? 0;
}

export async function findDirectoryEvent(
  db: Executor,
  scope: DataScope,
  id: number,
): Promise<DirectoryEventListRow | null> {
  const rows = await db
    .select(listColumns)
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(recorder, eq(recorder.id, directoryEvents.recordedBy))
    .leftJoin(voider, eq(voider.id, directoryEvents.voidedBy))
    .where(and(eq(directoryEvents.id, id), enterpriseInScope(scope)))
    .limit(1);
  return (rows[0] as DirectoryEventListRow | undefined) ?? null;
}

/** Whether an event exists at all, ignoring scope: only to tell an out-of-scope attempt for the audit trail. */
export async function directoryEventFirmUnscoped(db: Executor, id: number): Promise<number | null> {
  const rows = await db
    .select({ enterpriseId: directoryEvents.enterpriseId })
    .from(directoryEvents)
    .where(eq(directoryEvents.id, id))
    .limit(1);
  return rows[0]?.enterpriseId ?? null;
}

/** The firm's latest valid (not voided) event: by approval date, then by recording order. */
export async function findLatestValidEventId(db: Executor, enterpriseId: number): Promise<number | null> {
  const rows = await db
    .select({ id: directoryEvents.id })
    .from(directoryEvents)
    .where(and(eq(directoryEvents.enterpriseId, enterpriseId), isNull(directoryEvents.voidedAt)))
    .orderBy(desc(directoryEvents.approvalDate), desc(directoryEvents.id))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Dates of the firm's latest valid event, for the ordering rule. */
export async function findLatestValidEventDates(
  db: Executor,
  enterpriseId: number,
): Promise<{ approvalDate: string; effectivePeriod: string } | null> {
  const rows = await db
    .select({ approvalDate: directoryEvents.approvalDate, effectivePeriod: directoryEvents.effectivePeriod })
    .from(directoryEvents)
    .where(and(eq(directoryEvents.enterpriseId, enterpriseId), isNull(directoryEvents.voidedAt)))
    .orderBy(desc(directoryEvents.approvalDate), desc(directoryEvents.id))
    .limit(1);
  const r = rows[0];
  return r ? { approvalDate: String(r.approvalDate), effectivePeriod: String(r.effectivePeriod) } : null;
}

/** The valid (not voided) events of these firms, oldest first: the import checks rows against them. */
export function listValidEventsOf(
  db: Executor,
  enterpriseIds: number[],
): Promise<Pick<DirectoryEventRow, 'enterpriseId' | 'type' | 'approvalDate' | 'effectivePeriod'>[]> {
  if (enterpriseIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      enterpriseId: directoryEvents.enterpriseId,
      type: directoryEvents.type,
      approvalDate: directoryEvents.approvalDate,
      effectivePeriod: directoryEvents.effectivePeriod,
    })
    .from(directoryEvents)
    .where(
      and(
        sql`${directoryEvents.enterpriseId} = any(${`{${enterpriseIds.join(',')}}`}::int[])`,
        isNull(directoryEvents.voidedAt),
      ),
    )
    .orderBy(asc(directoryEvents.approvalDate), asc(directoryEvents.id));
}

export async function insertDirectoryEvent(
  db: Executor,
  row: DirectoryEventInsert,
): Promise<DirectoryEventRow> {
  const rows = await db.insert(directoryEvents).values(row).returning();
  return rows[0]!;
}

/** Bulk insert for set-up (the demo's history); no rules, no audit per row — the caller audits the batch. */
export async function insertDirectoryEventsBulk(db: Executor, rows: DirectoryEventInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(directoryEvents).values(rows.slice(i, i + 500));
}

/** The only update an event ever receives: voiding, once. */
export async function markDirectoryEventVoided(
  db: Executor,
  id: number,
  v: { voidedAt: Date; voidedBy: number | null; voidReason: string },
): Promise<DirectoryEventRow | null> {
  const rows = await db
    .update(directoryEvents)
    .set(v)
    .where(and(eq(directoryEvents.id, id), isNull(directoryEvents.voidedAt)))
    .returning();
  return rows[0] ?? null;
}

export function listEventsOfEnterprise(db: Executor, scope: DataScope, enterpriseId: number) {
  return db
    .select(listColumns)
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(recorder, eq(recorder.id, directoryEvents.recordedBy))
    .leftJoin(voider, eq(voider.id, directoryEvents.voidedBy))
    .where(and(eq(directoryEvents.enterpriseId, enterpriseId), enterpriseInScope(scope)))
    .orderBy(asc(directoryEvents.approvalDate), asc(directoryEvents.id)) as Promise<DirectoryEventListRow[]>;
}
