// Revenue facts: one row per version of (firm, period, source); only the latest is current.

import type { DataScope } from '@shenggui/domain';
import { and, asc, between, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enterprises, revenueFacts, users } from '../../db/schema.js';
import { enterpriseInScope } from '../../db/scope.js';

/**
 * Revenue of record for a year, per firm: month by month the statistics figure where the firm reported one,
 * else the tax figure (domain.md §4, "revenue of record"), summed. `statMonths` tells how many months came
 * from statistics. A subquery to join on `enterpriseId`. `onlyFirms`, a parenthesised list or subquery of firm
 * ids, limits the aggregation to those firms (a page of the list, one firm's detail).
 */
export function revenueOfRecordSubquery(db: Executor, year: number, onlyFirms?: SQL) {
  const monthly = db
    .select({
      enterpriseId: revenueFacts.enterpriseId,
      s: sql<
        string | null
      >`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'statistics')`.as('s'),
      t: sql<string | null>`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'tax')`.as('t'),
    })
    .from(revenueFacts)
    .where(
      and(
        eq(revenueFacts.isCurrent, true),
        between(revenueFacts.period, `${year}-01`, `${year}-12`),
        onlyFirms ? sql`${revenueFacts.enterpriseId} in ${onlyFirms}` : undefined,
      ),
    )
    .groupBy(revenueFacts.enterpriseId, revenueFacts.period)
    .as('monthly');
  return db
    .select({
      enterpriseId: monthly.enterpriseId,
      revenue: sql<string | null>`sum(coalesce(${monthly.s}, ${monthly.t}))`.as('revenue'),
      statMonths: sql<number>`count(${monthly.s})::int`.as('stat_months'),
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
