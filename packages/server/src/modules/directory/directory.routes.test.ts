import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, scaleStatusHistory } from '../../db/schema.js';
import { Client, COUNTY, createTestEnv, type TestEnv } from '../../test/harness.js';
import { createFirm, registerProgressSlice } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let stats: Client;
let xiushui: Client;
let xiushuiId: number;
let nanlouId: number;

const annual = (enterpriseId: number, approvalDate = '2026-01-15', effectivePeriod = '2026-01') => ({
  enterpriseId,
  type: 'entry',
  mode: 'annual',
  batch: '2025年12月批',
  approvalDate,
  effectivePeriod,
});
const exit = (enterpriseId: number, approvalDate = '2026-03-10', effectivePeriod = '2026-03') => ({
  enterpriseId,
  type: 'exit',
  exitReason: 'stopped',
  approvalDate,
  effectivePeriod,
});

beforeAll(async () => {
  env = await createTestEnv();
  await registerProgressSlice(env.app, env.database.db);
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  stats = await Client.signIn(env.app, 'stats');
  xiushui = await Client.signIn(env.app, 'xiushui');
});
afterAll(() => env.close());

async function statusOf(id: number) {
  const rows = await env.database.db.select().from(enterprises).where(eq(enterprises.id, id));
  return rows[0]!.scaleStatus;
}

describe('recording entries and exits', () => {
  it('an entry makes the firm 规上, writes its scale history and an audit record', async () => {
    const id = await createFirm(centre, { townshipId: xiushuiId });
    const res = await stats.post('/api/v1/directory-events', annual(id));
    expect(res.statusCode, res.body).toBe(201);
    const event = res.json();
    expect(event).toMatchObject({
      type: 'entry',
      modeLabel: '年度入库',
      batch: '2025年12月批',
      voided: false,
    });
    expect(await statusOf(id)).toBe('above');
    const history = await env.database.db
      .select()
      .from(scaleStatusHistory)
      .where(eq(scaleStatusHistory.enterpriseId, id))
      .orderBy(desc(scaleStatusHistory.id));
    expect(history[0]).toMatchObject({
      status: 'above',
      effectivePeriod: '2026-01',
      reason: '年度入库（2025年12月批）',
    });
    const audit = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'directory.entry'), eq(auditLog.enterpriseId, id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toEqual({ scaleStatus: 'below' });
    expect((audit[0]!.after as { scaleStatus: string }).scaleStatus).toBe('above');
  });

  it('an exit makes the firm 规下; a second exit is refused with a reason', async () => {
    const id = await createFirm(centre, { townshipId: xiushuiId, scaleStatus: 'above' });
    const first = await centre.post('/api/v1/directory-events', exit(id));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().exitReasonLabel).toBe('停产');
    expect(await statusOf(id)).toBe('below');
    const second = await centre.post('/api/v1/directory-events', exit(id, '2026-04-10', '2026-04'));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/规下企业.*不能退库/);
  });

  it('refuses contradictions with a Chinese reason and changes nothing', async () => {
    const above = await createFirm(centre, { townshipId: xiushuiId, scaleStatus: 'above' });
    const individual = await createFirm(centre, { townshipId: xiushuiId, legalForm: 'individual' });
    const old = await createFirm(centre, { townshipId: xiushuiId, productionStartedOn: '2019-05-01' });
    const cases: [unknown, number, RegExp][] = [
      [annual(above), 409, /已是规上企业/],
      [annual(individual), 409, /个体工商户/],
      [{ ...annual(old), mode: 'monthly', effectivePeriod: '2026-06' }, 409, /月度入库仅限2025年10月1日以后/],
      [annual(old, '2026-11-21'), 400, /晚于今天/],
      [{ ...annual(old), mode: undefined }, 400, /入库方式/],
    ];
    for (const [body, status, message] of cases) {
      const res = await stats.post('/api/v1/directory-events', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    expect(await statusOf(above)).toBe('above');
    expect(await statusOf(old)).toBe('below');
  });

  it('accepts a monthly entry of a firm producing since 1 October of the prior year', async () => {
    const id = await createFirm(centre, { townshipId: xiushuiId, productionStartedOn: '2025-10-01' });
    const res = await stats.post('/api/v1/directory-events', {
      ...annual(id, '2026-05-20', '2026-06'),
      mode: 'monthly',
      batch: '2026年5月批',
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('a township user may not record', async () => {
    const id = await createFirm(centre, { townshipId: xiushuiId });
    const res = await xiushui.post('/api/v1/directory-events', annual(id));
    expect(res.statusCode).toBe(403);
  });
});

describe('voiding', () => {
  it('voids the latest event only, restores the status, and never twice', async () => {
    const id = await createFirm(centre, { townshipId: xiushuiId });
    const entry = (await stats.post('/api/v1/directory-events', annual(id))).json();
    const ex = (await stats.post('/api/v1/directory-events', exit(id))).json();
    expect(await statusOf(id)).toBe('below');

    const early = await stats.post(`/api/v1/directory-events/${entry.id}/void`, { reason: '误录' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/先作废较晚/);

    const v = await stats.post(`/api/v1/directory-events/${ex.id}/void`, { reason: '退库批复被撤回' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ voided: true, voidReason: '退库批复被撤回' });
    expect(await statusOf(id)).toBe('above');

    const again = await stats.post(`/api/v1/directory-events/${ex.id}/void`, { reason: '再次' });
    expect(again.statusCode).toBe(409);

    const v2 = await stats.post(`/api/v1/directory-events/${entry.id}/void`, { reason: '误录' });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(await statusOf(id)).toBe('below');

    const audit = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'directory.void'), eq(auditLog.enterpriseId, id)));
    expect(audit).toHaveLength(2);

    const list = (await centre.get(`/api/v1/enterprises/${id}/directory-events`)).json();
    expect(list.items.map((e: { voided: boolean }) => e.voided)).toEqual([true, true]);
  });
});

describe('reading through the data scope', () => {
  it('a township sees its own firms’ events only; another township’s firm answers 404', async () => {
    const own = await createFirm(centre, { townshipId: xiushuiId });
    const other = await createFirm(centre, { townshipId: nanlouId });
    await stats.post('/api/v1/directory-events', annual(own));
    await stats.post('/api/v1/directory-events', annual(other));

    const mine = (await xiushui.get('/api/v1/directory-events?pageSize=200')).json();
    const ids = mine.items.map((e: { enterpriseId: number }) => e.enterpriseId);
    expect(ids).toContain(own);
    expect(ids).not.toContain(other);
    expect(mine.items.every((e: { townshipId: number }) => e.townshipId === xiushuiId)).toBe(true);

    const all = (await centre.get('/api/v1/directory-events?pageSize=200')).json();
    expect(all.total).toBeGreaterThan(mine.total);

    expect((await xiushui.get(`/api/v1/enterprises/${other}/directory-events`)).statusCode).toBe(404);
    expect((await xiushui.get(`/api/v1/enterprises/${own}/directory-events`)).statusCode).toBe(200);
  });

  it('filters by type and year and exports a workbook', async () => {
    const exits = (await centre.get('/api/v1/directory-events?type=exit&year=2026&pageSize=200')).json();
    expect(exits.items.length).toBeGreaterThan(0);
    expect(exits.items.every((e: { type: string }) => e.type === 'exit')).toBe(true);
    const none = (await centre.get('/api/v1/directory-events?year=2020')).json();
    expect(none.total).toBe(0);
    const xlsx = await centre.get('/api/v1/directory-events/export?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
