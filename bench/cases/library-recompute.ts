// Library recompute: a full recompute of the year's libraries at county scale (the 300-firm demo
// population) and at province scale (SHENGGUI_BENCH_PROVINCE_FIRMS synthetic firms, default 20,000), against
// one raw SQL query computing the same memberships for the rules that need no forecast. Reports both times,
// their ratio (goal ≤ 2×) and whether the two agree on those rules (goal: 0 differences).
//
// On the PostgreSQL server named by SHENGGUI_BENCH_PG (else SHENGGUI_TEST_PG), in a throwaway database; without
// either, on embedded PGlite (noted in the output). Runs in-process on the server's services.
import { randomBytes } from 'node:crypto';
import { COUNTY_BODIES, LIBRARY_RULES } from '@shenggui/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { analyze, type Database, type Db, openDatabase } from '../../packages/server/src/db/client.js';
import { enterprises, scaleStatusHistory } from '../../packages/server/src/db/schema.js';
import { generateDemoPopulation } from '../../packages/server/src/modules/demo/demo-population.js';
import {
  evaluateFirms,
  getLibraryThresholds,
  recomputeLibraries,
} from '../../packages/server/src/modules/library/library.service.js';
import { listUnitsUnder } from '../../packages/server/src/modules/org/org.repository.js';
import { insertFirstFactsBulk } from '../../packages/server/src/modules/revenue/revenue.repository.js';
import { initCounty } from '../../packages/server/src/modules/setup/setup.service.js';
import { configureAuditKey } from '../../packages/server/src/platform/audit.js';
import { systemContext } from '../../packages/server/src/platform/context.js';
import { formatNumber } from '../lib/report.js';
import { median } from '../lib/stats.js';
import type { BenchCase, Metric } from '../lib/types.js';

const COUNTY = '140322';
const YEAR = 2026;
const AS_OF = '2026-11-20';
const NOW = new Date(`${AS_OF}T09:00:00+08:00`);
/** The rules the reference SQL computes; the others need the forecast. */
const DATA_RULES = LIBRARY_RULES.filter(
  (r) => !r.endsWith('.forecast') && r !== 'cultivation.new_production',
);

async function scratchDatabase(url: string | undefined): Promise<Database> {
  if (!url) return openDatabase({ dataDir: 'memory://' });
  const name = `sg_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The synthetic population of `count` firms in the county (the demo generator, scaled). */
async function loadPopulation(db: Db, count: number): Promise<number> {
  const ctx = systemContext(NOW);
  await initCounty(db, ctx, { countyCode: COUNTY, demo: false });
  const units = await listUnitsUnder(db, ''); // the whole (fresh) tree: this one county
  const byCode = new Map(units.map((u) => [u.code, u]));
  const county = byCode.get(`${COUNTY}000000`)!;
  const townships = units.filter((u) => u.kind === 'township');
  const population = generateDemoPopulation({
    countyCode6: COUNTY,
    count,
    townships: townships.map((t) => ({ code: t.code, name: t.name })),
  });
  const bodyUnit = (key: string) =>
    byCode.get(`${COUNTY}${COUNTY_BODIES.find((b) => b.key === key)!.suffix}`)!;
  const ids: number[] = [];
  for (let i = 0; i < population.length; i += 500) {
    const rows = await db
      .insert(enterprises)
      .values(
        population.slice(i, i + 500).map((p) => ({
          creditCode: p.creditCode,
          name: p.name,
          legalForm: p.legalForm,
          industryCode: p.industryCode,
          countyId: county.id,
          townshipId: byCode.get(p.townshipCode)!.id,
          supervisingUnitId: bodyUnit(p.supervisingKey).id,
          inZone: p.inZone,
          productionStartedOn: p.productionStartedOn,
          scaleStatus: p.scaleHistory.at(-1)?.status ?? 'below',
          createdAt: NOW,
          updatedAt: NOW,
        })),
      )
      .returning({ id: enterprises.id });
    ids.push(...rows.map((r) => r.id));
  }
  const history = population.flatMap((p, i) =>
    p.scaleHistory.map((h) => ({ enterpriseId: ids[i]!, ...h, changedBy: null, changedAt: NOW })),
  );
  for (let i = 0; i < history.length; i += 1000)
    await db.insert(scaleStatusHistory).values(history.slice(i, i + 1000));
  const facts = population.flatMap((p, i) =>
    p.revenue
      .filter((r) => r.source !== 'electricity')
      .map((r) => ({ enterpriseId: ids[i]!, period: r.period, source: r.source, value: r.value.toFixed(2) })),
  );
  await insertFirstFactsBulk(db, facts, { importBatchId: null, recordedBy: null, recordedAt: NOW });
  await analyze(db);
  return ids.length;
}

/** The same memberships for the data-only rules, in one statement (the reference the goal compares with). */
function referenceQuery(t: Awaited<ReturnType<typeof getLibraryThresholds>>) {
  const y = YEAR;
  const p = (year: number, m = '01') => `${year}-${m}`;
  const first = t.revenuePriority === 'statistics-first' ? 's' : 't';
  const second = first === 's' ? 't' : 's';
  return sql`
    with m as (
      select enterprise_id, period,
             max(value) filter (where source = 'statistics') as s, max(value) filter (where source = 'tax') as t
      from revenue_facts
      where is_current and source in ('statistics', 'tax') and period between ${p(y - t.reachedLookbackYears)} and ${AS_OF.slice(0, 7)}
      group by 1, 2
    ), r as (select enterprise_id, period, coalesce(${sql.raw(first)}, ${sql.raw(second)}) as v from m),
    yr as (
      select enterprise_id, left(period, 4)::int as year, sum(v) as total from r group by 1, 2
    ), prior as (select enterprise_id, total from yr where year = ${y - 1}),
    ytd as (
      select a.enterprise_id, sum(a.v) as cur, sum(b.v) as last
      from r a left join r b on b.enterprise_id = a.enterprise_id and b.period = ${String(y - 1)} || substr(a.period, 5)
      where a.period like ${`${y}-%`} group by 1
    ), hist as (
      select enterprise_id, status, effective_period, id,
             lag(status) over (partition by enterprise_id order by effective_period, id) as prev
      from scale_status_history
    ), reached as (
      select distinct yr.enterprise_id from yr
      where yr.year between ${y - t.reachedLookbackYears} and ${y - 1} and yr.total >= ${t.scale}
        and coalesce(
          (select h.status from hist h where h.enterprise_id = yr.enterprise_id and h.effective_period <= yr.year || '-12'
           order by h.effective_period desc, h.id desc limit 1),
          (select h.status from hist h where h.enterprise_id = yr.enterprise_id order by h.effective_period, h.id limit 1),
          'below') = 'below'
    ), exits as (
      select enterprise_id from directory_events
      where type = 'exit' and voided_at is null and approval_date <= ${AS_OF}::date
        and approval_date >= ${`${y - t.reEntryYears}-01-01`}::date
      union
      select enterprise_id from hist where status = 'below' and prev = 'above'
        and effective_period || '-01' <= ${AS_OF} and effective_period || '-01' >= ${`${y - t.reEntryYears}-01-01`}
    ), ops as (
      select distinct on (enterprise_id) enterprise_id, status from firm_operating_status
      where since <= ${AS_OF}::date order by enterprise_id, since desc, id desc
    ), f as (
      select e.id, e.scale_status = 'below' as below, prior.total as prior, ytd.cur, ytd.last, ops.status as op,
             reached.enterprise_id is not null as reached, exits.enterprise_id is not null as exited
      from enterprises e
      left join prior on prior.enterprise_id = e.id
      left join ytd on ytd.enterprise_id = e.id
      left join ops on ops.enterprise_id = e.id
      left join reached on reached.enterprise_id = e.id
      left join (select distinct enterprise_id from exits) exits on exits.enterprise_id = e.id
      where substr(e.industry_code, 1, 2) between '06' and '46'
    )
    select id, 'base.prior_revenue' as rule from f where below and prior >= ${t.base}
    union all select id, 'cultivation.prior_revenue' from f where below and prior >= ${t.cultivation}
    union all select id, 'cultivation.reached_not_reported' from f where below and reached
    union all select id, 'cultivation.re_entry' from f where below and exited
    union all select id, 'near.prior_revenue' from f where below and prior >= ${t.nearLow} and prior < ${t.scale}
    union all select id, 'atRisk.decline' from f
      where not below and last > 0 and (last - cur) / last * 100 > ${t.atRiskDropPct}
    union all select id, 'atRisk.stopped' from f where not below and op in ('stopped', 'half_stopped')`;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function runScale(
  label: string,
  key: string,
  count: number,
  url: string | undefined,
  log: (s: string) => void,
) {
  const database = await scratchDatabase(url);
  try {
    const db = database.db;
    const loaded = await time(() => loadPopulation(db, count));
    log(
      `  ${label}: ${loaded.value} firms loaded in ${formatNumber(loaded.ms / 1000, 1)} s (${database.driver})`,
    );
    const ctx = systemContext(NOW);
    const thresholds = await getLibraryThresholds(db, YEAR);
    const query = referenceQuery(thresholds);
    const sqlRuns: number[] = [];
    let reference: { id: number; rule: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await time(() => db.execute(query));
      sqlRuns.push(r.ms);
      reference = (r.value as unknown as { rows: { id: number; rule: string }[] }).rows;
    }
    // Warm-up (JIT, plans, caches) with a read-only evaluation, so the timed run is the steady state.
    await evaluateFirms(db, ctx, { year: YEAR, asOf: AS_OF });
    const full = await time(() => recomputeLibraries(db, ctx, { year: YEAR, asOf: AS_OF }));
    const again: number[] = [];
    for (let i = 0; i < 3; i++)
      again.push((await time(() => recomputeLibraries(db, ctx, { year: YEAR, asOf: AS_OF }))).ms);
    // Agreement on the data-only rules.
    const ev = await evaluateFirms(db, ctx, { year: YEAR, asOf: AS_OF });
    const ours = new Set(
      ev.results.flatMap((r) =>
        r.evaluation.matches
          .filter((m) => (DATA_RULES as readonly string[]).includes(m.rule))
          .map((m) => `${r.firm.id}|${m.rule}`),
      ),
    );
    const theirs = new Set(reference.map((r) => `${Number(r.id)}|${r.rule}`));
    const differences =
      [...ours].filter((k) => !theirs.has(k)).length + [...theirs].filter((k) => !ours.has(k)).length;
    const sqlMs = median(sqlRuns);
    log(
      `  ${label}: reference SQL ${formatNumber(sqlMs, 0)} ms (median of 3); full recompute ${formatNumber(full.ms, 0)} ms ` +
        `(${full.value.entered} entries, ${full.value.evaluated} firms); unchanged recompute ${formatNumber(median(again), 0)} ms; ` +
        `${differences} differences on ${theirs.size} data-rule memberships`,
    );
    const metrics: Metric[] = [
      { id: `library.${key}.sqlMs`, label: `${label}: reference SQL`, value: sqlMs, unit: 'ms' },
      { id: `library.${key}.recomputeMs`, label: `${label}: full recompute`, value: full.ms, unit: 'ms' },
      {
        id: `library.${key}.ratio`,
        label: `${label}: recompute ÷ SQL`,
        value: full.ms / sqlMs,
        unit: '×',
        digits: 2,
        goal: { op: '<=', value: 2 },
      },
      {
        id: `library.${key}.differences`,
        label: `${label}: disagreements with SQL`,
        value: differences,
        unit: '',
        goal: { op: '<=', value: 0 },
      },
    ];
    return {
      metrics,
      details: { firms: loaded.value, sqlRuns, fullMs: full.ms, againMs: again, differences },
    };
  } finally {
    await database.close();
  }
}

export const libraryRecompute: BenchCase = {
  name: 'library-recompute',
  title: 'Library recompute at county and province scale vs a raw SQL query of the same memberships',
  async run(ctx) {
    configureAuditKey(Buffer.from('bench-audit-key-0123456789abcdef'));
    const url = process.env.SHENGGUI_BENCH_PG ?? process.env.SHENGGUI_TEST_PG;
    if (!url) ctx.log('  no SHENGGUI_BENCH_PG / SHENGGUI_TEST_PG: running on embedded PGlite');
    const provinceFirms = Number(process.env.SHENGGUI_BENCH_PROVINCE_FIRMS ?? 20_000);
    const county = await runScale('county', 'county', 300, url, ctx.log);
    const province = await runScale('province', 'province', provinceFirms, url, ctx.log);
    return {
      metrics: [...county.metrics, ...province.metrics],
      details: { county: county.details, province: province.details, driver: url ? 'postgres' : 'pglite' },
    };
  },
};
