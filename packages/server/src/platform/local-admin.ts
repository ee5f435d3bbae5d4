// Online backup of the embedded database. The running server holds the data folder's lock, so the
// command line cannot open the database itself: it asks the server over a local socket in the data
// folder (a named pipe on Windows). The socket is not on the network, and only whoever may read the data
// folder can reach it (mode 600) — the same people who could copy the folder. It answers one request:
// GET /backup → a consistent snapshot (db/client.ts snapshotPglite). See README, Backups.
import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join, resolve } from 'node:path';

/** Where the server listens for local administration of one data folder. */
export function localAdminPath(dataDir: string): string {
  const dir = resolve(dataDir);
  if (process.platform === 'win32')
    return `\\\\.\\pipe\\shenggui-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;
  return join(dir, 'shenggui.sock');
}

export interface LocalAdmin {
  close(): Promise<void>;
}

export async function startLocalAdmin(
  dataDir: string,
  snapshot: () => Promise<Buffer>,
  log: (line: string) => void,
): Promise<LocalAdmin | null> {
  const path = localAdminPath(dataDir);
  // Unix socket paths are limited to ~107 bytes: a deep data folder gets no online backup (said once).
  if (process.platform !== 'win32' && Buffer.byteLength(path) > 100) {
    log(`数据目录路径过长，无法提供在线备份（停止服务后再备份）：${path}`);
    return null;
  }
  if (process.platform !== 'win32') rmSync(path, { force: true }); // a socket left by a killed server
  let busy = false;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/backup') {
      res.writeHead(404).end();
      return;
    }
    if (busy) {
      res.writeHead(409, { 'content-type': 'text/plain; charset=utf-8' }).end('另一个备份正在进行');
      return;
    }
    busy = true;
    snapshot().then(
      (buffer) => {
        busy = false;
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': buffer.length });
        res.end(buffer);
      },
      (err: Error) => {
        busy = false;
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(err.message);
      },
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => ok());
  });
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        if (process.platform !== 'win32') rmSync(path, { force: true });
      }),
  };
}

/** The command line's side: asks the server running on `dataDir` for a snapshot. */
export function requestSnapshot(dataDir: string): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const req = request({ socketPath: localAdminPath(dataDir), path: '/backup', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) ok(body);
        else fail(new Error(`服务返回 ${res.statusCode}：${body.toString('utf8')}`));
      });
      res.on('error', fail);
    });
    req.on('error', (e) => fail(new Error(`无法连接正在运行的服务（${e.message}）`)));
    req.end();
  });
}
