// The only SQL of 稳规 help plans: the year's at-risk firms (library_memberships, library 'atRisk') with their
// latest plan, plans and reviews. Every read of firms goes through the caller's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { helpPlanReviews, helpPlans } from '../../db/schema-service.js';
import { enterpriseInScope } from '../../db/scope.js';

export type HelpPlanDbRow = typeof helpPlans.$inferSelect;
export type HelpPlanReviewDbRow = typeof helpPlanReviews.$inferSelect;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');
const owner = alias(orgUnits, 'owner');
const creator = alias(users, 'creator');
const closer = alias(users, 'closer');

export const AT_RISK = 'atRisk';

export interface AtRiskFilter {
  year: number;
  enterpriseId?: number | undefined;
  unitId?: number | undefined;
  q?: string | undefined;
}

export interface AtRiskRow {
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  enteredAt: Date;
  inLibrary: boolean;
  plan: HelpPlanDbRow | null;
  ownerUnitName: string | null;
  reviews: number;
  lastOutcome: string | null;
}

/**
 * Every firm that was in the 临退规 library in the year (any stay), in the scope, with its first entry, whether
 * a stay is still open, and its latest plan of that year (the open one, else the last closed) with the
 * number of reviews and the last outcome. The at-risk library of a county is tens of firms: one query.
 */
export async function listAtRiskFirms(db: Executor, scope: DataScope, f: AtRiskFilter): Promise<AtRiskRow[]> {
  const stays = db
    .select({
      enterpriseId: libraryMemberships.enterpriseId,
      enteredAt: sql<Date>`min(${libraryMemberships.enteredAt})`.as('entered_at'),
      open: sql<boolean>`bool_or(${libraryMemberships.leftAt} is null)`.as('open'),
    })
    .from(libraryMemberships)
    .where(and(eq(libraryMemberships.year, f.year), eq(libraryMemberships.library, AT_RISK)))
    .groupBy(libraryMemberships.enterpriseId)
    .as('stays');
  const latestPlan = sql`(select p.id from ${helpPlans} p where p.enterprise_id = ${enterprises.id}
    and p.year = ${f.year} order by (p.closed_at is null) desc, p.id desc limit 1)`;
  const c: SQL[] = [enterpriseInScope(scope)];
  if (f.enterpriseId) c.push(eq(enterprises.id, f.enterpriseId));
  if (f.unitId)
    c.push(
      sql`(${enterprises.townshipId} = ${f.unitId} or ${enterprises.supervisingUnitId} = ${f.unitId} or ${helpPlans.ownerUnitId} = ${f.unitId})`,
    );
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(sql`(${enterprises.name} ilike ${like} or ${enterprises.creditCode} ilike ${like})`);
  }
  const rows = await db
    .select({
      enterpriseId: enterprises.id,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
      enteredAt: stays.enteredAt,
      inLibrary: stays.open,
      plan: helpPlans,
      ownerUnitName: owner.name,
      reviews: sql<number>`(select count(*)::int from ${helpPlanReviews} r where r.plan_id = ${helpPlans.id})`,
      lastOutcome: sql<
        string | null
      >`(select r.outcome from ${helpPlanReviews} r where r.plan_id = ${helpPlans.id} order by r.reviewed_on desc, r.id desc limit 1)`,
    })
    .from(stays)
    .innerJoin(enterprises, eq(enterprises.id, stays.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(helpPlans, sql`${helpPlans.id} = ${latestPlan}`)
    .leftJoin(owner, eq(owner.id, helpPlans.ownerUnitId))
    .where(and(...c))
    .orderBy(asc(enterprises.name), asc(enterprises.id));
  return rows.map((r) => ({
    ...r,
    enteredAt: r.enteredAt instanceof Date ? r.enteredAt : new Date(r.enteredAt),
    inLibrary: Boolean(r.inLibrary),
    reviews: Number(r.reviews ?? 0),
  }));
}

/** Whether the firm was in the 临退规 library in the year (any stay). */
export async function wasAtRisk(db: Executor, enterpriseId: number, year: number): Promise<boolean> {
  const rows = await db
    .select({ id: libraryMemberships.id })
    .from(libraryMemberships)
    .where(
      and(
        eq(libraryMemberships.enterpriseId, enterpriseId),
        eq(libraryMemberships.year, year),
        eq(libraryMemberships.library, AT_RISK),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function findOpenPlan(db: Executor, enterpriseId: number, year: number) {
  const rows = await db
    .select()
    .from(helpPlans)
    .where(
      and(eq(helpPlans.enterpriseId, enterpriseId), eq(helpPlans.year, year), isNull(helpPlans.closedAt)),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** A plan whose firm is in the scope (null otherwise), with the names the detail shows. */
export async function findPlan(db: Executor, scope: DataScope, id: number) {
  const rows = await db
    .select({
      plan: helpPlans,
      createdByName: creator.displayName,
      closedByName: closer.displayName,
    })
    .from(helpPlans)
    .innerJoin(enterprises, eq(enterprises.id, helpPlans.enterpriseId))
    .leftJoin(creator, eq(creator.id, helpPlans.createdBy))
    .leftJoin(closer, eq(closer.id, helpPlans.closedBy))
    .where(and(eq(helpPlans.id, id), enterpriseInScope(scope)))
    .limit(1);
  return rows[0] ?? null;
}

/** The firm of a plan ignoring scope: only to tell an out-of-scope attempt for the audit trail. */
export async function planFirmUnscoped(db: Executor, id: number): Promise<number | null> {
  const rows = await db
    .select({ enterpriseId: helpPlans.enterpriseId })
    .from(helpPlans)
    .where(eq(helpPlans.id, id))
    .limit(1);
  return rows[0]?.enterpriseId ?? null;
}

export async function lockPlan(tx: Executor, id: number): Promise<HelpPlanDbRow | null> {
  const rows = await tx.select().from(helpPlans).where(eq(helpPlans.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function insertPlan(tx: Executor, row: typeof helpPlans.$inferInsert): Promise<HelpPlanDbRow> {
  const rows = await tx.insert(helpPlans).values(row).returning();
  return rows[0]!;
}

export async function updatePlan(
  tx: Executor,
  id: number,
  set: Partial<typeof helpPlans.$inferInsert>,
): Promise<HelpPlanDbRow> {
  const rows = await tx.update(helpPlans).set(set).where(eq(helpPlans.id, id)).returning();
  return rows[0]!;
}

export async function insertReview(
  tx: Executor,
  row: typeof helpPlanReviews.$inferInsert,
): Promise<HelpPlanReviewDbRow> {
  const rows = await tx.insert(helpPlanReviews).values(row).returning();
  return rows[0]!;
}

const recorder = alias(users, 'recorder');
export function listReviews(db: Executor, planId: number) {
  return db
    .select({ r: helpPlanReviews, recordedByName: recorder.displayName })
    .from(helpPlanReviews)
    .leftJoin(recorder, eq(recorder.id, helpPlanReviews.recordedBy))
    .where(eq(helpPlanReviews.planId, planId))
    .orderBy(desc(helpPlanReviews.reviewedOn), desc(helpPlanReviews.id));
}

/** A user's unit (to check that a named owner belongs to the owner unit). */
export async function findUserUnit(db: Executor, userId: number): Promise<number | null> {
  const rows = await db.select({ unitId: users.unitId }).from(users).where(eq(users.id, userId)).limit(1);
  return rows[0]?.unitId ?? null;
}
