// The only SQL of the libraries slice. Facts are loaded set-based (a handful of queries for any number of
// firms, never one per firm); every read of firms goes through the caller's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, revenueFacts, scaleStatusHistory, users } from '../../db/schema.js';
import {
  firmOperatingStatus,
  libraryEvaluations,
  libraryMemberships,
  libraryOverrides,
  libraryYearFreezes,
  pathwayOverrides,
} from '../../db/schema-libraries.js';
import { directoryEvents } from '../../db/schema-progress.js';
import { enterpriseInScope } from '../../db/scope.js';

export type MembershipRow = typeof libraryMemberships.$inferSelect;
export type OverrideRow = typeof libraryOverrides.$inferSelect;
export type EvaluationRow = typeof libraryEvaluations.$inferSelect;
export type EvaluationInsert = typeof libraryEvaluations.$inferInsert;

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');

/** Serialises recomputes and manual changes, so two of them never diff against the same open rows. */
const LIBRARY_LOCK_KEY = 7_274_006;
export async function lockLibraries(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LIBRARY_LOCK_KEY})`);
}

function firmCondition(scope: DataScope, ids: number[] | null): SQL {
  const c = [enterpriseInScope(scope)];
  if (ids) c.push(ids.length > 0 ? inArray(enterprises.id, ids) : sql`false`);
  return and(...c)!;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface FirmBaseRow {
  id: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  scaleStatus: string;
  productionStartedOn: string | null;
}

export function listFirmsForEvaluation(db: Executor, scope: DataScope, ids: number[] | null) {
  return db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      legalForm: enterprises.legalForm,
      industryCode: enterprises.industryCode,
      scaleStatus: enterprises.scaleStatus,
      productionStartedOn: enterprises.productionStartedOn,
    })
    .from(enterprises)
    .where(firmCondition(scope, ids))
    .orderBy(asc(enterprises.id)) as Promise<FirmBaseRow[]>;
}

/** A period's current statistics and tax figures and how many months each covers (3: a quarter ending here). */
export type PeriodFigures = [
  period: string,
  s: number | null,
  t: number | null,
  sMonths: 1 | 3,
  tMonths: 1 | 3,
];

/**
 * Current statistics and tax figures per firm and period in [from, through], as [period, statistics, tax,
 * statistics months, tax months] by period (a quarterly figure sits at its last month with months = 3). One row
 * per firm, each source's periods packed in one string ('2024-011123.45,2024-033…': period, months, value): a
 * province's 30,000 firms × 48 months come back as 30,000 rows, not 1.4 million, and without grouping by firm
 * and month first (at most one current figure per firm, period and source: revenue_current_uq).
 */
export async function loadMonthlyFigures(
  db: Executor,
  scope: DataScope,
  ids: number[] | null,
  from: string,
  through: string,
): Promise<Map<number, PeriodFigures[]>> {
  const cell = sql`${revenueFacts.period} || ${revenueFacts.months}::text || ${revenueFacts.value}::text`;
  const result = await db.execute(sql`
    select ${revenueFacts.enterpriseId} as id,
           string_agg(${cell}, ',') filter (where ${revenueFacts.source} = 'statistics') as s,
           string_agg(${cell}, ',') filter (where ${revenueFacts.source} = 'tax') as t
    from ${revenueFacts}
    join ${enterprises} on ${enterprises.id} = ${revenueFacts.enterpriseId}
    where ${revenueFacts.isCurrent} and ${revenueFacts.source} in ('statistics', 'tax')
      and ${revenueFacts.period} between ${from} and ${through}
      and ${firmCondition(scope, ids)}
    group by ${revenueFacts.enterpriseId}`);
  const out = new Map<number, PeriodFigures[]>();
  for (const r of rowsOf<{ id: number; s: string | null; t: string | null }>(result)) {
    const months = new Map<string, PeriodFigures>();
    const put = (packed: string | null, slot: 1 | 2) => {
      if (!packed) return;
      for (const c of packed.split(',')) {
        // A period is always 7 characters (YYYY-MM), then the months it covers (1 or 3), then the figure.
        const period = c.slice(0, 7);
        let m = months.get(period);
        if (!m) {
          m = [period, null, null, 1, 1];
          months.set(period, m);
        }
        m[slot] = Number(c.slice(8));
        m[slot + 2] = c[7] === '3' ? 3 : 1;
      }
    };
    put(r.s, 1);
    put(r.t, 2);
    out.set(
      Number(r.id),
      [...months.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  }
  return out;
}

export function listScaleHistoryOf(db: Executor, scope: DataScope, ids: number[] | null) {
  return db
    .select({
      id: scaleStatusHistory.id,
      enterpriseId: scaleStatusHistory.enterpriseId,
      status: scaleStatusHistory.status,
      effectivePeriod: scaleStatusHistory.effectivePeriod,
      reason: scaleStatusHistory.reason,
    })
    .from(scaleStatusHistory)
    .innerJoin(enterprises, eq(enterprises.id, scaleStatusHistory.enterpriseId))
    .where(firmCondition(scope, ids))
    .orderBy(
      asc(scaleStatusHistory.enterpriseId),
      asc(scaleStatusHistory.effectivePeriod),
      asc(scaleStatusHistory.id),
    );
}

/** Directory exits (退库) approved on or before a date, not voided. */
export function listExitsOf(db: Executor, scope: DataScope, ids: number[] | null, asOf: string) {
  return db
    .select({
      enterpriseId: directoryEvents.enterpriseId,
      approvalDate: directoryEvents.approvalDate,
      exitReason: directoryEvents.exitReason,
    })
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .where(
      and(
        firmCondition(scope, ids),
        eq(directoryEvents.type, 'exit'),
        isNull(directoryEvents.voidedAt),
        lte(directoryEvents.approvalDate, asOf),
      ),
    );
}

/** Each firm's operating status in force on a date (the latest `since` on or before it). */
export async function listOperatingStatusAt(
  db: Executor,
  scope: DataScope,
  ids: number[] | null,
  asOf: string,
): Promise<Map<number, string>> {
  const result = await db.execute(sql`
    select distinct on (s.enterprise_id) s.enterprise_id as id, s.status
    from ${firmOperatingStatus} s
    join ${enterprises} on ${enterprises.id} = s.enterprise_id
    where s.since <= ${asOf}::date and ${firmCondition(scope, ids)}
    order by s.enterprise_id, s.since desc, s.id desc`);
  return new Map(rowsOf<{ id: number; status: string }>(result).map((r) => [Number(r.id), r.status]));
}

export function listOpenMemberships(db: Executor, scope: DataScope, ids: number[] | null, year: number) {
  return db
    .select({ m: libraryMemberships })
    .from(libraryMemberships)
    .innerJoin(enterprises, eq(enterprises.id, libraryMemberships.enterpriseId))
    .where(
      and(firmCondition(scope, ids), eq(libraryMemberships.year, year), isNull(libraryMemberships.leftAt)),
    )
    .then((rows) => rows.map((r) => r.m));
}

export function listActiveOverrides(db: Executor, scope: DataScope, ids: number[] | null, year: number) {
  return db
    .select({ o: libraryOverrides })
    .from(libraryOverrides)
    .innerJoin(enterprises, eq(enterprises.id, libraryOverrides.enterpriseId))
    .where(
      and(firmCondition(scope, ids), eq(libraryOverrides.year, year), isNull(libraryOverrides.revokedAt)),
    )
    .then((rows) => rows.map((r) => r.o));
}

/** The latest pathway choice per firm for a year. */
export async function listPathwayChoices(
  db: Executor,
  scope: DataScope,
  ids: number[] | null,
  year: number,
): Promise<Map<number, string>> {
  const result = await db.execute(sql`
    select distinct on (p.enterprise_id) p.enterprise_id as id, p.pathway
    from ${pathwayOverrides} p
    join ${enterprises} on ${enterprises.id} = p.enterprise_id
    where p.year = ${year} and ${firmCondition(scope, ids)}
    order by p.enterprise_id, p.id desc`);
  return new Map(rowsOf<{ id: number; pathway: string }>(result).map((r) => [Number(r.id), r.pathway]));
}

export function listEvaluations(db: Executor, scope: DataScope, ids: number[] | null, year: number) {
  return db
    .select({ v: libraryEvaluations })
    .from(libraryEvaluations)
    .innerJoin(enterprises, eq(enterprises.id, libraryEvaluations.enterpriseId))
    .where(and(firmCondition(scope, ids), eq(libraryEvaluations.year, year)))
    .then((rows) => rows.map((r) => r.v));
}

// ── Writes ────────────────────────────────────────────────────────────────────────────────────────────

export type MembershipInsert = typeof libraryMemberships.$inferInsert;

export async function insertMemberships(db: Executor, rows: MembershipInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(libraryMemberships).values(rows.slice(i, i + 1000));
}

/** A text[] literal (quoted, escaped) for unnest: reasons are free Chinese text. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

export async function closeMemberships(
  db: Executor,
  rows: { id: number; reason: string }[],
  meta: { at: Date; by: number | null },
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await db.execute(sql`
      update ${libraryMemberships} m
      set left_at = ${meta.at.toISOString()}::timestamptz, left_reason = u.r, left_by = ${meta.by}::int
      from unnest(${`{${part.map((r) => r.id).join(',')}}`}::int[], ${textArray(part.map((r) => r.reason))}::text[]) as u(id, r)
      where m.id = u.id and m.left_at is null`);
  }
}

export async function upsertEvaluations(db: Executor, rows: EvaluationInsert[]): Promise<void> {
  const set = Object.fromEntries(
    [
      'as_of',
      'matches',
      'pathway_suggested',
      'tier',
      'prior_revenue',
      'prior_label',
      'ytd_revenue',
      'ytd_months',
      'tax_ytd',
      'projected_revenue',
      'p_reach_year',
      'p_below_year_end',
      'computed_at',
    ].map((c) => [c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase()), sql.raw(`excluded.${c}`)]),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(libraryEvaluations)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({ target: [libraryEvaluations.enterpriseId, libraryEvaluations.year], set });
  }
}

export async function deleteEvaluations(db: Executor, year: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`delete from ${libraryEvaluations} where year = ${year} and enterprise_id = any(${`{${ids.join(',')}}`}::int[])`,
  );
}

export async function findActiveOverride(db: Executor, enterpriseId: number, year: number, library: string) {
  const rows = await db
    .select()
    .from(libraryOverrides)
    .where(
      and(
        eq(libraryOverrides.enterpriseId, enterpriseId),
        eq(libraryOverrides.year, year),
        eq(libraryOverrides.library, library),
        isNull(libraryOverrides.revokedAt),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function findOpenMembership(db: Executor, enterpriseId: number, year: number, library: string) {
  const rows = await db
    .select()
    .from(libraryMemberships)
    .where(
      and(
        eq(libraryMemberships.enterpriseId, enterpriseId),
        eq(libraryMemberships.year, year),
        eq(libraryMemberships.library, library),
        isNull(libraryMemberships.leftAt),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function insertOverride(db: Executor, row: typeof libraryOverrides.$inferInsert): Promise<void> {
  await db.insert(libraryOverrides).values(row);
}

export async function revokeOverride(
  db: Executor,
  id: number,
  meta: { at: Date; by: number | null; reason: string },
): Promise<void> {
  await db
    .update(libraryOverrides)
    .set({ revokedAt: meta.at, revokedBy: meta.by, revokedReason: meta.reason })
    .where(eq(libraryOverrides.id, id));
}

export async function insertPathwayChoice(db: Executor, row: typeof pathwayOverrides.$inferInsert) {
  const rows = await db.insert(pathwayOverrides).values(row).returning();
  return rows[0]!;
}

export async function insertOperatingStatus(db: Executor, row: typeof firmOperatingStatus.$inferInsert) {
  const rows = await db.insert(firmOperatingStatus).values(row).returning();
  return rows[0]!;
}

// ── Reads for the API ─────────────────────────────────────────────────────────────────────────────────

export interface LibraryListFilter {
  townshipId?: number | undefined;
  supervisingUnitId?: number | undefined;
  tier?: string | undefined;
  pathway?: string | undefined;
  q?: string | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function latestPathwaySubquery(db: Executor, year: number) {
  return db
    .selectDistinctOn([pathwayOverrides.enterpriseId], {
      enterpriseId: pathwayOverrides.enterpriseId,
      pathway: pathwayOverrides.pathway,
    })
    .from(pathwayOverrides)
    .where(eq(pathwayOverrides.year, year))
    .orderBy(pathwayOverrides.enterpriseId, desc(pathwayOverrides.id))
    .as('pw');
}

export interface LibraryListRow {
  m: MembershipRow;
  v: EvaluationRow | null;
  id: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  scaleStatus: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  pathwayChosen: string | null;
}

export async function listLibraryMembers(
  db: Executor,
  scope: DataScope,
  args: { year: number; library: string; filter: LibraryListFilter; limit: number; offset: number },
): Promise<{ rows: LibraryListRow[]; total: number }> {
  const pw = latestPathwaySubquery(db, args.year);
  const f = args.filter;
  const c: SQL[] = [
    enterpriseInScope(scope),
    eq(libraryMemberships.year, args.year),
    eq(libraryMemberships.library, args.library),
    isNull(libraryMemberships.leftAt),
  ];
  if (f.townshipId) c.push(eq(enterprises.townshipId, f.townshipId));
  if (f.supervisingUnitId) c.push(eq(enterprises.supervisingUnitId, f.supervisingUnitId));
  if (f.tier) c.push(eq(libraryEvaluations.tier, f.tier));
  if (f.pathway) c.push(sql`coalesce(${pw.pathway}, ${libraryEvaluations.pathwaySuggested}) = ${f.pathway}`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(or(ilike(enterprises.name, pattern), ilike(enterprises.creditCode, pattern))!);
  }
  const where = and(...c)!;
  const base = () =>
    db
      .select({
        m: libraryMemberships,
        v: libraryEvaluations,
        id: enterprises.id,
        creditCode: enterprises.creditCode,
        name: enterprises.name,
        legalForm: enterprises.legalForm,
        industryCode: enterprises.industryCode,
        scaleStatus: enterprises.scaleStatus,
        townshipId: enterprises.townshipId,
        townshipName: township.name,
        supervisingUnitId: enterprises.supervisingUnitId,
        supervisingUnitName: supervising.name,
        pathwayChosen: pw.pathway,
      })
      .from(libraryMemberships)
      .innerJoin(enterprises, eq(enterprises.id, libraryMemberships.enterpriseId))
      .innerJoin(township, eq(township.id, enterprises.townshipId))
      .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
      .leftJoin(
        libraryEvaluations,
        and(
          eq(libraryEvaluations.enterpriseId, libraryMemberships.enterpriseId),
          eq(libraryEvaluations.year, libraryMemberships.year),
        ),
      )
      .leftJoin(pw, eq(pw.enterpriseId, enterprises.id));
  // One after another: the executor may be a transaction (one connection).
  const rows = await base()
    .where(where)
    .orderBy(
      sql`${libraryEvaluations.tier} asc nulls last`,
      sql`coalesce(${libraryEvaluations.ytdRevenue}, 0) desc`,
      asc(enterprises.id),
    )
    .limit(args.limit)
    .offset(args.offset);
  const count = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(libraryMemberships)
    .innerJoin(enterprises, eq(enterprises.id, libraryMemberships.enterpriseId))
    .leftJoin(
      libraryEvaluations,
      and(
        eq(libraryEvaluations.enterpriseId, libraryMemberships.enterpriseId),
        eq(libraryEvaluations.year, libraryMemberships.year),
      ),
    )
    .leftJoin(pw, eq(pw.enterpriseId, enterprises.id))
    .where(where);
  return { rows: rows as LibraryListRow[], total: count[0]?.n ?? 0 };
}

const enteredBy = alias(users, 'entered_by_user');
const leftBy = alias(users, 'left_by_user');

/** Every entry and exit of one firm (the firm must be in scope). */
export function listMembershipHistory(db: Executor, scope: DataScope, enterpriseId: number, year?: number) {
  const c = [eq(libraryMemberships.enterpriseId, enterpriseId), enterpriseInScope(scope)];
  if (year) c.push(eq(libraryMemberships.year, year));
  return db
    .select({ m: libraryMemberships, enteredByName: enteredBy.displayName, leftByName: leftBy.displayName })
    .from(libraryMemberships)
    .innerJoin(enterprises, eq(enterprises.id, libraryMemberships.enterpriseId))
    .leftJoin(enteredBy, eq(enteredBy.id, libraryMemberships.enteredBy))
    .leftJoin(leftBy, eq(leftBy.id, libraryMemberships.leftBy))
    .where(and(...c))
    .orderBy(desc(libraryMemberships.year), asc(libraryMemberships.enteredAt), asc(libraryMemberships.id));
}

export function listPathwayHistory(db: Executor, scope: DataScope, enterpriseId: number) {
  return db
    .select({ p: pathwayOverrides, setByName: users.displayName })
    .from(pathwayOverrides)
    .innerJoin(enterprises, eq(enterprises.id, pathwayOverrides.enterpriseId))
    .leftJoin(users, eq(users.id, pathwayOverrides.setBy))
    .where(and(eq(pathwayOverrides.enterpriseId, enterpriseId), enterpriseInScope(scope)))
    .orderBy(desc(pathwayOverrides.year), asc(pathwayOverrides.id));
}

export function listOperatingStatusHistory(db: Executor, scope: DataScope, enterpriseId: number) {
  return db
    .select({ s: firmOperatingStatus, recordedByName: users.displayName })
    .from(firmOperatingStatus)
    .innerJoin(enterprises, eq(enterprises.id, firmOperatingStatus.enterpriseId))
    .leftJoin(users, eq(users.id, firmOperatingStatus.recordedBy))
    .where(and(eq(firmOperatingStatus.enterpriseId, enterpriseId), enterpriseInScope(scope)))
    .orderBy(asc(firmOperatingStatus.since), asc(firmOperatingStatus.id));
}

/**
 * 达规未入统 from tax data: below-scale industrial firms whose current tax figures of the
 * year already add up to the line. Straight from the facts, so a firm shows as soon as figures are imported.
 */
export async function listUnreportedByTax(db: Executor, scope: DataScope, year: number, threshold: number) {
  const result = await db.execute(sql`
    with tax as (
      select ${revenueFacts.enterpriseId} as id, sum(${revenueFacts.value}) as tax, sum(${revenueFacts.months})::int as months,
             max(${revenueFacts.period}) as last_period
      from ${revenueFacts}
      where ${revenueFacts.isCurrent} and ${revenueFacts.source} = 'tax'
        and ${revenueFacts.period} between ${`${year}-01`} and ${`${year}-12`}
      group by 1
    ), stat as (
      select ${revenueFacts.enterpriseId} as id, sum(${revenueFacts.value}) as stat
      from ${revenueFacts}
      where ${revenueFacts.isCurrent} and ${revenueFacts.source} = 'statistics'
        and ${revenueFacts.period} between ${`${year}-01`} and ${`${year}-12`}
      group by 1
    )
    select ${enterprises.id} as id, ${enterprises.creditCode} as credit_code, ${enterprises.name} as name,
           ${enterprises.legalForm} as legal_form, ${enterprises.industryCode} as industry_code,
           ${enterprises.townshipId} as township_id, tw.name as township_name,
           ${enterprises.supervisingUnitId} as supervising_unit_id, sv.name as supervising_unit_name,
           tax.tax::text as tax, tax.months, tax.last_period, stat.stat::text as stat
    from tax
    join ${enterprises} on ${enterprises.id} = tax.id
    join ${orgUnits} tw on tw.id = ${enterprises.townshipId}
    join ${orgUnits} sv on sv.id = ${enterprises.supervisingUnitId}
    left join stat on stat.id = tax.id
    where ${enterpriseInScope(scope)} and ${enterprises.scaleStatus} = 'below'
      and substr(${enterprises.industryCode}, 1, 2) between '06' and '46'
      and tax.tax >= ${threshold}
    order by tax.tax desc, ${enterprises.id}`);
  return rowsOf<{
    id: number;
    credit_code: string;
    name: string;
    legal_form: string;
    industry_code: string;
    township_id: number;
    township_name: string;
    supervising_unit_id: number;
    supervising_unit_name: string;
    tax: string;
    months: number;
    last_period: string;
    stat: string | null;
  }>(result);
}

// ── Frozen years ──────────────────────────────────────────────────────────────────────────────────────

export type YearFreezeRow = typeof libraryYearFreezes.$inferSelect;

export async function findYearFreeze(db: Executor, year: number): Promise<YearFreezeRow | null> {
  const rows = await db.select().from(libraryYearFreezes).where(eq(libraryYearFreezes.year, year)).limit(1);
  return rows[0] ?? null;
}

export function listYearFreezes(db: Executor): Promise<YearFreezeRow[]> {
  return db.select().from(libraryYearFreezes).orderBy(desc(libraryYearFreezes.year));
}

export async function upsertYearFreeze(db: Executor, row: typeof libraryYearFreezes.$inferInsert) {
  const { year: _y, ...set } = row;
  await db
    .insert(libraryYearFreezes)
    .values(row)
    .onConflictDoUpdate({ target: libraryYearFreezes.year, set });
}

/** The first year with any current revenue figure (null without figures). */
export async function findFirstRevenueYear(db: Executor): Promise<number | null> {
  const rows = await db
    .select({ first: sql<string | null>`min(${revenueFacts.period})` })
    .from(revenueFacts)
    .where(eq(revenueFacts.isCurrent, true));
  const first = rows[0]?.first;
  return first ? Number(first.slice(0, 4)) : null;
}

/** The years that have memberships, newest first (for the year selector). */
export async function listMembershipYears(db: Executor): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: libraryMemberships.year })
    .from(libraryMemberships)
    .orderBy(desc(libraryMemberships.year));
  return rows.map((r) => r.year);
}
