// Opens the database: embedded PGlite in a data folder (the default), or PostgreSQL when DATABASE_URL is set.
// One dialect everywhere; callers get a Drizzle `Db` and never know which driver is behind it.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: repositories take this so services decide the transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Only this process can write (PGlite's folder lock): in-memory caches may trust their own invalidation. */
  singleWriter: boolean;
  /** Where the data lives, for messages: a folder or a redacted URL. */
  location: string;
  /** Things the operator should fix, logged at start (e.g. the application role owns the audit table). */
  warnings: string[];
  /** PGlite only: a consistent snapshot of the data folder as a gzipped tar (see `shenggui backup`). */
  snapshot?: () => Promise<Buffer>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export class DataFolderLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`数据目录已被另一个进程（PID ${pid}）使用：${lockFile}。请先停止该进程，或使用其他 --data 目录。`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a second open in the same process is refused like another process's. */
const heldLocks = new Set<string>();

/** PGlite does not lock its folder: we take a lock file, and refuse when a live process holds it. */
function takeLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'shenggui.lock');
  if (heldLocks.has(lockFile)) throw new DataFolderLockedError(lockFile, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldLocks.add(lockFile);
      return () => {
        heldLocks.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new DataFolderLockedError(lockFile, pid);
      }
      // A stale lock from a process that died: take it over.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`cannot take lock ${lockFile}`);
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL: the owner role's URL. Migrations run as the owner, who then grants the application role
   * (DATABASE_URL's user) the tables — but only SELECT and INSERT on the audit table.
   */
  ownerUrl?: string | undefined;
  /** A folder for PGlite, or 'memory://' for a throwaway database (tests). */
  dataDir?: string;
  /** PGlite in memory only: start from this snapshot (`snapshot()`'s gzipped tar) instead of an empty cluster. */
  loadDataDir?: Buffer;
  onPoolError?: (err: Error) => void;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** As the owner: migrate, then give the application role what it needs and no more on the audit table. */
async function migrateAsOwner(ownerUrl: string, appRole: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    await migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
    const owner = (await pool.query<{ u: string }>('select current_user as u')).rows[0]!.u;
    if (owner === appRole) return;
    const role = quoteIdent(appRole);
    await pool.query(`grant usage on schema public to ${role}`);
    await pool.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await pool.query(`grant usage, select on all sequences in schema public to ${role}`);
    await pool.query(`revoke update, delete, truncate, references, trigger on audit_log from ${role}`);
  } finally {
    await pool.end();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const url = new URL(opts.databaseUrl);
    if (opts.ownerUrl) await migrateAsOwner(opts.ownerUrl, decodeURIComponent(url.username));
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // Without a listener an idle client's error (e.g. the server restarting) would kill the process.
    pool.on('error', (err) => opts.onPoolError?.(err));
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    const warnings: string[] = [];
    try {
      if (!opts.ownerUrl) await migrateNodePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
      const owns = await pool.query<{ owns: boolean }>(
        `select pg_get_userbyid(relowner) = current_user as owns from pg_class where relname = 'audit_log' and relkind = 'r'`,
      );
      if (owns.rows[0]?.owns)
        warnings.push(
          '应用以审计表所有者身份连接数据库：所有者可以绕过只追加触发器删除审计记录。生产环境请设置 DATABASE_OWNER_URL（所有者，仅用于迁移）并让 DATABASE_URL 使用另一个角色（见 README 安全一节）。',
        );
    } catch (e) {
      await pool.end();
      throw e;
    }
    url.password = url.password ? '***' : '';
    return {
      db,
      driver: 'postgres',
      singleWriter: false,
      location: url.toString(),
      warnings,
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? './data';
  const memory = dataDir.startsWith('memory://');
  const release = memory ? () => {} : takeLock(resolve(dataDir));
  try {
    // 32 MB of shared buffers instead of 128: a county's database is tens of MB, and RSS is the budget.
    const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
    const client = memory
      ? new PGlite({
          startParams,
          ...(opts.loadDataDir ? { loadDataDir: new Blob([new Uint8Array(opts.loadDataDir)]) } : {}),
        })
      : new PGlite(resolve(dataDir, 'pg'), { startParams });
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    let closed = false;
    return {
      db,
      driver: 'pglite',
      singleWriter: true,
      location: memory ? 'memory' : resolve(dataDir),
      warnings: [],
      snapshot: () => snapshotPglite(client),
      close: async () => {
        if (closed) return;
        closed = true;
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * A consistent copy of the embedded database while it runs: no transaction is open while it is taken
 * (PGlite's transaction lock is held), a CHECKPOINT flushes every committed page, then the folder is
 * dumped as a gzipped tar that `restoreDataFolder` (and PGlite's loadDataDir) reads back.
 */
async function snapshotPglite(client: PGlite): Promise<Buffer> {
  return client.transaction(async (tx) => {
    await tx.exec('checkpoint');
    const blob = await client.dumpDataDir('gzip');
    return Buffer.from(await blob.arrayBuffer());
  });
}

/** Unpacks a snapshot into an empty data folder (the server is not running on it). */
export async function restoreDataFolder(dataDir: string, snapshot: Buffer): Promise<void> {
  const target = resolve(dataDir, 'pg');
  if (existsSync(join(target, 'PG_VERSION')))
    throw new Error(`目标目录已有数据库：${target}。请指定一个新的空目录。`);
  const release = takeLock(resolve(dataDir));
  try {
    const client = new PGlite(target, { loadDataDir: new Blob([new Uint8Array(snapshot)]) });
    await client.waitReady;
    await client.close();
  } finally {
    release();
  }
}

/**
 * Refreshes planner statistics after bulk loads. PGlite has no autovacuum: without this the planner
 * believes freshly loaded tables are empty and picks plans hundreds of times slower.
 */
export async function analyze(db: Executor): Promise<void> {
  await db.execute(sql`analyze`);
}
