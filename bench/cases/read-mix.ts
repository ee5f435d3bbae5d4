// Reads as users make them: many signed-in sessions of different roles and units (the centre, two townships,
// a department and the zone, the tax and statistics bureaus, the county leader; several sessions each) asking
// for different pages — the firm list with different filters, sorts and pages, the detail of different firms,
// the progress board for different years and as-of dates and its drill-down per dimension and unit, the four
// library lists, the declarations list, the to-do list — never the same request twice in a row. Run against
// the built server on the demo county (embedded database) twice: with the read cache off (every request runs
// its queries: what a first visit costs) and on (the deployment default). Printed per route kind: req/s, p50,
// p99. Then, in-process on the same data folder, the progress report with and without its forecast, to show
// which part of the board's time is the forecast's.

import { join } from 'node:path';
import {
  DECLARATION_STATES,
  ENTERPRISE_SORTS,
  LIBRARIES,
  PATHWAYS,
  SEED_YEAR,
  TIERS,
} from '@shenggui/domain';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { getProgressReport } from '../../packages/server/src/modules/progress/progress.service.js';
import { systemContext } from '../../packages/server/src/platform/context.js';
import { demoData } from '../lib/fixture.js';
import { httpRequest } from '../lib/http.js';
import { type KindStats, type MixRequest, type MixResult, runMix } from '../lib/mix.js';
import { readProcCpuMs } from '../lib/proc.js';
import { formatNumber, formatTable } from '../lib/report.js';
import { login, type ServerProcess, startServer } from '../lib/server.js';
import { median } from '../lib/stats.js';
import type { BenchCase, Metric } from '../lib/types.js';

/** The demo accounts that read (the administrators and the auditor have no firm data to read). */
const READERS = ['zhongxin', 'xiushui', 'nanlou', 'gongxin', 'kaifaqu', 'shuiwu', 'tongji', 'lingdao'];
const SESSIONS_PER_USER = 3;
/**
 * The embedded database is PostgreSQL compiled to WebAssembly: V8 compiles its hot functions to optimised code
 * only after a few thousand queries, and until then every query costs several times more. A server that has run
 * for a while is what users meet, so the warm-up is at least this long (or until WARMUP_MAX_REQUESTS).
 */
const MIN_WARMUP_SEC = 20;
const WARMUP_MAX_REQUESTS = 3000;

/** Share of each route kind in the mix (a desk day: mostly lists and firms, the board now and then). */
const WEIGHTS: Record<string, number> = {
  list: 30,
  detail: 20,
  progress: 12,
  drill: 5,
  library: 15,
  declarations: 10,
  todo: 8,
};

/** Goals on the embedded database at county scale, read cache off (printed, never asserted). */
export const GOALS = { listP99Ms: 50, progressP99Ms: 150, mixRps: 500 } as const;

/** A small deterministic generator (mulberry32): the same mix every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Reader {
  username: string;
  headers: Record<string, string>;
  /** Firms in the session's scope, with their units and a few name fragments to search for. */
  firmIds: number[];
  townshipIds: number[];
  supervisingIds: number[];
  industries: string[];
  words: string[];
  total: number;
}

interface Plan {
  readers: Reader[];
  years: number[];
  /** Per year, the as-of dates asked for (month ends and mid-months up to today). */
  asOfs: Map<number, string[]>;
}

function isoDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function asOfDates(year: number, today: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    for (const d of [`${year}-${mm}-15`, `${year}-${mm}-${last}`]) if (d <= today) out.push(d);
  }
  return out.length ? out : [`${year}-01-15`];
}

async function getJson<T>(server: ServerProcess, path: string, headers: Record<string, string>): Promise<T> {
  const res = await httpRequest(server.baseUrl + path, { headers, timeoutMs: 60_000 });
  if (res.status !== 200)
    throw new Error(`GET ${path} answered HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}

/** Signs every reader in several times (from different loopback addresses: sign-ins are limited per address). */
export async function signIn(server: ServerProcess, firstAddress = 2): Promise<Reader[]> {
  const readers: Reader[] = [];
  let n = 0;
  for (let s = 0; s < SESSIONS_PER_USER; s++) {
    for (const username of READERS) {
      const address = `127.0.0.${firstAddress + Math.floor(n++ / 10)}`;
      const session = await login(server.baseUrl, username, undefined, address);
      readers.push({
        username,
        headers: { cookie: session.cookie },
        firmIds: [],
        townshipIds: [],
        supervisingIds: [],
        industries: [],
        words: [],
        total: 0,
      });
    }
  }
  // What each user can see: one pass over the list (the scope is per user, so the first session's is shared).
  const seen = new Map<string, Omit<Reader, 'username' | 'headers'>>();
  for (const r of readers) {
    let scope = seen.get(r.username);
    if (!scope) {
      type Row = {
        id: number;
        name: string;
        townshipId: number;
        supervisingUnitId: number;
        industryCode: string;
      };
      const rows: Row[] = [];
      let total = 0;
      for (let page = 1; page <= 20; page++) {
        const body = await getJson<{ items: Row[]; total: number }>(
          server,
          `/api/v1/enterprises?page=${page}&pageSize=200`,
          r.headers,
        );
        rows.push(...body.items);
        total = body.total;
        if (rows.length >= total || body.items.length === 0) break;
      }
      const uniq = <T>(xs: T[]) => [...new Set(xs)];
      scope = {
        firmIds: rows.map((x) => x.id),
        townshipIds: uniq(rows.map((x) => x.townshipId)),
        supervisingIds: uniq(rows.map((x) => x.supervisingUnitId)),
        industries: uniq(rows.map((x) => x.industryCode.slice(0, 3))),
        words: uniq(rows.slice(0, 60).map((x) => [...x.name].slice(2, 4).join(''))).filter(
          (w) => w.length === 2,
        ),
        total,
      };
      seen.set(r.username, scope);
    }
    Object.assign(r, scope);
  }
  return readers;
}

export async function makePlan(server: ServerProcess, readers: Reader[]): Promise<Plan> {
  const today = isoDay(new Date());
  const lib = await getJson<{ year: number }>(
    server,
    '/api/v1/libraries/base?pageSize=1',
    readers[0]!.headers,
  );
  const years = [...new Set([SEED_YEAR, lib.year])].filter((y) => `${y}-01-15` <= today).sort();
  return { readers, years, asOfs: new Map(years.map((y) => [y, asOfDates(y, today)])) };
}

function qs(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The generator of the mix: a weighted kind, a random session, a random URL of that kind for it. */
export function mixGenerator(plan: Plan, seed = 20241125): () => MixRequest {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const maybe = <T>(p: number, v: () => T): T | undefined => (random() < p ? v() : undefined);
  const kinds = Object.entries(WEIGHTS);
  const totalWeight = kinds.reduce((s, [, w]) => s + w, 0);
  const pickKind = () => {
    let x = random() * totalWeight;
    for (const [k, w] of kinds) {
      x -= w;
      if (x < 0) return k;
    }
    return kinds[0]![0];
  };
  const urlOf = (kind: string, r: Reader): string => {
    const year = pick(plan.years);
    switch (kind) {
      case 'list': {
        const pageSize = pick([20, 20, 20, 50]);
        const filtered = random() < 0.5;
        const pages = Math.max(1, Math.ceil((filtered ? r.total / 4 : r.total) / pageSize));
        return `/api/v1/enterprises${qs({
          page: random() < 0.6 ? 1 : 1 + Math.floor(random() * pages),
          pageSize,
          sort: pick(ENTERPRISE_SORTS),
          order: pick(['asc', 'desc']),
          ...(filtered
            ? {
                townshipId: maybe(0.4, () => pick(r.townshipIds)),
                supervisingUnitId: maybe(0.2, () => pick(r.supervisingIds)),
                scaleStatus: maybe(0.3, () => pick(['above', 'below'])),
                industry: maybe(0.2, () => pick(r.industries)),
                q: maybe(0.2, () => pick(r.words)),
                revenueYear: maybe(0.3, () => pick(plan.years) - 1),
                revenueMinWan: maybe(0.2, () => pick([500, 1000, 2000])),
              }
            : {}),
        })}`;
      }
      case 'detail':
        return `/api/v1/enterprises/${pick(r.firmIds)}`;
      case 'progress':
        return `/api/v1/progress${qs({ year, asOf: pick(plan.asOfs.get(year)!) })}`;
      case 'drill': {
        const dimension = pick(['territorial', 'supervising'] as const);
        return `/api/v1/progress/${year}/enterprises${qs({
          asOf: pick(plan.asOfs.get(year)!),
          kind: pick(['entered', 'exited']),
          dimension,
          unitId: pick(dimension === 'territorial' ? r.townshipIds : r.supervisingIds),
        })}`;
      }
      case 'library':
        return `/api/v1/libraries/${pick(LIBRARIES)}${qs({
          year: maybe(0.3, () => year),
          page: random() < 0.7 ? 1 : 2,
          pageSize: 20,
          townshipId: maybe(0.2, () => pick(r.townshipIds)),
          tier: maybe(0.15, () => pick(TIERS)),
          pathway: maybe(0.1, () => pick(PATHWAYS)),
        })}`;
      case 'declarations':
        return `/api/v1/declarations${qs({
          year: maybe(0.5, () => year),
          state: maybe(0.3, () => pick(DECLARATION_STATES)),
          page: 1,
          pageSize: 20,
        })}`;
      default:
        return '/api/v1/todo';
    }
  };
  let last = '';
  return () => {
    for (;;) {
      const kind = pickKind();
      const r = pick(plan.readers);
      const path = urlOf(kind, r);
      const key = `${r.headers.cookie}|${path}`;
      if (key === last) continue;
      last = key;
      return { kind, path, headers: r.headers };
    }
  };
}

function statsRow(label: string, s: KindStats | undefined): string[] {
  if (!s) return [label, '—', '—', '—', '—', '—', '—'];
  return [
    label,
    formatNumber(s.requestsPerSec, s.requestsPerSec < 100 ? 1 : 0),
    formatNumber(s.requests, 0),
    formatNumber(s.latencyP50Ms, 1),
    formatNumber(s.latencyP99Ms, 0),
    formatNumber(s.latencyMaxMs, 0),
    String(s.non2xx + s.errors + s.timeouts),
  ];
}

async function runOne(
  ctx: Parameters<BenchCase['run']>[0],
  dataDir: string,
  cache: boolean,
): Promise<{ result: MixResult; plan: Plan; cpuMsPerRequest: number | null }> {
  const server = await startServer({
    repoRoot: ctx.repoRoot,
    dataDir,
    logFile: join(ctx.tmpRoot, `read-mix-${cache ? 'cached' : 'uncached'}.log`),
    extraEnv: { SHENGGUI_READ_CACHE: cache ? 'true' : 'false' },
  });
  try {
    const readers = await signIn(server);
    const plan = await makePlan(server, readers);
    const { connections, durationSec } = ctx.config;
    const warmupSec = Math.max(ctx.config.warmupSec, MIN_WARMUP_SEC);
    ctx.log(
      `  read cache ${cache ? 'ON' : 'OFF'}: ${readers.length} sessions of ${READERS.length} users, years ${plan.years.join(', ')}; ` +
        `${connections} connections, ${durationSec} s after ${warmupSec} s warm-up…`,
    );
    const cpu: Record<string, number | null> = {};
    const result = await runMix({
      onMeasure: async (at) => {
        cpu[at] = await readProcCpuMs(server.pid);
      },
      baseUrl: server.baseUrl,
      next: mixGenerator(plan),
      connections,
      durationSec,
      warmupSec,
      warmupMaxRequests: WARMUP_MAX_REQUESTS,
    });
    for (const f of result.failures) ctx.log(`    FAILED: ${f}`);
    const used = cpu.start != null && cpu.end != null ? cpu.end - cpu.start : null;
    const cpuMsPerRequest =
      used !== null && result.overall.requests > 0 ? used / result.overall.requests : null;
    return { result, plan, cpuMsPerRequest };
  } finally {
    await server.stop();
  }
}

/** In-process, on the data folder: the board's time with and without the forecast (medians over as-of dates). */
async function progressSplit(dataDir: string, plan: Plan) {
  const database = await openDatabase({ dataDir });
  try {
    const sctx = systemContext(new Date());
    const days = plan.years.flatMap((y) =>
      plan.asOfs
        .get(y)!
        .filter((_, i) => i % 4 === 1)
        .map((d) => [y, d] as const),
    );
    const time = async (forecast: boolean) => {
      const runs: number[] = [];
      for (const [year, asOf] of days) {
        const t0 = performance.now();
        await getProgressReport(database.db, sctx, { year, asOf }, { forecast });
        runs.push(performance.now() - t0);
      }
      return runs;
    };
    // Warm-up: the embedded database's WebAssembly is slow until V8 has optimised it (see MIN_WARMUP_SEC).
    for (let i = 0; i < 3; i++) await time(false);
    await time(true);
    const counts = await time(false);
    const full = await time(true);
    return { days: days.length, countsMs: median(counts), fullMs: median(full), counts, full };
  } finally {
    await database.close();
  }
}

export const readMix: BenchCase = {
  name: 'read-mix',
  title: 'Realistic read mix: many sessions, roles, pages, filters, firms and dates (read cache off and on)',
  async run(ctx) {
    const { dataDir } = await demoData(ctx);
    const uncached = await runOne(ctx, dataDir, false);
    const cached = await runOne(ctx, dataDir, true);
    const split = await progressSplit(dataDir, uncached.plan);

    const kinds = Object.keys(WEIGHTS);
    const table = (title: string, r: MixResult) =>
      formatTable(
        [title, 'req/s', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'failed'],
        [
          ...kinds.map((k) =>
            statsRow(
              k,
              r.kinds.find((s) => s.kind === k),
            ),
          ),
          statsRow('ALL', r.overall),
        ],
        [1, 2, 3, 4, 5, 6],
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
    ctx.log('');
    ctx.log(table('read cache OFF', uncached.result));
    ctx.log(`  server CPU per request, cache off: ${formatNumber(uncached.cpuMsPerRequest, 2)} ms`);
    ctx.log('');
    ctx.log(table('read cache ON', cached.result));
    ctx.log(`  server CPU per request, cache on: ${formatNumber(cached.cpuMsPerRequest, 2)} ms`);
    ctx.log('');
    ctx.log(
      `  progress report in-process (${split.days} as-of dates, medians): counts only ${formatNumber(split.countsMs, 1)} ms, ` +
        `with the forecast ${formatNumber(split.fullMs, 1)} ms — the forecast is ${formatNumber(split.fullMs - split.countsMs, 1)} ms of it`,
    );
    const of = (r: MixResult, k: string) => r.kinds.find((s) => s.kind === k);
    const u = uncached.result;
    const c = cached.result;
    const metrics: Metric[] = [
      {
        id: 'read-mix.uncached.rps',
        label: 'read mix, cache off, req/s',
        value: u.overall.requestsPerSec,
        unit: 'req/s',
        goal: { op: '>=', value: GOALS.mixRps },
        note: `p50 ${formatNumber(u.overall.latencyP50Ms, 1)} ms, p99 ${formatNumber(u.overall.latencyP99Ms, 0)} ms`,
      },
      {
        id: 'read-mix.uncached.listP99',
        label: 'read mix, cache off, firm list p99',
        value: of(u, 'list')?.latencyP99Ms ?? null,
        unit: 'ms',
        goal: { op: '<=', value: GOALS.listP99Ms },
      },
      {
        id: 'read-mix.uncached.progressP99',
        label: 'read mix, cache off, progress p99',
        value: of(u, 'progress')?.latencyP99Ms ?? null,
        unit: 'ms',
        goal: { op: '<=', value: GOALS.progressP99Ms },
      },
      {
        id: 'read-mix.uncached.p99',
        label: 'read mix, cache off, p99 (all kinds)',
        value: u.overall.latencyP99Ms,
        unit: 'ms',
      },
      {
        id: 'read-mix.uncached.failed',
        label: 'read mix, cache off, failed requests',
        value: u.overall.non2xx + u.overall.errors + u.overall.timeouts,
        unit: '',
        goal: { op: '<=', value: 0 },
      },
      {
        id: 'read-mix.uncached.cpuMsPerRequest',
        label: 'read mix, cache off, server CPU per request',
        value: uncached.cpuMsPerRequest,
        unit: 'ms',
        digits: 2,
        note: 'user + system time of the server process over the measured run ÷ requests; steadier than latency on a busy machine',
      },
      {
        id: 'read-mix.cached.rps',
        label: 'read mix, cache on, req/s',
        value: c.overall.requestsPerSec,
        unit: 'req/s',
        note: `p50 ${formatNumber(c.overall.latencyP50Ms, 1)} ms, p99 ${formatNumber(c.overall.latencyP99Ms, 0)} ms`,
      },
      {
        id: 'read-mix.cached.p99',
        label: 'read mix, cache on, p99 (all kinds)',
        value: c.overall.latencyP99Ms,
        unit: 'ms',
      },
      {
        id: 'read-mix.cached.cpuMsPerRequest',
        label: 'read mix, cache on, server CPU per request',
        value: cached.cpuMsPerRequest,
        unit: 'ms',
        digits: 2,
      },
      {
        id: 'read-mix.progress.countsMs',
        label: 'progress report, counts only (in-process)',
        value: split.countsMs,
        unit: 'ms',
        digits: 1,
      },
      {
        id: 'read-mix.progress.fullMs',
        label: 'progress report with forecast (in-process)',
        value: split.fullMs,
        unit: 'ms',
        digits: 1,
      },
    ];
    return {
      metrics,
      details: {
        sessions: uncached.plan.readers.length,
        users: READERS,
        years: uncached.plan.years,
        weights: WEIGHTS,
        load: ctx.config,
        uncached: u,
        cached: c,
        progressSplit: split,
      },
    };
  },
};
