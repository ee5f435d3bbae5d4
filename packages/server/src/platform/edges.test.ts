// The edges an attacker or a careless operator finds: forged X-Forwarded-For, a CSRF token from another
// session, NUL and lone surrogates in text (400 on every route, audited at sign-in), periods out of
// range, a database that went away (503 + Retry-After), an audit key missing on PostgreSQL, and an
// oversized file handed to the command line.
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionsOf, type Role } from '@shenggui/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app.js';
import { main } from '../cli/main.js';
import {
  Client,
  COUNTY,
  createTestEnv,
  openTestDatabase,
  TEST_USERS,
  type TestEnv,
  testCreditCode,
} from '../test/harness.js';
import { declaredRoutes } from './auth/access.js';
import { AuditKeyMissingError, loadMasterKey } from './keys.js';
import { BAD_TEXT_MESSAGE } from './text-guard.js';

let env: TestEnv;
let tmp: string;

const lastFailedSignIn = async () =>
  (
    (await env.database.db.execute(
      sql`select ip, after from audit_log where action = 'auth.login.failed' order by id desc limit 1`,
    )) as unknown as { rows: { ip: string; after: { username: string | null; reason?: string } }[] }
  ).rows[0]!;

beforeAll(async () => {
  env = await createTestEnv();
  tmp = mkdtempSync(join(tmpdir(), 'sg-edges-'));
});
afterAll(async () => {
  await env.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('client address', () => {
  it('ignores a forged X-Forwarded-For for the sign-in limit and the audit trail', async () => {
    const sec = await Client.signIn(env.app, 'secadmin');
    const current = (await sec.get('/api/v1/settings/security')).json();
    expect(
      (await sec.put('/api/v1/settings/security', { ...current, loginRatePerMinute: 3 })).statusCode,
    ).toBe(200);
    try {
      const app = await buildApp({ db: env.database.db, clock: env.clock });
      try {
        const statuses: number[] = [];
        for (let i = 1; i <= 4; i++) {
          const res = await new Client(app).request(
            'POST',
            '/api/v1/auth/login',
            { username: 'xiushui', password: 'wrong' },
            { 'x-forwarded-for': `198.51.100.${i}` },
          );
          statuses.push(res.statusCode);
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
        expect((await lastFailedSignIn()).ip).toBe('127.0.0.1');
      } finally {
        await app.close();
      }
      // Behind a proxy named in SHENGGUI_TRUSTED_PROXIES, its header is believed.
      const proxied = await buildApp({
        db: env.database.db,
        clock: env.clock,
        trustedProxies: ['127.0.0.1'],
      });
      try {
        await new Client(proxied).request(
          'POST',
          '/api/v1/auth/login',
          { username: 'nobody', password: 'wrong' },
          { 'x-forwarded-for': '203.0.113.9' },
        );
        expect((await lastFailedSignIn()).ip).toBe('203.0.113.9');
      } finally {
        await proxied.close();
      }
    } finally {
      await sec.put('/api/v1/settings/security', current);
    }
  });
});

describe('CSRF', () => {
  it('accepts only the token of the session itself', async () => {
    const a = await Client.signIn(env.app, 'secadmin');
    const b = await Client.signIn(env.app, 'secadmin'); // the same user, another session
    const target = (await a.get('/api/v1/users?q=xiushui')).json().items[0].id;
    const url = `/api/v1/users/${target}/unlock`;
    expect(a.csrf).not.toBe(b.csrf);
    expect((await a.request('POST', url, {}, { 'x-csrf-token': b.csrf! })).statusCode).toBe(403);
    expect((await a.request('POST', url, {}, { 'x-csrf-token': 'made-up' })).statusCode).toBe(403);
    expect((await a.request('POST', url, {})).statusCode).toBe(200);
  });
});

describe('text that cannot be stored', () => {
  const clients = new Map<string, Client>();
  async function clientFor(access: string): Promise<Client> {
    if (access === 'public') return new Client(env.app);
    const user =
      access === 'authenticated'
        ? TEST_USERS[0]!
        : TEST_USERS.find((u) => permissionsOf([u.role as Role]).includes(access as never));
    if (!user) throw new Error(`no test user holds ${access}`);
    let c = clients.get(user.username);
    if (!c) {
      c = await Client.signIn(env.app, user.username);
      clients.set(user.username, c);
    }
    return c;
  }
  const PARAMS: Record<string, string> = {
    year: '2026',
    kind: 'revenue',
    library: 'base',
    token: 'tok',
    item: 'basic_info',
  };
  const fill = (url: string) => url.replace(/:([A-Za-z]+)/g, (_, name: string) => PARAMS[name] ?? '1');

  for (const part of ['query', 'body'] as const) {
    it(`answers 400 on every route for NUL or a lone surrogate in the ${part}`, async () => {
      const problems: string[] = [];
      let walked = 0;
      for (const route of declaredRoutes(env.app)) {
        if (part === 'body' && route.method === 'GET') continue;
        const client = await clientFor(route.access);
        const url = fill(route.url);
        const res =
          part === 'query'
            ? await client.request(
                route.method as 'GET',
                `${url}${url.includes('?') ? '&' : '?'}q=a%00b`,
                route.method === 'GET' ? undefined : {},
              )
            : await client.request(route.method as 'POST', url, {
                name: 'a\u0000b',
                reason: '\ud800',
                nested: [{ x: '\udc00' }],
              });
        walked++;
        if (res.statusCode !== 400 || !res.json().error.message.includes(BAD_TEXT_MESSAGE))
          problems.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      expect(walked).toBeGreaterThan(part === 'query' ? 60 : 30);
      expect(problems).toEqual([]);
    });
  }

  it('audits a sign-in refused for its body, and every malformed one', async () => {
    const anon = new Client(env.app);
    const nul = await anon.request('POST', '/api/v1/auth/login', {
      username: 'xiu\u0000shui',
      password: 'x',
    });
    expect(nul.statusCode).toBe(400);
    expect((await lastFailedSignIn()).after).toEqual({ username: 'xiu\ufffdshui', reason: 'malformed' });
    const notJson = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "centre", ',
    });
    expect(notJson.statusCode).toBe(400);
    expect((await lastFailedSignIn()).after).toEqual({ username: null, reason: 'malformed' });
    const missing = await anon.request('POST', '/api/v1/auth/login', { username: 'centre' });
    expect(missing.statusCode).toBe(400);
    expect((await lastFailedSignIn()).after).toEqual({ username: 'centre', reason: 'malformed' });
  });
});

describe('periods', () => {
  it('accepts revenue only for 2000-01 … December of next year', async () => {
    const centre = await Client.signIn(env.app, 'centre');
    const firm = await centre.post('/api/v1/enterprises', {
      creditCode: testCreditCode(7001),
      name: '盂县期间测试有限公司',
      legalForm: 'enterprise',
      industryCode: '3089',
      townshipId: await env.unitId(`${COUNTY}100000`),
    });
    expect(firm.statusCode).toBe(201);
    const post = (period: string) =>
      centre.post(`/api/v1/enterprises/${firm.json().id}/revenue`, { period, source: 'self', value: 1000 });
    const next = new Date().getFullYear() + 1;
    for (const period of ['1899-01', '1999-12', `${next + 1}-01`]) {
      const res = await post(period);
      expect(res.statusCode, period).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ path: 'period' });
      expect(res.json().error.message).toContain(`2000-01 至 ${next}-12`);
    }
    expect((await post('2000-01')).statusCode).toBe(201);
  });
});

describe('a database outage', () => {
  it('answers 503 with Retry-After', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({ db: database.db, readCache: false });
    try {
      await database.close();
      const res = await app.inject({ method: 'GET', url: '/api/v1/meta' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('UNAVAILABLE');
    } finally {
      await app.close();
    }
  }, 120_000); // a database of its own to break: opening one takes long on a loaded machine
});

describe('deployment safety', () => {
  it('refuses to start on PostgreSQL without a configured audit key, writing nothing', () => {
    const dir = join(tmp, 'pg-nokey');
    expect(() => loadMasterKey({ DATABASE_URL: 'postgres://app:x@127.0.0.1:5432/shenggui' }, dir)).toThrow(
      AuditKeyMissingError,
    );
    expect(existsSync(join(dir, 'audit.key'))).toBe(false);
  });

  it('the command line refuses an oversized file before reading it', async () => {
    const dir = join(tmp, 'cli-big');
    const big = join(tmp, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 31 * 1024 * 1024); // sparse: 31 MB on paper, nothing to read
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['import', 'revenue', big, '--source', 'self', '--data', dir])).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/文件过大.*31\.0 MB.*30 MB/);
      expect(existsSync(join(dir, 'pg'))).toBe(false); // not even the database was opened
    } finally {
      err.mockRestore();
    }
  });
});
