// The only SQL on trainings, their attendance and materials. Trainings themselves are county events every
// unit may read; an attendance row of a firm is read only through the firm's data scope (db/scope.ts).
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, gte, ilike, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { type serviceFiles, trainingAttendance, trainings } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';
import { findServiceFile, insertServiceFile, listServiceFiles } from '../service/service-files.repository.js';

export type TrainingRow = typeof trainings.$inferSelect;
export type AttendanceRow = typeof trainingAttendance.$inferSelect;
export type AttendanceInsert = typeof trainingAttendance.$inferInsert;

const organiser = alias(orgUnits, 'organiser');
const creator = alias(users, 'creator');
const township = alias(orgUnits, 'township');
const attendeeUnit = alias(orgUnits, 'attendee_unit');

export interface TrainingFilter {
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
  organiserUnitId?: number | undefined;
  q?: string | undefined;
  year?: number | undefined;
  includeVoided?: boolean;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(f: TrainingFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.from) c.push(gte(trainings.heldOn, f.from));
  if (f.to) c.push(lte(trainings.heldOn, f.to));
  if (f.year) {
    c.push(gte(trainings.heldOn, `${f.year}-01-01`));
    c.push(lte(trainings.heldOn, `${f.year}-12-31`));
  }
  if (f.kind) c.push(eq(trainings.kind, f.kind));
  if (f.organiserUnitId) c.push(eq(trainings.organiserUnitId, f.organiserUnitId));
  if (f.q) c.push(ilike(trainings.topic, `%${escapeLike(f.q)}%`));
  if (!f.includeVoided) c.push(isNull(trainings.voidedAt));
  return c.length ? and(...c) : undefined;
}

const counts = {
  firmCount: sql<number>`(select count(distinct a.enterprise_id)::int from ${trainingAttendance} a where a.training_id = ${trainings.id} and a.enterprise_id is not null)`,
  officialCount: sql<number>`(select count(*)::int from ${trainingAttendance} a where a.training_id = ${trainings.id} and a.enterprise_id is null and a.unit_id is not null)`,
  unmatchedCount: sql<number>`(select count(*)::int from ${trainingAttendance} a where a.training_id = ${trainings.id} and a.enterprise_id is null and a.unit_id is null)`,
  attendeeCount: sql<number>`(select count(*)::int from ${trainingAttendance} a where a.training_id = ${trainings.id})`,
};

export interface TrainingListRow {
  t: TrainingRow;
  organiserUnitName: string;
  createdByName: string | null;
  firmCount: number;
  officialCount: number;
  unmatchedCount: number;
  attendeeCount: number;
}

function selectTrainings(db: Executor) {
  return db
    .select({
      t: trainings,
      organiserUnitName: organiser.name,
      createdByName: creator.displayName,
      ...counts,
    })
    .from(trainings)
    .innerJoin(organiser, eq(organiser.id, trainings.organiserUnitId))
    .leftJoin(creator, eq(creator.id, trainings.createdBy));
}

export async function listTrainings(
  db: Executor,
  f: TrainingFilter,
  page: { limit: number; offset: number },
): Promise<TrainingListRow[]> {
  return selectTrainings(db)
    .where(conditions(f))
    .orderBy(desc(trainings.heldOn), desc(trainings.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTrainings(db: Executor, f: TrainingFilter): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(trainings).where(conditions(f));
  return rows[0]?.n ?? 0;
}

export async function findTraining(db: Executor, id: number): Promise<TrainingListRow | null> {
  const rows = await selectTrainings(db).where(eq(trainings.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockTraining(db: Executor, id: number): Promise<TrainingRow | null> {
  const rows = await db.select().from(trainings).where(eq(trainings.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function insertTraining(db: Executor, row: typeof trainings.$inferInsert): Promise<TrainingRow> {
  const rows = await db.insert(trainings).values(row).returning();
  return rows[0]!;
}

export async function updateTrainingRow(
  db: Executor,
  id: number,
  set: Partial<typeof trainings.$inferInsert>,
): Promise<TrainingRow> {
  const rows = await db.update(trainings).set(set).where(eq(trainings.id, id)).returning();
  return rows[0]!;
}

// ── Attendance ────────────────────────────────────────────────────────────────────────────────────────

export interface AttendanceListRow {
  a: AttendanceRow;
  enterpriseName: string | null;
  creditCode: string | null;
  townshipName: string | null;
  unitName: string | null;
  createdByName: string | null;
  createdByUnitId: number | null;
}

/**
 * Which attendance rows the caller reads: a firm's row through the firm's scope, an official's row always,
 * an unmatched row (a name as written, no firm) only when `unmatched` says so (the organiser, the county).
 */
function visibleRows(scope: DataScope, unmatched: boolean): SQL {
  return sql`((${trainingAttendance.enterpriseId} is not null and ${enterpriseInScope(scope)})
    or (${trainingAttendance.enterpriseId} is null and ${trainingAttendance.unitId} is not null)
    or (${trainingAttendance.enterpriseId} is null and ${trainingAttendance.unitId} is null and ${unmatched ? sql`true` : sql`false`}))`;
}

function selectAttendance(db: Executor) {
  return db
    .select({
      a: trainingAttendance,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      townshipName: township.name,
      unitName: attendeeUnit.name,
      createdByName: creator.displayName,
      createdByUnitId: creator.unitId,
    })
    .from(trainingAttendance)
    .leftJoin(enterprises, eq(enterprises.id, trainingAttendance.enterpriseId))
    .leftJoin(township, eq(township.id, enterprises.townshipId))
    .leftJoin(attendeeUnit, eq(attendeeUnit.id, trainingAttendance.unitId))
    .leftJoin(creator, eq(creator.id, trainingAttendance.createdBy));
}

export function listAttendance(
  db: Executor,
  scope: DataScope,
  trainingId: number,
  opts: { unmatched: boolean },
): Promise<AttendanceListRow[]> {
  return selectAttendance(db)
    .where(and(eq(trainingAttendance.trainingId, trainingId), visibleRows(scope, opts.unmatched)))
    .orderBy(asc(trainingAttendance.id));
}

export async function findAttendance(
  db: Executor,
  scope: DataScope,
  trainingId: number,
  rowId: number,
  opts: { unmatched: boolean },
): Promise<AttendanceListRow | null> {
  const rows = await selectAttendance(db)
    .where(
      and(
        eq(trainingAttendance.trainingId, trainingId),
        eq(trainingAttendance.id, rowId),
        visibleRows(scope, opts.unmatched),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** The firm of an attendance row whatever the scope (to audit an out-of-scope attempt), or null. */
export async function attendanceFirmUnscoped(
  db: Executor,
  trainingId: number,
  rowId: number,
): Promise<{ exists: boolean; enterpriseId: number | null }> {
  const rows = await db
    .select({ enterpriseId: trainingAttendance.enterpriseId })
    .from(trainingAttendance)
    .where(and(eq(trainingAttendance.trainingId, trainingId), eq(trainingAttendance.id, rowId)))
    .limit(1);
  return rows[0]
    ? { exists: true, enterpriseId: rows[0].enterpriseId }
    : { exists: false, enterpriseId: null };
}

/**
 * Every row of a training reduced to who it is (for duplicate checks only; nothing of it is answered).
 */
export function listAttendanceKeys(db: Executor, trainingId: number) {
  return db
    .select({
      personName: trainingAttendance.personName,
      enterpriseId: trainingAttendance.enterpriseId,
      unitId: trainingAttendance.unitId,
      orgNameAsWritten: trainingAttendance.orgNameAsWritten,
    })
    .from(trainingAttendance)
    .where(eq(trainingAttendance.trainingId, trainingId));
}

export async function insertAttendance(db: Executor, rows: AttendanceInsert[]): Promise<AttendanceRow[]> {
  if (rows.length === 0) return [];
  return db.insert(trainingAttendance).values(rows).returning();
}

export async function deleteAttendanceRow(db: Executor, trainingId: number, rowId: number) {
  const rows = await db
    .delete(trainingAttendance)
    .where(and(eq(trainingAttendance.trainingId, trainingId), eq(trainingAttendance.id, rowId)))
    .returning();
  return rows[0] ?? null;
}

/** The firms of the caller's scope with what a sign-in sheet may name them by. */
export function listFirmsForMatching(db: Executor, scope: DataScope) {
  return db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(enterpriseInScope(scope));
}

/** The units an official may come from (units are not secret inside a county). */
export function listUnitsForMatching(db: Executor) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits);
}

export async function findUserUnit(db: Executor, userId: number) {
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUnit(db: Executor, id: number) {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0] ?? null;
}

// ── Materials ─────────────────────────────────────────────────────────────────────────────────────────

// Files: service_files under the owner kind 'training' (service/service-files.repository.ts).
export const listTrainingFiles = (db: Executor, id: number) => listServiceFiles(db, 'training', id);
export const insertTrainingFile = (db: Executor, row: Omit<typeof serviceFiles.$inferInsert, 'ownerKind'>) =>
  insertServiceFile(db, 'training', row);
export const findTrainingFileContent = (db: Executor, id: number, fileId: number) =>
  findServiceFile(db, 'training', id, fileId);
