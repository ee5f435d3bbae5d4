import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { Client, COUNTY, createTestEnv, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let xiushuiId: number;
let gongxinUnitId: number;
let firmA: number; // 秀水镇, 3089 → 县工信局
let firmMine: number; // 秀水镇, 0810 → 县应急局 (no user in the test county)
let firmB: number; // 南娄镇, 0610 → 县能源局
let outside: number; // 秀水镇, in no library

async function addToLibrary(enterpriseId: number, library = 'cultivation') {
  const res = await centre.post('/api/v1/libraries/memberships', {
    enterpriseId,
    year: TEST_YEAR,
    library,
    action: 'add',
    reason: '包联测试',
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  gongxinUnitId = await env.unitId(`${COUNTY}D01`);
  const nanlouId = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  firmA = await createFirm(centre, { townshipId: xiushuiId, name: '秀水包联测试机械有限公司' });
  firmMine = await createFirm(centre, {
    townshipId: xiushuiId,
    industryCode: '0810',
    name: '秀水包联测试石料有限公司',
  });
  firmB = await createFirm(centre, {
    townshipId: nanlouId,
    industryCode: '0610',
    name: '南娄包联测试煤业有限公司',
  });
  outside = await createFirm(centre, { townshipId: xiushuiId, name: '秀水不在库测试有限公司' });
  await addToLibrary(firmA);
  await addToLibrary(firmA, 'near');
  await addToLibrary(firmMine);
  await addToLibrary(firmB);
});
afterAll(() => env.close());

describe('the list of library firms and their leads', () => {
  it('lists the year library firms with their libraries and suggested unit, none led yet', async () => {
    const res = await centre.get('/api/v1/leads?pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().year).toBe(TEST_YEAR);
    const items = res.json().items as {
      enterpriseId: number;
      lead: unknown;
      libraries: { label: string }[];
      suggested: { unitName: string; basis: string };
    }[];
    const ids = items.map((i) => i.enterpriseId);
    expect(ids).toEqual(expect.arrayContaining([firmA, firmMine, firmB]));
    expect(ids).not.toContain(outside);
    const a = items.find((i) => i.enterpriseId === firmA)!;
    expect(a.lead).toBeNull();
    expect(a.libraries.map((l) => l.label)).toHaveLength(2);
    expect(a.suggested).toMatchObject({ unitName: '县工信局', basis: 'supervising' });
    expect(items.find((i) => i.enterpriseId === firmB)!.suggested.unitName).toBe('县能源局');
  });

  it('the centre to-do names the firms without a lead; a township has no such item', async () => {
    const todo = (await centre.get('/api/v1/todo')).json().items as {
      kind: string;
      title: string;
      link: string;
      count: number;
    }[];
    const lead = todo.find((i) => i.kind === 'lead');
    expect(lead).toMatchObject({
      title: '3家在库企业尚未确定包联',
      link: '/service/leads?hasLead=no',
      count: 3,
    });
    const mine = (await xiushui.get('/api/v1/todo')).json().items as { kind: string }[];
    expect(mine.some((i) => i.kind === 'lead')).toBe(false);
  });

  it('a township sees only its own firms, and another township firm lead answers 404', async () => {
    const list = (await nanlou.get('/api/v1/leads?pageSize=200')).json().items as { enterpriseId: number }[];
    expect(list.map((i) => i.enterpriseId)).toEqual([firmB]);
    expect((await nanlou.get(`/api/v1/enterprises/${firmA}/lead`)).statusCode).toBe(404);
    expect((await xiushui.get(`/api/v1/enterprises/${firmA}/lead`)).statusCode).toBe(200);
  });
});

describe('assigning a lead', () => {
  it('only the centre assigns (a township 403 in Chinese)', async () => {
    const res = await xiushui.put(`/api/v1/enterprises/${firmA}/lead`, {
      leadUnitId: xiushuiId,
      leadName: '李强',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const suggested = await xiushui.post('/api/v1/leads/assign-suggested', { enterpriseIds: [firmA] });
    expect(suggested.statusCode).toBe(403);
  });

  it('keeps the history: a new lead closes the old one; both are audited with before and after', async () => {
    const first = await centre.put(`/api/v1/enterprises/${firmA}/lead`, {
      leadUnitId: xiushuiId,
      leadName: '李强',
      leadPhone: '0353-6012345',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().current).toMatchObject({ unitName: '秀水镇', name: '李强', phone: '0353-6012345' });
    const same = await centre.put(`/api/v1/enterprises/${firmA}/lead`, {
      leadUnitId: xiushuiId,
      leadName: '李强',
      leadPhone: '0353-6012345',
    });
    expect(same.statusCode).toBe(409);
    const second = await centre.put(`/api/v1/enterprises/${firmA}/lead`, {
      leadUnitId: gongxinUnitId,
      leadName: '张伟',
    });
    expect(second.statusCode, second.body).toBe(200);
    const lead = (await xiushui.get(`/api/v1/enterprises/${firmA}/lead`)).json();
    expect(lead.current).toMatchObject({ unitName: '县工信局', name: '张伟', endedAt: null });
    expect(lead.history).toHaveLength(2);
    expect(lead.history[1]).toMatchObject({ unitName: '秀水镇', name: '李强' });
    expect(lead.history[1].endedAt).not.toBeNull();
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'lead.assign'), eq(auditLog.enterpriseId, firmA)));
    expect(audits).toHaveLength(2);
    expect(audits[1]!.before).toMatchObject({ leadName: '李强', leadUnitId: xiushuiId });
    expect(audits[1]!.after).toMatchObject({ leadName: '张伟', leadUnitId: gongxinUnitId });
    // The list shows the lead, and the filters find it.
    const led = (await centre.get(`/api/v1/leads?hasLead=yes&leadUnitId=${gongxinUnitId}`)).json().items;
    expect(led.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([firmA]);
  });

  it('refuses a unit that cannot lead and an account of another unit, naming the field', async () => {
    const county = await env.unitId(`${COUNTY}000000`);
    const wrongUnit = await centre.put(`/api/v1/enterprises/${firmB}/lead`, {
      leadUnitId: county,
      leadName: '王敏',
    });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.details[0].path).toBe('leadUnitId');
    const me = (await xiushui.get('/api/v1/me')).json().user.id as number;
    const wrongUser = await centre.put(`/api/v1/enterprises/${firmB}/lead`, {
      leadUnitId: gongxinUnitId,
      leadUserId: me,
      leadName: '李强',
    });
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongUser.json().error.details[0].path).toBe('leadUserId');
  });

  it('assign-suggested gives each firm its suggested unit and lists a firm whose unit has no account', async () => {
    const res = await centre.post('/api/v1/leads/assign-suggested', {
      enterpriseIds: [firmA, firmMine, firmB],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // firmA is already led by its suggested unit (县工信局): left as it is.
    expect(body).toMatchObject({ assigned: 1, unchanged: 1 });
    expect(body.refused).toEqual([
      expect.objectContaining({ enterpriseId: firmMine, enterpriseName: '秀水包联测试石料有限公司' }),
    ]);
    expect(body.refused[0].reason).toContain('县应急局');
    const b = (await centre.get(`/api/v1/enterprises/${firmB}/lead`)).json();
    expect(b.current).toMatchObject({ unitName: '县能源局', name: 'nengyuan' });
    expect(b.current.userId).toBeGreaterThan(0);
    const todo = (await centre.get('/api/v1/todo')).json().items as { kind: string; count: number }[];
    expect(todo.find((i) => i.kind === 'lead')?.count).toBe(1);
    const none = (await centre.get('/api/v1/leads?hasLead=no')).json().items;
    expect(none.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([firmMine]);
  });

  it('exports the filtered list', async () => {
    const res = await centre.get('/api/v1/leads/export?hasLead=yes');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});
