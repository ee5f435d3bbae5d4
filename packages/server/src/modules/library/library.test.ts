// Libraries on the server: recompute opens and closes memberships with reasons and is idempotent, manual
// decisions survive it, lists keep to the caller's scope, and the 达规未入统 to-do follows tax figures.
import { periodOf } from '@shenggui/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';
import { runLibrariesReport } from './library.cli.js';
import { onFactsChanged, recomputeLibraries } from './library.service.js';

let env: TestEnv;
let centre: Client;
let xiushuiUser: Client;
let taxUser: Client;
let xiushuiId: number;
let nanlouId: number;
const firms: Record<string, number> = {};
let serial = 9100;

const Y = 2026; // the harness clock: 2026-11-20
const M = 1_000_000;

async function createFirm(key: string, townshipId: number, over: Record<string, unknown> = {}) {
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(serial++),
    name: `库测试${key}有限公司`,
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  firms[key] = res.json().id;
}

/** Monthly figures adding up to `total` over `months` months of `year`. */
function months(key: string, year: number, total: number, source: 'statistics' | 'tax', count = 12) {
  return Array.from({ length: count }, (_, i) => ({
    enterpriseId: firms[key]!,
    period: periodOf(year, i + 1),
    source,
    value: (total / count).toFixed(2),
  }));
}

const ctx = () => systemContext(env.clock.now());
const recompute = () => recomputeLibraries(env.database.db, ctx(), { year: Y });
const list = (client: Client, library: string, query = '') =>
  client.get(`/api/v1/libraries/${library}?year=${Y}&pageSize=200${query}`);
const idsOf = (res: { json(): { items: { enterpriseId: number }[] } }) =>
  res
    .json()
    .items.map((i) => i.enterpriseId)
    .sort((a, b) => a - b);
const countRecomputeAudits = async () => {
  const rows = await env.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(sql`${auditLog.action} = 'library.recompute'`);
  return rows[0]?.n ?? 0;
};

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  xiushuiUser = await Client.signIn(env.app, 'xiushui');
  taxUser = await Client.signIn(env.app, 'tax');
  await createFirm('A', xiushuiId); // 2025: 1,200万 → base + cultivation
  await createFirm('B', nanlouId); // 2025: 600万 → base
  await createFirm('C', xiushuiId); // 2025: 300万 → nowhere
  await createFirm('D', nanlouId, { industryCode: '0610', scaleStatus: 'above' }); // falling → at risk
  await createFirm('E', xiushuiId); // tax this year close to the line
  await createFirm('F', nanlouId, { scaleStatus: 'above' }); // healthy above-scale firm
  await insertFirstFactsBulk(
    env.database.db,
    [
      ...months('A', Y - 1, 12 * M, 'statistics'),
      ...months('A', Y, 5 * M, 'statistics', 10),
      ...months('B', Y - 1, 6 * M, 'tax'),
      ...months('B', Y, 4 * M, 'tax', 10),
      ...months('C', Y - 1, 3 * M, 'tax'),
      ...months('D', Y - 1, 30 * M, 'statistics'),
      ...months('D', Y, 10 * M, 'statistics', 10),
      ...months('E', Y - 1, 4 * M, 'tax'),
      ...months('E', Y, 18 * M, 'tax', 9),
      ...months('F', Y - 1, 40 * M, 'statistics'),
      ...months('F', Y, 36 * M, 'statistics', 10),
    ],
    { importBatchId: null, recordedBy: null, recordedAt: env.clock.now() },
  );
});
afterAll(() => env.close());

describe('recompute', () => {
  it('opens memberships with the rule and the reason', async () => {
    const r = await recompute();
    expect(r.byLibrary.base.members).toBe(2);
    expect(idsOf(await list(centre, 'base'))).toEqual([firms.A!, firms.B!].sort((a, b) => a - b));
    expect(idsOf(await list(centre, 'cultivation'))).toEqual([firms.A]);
    expect(idsOf(await list(centre, 'atRisk'))).toEqual([firms.D]);
    const a = (await list(centre, 'cultivation')).json().items[0];
    expect(a.reasons).toEqual(['2025年营业收入1,200万元，达到1,000万元']);
    expect(a.priorYearRevenue).toBe('12000000.00');
    expect(a.pathway).toBe('growth');
    expect(a.tier).toBe('C');
    const d = (await list(centre, 'atRisk')).json().items[0];
    expect(d.reasons).toContain('2026年1-10月营业收入1,000万元，同比下降60.0%（超过20%）');
    const history = await centre.get(`/api/v1/enterprises/${firms.A}/libraries`);
    expect(history.statusCode).toBe(200);
    expect(
      history
        .json()
        .items.map((i: { library: string; enteredRule: string; current: boolean }) => [
          i.library,
          i.enteredRule,
          i.current,
        ]),
    ).toEqual([
      ['base', 'base.prior_revenue', true],
      ['cultivation', 'cultivation.prior_revenue', true],
    ]);
  });

  it('is idempotent: a second run changes nothing and audits nothing', async () => {
    const audits = await countRecomputeAudits();
    expect(audits).toBe(1);
    const r = await recompute();
    expect([r.entered, r.left, r.evaluationsWritten]).toEqual([0, 0, 0]);
    expect(await countRecomputeAudits()).toBe(audits);
  });

  it('closes a membership with the reason when the firm no longer qualifies', async () => {
    const res = await centre.post(`/api/v1/enterprises/${firms.B}/scale`, {
      status: 'above',
      effectivePeriod: '2026-11',
      reason: '年度入库',
    });
    expect(res.statusCode, res.body).toBe(200);
    // The scale change itself recomputed the firm's libraries after it committed: another run finds nothing.
    expect(idsOf(await list(centre, 'base'))).toEqual([firms.A]);
    const r = await onFactsChanged(env.database.db, ctx(), [firms.B!]);
    expect([r?.left, r?.entered]).toEqual([0, 0]);
    const items = (await centre.get(`/api/v1/enterprises/${firms.B}/libraries?year=${Y}`)).json().items;
    expect(items.map((i: { library: string; current: boolean }) => [i.library, i.current])).toEqual([
      ['base', false],
      ['atRisk', true],
    ]);
    expect(items[0].leftReason).toBe('不再符合基础信息库条件：已是规上企业');
    // Now above the line on paper, with 400万元 so far this year: at risk of exit.
    expect(items[1].enteredRule).toBe('atRisk.forecast');
  });
});

describe('manual decisions', () => {
  it('a manual entry needs a reason and survives recompute', async () => {
    const body = { enterpriseId: firms.C, year: Y, library: 'cultivation', action: 'add', reason: '' };
    expect((await centre.post('/api/v1/libraries/memberships', body)).statusCode).toBe(400);
    const res = await centre.post('/api/v1/libraries/memberships', {
      ...body,
      reason: '新上生产线，走访核实',
    });
    expect(res.statusCode, res.body).toBe(200);
    await recompute();
    const c = (await list(centre, 'cultivation'))
      .json()
      .items.find((i: { enterpriseId: number }) => i.enterpriseId === firms.C);
    expect(c).toMatchObject({ manual: true, reasons: ['人工纳入：新上生产线，走访核实'], rule: null });
    expect(
      (await centre.post('/api/v1/libraries/memberships', { ...body, reason: '再次纳入' })).statusCode,
    ).toBe(409);
  });

  it('a manual removal keeps the rules from putting the firm back; reset hands it back to them', async () => {
    const body = { enterpriseId: firms.A, year: Y, library: 'base', reason: '企业已注销迁出' };
    expect(
      (await centre.post('/api/v1/libraries/memberships', { ...body, action: 'remove' })).statusCode,
    ).toBe(200);
    await recompute();
    expect(idsOf(await list(centre, 'base'))).toEqual([]);
    const reset = await centre.post('/api/v1/libraries/memberships', {
      ...body,
      action: 'reset',
      reason: '核实有误',
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(idsOf(await list(centre, 'base'))).toEqual([firms.A]);
    const base = reset.json().items.filter((i: { library: string }) => i.library === 'base');
    expect(base.map((i: { leftReason: string | null }) => i.leftReason)).toEqual([
      '人工移出：企业已注销迁出',
      null,
    ]);
  });

  it('a user chooses the pathway, with a reason', async () => {
    const res = await centre.put(`/api/v1/enterprises/${firms.A}/pathway`, {
      year: Y,
      pathway: 'merger',
      reason: '拟兼并同类企业',
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = (await list(centre, 'cultivation', '&pathway=merger')).json().items;
    expect(a.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([firms.A]);
    expect(a[0]).toMatchObject({ pathway: 'merger', pathwaySuggested: 'growth', pathwayChosen: true });
  });

  it('a stopped above-scale firm is at risk', async () => {
    expect(idsOf(await list(centre, 'atRisk'))).not.toContain(firms.F);
    const res = await centre.post(`/api/v1/enterprises/${firms.F}/operating-status`, {
      status: 'stopped',
      since: '2026-11-01',
      reason: '设备检修停产',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().operatingStatus[0]).toMatchObject({ status: 'stopped', since: '2026-11-01' });
    const f = (await list(centre, 'atRisk'))
      .json()
      .items.find((i: { enterpriseId: number }) => i.enterpriseId === firms.F);
    expect(f.reasons).toEqual(['企业停产']);
  });
});

describe('scope', () => {
  it('a township lists only its own firms and cannot see another township’s history', async () => {
    const own = idsOf(await list(xiushuiUser, 'base'));
    expect(own).toEqual([firms.A]);
    expect(idsOf(await list(xiushuiUser, 'atRisk'))).toEqual([]);
    expect((await xiushuiUser.get(`/api/v1/enterprises/${firms.D}/libraries`)).statusCode).toBe(404);
    const change = await xiushuiUser.post('/api/v1/libraries/memberships', {
      enterpriseId: firms.B,
      year: Y,
      library: 'near',
      action: 'add',
      reason: '越权尝试',
    });
    expect(change.statusCode).toBe(404);
  });

  it('exports the list as a workbook', async () => {
    const res = await centre.get(`/api/v1/libraries/base/export?year=${Y}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('达规未入统 from tax figures', () => {
  it('appears on the to-do list once a tax figure takes the year over the line', async () => {
    const before = await centre.get(`/api/v1/todo/unreported?year=${Y}`);
    expect(before.json().items).toEqual([]);
    const res = await taxUser.post(`/api/v1/enterprises/${firms.E}/revenue`, {
      period: '2026-10',
      source: 'tax',
      value: 2_500_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await centre.get(`/api/v1/todo/unreported?year=${Y}`)).json();
    expect(after.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([firms.E]);
    expect(after.items[0]).toMatchObject({
      taxRevenue: '20500000.00',
      taxMonths: 10,
      pathway: 'reached_not_reported',
      reason: '2026年1-10月税务口径销售收入2,050万元，已达到2,000万元，尚未入统',
    });
    // The township sees its own firm; another township does not.
    expect((await xiushuiUser.get(`/api/v1/todo/unreported?year=${Y}`)).json().items).toHaveLength(1);
    const nanlou = await Client.signIn(env.app, 'nanlou');
    expect((await nanlou.get(`/api/v1/todo/unreported?year=${Y}`)).json().items).toEqual([]);
    // And once the libraries are recomputed, the firm is near the line with tier A.
    await onFactsChanged(env.database.db, ctx(), [firms.E!]);
    const e = (await list(centre, 'near'))
      .json()
      .items.find((i: { enterpriseId: number }) => i.enterpriseId === firms.E);
    expect(e).toMatchObject({ tier: 'A', taxYtd: '20500000.00' });
  });
});

describe('report libraries', () => {
  it('prints every firm in a library with reasons, pathway and tier', async () => {
    const report = await runLibrariesReport(env.database.db, ctx(), { year: String(Y) });
    expect(Object.keys(report)).toEqual(['year', 'enterprises']);
    const byName = new Map(report.enterprises.map((e) => [e.name, e]));
    expect(byName.get('库测试A有限公司')).toMatchObject({
      libraries: ['base', 'cultivation'],
      pathway: 'merger',
      tier: 'C',
    });
    expect(byName.get('库测试C有限公司')).toMatchObject({
      libraries: ['cultivation'],
      reasons: ['人工纳入：新上生产线，走访核实'],
    });
    expect(byName.get('库测试B有限公司')).toMatchObject({ libraries: ['atRisk'], pathway: null, tier: null });
    // As of a date in 2025, 2025's libraries are built from 2024's figures: there are none.
    const past = await runLibrariesReport(env.database.db, ctx(), { year: '2025', asOf: '2025-06-30' });
    expect(past.enterprises.filter((e) => e.reasons.some((r) => !r.startsWith('人工')))).toEqual([]);
    await expect(runLibrariesReport(env.database.db, ctx(), { year: 'x' })).rejects.toThrow('--year');
  });
});
