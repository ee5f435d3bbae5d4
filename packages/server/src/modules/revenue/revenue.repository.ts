// Revenue facts: one row per version of (firm, period, source); only the latest is current.

import { type DataScope, DEFAULT_REVENUE_PRIORITY, type RevenuePriority } from '@shenggui/domain';
import { and, asc, between, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enterprises, revenueFacts, users } from '../../db/schema.js';
import { enterpriseInScope } from '../../db/scope.js';

/**
 * Revenue of record for a year, per firm: month by month the figure of the source the county's priority puts
 * first, else the other (domain revenue-of-record.ts; the priority from settings `revenue.priority`, statistics
 * first by default), summed. `statMonths` / `taxMonths` tell how many months each source has; `months` lists the
 * months with a figure ("07,08,…,12") so a partial year is labelled as such. A subquery to join on
 * `enterpriseId`.
 */
export function revenueOfRecordSubquery(
  db: Executor,
  year: number,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
) {
  const monthly = db
    .select({
      enterpriseId: revenueFacts.enterpriseId,
      period: revenueFacts.period,
      s: sql<
        string | null
      >`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'statistics')`.as('s'),
      t: sql<string | null>`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'tax')`.as('t'),
    })
    .from(revenueFacts)
    .where(and(eq(revenueFacts.isCurrent, true), between(revenueFacts.period, `${year}-01`, `${year}-12`)))
    .groupBy(revenueFacts.enterpriseId, revenueFacts.period)
    .as('monthly');
  const record =
    priority === 'statistics-first'
      ? sql`coalesce(${monthly.s}, ${monthly.t})`
      : sql`coalesce(${monthly.t}, ${monthly.s})`;
  return db
    .select({
      enterpriseId: monthly.enterpriseId,
      revenue: sql<string | null>`sum(${record})`.as('revenue'),
      statMonths: sql<number>`count(${monthly.s})::int`.as('stat_months'),
      taxMonths: sql<number>`count(${monthly.t})::int`.as('tax_months'),
      months: sql<
        string | null
      >`string_agg(case when ${record} is not null then substr(${monthly.period}, 6, 2) end, ',' order by ${monthly.period})`.as(
        'months',
      ),
    })
    .from(monthly)
    .groupBy(monthly.enterpriseId)
    .as('rev');
}

export type RevenueFactRow = typeof revenueFacts.$inferSelect;

/** Every version of every figure of one firm (the firm must be in scope). */
export function listRevenueFacts(db: Executor, scope: DataScope, enterpriseId: number, year?: number) {
  const conditions = [eq(revenueFacts.enterpriseId, enterpriseId), enterpriseInScope(scope)];
  if (year) conditions.push(between(revenueFacts.period, `${year}-01`, `${year}-12`));
  return db
    .select({ fact: revenueFacts, recordedByName: users.displayName })
    .from(revenueFacts)
    .innerJoin(enterprises, eq(enterprises.id, revenueFacts.enterpriseId))
    .leftJoin(users, eq(users.id, revenueFacts.recordedBy))
    .where(and(...conditions))
    .orderBy(asc(revenueFacts.period), asc(revenueFacts.source), desc(revenueFacts.version));
}

export async function findCurrentFact(db: Executor, enterpriseId: number, period: string, source: string) {
  const rows = await db
    .select()
    .from(revenueFacts)
    .where(
      and(
        eq(revenueFacts.enterpriseId, enterpriseId),
        eq(revenueFacts.period, period),
        eq(revenueFacts.source, source),
        eq(revenueFacts.isCurrent, true),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function supersedeFact(db: Executor, id: number): Promise<void> {
  await db.update(revenueFacts).set({ isCurrent: false }).where(eq(revenueFacts.id, id));
}

export async function insertFact(
  db: Executor,
  row: {
    enterpriseId: number;
    period: string;
    source: string;
    value: string;
    version: number;
    reason: string | null;
    importBatchId: number | null;
    recordedBy: number | null;
    recordedAt: Date;
  },
): Promise<RevenueFactRow> {
  const rows = await db
    .insert(revenueFacts)
    .values({ ...row, isCurrent: true })
    .returning();
  return rows[0]!;
}

/**
 * Bulk insert of first versions through unnest arrays (about 4× faster than a multi-row VALUES list):
 * for set-up and imports of figures that have no current version yet.
 */
export async function insertFirstFactsBulk(
  db: Executor,
  rows: { enterpriseId: number; period: string; source: string; value: string }[],
  meta: { importBatchId: number | null; recordedBy: number | null; recordedAt: Date },
): Promise<void> {
  const chunk = 20_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await db.execute(sql`
      insert into revenue_facts (enterprise_id, period, source, value, version, is_current, import_batch_id, recorded_by, recorded_at)
      select e, p, s, v::numeric, 1, true, ${meta.importBatchId}::int, ${meta.recordedBy}::int, ${meta.recordedAt.toISOString()}::timestamptz
      from unnest(${`{${part.map((r) => r.enterpriseId).join(',')}}`}::int[], ${toPgTextArray(part.map((r) => r.period))}::text[],
                  ${toPgTextArray(part.map((r) => r.source))}::text[], ${toPgTextArray(part.map((r) => r.value))}::text[]) as u(e, p, s, v)
    `);
  }
}

/** A text[] literal: values here are periods, source keys and decimal strings, but quote them all the same. */
function toPgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
