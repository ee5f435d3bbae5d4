// The enterprise list under load: GET /api/v1/enterprises?page=1&pageSize=20 as a signed-in centre user
// (county-wide scope) against the real server on the embedded database, then the same URL against a bare
// Fastify app serving the very body the real API answered. Same connections, warm-up and duration for both;
// they run one after the other, never together. The real server's memory is read right after its load test.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBareFastify } from '../lib/baseline.js';
import { demoData } from '../lib/fixture.js';
import { httpRequest } from '../lib/http.js';
import { type LoadResult, runLoad } from '../lib/load.js';
import { type ProcMemory, readProcMemory } from '../lib/proc.js';
import { formatNumber, formatTable } from '../lib/report.js';
import { CENTRE_USER, login, startServer } from '../lib/server.js';
import type { BenchCase, Metric } from '../lib/types.js';

export const LIST_PATH = '/api/v1/enterprises?page=1&pageSize=20';
export const MEMORY_GOAL_MB = 400;
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

export const enterpriseList: BenchCase = {
  name: 'enterprise-list',
  title: `Enterprise list under load (GET ${LIST_PATH}) vs bare Fastify; server memory`,
  async run(ctx) {
    const { dataDir } = await demoData(ctx);
    const { connections, durationSec, warmupSec } = ctx.config;
    const loadShape = `${connections} connections, ${durationSec} s after ${warmupSec} s warm-up, 127.0.0.1`;

    // 1. The real server, signed in as county-wide centre staff.
    const server = await startServer({
      repoRoot: ctx.repoRoot,
      dataDir,
      logFile: join(ctx.tmpRoot, 'server-load.log'),
    });
    let real: LoadResult;
    let idle: ProcMemory | null;
    let afterLoad: ProcMemory | null;
    let body: string;
    let total: unknown;
    try {
      idle = await readProcMemory(server.pid);
      const session = await login(server.baseUrl, CENTRE_USER);
      const headers = { cookie: session.cookie };
      const first = await httpRequest(server.baseUrl + LIST_PATH, { headers });
      if (first.status !== 200) {
        throw new Error(`GET ${LIST_PATH} answered HTTP ${first.status}: ${first.body.slice(0, 300)}`);
      }
      body = first.body;
      const parsed = JSON.parse(body) as { items?: unknown[]; total?: unknown };
      total = parsed.total;
      ctx.log(
        `  as ${CENTRE_USER}: ${parsed.items?.length ?? 0} rows of ${String(total)}, ${body.length} bytes of JSON`,
      );
      ctx.log(`  loading the real server (${loadShape})…`);
      real = await runLoad({ url: server.baseUrl + LIST_PATH, headers, connections, durationSec, warmupSec });
      afterLoad = await readProcMemory(server.pid);
    } finally {
      await server.stop();
    }

    // 1b. The same server with its read cache off: what a first, uncached query costs (every request runs
    // the session lookup and the list query). Informational; the goal is measured on the deployment default.
    const uncachedServer = await startServer({
      repoRoot: ctx.repoRoot,
      dataDir,
      logFile: join(ctx.tmpRoot, 'server-uncached.log'),
      extraEnv: { SHENGGUI_READ_CACHE: 'false' },
    });
    let uncached: LoadResult;
    try {
      const session = await login(uncachedServer.baseUrl, CENTRE_USER);
      ctx.log(`  loading the server with its read cache off (${loadShape})…`);
      uncached = await runLoad({
        url: uncachedServer.baseUrl + LIST_PATH,
        headers: { cookie: session.cookie },
        connections,
        durationSec,
        warmupSec,
      });
    } finally {
      await uncachedServer.stop();
    }

    // 2. Bare Fastify with the captured body.
    const bodyFile = join(ctx.tmpRoot, 'enterprise-list-body.json');
    writeFileSync(bodyFile, body);
    const bare = await startBareFastify({
      repoRoot: ctx.repoRoot,
      bodyFile,
      logFile: join(ctx.tmpRoot, 'bare-fastify.log'),
      readyPath: LIST_PATH,
    });
    let baseline: LoadResult;
    try {
      const check = await httpRequest(bare.baseUrl + LIST_PATH);
      if (check.body !== body) throw new Error('the bare Fastify app does not answer the captured body');
      ctx.log(`  loading bare Fastify (${loadShape})…`);
      baseline = await runLoad({ url: bare.baseUrl + LIST_PATH, connections, durationSec, warmupSec });
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
    ctx.log(
      `  server memory: idle after start ${formatNumber(idle?.rssMb ?? null, 0)} MB; after load VmRSS ` +
        `${formatNumber(afterLoad?.rssMb ?? null, 0)} MB, VmHWM ${formatNumber(afterLoad?.peakRssMb ?? null, 0)} MB`,
    );

    const metrics: Metric[] = [
      {
        id: 'enterprise-list-rps',
        label: 'enterprise list API, req/s',
        value: real.requestsPerSec,
        unit: 'req/s',
        digits: 1,
        note: `${real.requests2xx} responses in ${real.durationSec} s; latency avg ${real.latencyAvgMs} ms, p99 ${real.latencyP99Ms} ms; non-2xx ${real.non2xx}, errors ${real.errors}`,
      },
      {
        id: 'enterprise-list-uncached-rps',
        label: 'enterprise list, read cache off, req/s',
        value: uncached.requestsPerSec,
        unit: 'req/s',
        digits: 1,
        note: `every request runs the session lookup and the list query; latency avg ${uncached.latencyAvgMs} ms, p99 ${uncached.latencyP99Ms} ms`,
      },
      {
        id: 'bare-fastify-rps',
        label: 'bare Fastify, same body, req/s',
        value: baseline.requestsPerSec,
        unit: 'req/s',
        note: `${baseline.requests2xx} responses in ${baseline.durationSec} s; latency avg ${baseline.latencyAvgMs} ms, p99 ${baseline.latencyP99Ms} ms`,
      },
      {
        id: 'enterprise-list-ratio',
        label: 'enterprise list / bare Fastify',
        value: ratio,
        unit: '×',
        digits: 3,
        goal: { op: '>=', value: RATIO_GOAL },
      },
      {
        id: 'server-rss-after-load-mb',
        label: 'server RSS after load (VmRSS)',
        value: afterLoad?.rssMb ?? null,
        unit: 'MB',
        goal: { op: '<=', value: MEMORY_GOAL_MB },
      },
      {
        id: 'server-peak-rss-mb',
        label: 'server peak RSS (VmHWM)',
        value: afterLoad?.peakRssMb ?? null,
        unit: 'MB',
        goal: { op: '<=', value: MEMORY_GOAL_MB },
      },
    ];
    return {
      metrics,
      details: {
        path: LIST_PATH,
        user: CENTRE_USER,
        enterprisesInScope: total,
        bodyBytes: Buffer.byteLength(body),
        load: { connections, durationSec, warmupSec },
        real,
        uncached,
        baseline,
        memoryIdle: idle,
        memoryAfterLoad: afterLoad,
      },
    };
  },
};
