// Starts bench/lib/bare-fastify.ts in a child process (through tsx, like the rest of the benchmark).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnNode } from './children.js';
import { freePort, LOOPBACK } from './http.js';
import { type ServerProcess, waitUntilAnswering } from './server.js';

export async function startBareFastify(opts: {
  repoRoot: string;
  bodyFile: string;
  logFile: string;
  /** A path the bare app answers, polled until it answers 200. */
  readyPath: string;
  /** The route it serves the body on (default the enterprise list's). */
  route?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawnNode(
    'bare-fastify',
    [
      '--import',
      'tsx',
      join(opts.repoRoot, 'bench/lib/bare-fastify.ts'),
      '--port',
      String(port),
      '--host',
      LOOPBACK,
      '--body',
      opts.bodyFile,
      ...(opts.route ? ['--route', opts.route] : []),
    ],
    { cwd: opts.repoRoot, logFile: opts.logFile },
  );
  const server = Object.assign(child, { port, baseUrl: `http://${LOOPBACK}:${port}`, spawnedAt });
  try {
    await waitUntilAnswering(server, { path: opts.readyPath, timeoutMs: 30_000 });
    return server;
  } catch (e) {
    await server.stop();
    throw e;
  }
}
