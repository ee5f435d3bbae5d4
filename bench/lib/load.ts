// HTTP load with autocannon, in this process: a fixed number of keep-alive connections on loopback, a warm-up
// whose figures are thrown away, then a bounded measured run. The server under test runs in a child process,
// so on a 2-core machine the load generator and the server each have a core.
import autocannon from 'autocannon';
import { httpRequest } from './http.js';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second of the measured run. */
  requestsPerSec: number;
  requests2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyAvgMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  bytesPerSec: number;
  durationSec: number;
}

function once(opts: LoadOptions, durationSec: number): Promise<autocannon.Result> {
  return autocannon({
    url: opts.url,
    method: 'GET',
    headers: opts.headers ?? {},
    connections: opts.connections,
    pipelining: 1,
    duration: durationSec,
    timeout: 10,
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  if (opts.warmupSec > 0) {
    await once(opts, opts.warmupSec);
    // autocannon drops the requests still in flight when its time is up, but a slow server goes on working
    // through them. One awaited request queues behind that backlog: once it answers, the server is idle
    // and the measured run starts clean.
    await httpRequest(opts.url, { headers: opts.headers ?? {}, timeoutMs: 120_000 });
  }
  const r = await once(opts, opts.durationSec);
  const seconds = r.duration > 0 ? r.duration : opts.durationSec;
  return {
    requestsPerSec: r['2xx'] / seconds,
    requests2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyAvgMs: r.latency.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
    bytesPerSec: r.throughput.average,
    durationSec: seconds,
  };
}
