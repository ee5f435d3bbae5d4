// The demo county every case runs on: one data folder per run, initialised by the server's own first start
// with --demo (about 300 synthetic firms, demo accounts). Made once, on first use, by whichever case needs it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnServer, waitUntilAnswering } from './server.js';
import type { BenchContext } from './types.js';

export interface DemoData {
  dataDir: string;
  /** Milliseconds from spawning `serve --demo` on the empty folder to GET /api/v1/meta answering 200. */
  firstStartMs: number;
}

let pending: Promise<DemoData> | undefined;

export function demoData(ctx: BenchContext): Promise<DemoData> {
  pending ??= init(ctx);
  return pending;
}

async function init(ctx: BenchContext): Promise<DemoData> {
  const dataDir = join(ctx.tmpRoot, 'data');
  mkdirSync(dataDir, { recursive: true });
  ctx.log('  initialising the demo county (first start with --demo on an empty data folder)…');
  const server = await spawnServer({
    repoRoot: ctx.repoRoot,
    dataDir,
    demo: true,
    logFile: join(ctx.tmpRoot, 'server-first-start.log'),
  });
  try {
    const firstStartMs = await waitUntilAnswering(server, { timeoutMs: 600_000, pollMs: 50 });
    return { dataDir, firstStartMs };
  } finally {
    // SIGTERM: the server closes the embedded database cleanly and releases the folder's lock.
    await server.stop();
  }
}
