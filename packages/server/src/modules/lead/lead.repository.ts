// The only SQL on 包联 leads: the firms of a year's libraries with their open lead, a firm's lead history,
// and the writes (an assignment closes the open row and inserts a new one). Reads take the data scope.
import type { DataScope } from '@shenggui/domain';
import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { firmLeads } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';

export type LeadDbRow = typeof firmLeads.$inferSelect;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const leadUnit = alias(orgUnits, 'lead_unit');
const assigner = alias(users, 'assigner');
const ender = alias(users, 'ender');

export interface LeadFilter {
  year: number;
  library?: string | undefined;
  hasLead?: 'yes' | 'no' | undefined;
  leadUnitId?: number | undefined;
  townshipId?: number | undefined;
  supervisingUnitId?: number | undefined;
  q?: string | undefined;
  enterpriseIds?: number[] | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(scope: DataScope, f: LeadFilter): SQL {
  const c: SQL[] = [
    enterpriseInScope(scope),
    sql`exists (select 1 from ${libraryMemberships} m where m.enterprise_id = ${enterprises.id}
      and m.year = ${f.year} and m.left_at is null${f.library ? sql` and m.library = ${f.library}` : sql``})`,
  ];
  if (f.hasLead === 'yes') c.push(isNotNull(firmLeads.id));
  if (f.hasLead === 'no') c.push(isNull(firmLeads.id));
  if (f.leadUnitId) c.push(eq(firmLeads.leadUnitId, f.leadUnitId));
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  if (f.supervisingUnitId) c.push(eq(enterprises.supervisingUnitId, f.supervisingUnitId));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(or(sql`${enterprises.name} ilike ${pattern}`, sql`${enterprises.creditCode} ilike ${pattern}`)!);
  }
  if (f.enterpriseIds) c.push(sql`${enterprises.id} = any(${`{${f.enterpriseIds.join(',')}}`}::int[])`);
  return and(...c)!;
}

export interface LeadListRow {
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  supervisingUnitKind: string;
  libraries: string[] | null;
  lead: LeadDbRow | null;
  leadUnitName: string | null;
  assignedByName: string | null;
}

export async function listLeadRows(
  db: Executor,
  scope: DataScope,
  f: LeadFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: LeadListRow[]; total: number }> {
  const where = conditions(scope, f);
  const rows = await db
    .select({
      enterpriseId: enterprises.id,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
      supervisingUnitKind: supervising.kind,
      libraries: sql<
        string[] | null
      >`(select array_agg(m.library order by m.library) from ${libraryMemberships} m
        where m.enterprise_id = ${enterprises.id} and m.year = ${f.year} and m.left_at is null)`,
      lead: firmLeads,
      leadUnitName: leadUnit.name,
      assignedByName: assigner.displayName,
    })
    .from(enterprises)
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(firmLeads, and(eq(firmLeads.enterpriseId, enterprises.id), isNull(firmLeads.endedAt)))
    .leftJoin(leadUnit, eq(leadUnit.id, firmLeads.leadUnitId))
    .leftJoin(assigner, eq(assigner.id, firmLeads.assignedBy))
    .where(where)
    .orderBy(township.code, enterprises.id)
    .limit(page.limit)
    .offset(page.offset);
  const count = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enterprises)
    .leftJoin(firmLeads, and(eq(firmLeads.enterpriseId, enterprises.id), isNull(firmLeads.endedAt)))
    .where(where);
  return { rows: rows as LeadListRow[], total: count[0]?.n ?? 0 };
}

/** Firms of the year's libraries in scope that have no open lead (the centre's to-do). */
export async function countFirmsWithoutLead(db: Executor, scope: DataScope, year: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enterprises)
    .leftJoin(firmLeads, and(eq(firmLeads.enterpriseId, enterprises.id), isNull(firmLeads.endedAt)))
    .where(conditions(scope, { year, hasLead: 'no' }));
  return rows[0]?.n ?? 0;
}

/** A firm's placement with the kinds of its units (the suggestion reads them), in scope. */
export async function listFirmPlacements(db: Executor, scope: DataScope, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      enterpriseId: enterprises.id,
      enterpriseName: enterprises.name,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
      supervisingUnitKind: supervising.kind,
    })
    .from(enterprises)
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .where(and(enterpriseInScope(scope), sql`${enterprises.id} = any(${`{${ids.join(',')}}`}::int[])`));
}

export interface LeadHistoryRow {
  l: LeadDbRow;
  unitName: string;
  assignedByName: string | null;
  endedByName: string | null;
}

/** Every lead of a firm, newest first (the caller checked the firm is in scope). */
export function listLeadHistory(db: Executor, enterpriseId: number): Promise<LeadHistoryRow[]> {
  return db
    .select({
      l: firmLeads,
      unitName: leadUnit.name,
      assignedByName: assigner.displayName,
      endedByName: ender.displayName,
    })
    .from(firmLeads)
    .innerJoin(leadUnit, eq(leadUnit.id, firmLeads.leadUnitId))
    .leftJoin(assigner, eq(assigner.id, firmLeads.assignedBy))
    .leftJoin(ender, eq(ender.id, firmLeads.endedBy))
    .where(eq(firmLeads.enterpriseId, enterpriseId))
    .orderBy(desc(firmLeads.assignedAt), desc(firmLeads.id)) as Promise<LeadHistoryRow[]>;
}

export async function findOpenLead(db: Executor, enterpriseId: number): Promise<LeadDbRow | null> {
  const rows = await db
    .select()
    .from(firmLeads)
    .where(and(eq(firmLeads.enterpriseId, enterpriseId), isNull(firmLeads.endedAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function closeLead(db: Executor, id: number, at: Date, by: number | null): Promise<void> {
  await db
    .update(firmLeads)
    .set({ endedAt: at, endedBy: by })
    .where(and(eq(firmLeads.id, id), isNull(firmLeads.endedAt)));
}

export async function insertLead(db: Executor, row: typeof firmLeads.$inferInsert): Promise<LeadDbRow> {
  const rows = await db.insert(firmLeads).values(row).returning();
  return rows[0]!;
}

export async function findUnit(db: Executor, id: number) {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUserBrief(db: Executor, id: number) {
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, displayName: users.displayName, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Per unit, its first active user with a township or department role (the default lead official). */
export async function firstLeadUsersOf(db: Executor, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectDistinctOn([users.unitId], { id: users.id, unitId: users.unitId, displayName: users.displayName })
    .from(users)
    .where(
      and(
        sql`${users.unitId} = any(${`{${unitIds.join(',')}}`}::int[])`,
        eq(users.disabled, false),
        sql`${users.roles} && array['township','department']::text[]`,
      ),
    )
    .orderBy(users.unitId, users.id);
}
