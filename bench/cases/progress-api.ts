// The progress API at county scale: GET /api/v1/progress?year=2024&asOf=2024-11-25 — the board of
// both dimensions with the forecast's probabilities — as the county-wide centre user on the demo county (300
// firms, embedded database), with the read cache on (the default) and off, then the same URL against a bare
// Fastify app serving the very body the API answered. Same pattern as enterprise-list.ts; timings printed only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBareFastify } from '../lib/baseline.js';
import { demoData } from '../lib/fixture.js';
import { httpRequest } from '../lib/http.js';
import { type LoadResult, runLoad } from '../lib/load.js';
import { formatNumber, formatTable } from '../lib/report.js';
import { CENTRE_USER, login, startServer } from '../lib/server.js';
import type { BenchCase, Metric } from '../lib/types.js';

export const PROGRESS_PATH = '/api/v1/progress?year=2024&asOf=2024-11-25';
export const RATIO_GOAL = 0.5;

function loadRow(name: string, r: LoadResult | null): string[] {
  if (!r) return [name, '—', '—', '—', '—', '—', '—'];
  return [
    name,
    formatNumber(r.requestsPerSec, r.requestsPerSec < 100 ? 1 : 0),
    formatNumber(r.requests2xx, 0),
    formatNumber(r.latencyAvgMs, 1),
    formatNumber(r.latencyP99Ms, 0),
    String(r.non2xx),
    String(r.errors),
  ];
}

export const progressApi: BenchCase = {
  name: 'progress-api',
  title: `Progress API at county scale (GET ${PROGRESS_PATH}) vs bare Fastify`,
  async run(ctx) {
    const { dataDir } = await demoData(ctx);
    const { connections, durationSec, warmupSec } = ctx.config;
    const loadShape = `${connections} connections, ${durationSec} s after ${warmupSec} s warm-up, 127.0.0.1`;

    // 1. The real server, signed in as county-wide centre staff.
    const server = await startServer({
      repoRoot: ctx.repoRoot,
      dataDir,
      logFile: join(ctx.tmpRoot, 'progress-load.log'),
    });
    let real: LoadResult;
    let body: string;
    let total: unknown;
    try {
      const session = await login(server.baseUrl, CENTRE_USER);
      const headers = { cookie: session.cookie };
      const first = await httpRequest(server.baseUrl + PROGRESS_PATH, { headers });
      if (first.status !== 200) {
        throw new Error(`GET ${PROGRESS_PATH} answered HTTP ${first.status}: ${first.body.slice(0, 300)}`);
      }
      body = first.body;
      const parsed = JSON.parse(body) as {
        county?: { net?: number; cityTarget?: number | null; pReachCityTarget?: number | null };
        dimensions?: { territorial?: unknown[]; supervising?: unknown[] };
      };
      total = (parsed.dimensions?.territorial?.length ?? 0) + (parsed.dimensions?.supervising?.length ?? 0);
      ctx.log(
        `  as ${CENTRE_USER}: ${String(total)} unit rows, county net ${parsed.county?.net} of target ${parsed.county?.cityTarget}, ` +
          `P(reach) ${formatNumber(parsed.county?.pReachCityTarget ?? null, 3)}, ${body.length} bytes of JSON`,
      );
      ctx.log(`  loading the real server (${loadShape})…`);
      real = await runLoad({
        url: server.baseUrl + PROGRESS_PATH,
        headers,
        connections,
        durationSec,
        warmupSec,
      });
    } finally {
      await server.stop();
    }

    // 1b. The same server with its read cache off: what a first, uncached query costs (every request runs
    // the session lookup, the counts and the forecast). Informational; the goal is measured on the deployment default.
    const uncachedServer = await startServer({
      repoRoot: ctx.repoRoot,
      dataDir,
      logFile: join(ctx.tmpRoot, 'progress-uncached.log'),
      extraEnv: { SHENGGUI_READ_CACHE: 'false' },
    });
    let uncached: LoadResult;
    try {
      const session = await login(uncachedServer.baseUrl, CENTRE_USER);
      ctx.log(`  loading the server with its read cache off (${loadShape})…`);
      uncached = await runLoad({
        url: uncachedServer.baseUrl + PROGRESS_PATH,
        headers: { cookie: session.cookie },
        connections,
        durationSec,
        warmupSec,
      });
    } finally {
      await uncachedServer.stop();
    }

    // 2. Bare Fastify with the captured body.
    const bodyFile = join(ctx.tmpRoot, 'progress-body.json');
    writeFileSync(bodyFile, body);
    const bare = await startBareFastify({
      repoRoot: ctx.repoRoot,
      bodyFile,
      logFile: join(ctx.tmpRoot, 'progress-bare-fastify.log'),
      readyPath: PROGRESS_PATH,
      route: '/api/v1/progress',
    });
    let baseline: LoadResult;
    try {
      const check = await httpRequest(bare.baseUrl + PROGRESS_PATH);
      if (check.body !== body) throw new Error('the bare Fastify app does not answer the captured body');
      ctx.log(`  loading bare Fastify (${loadShape})…`);
      baseline = await runLoad({ url: bare.baseUrl + PROGRESS_PATH, connections, durationSec, warmupSec });
    } finally {
      await bare.stop();
    }

    const ratio = baseline.requestsPerSec > 0 ? real.requestsPerSec / baseline.requestsPerSec : null;
    ctx.log('');
    ctx.log(
      formatTable(
        ['', 'req/s', '2xx', 'avg ms', 'p99 ms', 'non-2xx', 'errors'],
        [
          loadRow('shenggui API (PGlite)', real),
          loadRow('  same, read cache off', uncached),
          loadRow('bare Fastify, same body', baseline),
        ],
        [1, 2, 3, 4, 5, 6],
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    ctx.log(`  ratio API / bare: ${formatNumber(ratio, 3)}× (goal ≥ ${RATIO_GOAL}×)`);
    if (real.non2xx > 0 || real.errors > 0) {
      ctx.log(
        `  WARNING: the real server answered ${real.non2xx} non-2xx responses and ${real.errors} errors`,
      );
    }
    const metrics: Metric[] = [
      {
        id: 'progress-api-rps',
        label: 'progress API (county), req/s',
        value: real.requestsPerSec,
        unit: 'req/s',
        digits: 1,
        note: `${real.requests2xx} responses in ${real.durationSec} s; latency avg ${real.latencyAvgMs} ms, p99 ${real.latencyP99Ms} ms; non-2xx ${real.non2xx}, errors ${real.errors}`,
      },
      {
        id: 'progress-api-uncached-rps',
        label: 'progress API, read cache off, req/s',
        value: uncached.requestsPerSec,
        unit: 'req/s',
        digits: 1,
        note: `every request runs the session lookup, the counts and the forecast; latency avg ${uncached.latencyAvgMs} ms, p99 ${uncached.latencyP99Ms} ms`,
      },
      {
        id: 'progress-bare-fastify-rps',
        label: 'bare Fastify, progress body, req/s',
        value: baseline.requestsPerSec,
        unit: 'req/s',
        note: `${baseline.requests2xx} responses in ${baseline.durationSec} s; latency avg ${baseline.latencyAvgMs} ms, p99 ${baseline.latencyP99Ms} ms`,
      },
      {
        id: 'progress-api-ratio',
        label: 'progress API / bare Fastify',
        value: ratio,
        unit: '×',
        digits: 3,
        goal: { op: '>=', value: RATIO_GOAL },
      },
    ];
    return {
      metrics,
      details: {
        path: PROGRESS_PATH,
        user: CENTRE_USER,
        unitRows: total,
        bodyBytes: Buffer.byteLength(body),
        load: { connections, durationSec, warmupSec },
        real,
        uncached,
        baseline,
      },
    };
  },
};
