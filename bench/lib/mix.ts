// A bounded closed-loop load of MIXED requests: `connections` workers on keep-alive sockets to 127.0.0.1, each
// sending the next request a shared generator hands out as soon as its previous answer is complete. The
// generator decides the mix (route kinds, sessions, URLs); the loop times every answer and reports requests per
// second and latency percentiles per route kind and overall. Bounded in time (warm-up + duration) and in count
// (`maxRequests`); every request has a time-out. A plain node:http loop rather than autocannon: autocannon times
// its connections, not the kinds of request they carried.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface MixRequest {
  /** The route kind the answer is counted under (list, detail, progress, …). */
  kind: string;
  /** Path and query, e.g. /api/v1/enterprises?page=2. */
  path: string;
  headers: Record<string, string>;
}

export interface KindStats {
  kind: string;
  requests: number;
  /** 2xx answers per second of the measured run. */
  requestsPerSec: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  latencyAvgMs: number;
}

export interface MixResult {
  durationSec: number;
  overall: KindStats;
  kinds: KindStats[];
  /** The first few non-2xx answers, for the log. */
  failures: string[];
}

export interface MixOptions {
  baseUrl: string;
  next: () => MixRequest;
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Cap on the requests of the warm-up (default: none beyond its time). */
  warmupMaxRequests?: number;
  /** Hard cap on the requests of the measured run (default 200,000). */
  maxRequests?: number;
  timeoutMs?: number;
  /** Called between the warm-up and the measured run, and after it (e.g. to read the server's CPU time). */
  onMeasure?: (at: 'start' | 'end') => Promise<void>;
}

interface Sample {
  kind: string;
  ms: number;
  status: number;
  error?: 'error' | 'timeout';
}

function send(
  agent: Agent,
  base: URL,
  r: MixRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string; error?: 'error' | 'timeout' }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: r.path,
        method: 'GET',
        headers: r.headers,
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve({ status: 0, body: '', error: 'error' }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ status: 0, body: '', error: 'timeout' });
    });
    req.on('error', () => resolve({ status: 0, body: '', error: 'error' }));
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function statsOf(kind: string, samples: Sample[], seconds: number): KindStats {
  const ok = samples.filter((s) => !s.error && s.status >= 200 && s.status < 300);
  const ms = samples
    .filter((s) => !s.error)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return {
    kind,
    requests: samples.length,
    requestsPerSec: ok.length / seconds,
    non2xx: samples.filter((s) => !s.error && (s.status < 200 || s.status >= 300)).length,
    errors: samples.filter((s) => s.error === 'error').length,
    timeouts: samples.filter((s) => s.error === 'timeout').length,
    latencyP50Ms: percentile(ms, 50),
    latencyP99Ms: percentile(ms, 99),
    latencyMaxMs: ms.length ? ms[ms.length - 1]! : Number.NaN,
    latencyAvgMs: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : Number.NaN,
  };
}

async function phase(
  opts: MixOptions,
  agent: Agent,
  seconds: number,
  maxRequests: number,
): Promise<{ samples: Sample[]; seconds: number; failures: string[] }> {
  const base = new URL(opts.baseUrl);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const samples: Sample[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let issued = 0;
  const worker = async () => {
    while (performance.now() < deadline && issued < maxRequests) {
      issued++;
      const r = opts.next();
      const t0 = performance.now();
      const res = await send(agent, base, r, timeoutMs);
      const t1 = performance.now();
      // An answer that comes in after the deadline is not counted (the run is measured in whole seconds).
      if (t1 > deadline) break;
      samples.push({
        kind: r.kind,
        ms: t1 - t0,
        status: res.status,
        ...(res.error ? { error: res.error } : {}),
      });
      if ((res.error || res.status >= 300) && failures.length < 5)
        failures.push(`${r.kind} ${r.path} → ${res.error ?? res.status} ${res.body.slice(0, 160)}`);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  return { samples, seconds: Math.min(seconds, (performance.now() - started) / 1000), failures };
}

/** Warm-up (discarded), then the measured run; per-kind and overall figures of the measured run. */
export async function runMix(opts: MixOptions): Promise<MixResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  try {
    if (opts.warmupSec > 0)
      await phase(opts, agent, opts.warmupSec, opts.warmupMaxRequests ?? Number.POSITIVE_INFINITY);
    await opts.onMeasure?.('start');
    const { samples, seconds, failures } = await phase(
      opts,
      agent,
      opts.durationSec,
      opts.maxRequests ?? 200_000,
    );
    await opts.onMeasure?.('end');
    const kinds = [...new Set(samples.map((s) => s.kind))].sort();
    return {
      durationSec: seconds,
      overall: statsOf('all', samples, seconds),
      kinds: kinds.map((k) =>
        statsOf(
          k,
          samples.filter((s) => s.kind === k),
          seconds,
        ),
      ),
      failures,
    };
  } finally {
    agent.destroy();
  }
}
