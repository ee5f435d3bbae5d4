// Starting, signing in to and stopping the real server: the built command line
// (`node packages/server/bin/shenggui.js serve`) in a child process, on the embedded database in a data folder.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Child, spawnNode, tailOfLog } from './children.js';
import { freePort, httpRequest, LOOPBACK, sleep } from './http.js';

export const META_PATH = '/api/v1/meta';
export const DEMO_PASSWORD = 'Shenggui@2024';
/** County-wide SME-centre staff: sees every firm of the county. */
export const CENTRE_USER = 'zhongxin';

export interface ServerProcess extends Child {
  port: number;
  baseUrl: string;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
}

export interface StartOptions {
  repoRoot: string;
  dataDir: string;
  logFile: string;
  /** Pass --demo (initialises the demo county on an empty folder). */
  demo?: boolean;
  port?: number;
  extraEnv?: NodeJS.ProcessEnv;
}

/** The server's environment: ours, minus anything that would point it elsewhere than the data folder. */
function serverEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.SHENGGUI_DATA;
  delete env.PORT;
  delete env.HOST;
  delete env.NODE_OPTIONS;
  return env;
}

/** Spawns the server and returns at once (not yet listening: see `waitUntilAnswering`). */
export async function spawnServer(opts: StartOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const args = [
    join(opts.repoRoot, 'packages/server/bin/shenggui.js'),
    'serve',
    '--port',
    String(port),
    '--host',
    LOOPBACK,
    '--data',
    opts.dataDir,
  ];
  if (opts.demo) args.push('--demo');
  const spawnedAt = performance.now();
  const child = spawnNode('shenggui', args, {
    cwd: opts.repoRoot,
    logFile: opts.logFile,
    env: serverEnv(opts.extraEnv),
  });
  return Object.assign(child, { port, baseUrl: `http://${LOOPBACK}:${port}`, spawnedAt });
}

/**
 * Polls `path` until it answers 200; returns the milliseconds since the spawn. Fails early, with the tail of
 * the server's log, when the process exits first or the time runs out.
 */
export async function waitUntilAnswering(
  server: ServerProcess,
  opts: { path?: string; timeoutMs?: number; pollMs?: number } = {},
): Promise<number> {
  const path = opts.path ?? META_PATH;
  const deadline = server.spawnedAt + (opts.timeoutMs ?? 60_000);
  let last = 'no answer yet';
  while (performance.now() < deadline) {
    if (server.hasExited()) {
      const { code, signal } = await server.exited;
      throw new Error(
        `the server exited (code ${code}, signal ${signal}) before ${path} answered.\n${tailOfLog(server.logFile)}`,
      );
    }
    try {
      const res = await httpRequest(server.baseUrl + path, { timeoutMs: 5_000 });
      if (res.status === 200) return performance.now() - server.spawnedAt;
      last = `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(opts.pollMs ?? 20);
  }
  throw new Error(`${path} did not answer 200 in time (last: ${last}).\n${tailOfLog(server.logFile)}`);
}

export async function startServer(opts: StartOptions & { timeoutMs?: number }): Promise<ServerProcess> {
  const server = await spawnServer(opts);
  try {
    await waitUntilAnswering(server, { timeoutMs: opts.timeoutMs ?? 60_000 });
    return server;
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export interface Session {
  /** The Cookie header to send: sg_session and sg_csrf. */
  cookie: string;
  csrf: string | undefined;
}

/** Signs in and returns the cookies; throws with the answer when it is not 200. */
export async function login(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
  localAddress?: string,
): Promise<Session> {
  const res = await httpRequest(`${baseUrl}/api/v1/auth/login`, {
    ...(localAddress ? { localAddress } : {}),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200)
    throw new Error(`login as ${username} failed: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  const raw = res.headers['set-cookie'];
  const setCookies = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const pairs = new Map<string, string>();
  for (const c of setCookies) {
    const pair = c.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) pairs.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  if (!pairs.get('sg_session')) throw new Error(`login as ${username} set no sg_session cookie`);
  return {
    cookie: [...pairs].map(([k, v]) => `${k}=${v}`).join('; '),
    csrf: pairs.get('sg_csrf'),
  };
}
