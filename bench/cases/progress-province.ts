// The progress report at province scale on PostgreSQL: SHENGGUI_BENCH_PROVINCE_COUNTIES counties
// (default 120) of demo populations (generateDemoPopulation, one seed and county code each) adding up to
// SHENGGUI_BENCH_PROGRESS_FIRMS firms (default 30,000; the issue's province is 150,000), 24 months of figures
// (2023-01 … 2024-12) and the demo's directory events, against one hand-written SQL query of the same counts
// (per township, per supervising unit and the total, each firm's events netted first). A deployment serves one
// county, so every county's firms hang under the one county tree set up here: one report over the whole
// province, the worst case of a single board. Timed: the SQL (median of 3), the report's counts alone
// (median of 3; goal ≤ 2× the SQL) and the full report with the forecast (median of 3, informational).
//
// On the PostgreSQL server named by SHENGGUI_BENCH_PG (else SHENGGUI_TEST_PG), in a throwaway database; without
// either, on embedded PGlite (noted in the output). Runs in-process on the server's services.
import { randomBytes } from 'node:crypto';
import { COUNTY_BODIES } from '@shenggui/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { analyze, type Database, type Db, openDatabase } from '../../packages/server/src/db/client.js';
import { enterprises, scaleStatusHistory } from '../../packages/server/src/db/schema.js';
import { generateDemoPopulation } from '../../packages/server/src/modules/demo/demo-population.js';
import { insertDirectoryEventsBulk } from '../../packages/server/src/modules/directory/directory.repository.js';
import { listUnitsUnder } from '../../packages/server/src/modules/org/org.repository.js';
import { getProgressReport } from '../../packages/server/src/modules/progress/progress.service.js';
import { insertFirstFactsBulk } from '../../packages/server/src/modules/revenue/revenue.repository.js';
import { demoDirectoryEvents } from '../../packages/server/src/modules/setup/demo-directory.js';
import { initCounty } from '../../packages/server/src/modules/setup/setup.service.js';
import { putTargets } from '../../packages/server/src/modules/target/target.service.js';
import { configureAuditKey } from '../../packages/server/src/platform/audit.js';
import { systemContext } from '../../packages/server/src/platform/context.js';
import { formatNumber } from '../lib/report.js';
import { median } from '../lib/stats.js';
import type { BenchCase, Metric } from '../lib/types.js';

const COUNTY = '140322';
const YEAR = 2024;
const AS_OF = '2024-11-25';
const NOW = new Date(`${AS_OF}T09:00:00+08:00`);
export const PROVINCE_RATIO_GOAL = 2;

async function scratchDatabase(url: string | undefined): Promise<Database> {
  if (!url) return openDatabase({ dataDir: 'memory://' });
  const name = `sg_bench_progress_${process.pid}_${randomBytes(4).toString('hex')}`;
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

/** Every county's population under the one county tree; returns the firm count and event count. */
async function loadProvince(db: Db, counties: number, firms: number, log: (s: string) => void) {
  const ctx = systemContext(NOW);
  await initCounty(db, ctx, { countyCode: COUNTY, demo: false });
  const units = await listUnitsUnder(db, '');
  const byCode = new Map(units.map((u) => [u.code, u]));
  const county = byCode.get(`${COUNTY}000000`)!;
  const townships = units.filter((u) => u.kind === 'township');
  const bodyUnit = (key: string) =>
    byCode.get(`${COUNTY}${COUNTY_BODIES.find((b) => b.key === key)!.suffix}`)!;
  let total = 0;
  let events = 0;
  for (let k = 0; k < counties; k++) {
    const count = Math.floor(firms / counties) + (k < firms % counties ? 1 : 0);
    const population = generateDemoPopulation({
      seed: 20240522 + k,
      countyCode6: String(140101 + k * 7).padStart(6, '0'),
      count,
      townships: townships.map((t) => ({ code: t.code, name: t.name })),
      firstPeriod: '2023-01',
      lastPeriod: '2024-12',
    });
    const ids: number[] = [];
    for (let i = 0; i < population.length; i += 500) {
      const rows = await db
        .insert(enterprises)
        .values(
          population.slice(i, i + 500).map((p) => ({
            creditCode: p.creditCode,
            name: `${p.name}（${k + 1}）`,
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
        .onConflictDoNothing()
        .returning({ id: enterprises.id, creditCode: enterprises.creditCode });
      ids.push(...rows.map((r) => r.id));
      if (rows.length !== Math.min(500, population.length - i))
        throw new Error(`county ${k + 1}: duplicate credit codes across counties`);
    }
    const history = population.flatMap((p, i) =>
      p.scaleHistory.map((h) => ({ enterpriseId: ids[i]!, ...h, changedBy: null, changedAt: NOW })),
    );
    for (let i = 0; i < history.length; i += 1000)
      await db.insert(scaleStatusHistory).values(history.slice(i, i + 1000));
    const facts = population.flatMap((p, i) =>
      p.revenue
        .filter((r) => r.source !== 'electricity')
        .map((r) => ({
          enterpriseId: ids[i]!,
          period: r.period,
          source: r.source,
          value: r.value.toFixed(2),
        })),
    );
    await insertFirstFactsBulk(db, facts, { importBatchId: null, recordedBy: null, recordedAt: NOW });
    const ev = demoDirectoryEvents(population);
    await insertDirectoryEventsBulk(
      db,
      ev.map((e) => ({
        enterpriseId: ids[e.index]!,
        type: e.type,
        mode: e.mode,
        batch: e.batch,
        approvalDate: e.approvalDate,
        effectivePeriod: e.effectivePeriod,
        exitReason: e.exitReason,
        note: null,
        recordedBy: null,
        recordedAt: NOW,
        importBatchId: null,
      })),
    );
    total += ids.length;
    events += ev.length;
    if ((k + 1) % 20 === 0 || k + 1 === counties) log(`    ${k + 1} of ${counties} counties, ${total} firms`);
  }
  await analyze(db);
  // Targets, so the forecast's probabilities are computed for every unit and the county.
  const perUnit = Math.max(1, Math.round(firms / 300 / 2));
  await putTargets(db, ctx, YEAR, {
    cityTarget: perUnit * townships.length,
    territorial: townships.map((t) => ({ unitId: t.id, target: perUnit })),
    supervising: [],
  });
  return { firms: total, events };
}

/** The same counts, hand-written: each firm's counted events netted, then grouped three ways. */
const referenceQuery = sql`
  with counted as (
    select enterprise_id, sign(sum(case when type = 'entry' then 1 else -1 end))::int as s
    from directory_events
    where voided_at is null and approval_date > ${`${YEAR - 1}-12-31`}::date
      and approval_date <= ${`${YEAR}-12-31`}::date and approval_date <= ${AS_OF}::date
    group by enterprise_id
  )
  select grouping(e.township_id)::int as gt, grouping(e.supervising_unit_id)::int as gs,
         e.township_id, e.supervising_unit_id,
         (count(*) filter (where c.s > 0))::int as entered, (count(*) filter (where c.s < 0))::int as exited
  from counted c join enterprises e on e.id = c.enterprise_id
  where c.s <> 0
  group by grouping sets ((e.township_id), (e.supervising_unit_id), ())`;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export const progressProvince: BenchCase = {
  name: 'progress-province',
  title: 'Progress report at province scale on PostgreSQL vs a hand-written SQL query of the same counts',
  async run(ctx) {
    configureAuditKey(Buffer.from('bench-audit-key-0123456789abcdef'));
    const url = process.env.SHENGGUI_BENCH_PG ?? process.env.SHENGGUI_TEST_PG;
    if (!url) ctx.log('  no SHENGGUI_BENCH_PG / SHENGGUI_TEST_PG: running on embedded PGlite');
    const counties = Number(process.env.SHENGGUI_BENCH_PROVINCE_COUNTIES ?? 120);
    const firms = Number(process.env.SHENGGUI_BENCH_PROGRESS_FIRMS ?? 30_000);
    ctx.log(
      `  size: ${counties} counties, ${firms} firms, figures 2023-01 … 2024-12; report ${YEAR} as of ${AS_OF}` +
        ' (SHENGGUI_BENCH_PROVINCE_COUNTIES / SHENGGUI_BENCH_PROGRESS_FIRMS; the issue: 120 / 150000)',
    );
    const database = await scratchDatabase(url);
    try {
      const db = database.db;
      const loaded = await time(() => loadProvince(db, counties, firms, ctx.log));
      ctx.log(
        `  loaded ${loaded.value.firms} firms, ${loaded.value.events} directory events in ${formatNumber(loaded.ms / 1000, 1)} s (${database.driver})`,
      );
      const sctx = systemContext(NOW);
      const q = { year: YEAR, asOf: AS_OF };
      const sqlRuns: number[] = [];
      let reference: { gt: number; gs: number; entered: number; exited: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await time(() => db.execute(referenceQuery));
        sqlRuns.push(r.ms);
        reference = (r.value as unknown as { rows: typeof reference }).rows;
      }
      await getProgressReport(db, sctx, q, { forecast: false }); // warm-up
      const countRuns: number[] = [];
      let report = await getProgressReport(db, sctx, q, { forecast: false });
      for (let i = 0; i < 3; i++)
        countRuns.push((await time(() => getProgressReport(db, sctx, q, { forecast: false }))).ms);
      const fullRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await time(() => getProgressReport(db, sctx, q));
        fullRuns.push(r.ms);
        report = r.value;
      }
      const total = reference.find((r) => r.gt === 1 && r.gs === 1);
      const agree =
        total !== undefined &&
        Number(total.entered) === report.county.entered &&
        Number(total.exited) === report.county.exited &&
        reference.filter((r) => r.gt === 0).reduce((s, r) => s + Number(r.entered) - Number(r.exited), 0) ===
          report.dimensions.territorial.reduce((s, r) => s + r.net, 0);
      const sqlMs = median(sqlRuns);
      const countMs = median(countRuns);
      const fullMs = median(fullRuns);
      ctx.log(
        `  reference SQL ${formatNumber(sqlMs, 1)} ms; report counts ${formatNumber(countMs, 1)} ms; ` +
          `report with forecast ${formatNumber(fullMs, 0)} ms (medians of 3); county entered ${report.county.entered}, ` +
          `exited ${report.county.exited}, net ${report.county.net}, P(city target ${report.county.cityTarget}) ` +
          `${formatNumber(report.county.pReachCityTarget, 3)}; counts agree with the SQL: ${agree ? 'yes' : 'NO'}`,
      );
      const metrics: Metric[] = [
        {
          id: 'progress.province.sqlMs',
          label: 'province: hand-written SQL counts',
          value: sqlMs,
          unit: 'ms',
        },
        {
          id: 'progress.province.reportMs',
          label: 'province: progress report (counts)',
          value: countMs,
          unit: 'ms',
        },
        {
          id: 'progress.province.ratio',
          label: 'province: report ÷ SQL',
          value: countMs / sqlMs,
          unit: '×',
          digits: 2,
          goal: { op: '<=', value: PROVINCE_RATIO_GOAL },
        },
        {
          id: 'progress.province.forecastMs',
          label: 'province: report with forecast',
          value: fullMs,
          unit: 'ms',
          note: `${loaded.value.firms} firms fitted and asked; ${formatNumber(fullMs / sqlMs, 1)}× the SQL`,
        },
        {
          id: 'progress.province.disagreements',
          label: 'province: counts differ from SQL',
          value: agree ? 0 : 1,
          unit: '',
          goal: { op: '<=', value: 0 },
        },
      ];
      return {
        metrics,
        details: { counties, ...loaded.value, loadMs: loaded.ms, sqlRuns, countRuns, fullRuns, agree },
      };
    } finally {
      await database.close();
    }
  },
};
