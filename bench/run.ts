// `npm run bench` (after the build): runs the benchmark cases in order, prints each one's figures, then one
// table of every metric against its goal, and writes bench/results/latest.json. Timings are printed, never
// asserted: the exit code is non-zero only when a case could not run.
//
// Options (after `npm run bench --`): --connections 10 --duration 10 --warmup 2 --cold-runs 3
//   --only cold-start,enterprise-list   (case names; the demo data folder is made whenever a case needs it)
//
// A new benchmark is a module under bench/cases/ exporting a BenchCase, added to CASES below.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coldStart } from './cases/cold-start.js';
import { enterpriseList } from './cases/enterprise-list.js';
import { firstStart } from './cases/first-start.js';
import { forecastBacktest } from './cases/forecast-backtest.js';
import { importHostile } from './cases/import-hostile.js';
import { importRevenue } from './cases/import-revenue.js';
import { libraryRecompute } from './cases/library-recompute.js';
import { progressApi } from './cases/progress-api.js';
import { progressProvince } from './cases/progress-province.js';
import { readMix } from './cases/read-mix.js';
import { killAllChildren } from './lib/children.js';
import { metricsTable, type RunReport, verdict, writeJsonReport } from './lib/report.js';
import type { BenchCase, BenchConfig, BenchContext, Metric } from './lib/types.js';

const CASES: BenchCase[] = [
  firstStart,
  coldStart,
  enterpriseList,
  forecastBacktest,
  libraryRecompute,
  importRevenue,
  importHostile,
  progressApi,
  progressProvince,
  readMix,
];

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '..');
const resultsFile = join(benchDir, 'results', 'latest.json');

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (name === 'warmup' ? 0 : 1))
    throw new Error(`--${name}: expected an integer, got ${raw}`);
  return n;
}

function readOptions(): { config: BenchConfig; cases: BenchCase[] } {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'cold-runs': { type: 'string' },
      only: { type: 'string' },
    },
  });
  const config: BenchConfig = {
    connections: positiveInt('connections', values.connections, 10),
    durationSec: positiveInt('duration', values.duration, 10),
    warmupSec: positiveInt('warmup', values.warmup, 2),
    coldStartRuns: positiveInt('cold-runs', values['cold-runs'], 3),
  };
  let cases = CASES;
  if (values.only) {
    const names = values.only.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !CASES.some((c) => c.name === n));
    if (unknown.length)
      throw new Error(`unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);
    cases = CASES.filter((c) => names.includes(c.name));
  }
  return { config, cases };
}

async function main(): Promise<number> {
  const { config, cases } = readOptions();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'shenggui-bench-'));
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    killAllChildren();
    rmSync(tmpRoot, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the benchmark`);
      cleanup();
      process.exit(130);
    });
  }

  const ctx: BenchContext = { repoRoot, tmpRoot, config, log: (line) => console.log(line) };
  const startedAt = new Date();
  const metrics: Metric[] = [];
  const report: RunReport['cases'] = {};
  let failed = 0;
  console.log(`升规通 benchmark — node ${process.version}, ${cases.length} case(s), temp folder ${tmpRoot}`);
  try {
    for (const c of cases) {
      console.log(`\n== ${c.title}`);
      try {
        const r = await c.run(ctx);
        metrics.push(...r.metrics);
        report[c.name] = { ok: true, ...(r.details ? { details: r.details } : {}) };
      } catch (e) {
        failed++;
        const message = (e as Error).stack ?? String(e);
        console.error(`  FAILED: ${message}`);
        report[c.name] = { ok: false, error: (e as Error).message };
        killAllChildren();
      }
    }
  } finally {
    cleanup();
  }

  console.log('\n== Results\n');
  console.log(metricsTable(metrics));
  const missed = metrics.filter((m) => verdict(m) === 'no').length;
  const withGoal = metrics.filter((m) => m.goal).length;
  console.log(
    `\n${withGoal - missed} of ${withGoal} goals met${failed ? `; ${failed} case(s) failed` : ''}.`,
  );
  writeJsonReport(resultsFile, {
    startedAt,
    finishedAt: new Date(),
    repoRoot,
    config,
    metrics,
    cases: report,
  });
  console.log(`Written: ${resultsFile}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    killAllChildren();
    console.error(e);
    process.exitCode = 1;
  },
);
