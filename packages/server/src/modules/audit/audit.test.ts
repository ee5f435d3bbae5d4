import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { openDatabase } from '../../db/client.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';
import { purgeAudit } from './audit.service.js';

let env: TestEnv;
let centre: Client;
let xiushuiId: number;

const rows = async (query: ReturnType<typeof sql>) =>
  ((await env.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

beforeAll(async () => {
  env = await createTestEnv();
  centre = await Client.signIn(env.app, 'centre');
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(900),
    name: '盂县审计测试有限公司',
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId: xiushuiId,
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => env.close());

describe('audit trail', () => {
  it('chains every record and verifies clean', async () => {
    const r = await verifyAuditChain(env.database.db);
    expect(r.ok).toBe(true);
    expect(r.count).toBeGreaterThan(10);
  });

  it('is append-only in the database itself', async () => {
    const refused = async (query: ReturnType<typeof sql>) => {
      const e = await env.database.db.execute(query).then(
        () => null,
        (err: Error & { cause?: Error }) => err,
      );
      return String(e?.cause?.message ?? e?.message);
    };
    expect(await refused(sql`update audit_log set action = 'x' where id = 1`)).toMatch(/append-only/);
    expect(await refused(sql`delete from audit_log where id = 1`)).toMatch(/append-only/);
    expect(await refused(sql`truncate audit_log`)).toMatch(/append-only/);
  });

  it('names the first record edited behind its back', async () => {
    const [target] = await rows(
      sql`select id from audit_log where action = 'enterprise.create' order by id desc limit 1`,
    );
    const id = Number(target!.id);
    await env.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
    await env.database.db.execute(
      sql`update audit_log set after = jsonb_set(after, '{name}', '"改过的名字"') where id = ${id}`,
    );
    await env.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
    const r = await verifyAuditChain(env.database.db);
    expect(r.ok).toBe(false);
    expect(r.broken).toEqual({ id, reason: 'hash' });
    const api = await Client.signIn(env.app, 'auditor');
    expect((await api.get('/api/v1/audit/verify')).json().broken.id).toBe(id);
  });

  it('rolls the business write back when the audit insert fails', async () => {
    const before = (await centre.get('/api/v1/enterprises')).json().total;
    await env.database.db.execute(sql`
      create function fail_enterprise_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'enterprise.create' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$`);
    await env.database.db.execute(
      sql`create trigger fail_enterprise_audit before insert on audit_log for each row execute function fail_enterprise_audit()`,
    );
    try {
      const res = await centre.post('/api/v1/enterprises', {
        creditCode: testCreditCode(901),
        name: '盂县回滚测试有限公司',
        legalForm: 'enterprise',
        industryCode: '3089',
        townshipId: xiushuiId,
      });
      expect(res.statusCode).toBe(500);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await env.database.db.execute(sql`drop trigger fail_enterprise_audit on audit_log`);
      await env.database.db.execute(sql`drop function fail_enterprise_audit()`);
    }
    expect((await centre.get('/api/v1/enterprises')).json().total).toBe(before);
    const left = await rows(
      sql`select count(*)::int as n from enterprises where name = '盂县回滚测试有限公司'`,
    );
    expect(left[0]!.n).toBe(0);
  });

  it('refuses to purge records younger than 180 days', async () => {
    const ctx = systemContext(env.clock.now());
    await expect(
      purgeAudit(env.database.db, ctx, new Date(env.clock.now().getTime() - 100 * 86_400_000)),
    ).rejects.toThrow(/180天/);
    const n = await purgeAudit(env.database.db, ctx, new Date(env.clock.now().getTime() - 200 * 86_400_000));
    expect(n).toBe(0);
  });

  it('lets the auditor find an attempt to open another township’s firm, and no one else read the trail', async () => {
    const nanlou = await Client.signIn(env.app, 'nanlou');
    const list = (await centre.get('/api/v1/enterprises')).json();
    const firm = list.items.find((e: { name: string }) => e.name === '盂县审计测试有限公司');
    expect((await nanlou.get(`/api/v1/enterprises/${firm.id}`)).statusCode).toBe(404);
    const auditor = await Client.signIn(env.app, 'auditor');
    const found = (await auditor.get(`/api/v1/audit?actor=nanlou&action=access.out_of_scope`)).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].enterpriseName).toBe('盂县审计测试有限公司');
    expect(found.items[0].actionLabel).toBe('访问范围外数据被拒绝');
    const exported = await auditor.get('/api/v1/audit/export?action=access');
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    for (const who of ['sysadmin', 'secadmin', 'centre']) {
      const c = await Client.signIn(env.app, who);
      expect((await c.get('/api/v1/audit')).statusCode, who).toBe(403);
    }
  });
});

describe('shenggui audit verify', () => {
  it('prints OK with the count, then names the tampered record with a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-cli-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['init', '--county', COUNTY, '--data', dir, '--json'])).toBe(0);
      log.mockClear();
      expect(await main(['audit', 'verify', '--json', '--data', dir])).toBe(0);
      const ok = JSON.parse(String(log.mock.calls.at(-1)?.[0]));
      expect(ok.ok).toBe(true);
      expect(ok.count).toBeGreaterThan(20);

      const database = await openDatabase({ dataDir: dir });
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
      await database.db.execute(sql`update audit_log set action = 'tampered' where id = 5`);
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
      await database.close();

      log.mockClear();
      expect(await main(['audit', 'verify', '--json', '--data', dir])).toBe(4);
      const bad = JSON.parse(String(log.mock.calls.at(-1)?.[0]));
      expect(bad.broken).toEqual({ id: 5, reason: 'hash' });
      log.mockClear();
      expect(await main(['audit', 'verify', '--data', dir])).toBe(4);
      expect(String(log.mock.calls.at(-1)?.[0])).toContain('#5');
    } finally {
      log.mockRestore();
      err.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // four opens of an embedded data folder: seconds each on a loaded machine
});
