// The only SQL on visits (走访): the visit with its officials, the requests raised on it and its files
// (service_files, owner kind 'visit'). Reads go through the firm's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { serviceFiles, serviceRequests, visitOfficials, visits } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';
import { findServiceFile, insertServiceFile, listServiceFiles } from '../service/service-files.repository.js';

export type VisitRow = typeof visits.$inferSelect;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const recordedUnit = alias(orgUnits, 'recorded_unit');
const recorder = alias(users, 'recorder');
const voider = alias(users, 'voider');

export interface VisitFilter {
  from?: string | undefined;
  to?: string | undefined;
  year?: number | undefined;
  purpose?: string | undefined;
  unitId?: number | undefined;
  official?: string | undefined;
  q?: string | undefined;
  enterpriseId?: number | undefined;
  /** Leave voided visits out (the recent-visits panel, counts). */
  validOnly?: boolean;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(scope: DataScope, f: VisitFilter): SQL {
  const c: SQL[] = [enterpriseInScope(scope)];
  if (f.from) c.push(gte(visits.visitedOn, f.from));
  if (f.to) c.push(lte(visits.visitedOn, f.to));
  if (f.year) {
    c.push(gte(visits.visitedOn, `${f.year}-01-01`));
    c.push(lte(visits.visitedOn, `${f.year}-12-31`));
  }
  if (f.purpose) c.push(eq(visits.purpose, f.purpose));
  if (f.unitId)
    c.push(
      or(
        eq(visits.recordedUnitId, f.unitId),
        sql`exists (select 1 from ${visitOfficials} o where o.visit_id = ${visits.id} and o.unit_id = ${f.unitId})`,
      )!,
    );
  if (f.official)
    c.push(
      sql`exists (select 1 from ${visitOfficials} o where o.visit_id = ${visits.id} and o.name ilike ${`%${escapeLike(f.official)}%`})`,
    );
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(or(sql`${enterprises.name} ilike ${pattern}`, sql`${enterprises.creditCode} ilike ${pattern}`)!);
  }
  if (f.enterpriseId) c.push(eq(visits.enterpriseId, f.enterpriseId));
  if (f.validOnly) c.push(isNull(visits.voidedAt));
  return and(...c)!;
}

export interface OfficialJson {
  userId: number | null;
  name: string;
  unitId: number;
  unitName: string;
}

export interface VisitListRow {
  v: VisitRow;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  recordedUnitName: string;
  recordedByName: string;
  voidedByName: string | null;
  officials: OfficialJson[];
  requestCount: number;
  fileCount: number;
}

const columns = {
  v: visits,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  townshipId: enterprises.townshipId,
  townshipName: township.name,
  supervisingUnitId: enterprises.supervisingUnitId,
  supervisingUnitName: supervising.name,
  recordedUnitName: recordedUnit.name,
  recordedByName: recorder.displayName,
  voidedByName: voider.displayName,
  officials: sql<
    OfficialJson[]
  >`(select coalesce(json_agg(json_build_object('userId', o.user_id, 'name', o.name,
    'unitId', o.unit_id, 'unitName', u.name) order by o.id), '[]'::json)
    from ${visitOfficials} o join ${orgUnits} u on u.id = o.unit_id where o.visit_id = ${visits.id})`,
  requestCount: sql<number>`(select count(*)::int from ${serviceRequests} r where r.visit_id = ${visits.id})`,
  fileCount: sql<number>`(select count(*)::int from ${serviceFiles} f where f.owner_kind = 'visit' and f.owner_id = ${visits.id})`,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .innerJoin(recordedUnit, eq(recordedUnit.id, visits.recordedUnitId))
    .innerJoin(recorder, eq(recorder.id, visits.recordedBy))
    .leftJoin(voider, eq(voider.id, visits.voidedBy));
}

export async function listVisitRows(
  db: Executor,
  scope: DataScope,
  f: VisitFilter,
  page: { limit: number; offset: number },
  order: 'newest' | 'oldest' = 'newest',
): Promise<VisitListRow[]> {
  const rows = await base(db)
    .where(conditions(scope, f))
    .orderBy(
      ...(order === 'newest'
        ? [desc(visits.visitedOn), desc(visits.id)]
        : [asc(visits.visitedOn), asc(visits.id)]),
    )
    .limit(page.limit)
    .offset(page.offset);
  return rows as VisitListRow[];
}

export async function countVisits(db: Executor, scope: DataScope, f: VisitFilter): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .where(conditions(scope, f));
  return rows[0]?.n ?? 0;
}

export async function findVisit(db: Executor, scope: DataScope, id: number): Promise<VisitListRow | null> {
  const rows = await base(db)
    .where(and(eq(visits.id, id), enterpriseInScope(scope)))
    .limit(1);
  return (rows[0] as VisitListRow | undefined) ?? null;
}

/** The firm of a visit ignoring scope: only to tell an out-of-scope attempt for the audit trail. */
export async function visitFirmUnscoped(db: Executor, id: number): Promise<number | null> {
  const rows = await db
    .select({ enterpriseId: visits.enterpriseId })
    .from(visits)
    .where(eq(visits.id, id))
    .limit(1);
  return rows[0]?.enterpriseId ?? null;
}

export async function lockVisit(db: Executor, id: number): Promise<VisitRow | null> {
  const rows = await db.select().from(visits).where(eq(visits.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function insertVisit(db: Executor, row: typeof visits.$inferInsert): Promise<VisitRow> {
  const rows = await db.insert(visits).values(row).returning();
  return rows[0]!;
}

export async function insertOfficials(
  db: Executor,
  rows: (typeof visitOfficials.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(visitOfficials).values(rows);
}

export async function markVisitVoided(
  db: Executor,
  id: number,
  v: { voidedAt: Date; voidedBy: number; voidReason: string },
): Promise<VisitRow | null> {
  const rows = await db
    .update(visits)
    .set(v)
    .where(and(eq(visits.id, id), isNull(visits.voidedAt)))
    .returning();
  return rows[0] ?? null;
}

export function listVisitRequests(db: Executor, visitId: number) {
  return db
    .select({
      id: serviceRequests.id,
      title: serviceRequests.title,
      categoryLabel: serviceRequests.categoryLabel,
      state: serviceRequests.state,
    })
    .from(serviceRequests)
    .where(eq(serviceRequests.visitId, visitId))
    .orderBy(asc(serviceRequests.id));
}

export function findUnitsByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(sql`${orgUnits.id} = any(${`{${ids.join(',')}}`}::int[])`);
}

export function findUsersByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, unitId: users.unitId, disabled: users.disabled })
    .from(users)
    .where(sql`${users.id} = any(${`{${ids.join(',')}}`}::int[])`);
}

// Files: service_files under the owner kind 'visit' (service/service-files.repository.ts).
export const listVisitFiles = (db: Executor, id: number) => listServiceFiles(db, 'visit', id);
export const insertVisitFile = (db: Executor, row: Omit<typeof serviceFiles.$inferInsert, 'ownerKind'>) =>
  insertServiceFile(db, 'visit', row);
export const findVisitFileContent = (db: Executor, id: number, fileId: number) =>
  findServiceFile(db, 'visit', id, fileId);
