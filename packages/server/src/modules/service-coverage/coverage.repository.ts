// The only SQL of coverage: which firms of the caller's scope sat in a library for the year at a day, and
// whether a non-voided visit or a training attended (of a non-voided event) reached them in the year up
// to that day. Counts are grouped by township and supervising unit; the unreached list is paged.
import type { DataScope } from '@shenggui/domain';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits } from '../../db/schema.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { firmLeads, trainingAttendance, trainings, visits } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';

export interface CoverageWindow {
  year: number;
  /** The last China day counted (YYYY-MM-DD). */
  asOf: string;
  /** The end of that day as an instant: a membership entered by then and not left by then counts. */
  asOfEnd: Date;
  libraries: readonly string[];
}

/** Firms (of `enterprises`) that are members of `library` for the year at the window's day. */
function memberOf(w: CoverageWindow, library: SQL | string): SQL {
  return sql`exists (select 1 from ${libraryMemberships} m where m.enterprise_id = ${enterprises.id}
    and m.year = ${w.year} and m.library = ${library}
    and m.entered_at <= ${w.asOfEnd.toISOString()}::timestamptz
    and (m.left_at is null or m.left_at > ${w.asOfEnd.toISOString()}::timestamptz))`;
}

/** Reached in the year up to the day: a visit not voided, or attendance by the firm at a training not voided. */
function reached(w: CoverageWindow): SQL {
  const from = `${w.year}-01-01`;
  return sql`(exists (select 1 from ${visits} v where v.enterprise_id = ${enterprises.id} and v.voided_at is null
      and v.visited_on >= ${from}::date and v.visited_on <= ${w.asOf}::date)
    or exists (select 1 from ${trainingAttendance} a join ${trainings} t on t.id = a.training_id
      where a.enterprise_id = ${enterprises.id} and t.voided_at is null
      and t.held_on >= ${from}::date and t.held_on <= ${w.asOf}::date))`;
}

export type CoverageCountRow = {
  townshipId: number;
  supervisingUnitId: number;
  library: string;
  total: number;
  reached: number;
};

/** Members and reached members per (township, supervising unit, library), within the scope. */
export async function countCoverage(
  db: Executor,
  scope: DataScope,
  w: CoverageWindow,
): Promise<CoverageCountRow[]> {
  const lib = sql.raw('lib.library');
  const rows = await db.execute<CoverageCountRow>(sql`
    select ${enterprises.townshipId} as "townshipId", ${enterprises.supervisingUnitId} as "supervisingUnitId",
      lib.library as "library", count(*)::int as "total",
      (count(*) filter (where ${reached(w)}))::int as "reached"
    from ${enterprises}
    cross join (select unnest(${`{${w.libraries.join(',')}}`}::text[]) as library) lib
    where ${enterpriseInScope(scope)} and ${memberOf(w, lib)}
    group by 1, 2, 3`);
  return (rows as unknown as { rows: CoverageCountRow[] }).rows;
}

export interface CoverageUnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  path: string;
}

/** The units coverage is shown for, within a path (every unit of a county; units are not secret in it). */
export function listUnitsByPath(db: Executor, pathPrefix: string): Promise<CoverageUnitRow[]> {
  return db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      kind: orgUnits.kind,
      path: orgUnits.path,
    })
    .from(orgUnits)
    .where(sql`${orgUnits.path} like ${`${pathPrefix}%`}`)
    .orderBy(asc(orgUnits.sort), asc(orgUnits.code));
}

export async function findUnitRow(db: Executor, id: number): Promise<CoverageUnitRow | null> {
  const rows = await db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      kind: orgUnits.kind,
      path: orgUnits.path,
    })
    .from(orgUnits)
    .where(eq(orgUnits.id, id))
    .limit(1);
  return rows[0] ?? null;
}

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const leadUnit = alias(orgUnits, 'lead_unit');

export interface UnreachedFilter {
  library: string;
  townshipId?: number | undefined;
  supervisingUnitId?: number | undefined;
  q?: string | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function unreachedWhere(scope: DataScope, w: CoverageWindow, f: UnreachedFilter): SQL {
  const c: SQL[] = [enterpriseInScope(scope), memberOf(w, f.library), sql`not ${reached(w)}`];
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  if (f.supervisingUnitId) c.push(eq(enterprises.supervisingUnitId, f.supervisingUnitId));
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    c.push(sql`(${enterprises.name} ilike ${p} or ${enterprises.creditCode} ilike ${p})`);
  }
  return and(...c)!;
}

export interface UnreachedRow {
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  leadUnitName: string | null;
  leadName: string | null;
  leadPhone: string | null;
  lastVisitOn: string | null;
  lastTrainingOn: string | null;
}

export async function listUnreached(
  db: Executor,
  scope: DataScope,
  w: CoverageWindow,
  f: UnreachedFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: UnreachedRow[]; total: number }> {
  const where = unreachedWhere(scope, w, f);
  const rows = await db
    .select({
      enterpriseId: enterprises.id,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
      leadUnitName: leadUnit.name,
      leadName: firmLeads.leadName,
      leadPhone: firmLeads.leadPhone,
      lastVisitOn: sql<string | null>`(select max(v.visited_on)::text from ${visits} v
        where v.enterprise_id = ${enterprises.id} and v.voided_at is null and v.visited_on <= ${w.asOf}::date)`,
      lastTrainingOn: sql<string | null>`(select max(t.held_on)::text from ${trainingAttendance} a
        join ${trainings} t on t.id = a.training_id
        where a.enterprise_id = ${enterprises.id} and t.voided_at is null and t.held_on <= ${w.asOf}::date)`,
    })
    .from(enterprises)
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(firmLeads, sql`${firmLeads.enterpriseId} = ${enterprises.id} and ${firmLeads.endedAt} is null`)
    .leftJoin(leadUnit, eq(leadUnit.id, firmLeads.leadUnitId))
    .where(where)
    .orderBy(asc(township.sort), asc(township.code), asc(enterprises.name), asc(enterprises.id))
    .limit(page.limit)
    .offset(page.offset);
  const count = await db.select({ n: sql<number>`count(*)::int` }).from(enterprises).where(where);
  return { rows, total: count[0]?.n ?? 0 };
}
