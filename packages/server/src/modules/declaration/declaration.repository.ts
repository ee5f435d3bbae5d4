// The only SQL on declarations, their transitions, inspections and files. Every read of declarations takes
// the caller's data scope through the declared firm.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, revenueFacts, users } from '../../db/schema.js';
import {
  declarationFiles,
  declarationInspections,
  declarationOverrides,
  declarations,
  declarationTransitions,
} from '../../db/schema-declaration.js';
import { enterpriseInScope } from '../../db/scope.js';

export type DeclarationRow = typeof declarations.$inferSelect;
export type DeclarationInsert = typeof declarations.$inferInsert;
export type InspectionRow = typeof declarationInspections.$inferSelect;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const creator = alias(users, 'creator');
const inspectionUnit = alias(orgUnits, 'inspection_unit');

const listColumns = {
  d: declarations,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  legalForm: enterprises.legalForm,
  productionStartedOn: enterprises.productionStartedOn,
  scaleStatus: enterprises.scaleStatus,
  townshipId: enterprises.townshipId,
  townshipName: township.name,
  supervisingUnitId: enterprises.supervisingUnitId,
  supervisingUnitName: supervising.name,
  /** The declaring unit: the unit of the user who created the declaration. */
  declaringUnitId: creator.unitId,
  inspectionUnitName: inspectionUnit.name,
};
export type DeclarationListRow = {
  d: DeclarationRow;
  enterpriseName: string;
  creditCode: string;
  legalForm: string;
  productionStartedOn: string | null;
  scaleStatus: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  declaringUnitId: number | null;
  inspectionUnitName: string | null;
};

export interface DeclarationFilter {
  year?: number | undefined;
  state?: string | undefined;
  states?: string[] | undefined;
  batch?: string | undefined;
  townshipId?: number | undefined;
}

function conditions(scope: DataScope, f: DeclarationFilter): SQL {
  const c: SQL[] = [enterpriseInScope(scope)];
  if (f.year) c.push(eq(declarations.year, f.year));
  if (f.state) c.push(eq(declarations.state, f.state));
  if (f.states) c.push(f.states.length ? inArray(declarations.state, f.states) : sql`false`);
  if (f.batch) c.push(eq(declarations.batch, f.batch));
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  return and(...c)!;
}

function baseList(db: Executor) {
  return db
    .select(listColumns)
    .from(declarations)
    .innerJoin(enterprises, eq(enterprises.id, declarations.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(creator, eq(creator.id, declarations.createdBy))
    .leftJoin(inspectionUnit, eq(inspectionUnit.id, declarations.inspectionUnitId));
}

/**
 * A declaration is readable in the caller's scope, or by the unit the centre assigned to inspect it (which
 * may be another township or department: it needs the file to do its work).
 */
function declarationReadable(scope: DataScope): SQL {
  if (scope.kind === 'township' || scope.kind === 'supervising')
    return or(enterpriseInScope(scope), eq(declarations.inspectionUnitId, scope.unitId))!;
  return enterpriseInScope(scope);
}

export async function listDeclarationRows(
  db: Executor,
  scope: DataScope,
  f: DeclarationFilter,
  page: { limit: number; offset: number },
): Promise<DeclarationListRow[]> {
  return (await baseList(db)
    .where(conditions(scope, f))
    .orderBy(asc(declarations.deadline), asc(enterprises.name), asc(declarations.id))
    .limit(page.limit)
    .offset(page.offset)) as DeclarationListRow[];
}

export async function countDeclarations(
  db: Executor,
  scope: DataScope,
  f: DeclarationFilter,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(declarations)
    .innerJoin(enterprises, eq(enterprises.id, declarations.enterpriseId))
    .where(conditions(scope, f));
  return rows[0]?.n ?? 0;
}

/**
 * The declaration in the caller's scope; with `assigned`, also one the caller's unit was assigned to inspect
 * (read it, record inspections — nothing else).
 */
export async function findDeclaration(
  db: Executor,
  scope: DataScope,
  id: number,
  opts: { assigned?: boolean } = {},
): Promise<DeclarationListRow | null> {
  const rows = await baseList(db)
    .where(
      and(eq(declarations.id, id), opts.assigned ? declarationReadable(scope) : enterpriseInScope(scope)),
    )
    .limit(1);
  return (rows[0] as DeclarationListRow | undefined) ?? null;
}

/** The declared firm regardless of scope: only to audit an out-of-scope attempt. */
export async function declarationFirmUnscoped(db: Executor, id: number): Promise<number | null> {
  const rows = await db
    .select({ enterpriseId: declarations.enterpriseId })
    .from(declarations)
    .where(eq(declarations.id, id))
    .limit(1);
  return rows[0]?.enterpriseId ?? null;
}

export async function lockDeclaration(db: Executor, id: number): Promise<DeclarationRow | null> {
  const rows = await db.select().from(declarations).where(eq(declarations.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function findOpenDeclaration(
  db: Executor,
  enterpriseId: number,
  year: number,
): Promise<DeclarationRow | null> {
  const rows = await db
    .select()
    .from(declarations)
    .where(
      and(
        eq(declarations.enterpriseId, enterpriseId),
        eq(declarations.year, year),
        sql`${declarations.state} not in ('entered', 'withdrawn')`,
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function insertDeclaration(db: Executor, row: DeclarationInsert): Promise<DeclarationRow> {
  const rows = await db.insert(declarations).values(row).returning();
  return rows[0]!;
}

export async function updateDeclarationRow(
  db: Executor,
  id: number,
  set: Partial<
    Pick<DeclarationInsert, 'state' | 'lastComment' | 'directoryEventId' | 'updatedAt' | 'inspectionUnitId'>
  >,
): Promise<void> {
  await db.update(declarations).set(set).where(eq(declarations.id, id));
}

export async function insertTransition(db: Executor, row: typeof declarationTransitions.$inferInsert) {
  const rows = await db.insert(declarationTransitions).values(row).returning();
  return rows[0]!;
}

export function listTransitions(db: Executor, declarationId: number) {
  return db
    .select({ t: declarationTransitions, actorName: users.displayName })
    .from(declarationTransitions)
    .leftJoin(users, eq(users.id, declarationTransitions.actorId))
    .where(eq(declarationTransitions.declarationId, declarationId))
    .orderBy(asc(declarationTransitions.at), asc(declarationTransitions.id));
}

export async function insertInspection(
  db: Executor,
  row: typeof declarationInspections.$inferInsert,
): Promise<InspectionRow> {
  const rows = await db.insert(declarationInspections).values(row).returning();
  return rows[0]!;
}

export function listInspections(db: Executor, declarationId: number) {
  return db
    .select({ i: declarationInspections, recordedByName: users.displayName })
    .from(declarationInspections)
    .leftJoin(users, eq(users.id, declarationInspections.recordedBy))
    .where(eq(declarationInspections.declarationId, declarationId))
    .orderBy(asc(declarationInspections.recordedAt), asc(declarationInspections.id));
}

export async function findInspection(
  db: Executor,
  declarationId: number,
  id: number,
): Promise<InspectionRow | null> {
  const rows = await db
    .select()
    .from(declarationInspections)
    .where(and(eq(declarationInspections.id, id), eq(declarationInspections.declarationId, declarationId)))
    .limit(1);
  return rows[0] ?? null;
}

const fileMeta = {
  id: declarationFiles.id,
  declarationId: declarationFiles.declarationId,
  item: declarationFiles.item,
  inspectionId: declarationFiles.inspectionId,
  version: declarationFiles.version,
  fileName: declarationFiles.fileName,
  fileType: declarationFiles.fileType,
  size: declarationFiles.size,
  sha256: declarationFiles.sha256,
  uploadedAt: declarationFiles.uploadedAt,
  uploadedByName: users.displayName,
};
export type FileMeta = {
  id: number;
  declarationId: number;
  item: string | null;
  inspectionId: number | null;
  version: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedByName: string | null;
};

/** Adds a file as the next version of its item (or of its inspection's photos); the caller holds the lock. */
export async function insertFile(
  db: Executor,
  row: Omit<typeof declarationFiles.$inferInsert, 'version'>,
): Promise<{ id: number; version: number }> {
  const same = row.item
    ? eq(declarationFiles.item, row.item)
    : eq(declarationFiles.inspectionId, row.inspectionId ?? -1);
  const max = await db
    .select({ v: sql<number>`coalesce(max(${declarationFiles.version}), 0)::int` })
    .from(declarationFiles)
    .where(and(eq(declarationFiles.declarationId, row.declarationId), same));
  const version = (max[0]?.v ?? 0) + 1;
  const rows = await db
    .insert(declarationFiles)
    .values({ ...row, version })
    .returning({ id: declarationFiles.id, version: declarationFiles.version });
  return rows[0]!;
}

export async function listFiles(db: Executor, declarationId: number): Promise<FileMeta[]> {
  return db
    .select(fileMeta)
    .from(declarationFiles)
    .leftJoin(users, eq(users.id, declarationFiles.uploadedBy))
    .where(eq(declarationFiles.declarationId, declarationId))
    .orderBy(asc(declarationFiles.item), desc(declarationFiles.version), asc(declarationFiles.id));
}

export async function findFileContent(db: Executor, declarationId: number, fileId: number) {
  const rows = await db
    .select({
      fileName: declarationFiles.fileName,
      fileType: declarationFiles.fileType,
      bytes: declarationFiles.bytes,
    })
    .from(declarationFiles)
    .where(and(eq(declarationFiles.id, fileId), eq(declarationFiles.declarationId, declarationId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Current tax and statistics figures of one firm per period in [from, to] (a quarter at its last month). */
export async function listMonthFigures(db: Executor, enterpriseId: number, from: string, to: string) {
  return db
    .select({
      period: revenueFacts.period,
      tax: sql<string | null>`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'tax')`,
      statistics: sql<
        string | null
      >`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'statistics')`,
      // 3 where the source's figure is a quarterly return for the quarter ending in this period.
      taxMonths: sql<number>`coalesce(max(${revenueFacts.months}) filter (where ${revenueFacts.source} = 'tax'), 1)::int`,
      statisticsMonths: sql<number>`coalesce(max(${revenueFacts.months}) filter (where ${revenueFacts.source} = 'statistics'), 1)::int`,
    })
    .from(revenueFacts)
    .where(
      and(
        eq(revenueFacts.enterpriseId, enterpriseId),
        eq(revenueFacts.isCurrent, true),
        sql`${revenueFacts.period} between ${from} and ${to}`,
      ),
    )
    .groupBy(revenueFacts.period)
    .orderBy(asc(revenueFacts.period));
}

export type OverrideRow = typeof declarationOverrides.$inferSelect;

export async function insertOverride(
  db: Executor,
  row: typeof declarationOverrides.$inferInsert,
): Promise<OverrideRow> {
  const rows = await db.insert(declarationOverrides).values(row).returning();
  return rows[0]!;
}

export function listOverrides(db: Executor, declarationId: number) {
  return db
    .select({ o: declarationOverrides, actorName: users.displayName })
    .from(declarationOverrides)
    .leftJoin(users, eq(users.id, declarationOverrides.actorId))
    .where(eq(declarationOverrides.declarationId, declarationId))
    .orderBy(asc(declarationOverrides.at), asc(declarationOverrides.id));
}

/** Copies the current material files of one declaration to another (a monthly one turned annual). */
export async function copyMaterialFiles(db: Executor, fromId: number, toId: number): Promise<void> {
  await db.execute(sql`
    insert into ${declarationFiles} (declaration_id, item, inspection_id, version, file_name, file_type, size,
      sha256, bytes, uploaded_by, uploaded_at)
    select ${toId}, item, null, version, file_name, file_type, size, sha256, bytes, uploaded_by, uploaded_at
    from ${declarationFiles}
    where declaration_id = ${fromId} and item is not null`);
}

/** Org unit by id (to assign an inspecting unit). */
export async function findUnit(db: Executor, id: number) {
  const rows = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.id, id))
    .limit(1);
  return rows[0] ?? null;
}
