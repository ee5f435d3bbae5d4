// The only SQL on enterprises. Every query of firms takes the caller's data scope.
import type { DataScope, EnterpriseListQuery, RevenuePriority } from '@shenggui/domain';
import { and, asc, desc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, scaleStatusHistory, users } from '../../db/schema.js';
import { enterpriseInScope } from '../../db/scope.js';
import { revenueOfRecordSubquery } from '../revenue/revenue.repository.js';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseInsert = typeof enterprises.$inferInsert;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');

export interface ListArgs {
  filter: Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'order' | 'revenueYear'>;
  year: number;
  sort: EnterpriseListQuery['sort'];
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** The county's revenue-of-record priority (settings `revenue.priority`). */
  priority?: RevenuePriority | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterConditions(
  scope: DataScope,
  f: ListArgs['filter'],
  rev: ReturnType<typeof revenueOfRecordSubquery> | null,
) {
  const c: SQL[] = [enterpriseInScope(scope)];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(or(ilike(enterprises.name, pattern), ilike(enterprises.creditCode, pattern))!);
  }
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  if (f.supervisingUnitId) c.push(eq(enterprises.supervisingUnitId, f.supervisingUnitId));
  if (f.industry) {
    const code = f.industry.replace(/^[BCD]/, '');
    // A section letter alone selects its divisions: B = 06–12, C = 13–43, D = 44–46.
    if (code === '') {
      const ranges = { B: ['06', '12'], C: ['13', '43'], D: ['44', '46'] } as const;
      const r = ranges[f.industry as 'B' | 'C' | 'D'];
      if (r) c.push(sql`substr(${enterprises.industryCode}, 1, 2) between ${r[0]} and ${r[1]}`);
    } else c.push(like(enterprises.industryCode, `${escapeLike(code)}%`));
  }
  if (f.scaleStatus) c.push(eq(enterprises.scaleStatus, f.scaleStatus));
  if (rev && f.revenueMinWan !== undefined)
    c.push(sql`coalesce(${rev.revenue}, 0) >= ${f.revenueMinWan * 10_000}`);
  if (rev && f.revenueMaxWan !== undefined)
    c.push(sql`coalesce(${rev.revenue}, 0) <= ${f.revenueMaxWan * 10_000}`);
  return and(...c)!;
}

/** Whether the filtered, sorted list needs every firm's revenue of record (sorting or filtering on it). */
function needsRevenue(args: Pick<ListArgs, 'filter'> & { sort?: ListArgs['sort'] }): boolean {
  return (
    args.sort === 'revenue' ||
    args.filter.revenueMinWan !== undefined ||
    args.filter.revenueMaxWan !== undefined
  );
}

const rowColumns = (rev: ReturnType<typeof revenueOfRecordSubquery>) => ({
  e: enterprises,
  townshipName: township.name,
  supervisingUnitName: supervising.name,
  revenue: rev.revenue,
  statMonths: rev.statMonths,
  taxMonths: rev.taxMonths,
  months: rev.months,
});

export type EnterpriseListRow = {
  e: EnterpriseRow;
  townshipName: string;
  supervisingUnitName: string;
  revenue: string | null;
  statMonths: number | null;
  taxMonths: number | null;
  months: string | null;
};

/** A page of the list; `total` is the number of firms matching the filter (count over the whole match). */
export async function listEnterprises(
  db: Executor,
  scope: DataScope,
  args: ListArgs,
): Promise<(EnterpriseListRow & { total: number })[]> {
  const dir = args.order === 'desc' ? desc : asc;
  const total = sql<number>`(count(*) over ())::int`;
  if (needsRevenue(args)) {
    const rev = revenueOfRecordSubquery(db, args.year, args.priority);
    const sortColumn = {
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      industryCode: enterprises.industryCode,
      revenue: sql`coalesce(${rev.revenue}, 0)`,
      updatedAt: enterprises.updatedAt,
    }[args.sort];
    return db
      .select({ ...rowColumns(rev), total })
      .from(enterprises)
      .innerJoin(township, eq(township.id, enterprises.townshipId))
      .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
      .leftJoin(rev, eq(rev.enterpriseId, enterprises.id))
      .where(filterConditions(scope, args.filter, rev))
      .orderBy(dir(sortColumn), asc(enterprises.id))
      .limit(args.limit)
      .offset(args.offset) as Promise<(EnterpriseListRow & { total: number })[]>;
  }
  // The page first (and the match count alongside it), then the revenue of record of the page's firms only:
  // aggregating a whole year of every firm's figures to show twenty of them was most of the list's time.
  const sortColumn = {
    name: enterprises.name,
    creditCode: enterprises.creditCode,
    industryCode: enterprises.industryCode,
    updatedAt: enterprises.updatedAt,
  }[args.sort as Exclude<ListArgs['sort'], 'revenue'>];
  const page = db.$with('page').as(
    db
      .select({ id: enterprises.id, total: total.as('total') })
      .from(enterprises)
      .where(filterConditions(scope, args.filter, null))
      .orderBy(dir(sortColumn), asc(enterprises.id))
      .limit(args.limit)
      .offset(args.offset),
  );
  const rev = revenueOfRecordSubquery(db, args.year, args.priority, sql`(select ${page.id} from ${page})`);
  return db
    .with(page)
    .select({ ...rowColumns(rev), total: page.total })
    .from(enterprises)
    .innerJoin(page, eq(page.id, enterprises.id))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(rev, eq(rev.enterpriseId, enterprises.id))
    .orderBy(dir(sortColumn), asc(enterprises.id)) as Promise<(EnterpriseListRow & { total: number })[]>;
}

export async function countEnterprises(
  db: Executor,
  scope: DataScope,
  args: Pick<ListArgs, 'filter' | 'year' | 'priority'>,
) {
  const rev = revenueOfRecordSubquery(db, args.year, args.priority);
  const base = db.select({ n: sql<number>`count(*)::int` }).from(enterprises);
  const q = needsRevenue(args) ? base.leftJoin(rev, eq(rev.enterpriseId, enterprises.id)) : base;
  const rows = await q.where(filterConditions(scope, args.filter, rev));
  return rows[0]?.n ?? 0;
}

export async function findEnterprise(
  db: Executor,
  scope: DataScope,
  id: number,
  year: number,
  priority?: RevenuePriority,
): Promise<EnterpriseListRow | null> {
  const rev = revenueOfRecordSubquery(db, year, priority, sql`(${id})`);
  const rows = await db
    .select(rowColumns(rev))
    .from(enterprises)
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .leftJoin(rev, eq(rev.enterpriseId, enterprises.id))
    .where(and(eq(enterprises.id, id), enterpriseInScope(scope)))
    .limit(1);
  return (rows[0] as EnterpriseListRow | undefined) ?? null;
}

/** Uniqueness of the credit code is county-wide (and wider): this check deliberately ignores scope. */
export async function creditCodeTaken(db: Executor, creditCode: string): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.creditCode, creditCode))
    .limit(1);
  return rows.length > 0;
}

export async function insertEnterprise(db: Executor, row: EnterpriseInsert): Promise<EnterpriseRow> {
  const rows = await db.insert(enterprises).values(row).returning();
  return rows[0]!;
}

export async function updateEnterpriseRow(
  db: Executor,
  scope: DataScope,
  id: number,
  patch: Partial<EnterpriseInsert>,
): Promise<EnterpriseRow | null> {
  const rows = await db
    .update(enterprises)
    .set(patch)
    .where(and(eq(enterprises.id, id), enterpriseInScope(scope)))
    .returning();
  return rows[0] ?? null;
}

export async function lockEnterprise(
  db: Executor,
  scope: DataScope,
  id: number,
): Promise<EnterpriseRow | null> {
  const rows = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.id, id), enterpriseInScope(scope)))
    .for('update')
    .limit(1);
  return rows[0] ?? null;
}

export async function insertScaleHistory(
  db: Executor,
  row: {
    enterpriseId: number;
    status: string;
    effectivePeriod: string;
    reason: string;
    changedBy: number | null;
    changedAt: Date;
  },
): Promise<void> {
  await db.insert(scaleStatusHistory).values(row);
}

export function listScaleHistory(db: Executor, scope: DataScope, enterpriseId: number) {
  return db
    .select({ h: scaleStatusHistory, changedByName: users.displayName })
    .from(scaleStatusHistory)
    .innerJoin(enterprises, eq(enterprises.id, scaleStatusHistory.enterpriseId))
    .leftJoin(users, eq(users.id, scaleStatusHistory.changedBy))
    .where(and(eq(scaleStatusHistory.enterpriseId, enterpriseId), enterpriseInScope(scope)))
    .orderBy(asc(scaleStatusHistory.effectivePeriod), asc(scaleStatusHistory.id));
}

export async function enterpriseExists(db: Executor, scope: DataScope, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), enterpriseInScope(scope)))
    .limit(1);
  return rows.length > 0;
}

/** Whether a firm exists at all, ignoring scope: only to tell an out-of-scope attempt for the audit trail. */
export async function enterpriseExistsUnscoped(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.id, id))
    .limit(1);
  return rows.length > 0;
}
