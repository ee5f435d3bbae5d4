// Revenue facts: one row per version of (firm, period, source); only the latest is current.

import { type DataScope, DEFAULT_REVENUE_PRIORITY, type RevenuePriority } from '@shenggui/domain';
import { and, asc, between, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enterprises, revenueFacts, users } from '../../db/schema.js';
import { enterpriseInScope } from '../../db/scope.js';

/**
 * Revenue of record for a year, per firm: month by month the figure of the source the county's priority puts
 * first, else the other (domain revenue-of-record.ts; the priority from settings `revenue.priority`, statistics
 * first by default), summed. A quarter in which either source filed a quarterly figure (stored under its last
 * month, `months` = 3) is decided as a whole: the preferred source when it covers the whole quarter, else the
 * other — the rule of `revenueOfRecordEntries` in domain revenue-of-record.ts, so a quarter is in its year's total
 * and never counted twice. `statMonths` / `taxMonths` tell how many months each source covers; `months` lists
 * the months the record covers ("07,08,…,12") so a partial year is labelled as such. A subquery to join on
 * `enterpriseId`. `onlyFirms`, a parenthesised list or subquery of firm ids, limits the aggregation to those
 * firms (a page of the list, one firm's detail).
 */
export function revenueOfRecordSubquery(
  db: Executor,
  year: number,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
  onlyFirms?: SQL,
) {
  const monthly = db
    .select({
      enterpriseId: revenueFacts.enterpriseId,
      period: revenueFacts.period,
      s: sql<
        string | null
      >`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'statistics')`.as('s'),
      t: sql<string | null>`max(${revenueFacts.value}) filter (where ${revenueFacts.source} = 'tax')`.as('t'),
      sq: sql<boolean>`coalesce(bool_or(${revenueFacts.months} = 3) filter (where ${revenueFacts.source} = 'statistics'), false)`.as(
        'sq',
      ),
      tq: sql<boolean>`coalesce(bool_or(${revenueFacts.months} = 3) filter (where ${revenueFacts.source} = 'tax'), false)`.as(
        'tq',
      ),
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
  const record =
    priority === 'statistics-first'
      ? sql`coalesce(${monthly.s}, ${monthly.t})`
      : sql`coalesce(${monthly.t}, ${monthly.s})`;
  const mm = sql`substr(${monthly.period}, 6, 2)`;
  // The months a figure covers: its own month, or the three months of a quarterly return.
  const span = (q: unknown) =>
    sql`case when ${q} then to_char(${mm}::int - 2, 'FM00') || ',' || to_char(${mm}::int - 1, 'FM00') || ',' || ${mm} else ${mm} end`;
  const quarterly = db
    .select({
      enterpriseId: monthly.enterpriseId,
      first: sql<string>`min(${monthly.period})`.as('q_first'),
      anyQ: sql<boolean>`bool_or(${monthly.sq} or ${monthly.tq})`.as('any_q'),
      sCovered:
        sql<number>`sum(case when ${monthly.sq} then 3 when ${monthly.s} is not null then 1 else 0 end)`.as(
          's_covered',
        ),
      tCovered:
        sql<number>`sum(case when ${monthly.tq} then 3 when ${monthly.t} is not null then 1 else 0 end)`.as(
          't_covered',
        ),
      mixed: sql<string | null>`sum(${record})`.as('mixed'),
      mixedMonths: sql<
        string | null
      >`string_agg(case when ${record} is not null then ${mm} end, ',' order by ${monthly.period})`.as(
        'mixed_months',
      ),
      sSum: sql<string | null>`sum(${monthly.s})`.as('s_sum'),
      tSum: sql<string | null>`sum(${monthly.t})`.as('t_sum'),
      sMonths: sql<
        string | null
      >`string_agg(case when ${monthly.s} is not null then ${span(monthly.sq)} end, ',' order by ${monthly.period})`.as(
        's_months',
      ),
      tMonths: sql<
        string | null
      >`string_agg(case when ${monthly.t} is not null then ${span(monthly.tq)} end, ',' order by ${monthly.period})`.as(
        't_months',
      ),
    })
    .from(monthly)
    .groupBy(monthly.enterpriseId, sql`(substr(${monthly.period}, 6, 2)::int + 2) / 3`)
    .as('quarterly');
  // Within a quarter holding a quarterly return: the preferred source when it covers all three months.
  const useS =
    priority === 'statistics-first' ? sql`${quarterly.sCovered} >= 3` : sql`not (${quarterly.tCovered} >= 3)`;
  return db
    .select({
      enterpriseId: quarterly.enterpriseId,
      revenue: sql<string | null>`sum(case when not ${quarterly.anyQ} then ${quarterly.mixed}
        when ${useS} then ${quarterly.sSum} else ${quarterly.tSum} end)`.as('revenue'),
      statMonths: sql<number>`sum(${quarterly.sCovered})::int`.as('stat_months'),
      taxMonths: sql<number>`sum(${quarterly.tCovered})::int`.as('tax_months'),
      months: sql<string | null>`string_agg(case when not ${quarterly.anyQ} then ${quarterly.mixedMonths}
        when ${useS} then ${quarterly.sMonths} else ${quarterly.tMonths} end, ',' order by ${quarterly.first})`.as(
        'months',
      ),
    })
    .from(quarterly)
    .groupBy(quarterly.enterpriseId)
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

/** The current quarterly figure of a source covering `period`'s quarter, if any. */
export async function findQuarterFact(
  db: Executor,
  enterpriseId: number,
  quarterEnd: string,
  source: string,
) {
  const rows = await db
    .select()
    .from(revenueFacts)
    .where(
      and(
        eq(revenueFacts.enterpriseId, enterpriseId),
        eq(revenueFacts.period, quarterEnd),
        eq(revenueFacts.source, source),
        eq(revenueFacts.isCurrent, true),
        eq(revenueFacts.months, 3),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
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
  rows: { enterpriseId: number; period: string; source: string; value: string; months?: number }[],
  meta: { importBatchId: number | null; recordedBy: number | null; recordedAt: Date },
): Promise<void> {
  const chunk = 20_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await db.execute(sql`
      insert into revenue_facts (enterprise_id, period, months, source, value, version, is_current, import_batch_id, recorded_by, recorded_at)
      select e, p, m, s, v::numeric, 1, true, ${meta.importBatchId}::int, ${meta.recordedBy}::int, ${meta.recordedAt.toISOString()}::timestamptz
      from unnest(${`{${part.map((r) => r.enterpriseId).join(',')}}`}::int[], ${toPgTextArray(part.map((r) => r.period))}::text[],
                  ${`{${part.map((r) => r.months ?? 1).join(',')}}`}::smallint[],
                  ${toPgTextArray(part.map((r) => r.source))}::text[], ${toPgTextArray(part.map((r) => r.value))}::text[]) as u(e, p, m, s, v)
    `);
  }
}

/** A text[] literal: values here are periods, source keys and decimal strings, but quote them all the same. */
function toPgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** The latest month with a current figure of this source for any firm in the scope (the to-do's data item). */
export async function findLatestFactPeriod(
  db: Executor,
  scope: DataScope,
  source: string,
): Promise<string | null> {
  const rows = await db
    .select({ period: sql<string | null>`max(${revenueFacts.period})` })
    .from(revenueFacts)
    .innerJoin(enterprises, eq(enterprises.id, revenueFacts.enterpriseId))
    .where(and(eq(revenueFacts.source, source), eq(revenueFacts.isCurrent, true), enterpriseInScope(scope)));
  return rows[0]?.period ?? null;
}
