import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let xiushuiId: number;
let nanlouId: number;
let firmInXiushui: number;
let firmInNanlou: number;

const base = (serial: number, townshipId: number, extra: Record<string, unknown> = {}) => ({
  creditCode: testCreditCode(serial),
  name: `盂县测试${serial}耐火材料有限公司`,
  legalForm: 'enterprise',
  industryCode: '3089',
  townshipId,
  ...extra,
});

beforeAll(async () => {
  env = await createTestEnv();
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  const a = await centre.post('/api/v1/enterprises', base(1, xiushuiId, { address: '秀水镇工业园1号' }));
  expect(a.statusCode, a.body).toBe(201);
  firmInXiushui = a.json().id;
  const b = await centre.post('/api/v1/enterprises', base(2, nanlouId, { industryCode: '0610' }));
  expect(b.statusCode, b.body).toBe(201);
  firmInNanlou = b.json().id;
});
afterAll(() => env.close());

describe('enterprise registry', () => {
  it('creates a firm with the supervising unit suggested from the industry', async () => {
    const res = await centre.get(`/api/v1/enterprises/${firmInNanlou}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.supervisingUnitName).toBe('县能源局');
    expect(body.industryName).toBe('烟煤和无烟煤开采洗选');
    expect(body.scaleHistory).toHaveLength(1);
    const own = await centre.get(`/api/v1/enterprises/${firmInXiushui}`);
    expect(own.json().supervisingUnitName).toBe('县工信局');
  });

  it('suggests the supervising unit the save would choose, with the rule’s reason (placeFirm)', async () => {
    const res = await xiushui.get(
      `/api/v1/enterprises/supervising-suggestion?industryCode=0610&townshipId=${xiushuiId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unitName).toBe('县能源局');
    expect(res.json().reason).toBe('行业代码0610以06开头，按规则由县能源局主管');
    const zone = await centre.get(
      `/api/v1/enterprises/supervising-suggestion?industryCode=3089&townshipId=${xiushuiId}&inZone=true`,
    );
    expect(zone.json().reason).toMatch(/^企业位于开发区，由.+主管$/);
    // A township places firms only in itself, with the form's verb.
    const other = await xiushui.post('/api/v1/enterprises', base(3, nanlouId));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0]).toEqual({ path: 'townshipId', message: '只能登记本乡镇的企业' });
  });

  it('scopes the list and the detail to the township', async () => {
    const list = await xiushui.get('/api/v1/enterprises');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((e: { id: number }) => e.id);
    expect(ids).toContain(firmInXiushui);
    expect(ids).not.toContain(firmInNanlou);
    expect(list.json().total).toBe(1);
    expect((await xiushui.get(`/api/v1/enterprises/${firmInNanlou}`)).statusCode).toBe(404);
    expect((await xiushui.get(`/api/v1/enterprises/${firmInNanlou}/revenue`)).statusCode).toBe(404);
    expect((await nanlou.get(`/api/v1/enterprises/${firmInNanlou}`)).statusCode).toBe(200);
    const centreList = await centre.get('/api/v1/enterprises');
    expect(centreList.json().total).toBe(2);
  });

  it('scopes a department to the firms it supervises', async () => {
    const energy = await Client.signIn(env.app, 'nengyuan');
    const ids = (await energy.get('/api/v1/enterprises')).json().items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([firmInNanlou]);
    expect((await energy.get(`/api/v1/enterprises/${firmInXiushui}`)).statusCode).toBe(404);
  });

  it('refuses a township user registering a firm in another township', async () => {
    const res = await xiushui.post('/api/v1/enterprises', base(3, nanlouId));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('townshipId');
  });

  it('refuses edits to a firm outside the scope with 404 and leaves it unchanged', async () => {
    const res = await xiushui.put(`/api/v1/enterprises/${firmInNanlou}`, {
      ...base(2, nanlouId),
      name: '改名企业有限公司',
    });
    expect(res.statusCode).toBe(404);
    expect((await centre.get(`/api/v1/enterprises/${firmInNanlou}`)).json().name).toBe(
      '盂县测试2耐火材料有限公司',
    );
  });

  it.each([
    ['creditCode', { creditCode: '91140322MA0L12345' }, '18位'],
    ['creditCode', { creditCode: '91140322MA0LI2345X' }, '不允许'],
    ['industryCode', { industryCode: '5110' }, 'GB/T 4754'],
    ['industryCode', { industryCode: '308' }, '小类'],
    ['townshipId', { townshipId: 999_999 }, '本县'],
    ['foundedOn', { foundedOn: '2024-02-30' }, '有效日期'],
  ])('rejects a bad %s with a Chinese message naming the field', async (field, patch, text) => {
    const before = (await centre.get('/api/v1/enterprises')).json().total;
    const res = await centre.post('/api/v1/enterprises', { ...base(10, xiushuiId), ...patch });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION');
    expect(err.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(JSON.stringify(err)).toContain(text);
    expect((await centre.get('/api/v1/enterprises')).json().total).toBe(before);
  });

  it('accepts a legacy code failing only the check character when confirmed, and flags it', async () => {
    const good = testCreditCode(20);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const refused = await centre.post('/api/v1/enterprises', { ...base(20, xiushuiId), creditCode: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toContain('校验位');
    const ok = await centre.post('/api/v1/enterprises', {
      ...base(20, xiushuiId),
      creditCode: bad,
      confirmLegacyCode: true,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().creditCodeFlagged).toBe(true);
  });

  it('refuses a duplicate credit code with 409', async () => {
    const res = await centre.post('/api/v1/enterprises', base(1, xiushuiId));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].path).toBe('creditCode');
  });

  it('filters by keyword, township, industry prefix and scale status', async () => {
    const q = (s: string) => centre.get(`/api/v1/enterprises?${s}`).then((r) => r.json());
    expect((await q(`q=${encodeURIComponent('测试2耐火')}`)).items.map((e: { id: number }) => e.id)).toEqual([
      firmInNanlou,
    ]);
    expect((await q(`townshipId=${nanlouId}`)).total).toBe(1);
    expect((await q('industry=06')).total).toBe(1);
    expect((await q('industry=B')).total).toBe(1);
    expect((await q('industry=C30')).total).toBe(2);
    expect((await q('scaleStatus=above')).total).toBe(0);
    const bad = await centre.get('/api/v1/enterprises?revenueMinWan=100&revenueMaxWan=10');
    expect(bad.statusCode).toBe(400);
  });

  it('records a scale change with its history and audit', async () => {
    const res = await centre.post(`/api/v1/enterprises/${firmInXiushui}/scale`, {
      status: 'above',
      effectivePeriod: '2026-12',
      reason: '年度入库',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scaleStatus).toBe('above');
    expect(res.json().scaleHistory.map((h: { status: string }) => h.status)).toEqual(['below', 'above']);
    const again = await centre.post(`/api/v1/enterprises/${firmInXiushui}/scale`, {
      status: 'above',
      effectivePeriod: '2026-02',
      reason: '重复',
    });
    expect(again.statusCode).toBe(400);
  });

  it('exports the scoped list as xlsx', async () => {
    const res = await xiushui.get('/api/v1/enterprises/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(ws.getRow(1).font?.bold).toBe(true);
    const names = [];
    for (let r = 2; r <= ws.rowCount; r++) names.push(ws.getRow(r).getCell(2).value);
    expect(names).toContain('盂县测试1耐火材料有限公司');
    expect(names).not.toContain('盂县测试2耐火材料有限公司');
  });
});

describe('access', () => {
  it('answers 401 without a session and 403 without the permission', async () => {
    const anon = await env.app.inject({ method: 'GET', url: '/api/v1/enterprises' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    const leader = await Client.signIn(env.app, 'leader');
    expect((await leader.get('/api/v1/enterprises')).statusCode).toBe(200);
    expect((await leader.post('/api/v1/enterprises', base(30, xiushuiId))).statusCode).toBe(403);
    const sysadmin = await Client.signIn(env.app, 'sysadmin');
    expect((await sysadmin.get('/api/v1/enterprises')).statusCode).toBe(403);
  });

  it('refuses a write without the CSRF token', async () => {
    const c = await Client.signIn(env.app, 'centre');
    c.dropCsrf();
    const res = await c.post('/api/v1/enterprises', base(31, xiushuiId));
    expect(res.statusCode).toBe(403);
  });

  it('answers errors in one envelope with a request id', async () => {
    const res = await centre.get('/api/v1/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
