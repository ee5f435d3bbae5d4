// The net-increase counting in SQL (the reference is countNetIncrease in domain counting.ts; a test holds
// the two to the same figures). Per firm, the counted entries minus exits are netted first, so a firm is
// one entered or one exited firm at most; it then counts in its CURRENT township and supervising unit.
import type { DataScope } from '@shenggui/domain';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, settings, targets } from '../../db/schema.js';
import { declarations } from '../../db/schema-declaration.js';
import { directoryEvents } from '../../db/schema-progress.js';
import { enterpriseInScope } from '../../db/scope.js';
import { windowCondition } from '../directory/directory.repository.js';
import type { OrgUnitRow } from '../org/org.repository.js';

export interface CountingArgs {
  basis: 'approval' | 'effective';
  /** The year's counting window: counting dates in (after, through]. */
  after: string;
  through: string;
  /** YYYY-MM-DD: only events approved by then (and, on the effective basis, in effect by its month). */
  asOf: string;
  /**
   * Effective basis only: the last effective period that counts (default asOf's month). The forecast passes
   * the window's end: an event approved by asOf that takes effect later in the year is already certain.
   */
  effectiveThrough?: string | undefined;
}

function countedCondition(a: CountingArgs): SQL {
  const c: SQL[] = [
    isNull(directoryEvents.voidedAt),
    windowCondition({ basis: a.basis, after: a.after, through: a.through }),
    sql`${directoryEvents.approvalDate} <= ${a.asOf}::date`,
  ];
  if (a.basis === 'effective')
    c.push(sql`${directoryEvents.effectivePeriod} <= ${a.effectiveThrough ?? a.asOf.slice(0, 7)}`);
  return and(...c)!;
}

/** Per firm: +1 (entered), −1 (exited); firms whose counted events cancel out are left out. */
function countedFirms(db: Executor, a: CountingArgs) {
  return db
    .select({
      enterpriseId: directoryEvents.enterpriseId,
      s: sql<number>`sign(sum(case when ${directoryEvents.type} = 'entry' then 1 else -1 end))::int`.as('s'),
    })
    .from(directoryEvents)
    .where(countedCondition(a))
    .groupBy(directoryEvents.enterpriseId)
    .as('counted');
}

export interface BoardContext {
  /** The county of the deployment (settings `county` + '000000'); null before initialisation. */
  county: OrgUnitRow | null;
  /** The units directly under the county, in listUnitsUnder's order (sort, code). */
  units: OrgUnitRow[];
  /** The year's targets, every dimension. */
  targets: { unitId: number; dimension: string; target: number }[];
  /** The stored counting rule of the year (parsed JSON, not validated), or null. */
  rule: unknown;
}

/**
 * What the board needs besides the counts, in one round trip: the county (as getCountyUnits finds it), its
 * direct units, the year's targets and the stored counting rule (key `ruleKey`).
 */
export async function loadBoardContext(db: Executor, year: number, ruleKey: string): Promise<BoardContext> {
  // 'county' is the settings key of the county code (settings.service KEYS.county), a JSON string.
  const result = await db.execute(sql`
    with county as (
      select u.id, u.code, u.name, u.kind, u.parent_id, u.path, u.sort
      from ${orgUnits} u
      where u.code = (
        select s.value #>> '{}' from ${settings} s where s.key = 'county' and jsonb_typeof(s.value) = 'string'
      ) || '000000'
      limit 1
    )
    select
      (select json_build_object('id', c.id, 'code', c.code, 'name', c.name, 'kind', c.kind,
              'parentId', c.parent_id, 'path', c.path, 'sort', c.sort) from county c) as county,
      (select coalesce(json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind,
              'parentId', u.parent_id, 'path', u.path, 'sort', u.sort) order by u.sort, u.code), '[]')
         from ${orgUnits} u join county c on u.parent_id = c.id and u.path like c.path || '%') as units,
      (select coalesce(json_agg(json_build_object('unitId', t.unit_id, 'dimension', t.dimension,
              'target', t.target)), '[]') from ${targets} t where t.year = ${year}) as targets,
      (select s.value::text from ${settings} s where s.key = ${ruleKey}) as rule`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    county: json<OrgUnitRow | null>(row.county ?? null),
    units: json<OrgUnitRow[]>(row.units ?? []),
    targets: json<BoardContext['targets']>(row.targets ?? []),
    rule: typeof row.rule === 'string' ? JSON.parse(row.rule) : null,
  };
}

export interface UnitCount {
  /** 'county' = the total; 'territorial' / 'supervising' = one unit of that dimension. */
  dimension: 'county' | 'territorial' | 'supervising';
  unitId: number | null;
  entered: number;
  exited: number;
}

/**
 * One grouped query for the county total and both dimensions (grouping sets). The scope limits the firms
 * counted: the progress report passes the county's whole subtree on purpose (rankings are county-wide).
 */
export async function countByUnit(db: Executor, scope: DataScope, a: CountingArgs): Promise<UnitCount[]> {
  const counted = countedFirms(db, a);
  const rows = await db
    .select({
      gt: sql<number>`grouping(${enterprises.townshipId})::int`,
      gs: sql<number>`grouping(${enterprises.supervisingUnitId})::int`,
      townshipId: enterprises.townshipId,
      supervisingUnitId: enterprises.supervisingUnitId,
      entered: sql<number>`(count(*) filter (where ${counted.s} > 0))::int`,
      exited: sql<number>`(count(*) filter (where ${counted.s} < 0))::int`,
    })
    .from(counted)
    .innerJoin(enterprises, eq(enterprises.id, counted.enterpriseId))
    .where(and(sql`${counted.s} <> 0`, enterpriseInScope(scope)))
    .groupBy(sql`grouping sets ((${enterprises.townshipId}), (${enterprises.supervisingUnitId}), ())`);
  return rows.map((r) => ({
    dimension: r.gt === 0 ? 'territorial' : r.gs === 0 ? 'supervising' : 'county',
    unitId: r.gt === 0 ? r.townshipId : r.gs === 0 ? r.supervisingUnitId : null,
    entered: Number(r.entered),
    exited: Number(r.exited),
  }));
}

const township = alias(orgUnits, 'township');
const supervising = alias(orgUnits, 'supervising');

export interface CountedFirmRow {
  id: number;
  creditCode: string;
  name: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  sign: number;
}

/** The firms behind a number: counted firms of one sign, in the caller's scope, optionally of one unit. */
export async function listCountedFirms(
  db: Executor,
  scope: DataScope,
  a: CountingArgs,
  f: { sign: 1 | -1; dimension?: 'territorial' | 'supervising' | undefined; unitId?: number | undefined },
): Promise<CountedFirmRow[]> {
  const counted = countedFirms(db, a);
  const c: SQL[] = [eq(counted.s, f.sign), enterpriseInScope(scope)];
  if (f.unitId && f.dimension === 'territorial') c.push(eq(enterprises.townshipId, f.unitId));
  if (f.unitId && f.dimension === 'supervising') c.push(eq(enterprises.supervisingUnitId, f.unitId));
  return db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
      sign: counted.s,
    })
    .from(counted)
    .innerJoin(enterprises, eq(enterprises.id, counted.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .where(and(...c))
    .orderBy(asc(enterprises.name), asc(enterprises.id));
}

/** The counted events of some firms (for the drill-down's detail). */
export function listCountedEvents(db: Executor, a: CountingArgs, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(directoryEvents)
    .where(and(countedCondition(a), inArray(directoryEvents.enterpriseId, enterpriseIds)))
    .orderBy(asc(directoryEvents.approvalDate), asc(directoryEvents.id));
}

/**
 * Every event of the window approved by `asOf`, with the firm's current units, in the scope: the input of
 * the month-by-month cumulative line (counted in TS, month by month, with the domain's function).
 */
export function listWindowEvents(db: Executor, scope: DataScope, a: CountingArgs) {
  return db
    .select({
      enterpriseId: directoryEvents.enterpriseId,
      type: directoryEvents.type,
      approvalDate: directoryEvents.approvalDate,
      effectivePeriod: directoryEvents.effectivePeriod,
      townshipId: enterprises.townshipId,
      supervisingUnitId: enterprises.supervisingUnitId,
    })
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .where(and(countedCondition(a), enterpriseInScope(scope)));
}

export interface ForecastFirmRow {
  id: number;
  creditCode: string;
  name: string;
  legalForm: string;
  industryCode: string;
  scaleStatus: string;
  productionStartedOn: string | null;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
}

/** Every firm in the scope with what the forecast needs to tell whether it can still enter or exit. */
export function listForecastFirms(db: Executor, scope: DataScope): Promise<ForecastFirmRow[]> {
  return db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      legalForm: enterprises.legalForm,
      industryCode: enterprises.industryCode,
      scaleStatus: enterprises.scaleStatus,
      productionStartedOn: enterprises.productionStartedOn,
      townshipId: enterprises.townshipId,
      townshipName: township.name,
      supervisingUnitId: enterprises.supervisingUnitId,
      supervisingUnitName: supervising.name,
    })
    .from(enterprises)
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .innerJoin(supervising, eq(supervising.id, enterprises.supervisingUnitId))
    .where(enterpriseInScope(scope))
    .orderBy(asc(enterprises.id));
}

export interface OpenDeclarationRow {
  enterpriseId: number;
  year: number;
  mode: string;
  batch: string;
  state: string;
}

/**
 * The declarations of some years not yet entered (the forecast's declaration state per firm), in the scope.
 * At most one open declaration per firm and year; the latest year first.
 */
export function listOpenDeclarations(
  db: Executor,
  scope: DataScope,
  years: number[],
): Promise<OpenDeclarationRow[]> {
  return db
    .select({
      enterpriseId: declarations.enterpriseId,
      year: declarations.year,
      mode: declarations.mode,
      batch: declarations.batch,
      state: declarations.state,
    })
    .from(declarations)
    .innerJoin(enterprises, eq(enterprises.id, declarations.enterpriseId))
    .where(
      and(
        inArray(declarations.year, years),
        sql`${declarations.state} <> 'entered'`,
        enterpriseInScope(scope),
      ),
    )
    .orderBy(asc(declarations.enterpriseId), desc(declarations.year), desc(declarations.id));
}
