// Starts the built server (packages/server/dist) on a free port with a fresh demo data folder, on the
// tests' clock (clock.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { e2eNow } from './clock.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface E2eServer {
  url: string;
  dataDir: string;
  output: () => string;
  /** Stops the server; the data folder is removed unless `keepData` (to start again on it). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * A server with the demo county: a fresh copy of the run's demo folder (e2e/global-setup.ts), or with `fresh`
 * an empty folder the server sets up on first start. `dataDir` starts it again on a folder a stopped server
 * kept; `now` starts its clock at another instant (a later day, to see deadlines pass).
 */
export async function startServer(
  opts: { dataDir?: string; now?: Date; fresh?: boolean } = {},
): Promise<E2eServer> {
  const port = await freePort();
  let dataDir = opts.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-e2e-'));
    const template = process.env.SHENGGUI_E2E_TEMPLATE;
    if (template && !opts.fresh) cpSync(template, dataDir, { recursive: true });
  }
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    TZ: 'Asia/Shanghai',
    SHENGGUI_FAKE_NOW: (opts.now ?? e2eNow()).toISOString(),
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'packages/server/bin/shenggui.js'),
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
      '--demo',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // The demo set-up takes about 40 s on a quiet machine, several times that on a busy one.
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/v1/meta`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => log,
    stop: async (stopOpts) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!stopOpts?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
