// read env → open db → migrate → (first-run set-up) → listen → close gracefully on SIGINT/SIGTERM.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Database, openDatabase } from './db/client.js';
import { clockOf, type Env } from './env.js';
import { initCounty, isInitialised } from './modules/setup/setup.service.js';
import { AuditCheckpointer } from './platform/audit-checkpoint.js';
import { systemContext } from './platform/context.js';
import { configureSecrets } from './platform/keys.js';
import { type LocalAdmin, startLocalAdmin } from './platform/local-admin.js';

export const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
export const DEMO_COUNTY = '140322';

export interface ServeOptions {
  env: Env;
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { clock, note } = clockOf(opts.env);
  if (note) log(note);
  const keys = configureSecrets(opts.env, opts.dataDir);
  const database = await openDatabase({
    databaseUrl: opts.env.DATABASE_URL,
    ownerUrl: opts.env.DATABASE_OWNER_URL,
    dataDir: opts.dataDir,
    onPoolError: (err) => log(`数据库连接错误（将自动重连）：${err.message}`),
  });
  for (const w of database.warnings) log(`警告：${w}`);
  let app: FastifyInstance | undefined;
  let localAdmin: LocalAdmin | null = null;
  const checkpointer = new AuditCheckpointer(database.db, keys.checkpointFile);
  try {
    if (!(await isInitialised(database.db))) {
      if (opts.demo) {
        log('首次启动：正在初始化盂县组织机构与演示数据…');
        const r = await initCounty(database.db, systemContext(clock.now()), {
          countyCode: DEMO_COUNTY,
          demo: true,
          onProgress: (m) => log(`  ${m}`),
        });
        log(
          `  完成：${r.units} 个单位，${r.enterprises} 户企业，${r.revenueFacts} 条月度数据，${r.users} 个演示账号`,
        );
      } else {
        log(
          '数据库尚未初始化：请运行 `npx shenggui init --county 140322` 并用 `npx shenggui user create` 创建第一个管理员。',
        );
      }
    }
    // A signed checkpoint of the audit trail now, every minute, and at shutdown (platform/audit-checkpoint.ts).
    await checkpointer.write('start');
    checkpointer.start((e) => log(`写入审计检查点失败：${e.message}`));
    app = await buildApp({
      db: database.db,
      clock,
      logger: { level: opts.env.LOG_LEVEL },
      secureCookies: opts.env.SHENGGUI_SECURE_COOKIES,
      readCache: database.singleWriter && opts.env.SHENGGUI_READ_CACHE,
      webDist: opts.env.SHENGGUI_WEB_DIST ?? DEFAULT_WEB_DIST,
      trustedProxies: opts.env.SHENGGUI_TRUSTED_PROXIES,
      checkpointer,
    });
    const address = await app.listen({ port: opts.port, host: opts.host });
    if (database.snapshot && database.location !== 'memory')
      localAdmin = await startLocalAdmin(opts.dataDir, database.snapshot, log);
    log(`升规通已启动：http://localhost:${opts.port}（数据：${database.location}）`);
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await localAdmin?.close();
        await app?.close();
        await checkpointer.stop().catch((e: Error) => log(`写入审计检查点失败：${e.message}`));
        await database.close();
      })();
      return closing;
    };
    return { app, database, url: address, close };
  } catch (e) {
    await localAdmin?.close();
    await app?.close();
    await database.close();
    throw e;
  }
}

/** Closes the server and the database on SIGINT/SIGTERM, so PGlite flushes and the lock is released. */
export function closeOnSignals(server: RunningServer, log: (line: string) => void = console.log): void {
  const stop = (signal: string) => {
    log(`收到 ${signal}，正在关闭…`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
