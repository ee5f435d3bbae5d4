// Test harness: a fresh database per test file — PGlite in memory, or a new database on the PostgreSQL
// server named by SHENGGUI_TEST_PG (the same suite runs on both) — and an app with a movable clock.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCodeCheckChar, DEFAULT_SECURITY_SETTINGS, type Role } from '@shenggui/domain';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { type Database, MIGRATIONS_DIR, openDatabase } from '../db/client.js';
import { createUser } from '../modules/auth/auth.service.js';
import { findUnitByCode } from '../modules/org/org.repository.js';
import { putSetting } from '../modules/settings/settings.service.js';
import { initCounty } from '../modules/setup/setup.service.js';
import { configureAuditKey } from '../platform/audit.js';
import { configureTotpKey } from '../platform/auth/totp.js';
import type { Clock } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';

export const TEST_PG = process.env.SHENGGUI_TEST_PG;
export const COUNTY = '140322';

/**
 * The tests' "now": 2026-11-20 09:00 China time, or SHENGGUI_FAKE_NOW to run a file as of another day
 * (tests written against TEST_YEAR and the clock, not a literal year, pass either way).
 */
export const TEST_NOW = Date.parse(process.env.SHENGGUI_FAKE_NOW ?? '2026-11-20T09:00:00+08:00');
if (Number.isNaN(TEST_NOW))
  throw new Error(`SHENGGUI_FAKE_NOW is not a time: ${process.env.SHENGGUI_FAKE_NOW}`);
/** The year in progress on the tests' clock, in China. */
export const TEST_YEAR = new Date(TEST_NOW + 8 * 3600_000).getUTCFullYear();

export class FakeClock implements Clock {
  constructor(private t = TEST_NOW) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const TEST_AUDIT_KEY = Buffer.from('test-audit-key-0123456789abcdef0123456789');
configureAuditKey(TEST_AUDIT_KEY);
configureTotpKey(Buffer.alloc(32, 7));

/**
 * A migrated, empty PGlite cluster as a snapshot, made once per set of migrations (and PGlite version) and kept
 * in the temporary folder: creating a cluster (initdb in WebAssembly) costs seconds per test file, loading one
 * a fraction of that. Each file still gets its own database, identical to a freshly migrated one.
 */
async function pgliteTemplate(): Promise<Buffer> {
  const hash = createHash('sha256');
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = entry.slice(0, entry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length);
  hash.update(readFileSync(join(pkg, 'package.json')));
  for (const name of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    if (!/\.(sql|json)$/.test(name)) continue;
    hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name)));
  }
  const file = join(tmpdir(), `shenggui-test-pglite-${hash.digest('hex').slice(0, 16)}.tgz`);
  try {
    return readFileSync(file);
  } catch {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    const snapshot = await fresh.snapshot!();
    await fresh.close();
    // Written aside and renamed: a file running alongside reads a whole template or none.
    const part = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(part, snapshot);
    renameSync(part, file);
    return snapshot;
  }
}

export async function openTestDatabase(): Promise<Database> {
  if (!TEST_PG) return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
  const name = `sg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: TEST_PG });
      await a.connect();
      try {
        // WITH (FORCE) ends the database's other backends; an autovacuum worker that is busy on it can only be
        // ended with pg_signal_backend (npm test grants it to the test role). Without it, wait and try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await a.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (e) {
            if ((e as { code?: string }).code !== '42501' || attempt === 10) throw e;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

export const PASSWORD = 'Test@Passw0rd';

/** One user per role, on the units a real county would give them. */
export const TEST_USERS: { username: string; role: Role; unit: string }[] = [
  { username: 'centre', role: 'centre', unit: `${COUNTY}C01` },
  { username: 'xiushui', role: 'township', unit: `${COUNTY}100000` },
  { username: 'nanlou', role: 'township', unit: `${COUNTY}103000` },
  { username: 'gongxin', role: 'department', unit: `${COUNTY}D01` },
  { username: 'nengyuan', role: 'department', unit: `${COUNTY}D03` },
  { username: 'tax', role: 'tax', unit: `${COUNTY}B01` },
  { username: 'stats', role: 'statistics', unit: `${COUNTY}B02` },
  { username: 'leader', role: 'leader', unit: `${COUNTY}000000` },
  { username: 'sysadmin', role: 'sysadmin', unit: `${COUNTY}C01` },
  { username: 'secadmin', role: 'secadmin', unit: `${COUNTY}C01` },
  { username: 'auditor', role: 'auditor', unit: `${COUNTY}C01` },
];

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  clock: FakeClock;
  unitId(code: string): Promise<number>;
  close(): Promise<void>;
}

export async function createTestEnv(
  opts: { users?: boolean; readCache?: boolean; demo?: boolean } = {},
): Promise<TestEnv> {
  const database = await openTestDatabase();
  const clock = new FakeClock();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: opts.demo ?? false });
  // Every test signs in from one address: lift the per-address limit (the rate-limit test lowers it again).
  await database.db.transaction((tx) =>
    putSetting(tx, systemContext(clock.now()), 'security', {
      ...DEFAULT_SECURITY_SETTINGS,
      loginRatePerMinute: 1000,
    }),
  );
  const unitId = async (code: string) => {
    const u = await findUnitByCode(database.db, code);
    if (!u) throw new Error(`no unit ${code}`);
    return u.id;
  };
  if (opts.users !== false) {
    for (const u of TEST_USERS) {
      await createUser(database.db, systemContext(clock.now()), {
        username: u.username,
        displayName: u.username,
        password: PASSWORD,
        unitId: await unitId(u.unit),
        roles: [u.role],
        mustChangePassword: false,
      });
    }
  }
  // The read cache is on, as in the embedded deployment: every write-then-read test also checks invalidation.
  const app = await buildApp({ db: database.db, clock, readCache: opts.readCache ?? true });
  return {
    app,
    database,
    clock,
    unitId,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in client: keeps the session and CSRF cookies and sends the CSRF header on writes. */
export class Client {
  private cookies: Record<string, string> = {};
  constructor(private app: FastifyInstance) {}

  static async signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
    const c = new Client(app);
    const res = await c.request('POST', '/api/v1/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return c;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    /** Extra or replacing headers (a forged X-Forwarded-For, another session's CSRF token). */
    extra: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    const cookie = Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && this.cookies.sg_csrf) headers['x-csrf-token'] = this.cookies.sg_csrf;
    // A Buffer is a file upload (imports take the file as the raw body).
    if (Buffer.isBuffer(body)) headers['content-type'] = 'application/octet-stream';
    Object.assign(headers, extra);
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> | Buffer }),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  /** The CSRF token this client's session was given. */
  get csrf(): string | undefined {
    return this.cookies.sg_csrf;
  }
  dropCsrf(): void {
    delete this.cookies.sg_csrf;
  }
}

/** A valid GB 32100 code in region 140322 built from a serial number. */
export function testCreditCode(serial: number): string {
  const body = `91140322${String(serial).padStart(8, '0')}X`;
  return body + creditCodeCheckChar(body);
}
