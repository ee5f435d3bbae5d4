import { addDays, chinaDate } from '@shenggui/domain';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { serviceRequestEvents, serviceRequests } from '../../db/schema-service.js';
import { Client, COUNTY, createTestEnv, TEST_NOW, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let gongxin: Client;
let xiushuiId: number;
let gongxinUnitId: number;
let xiushuiUserId: number;
let firmA: number; // 秀水镇, supervised by 县工信局
let firmB: number; // 南娄镇, supervised by 县能源局
const today = chinaDate(new Date(TEST_NOW));

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

function visitBody(enterpriseId: number, over: Record<string, unknown> = {}) {
  return {
    enterpriseId,
    visitedOn: today,
    purpose: 'survey',
    findings: '企业订单饱满，二期厂房已封顶，预计年底新增两条生产线。',
    officials: [{ userId: xiushuiUserId, name: '李强', unitId: xiushuiId }],
    ...over,
  };
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  gongxinUnitId = await env.unitId(`${COUNTY}D01`);
  const nanlouId = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  gongxin = await Client.signIn(env.app, 'gongxin');
  xiushuiUserId = (await xiushui.get('/api/v1/me')).json().user.id;
  expect(xiushuiUserId).toBeGreaterThan(0);
  firmA = await createFirm(centre, { townshipId: xiushuiId, name: '秀水走访测试机械有限公司' });
  firmB = await createFirm(centre, {
    townshipId: nanlouId,
    industryCode: '0610',
    name: '南娄走访测试煤业有限公司',
  });
});
afterAll(() => env.close());

describe('recording a visit', () => {
  it('records two officials of two units and a request raised in the same transaction', async () => {
    const res = await xiushui.post(
      '/api/v1/visits',
      visitBody(firmA, {
        purpose: 'relief',
        officials: [
          { userId: xiushuiUserId, name: '李强', unitId: xiushuiId },
          { name: '张伟', unitId: gongxinUnitId },
        ],
        requests: [
          {
            category: 'power',
            title: '新厂房用电增容',
            detail: '二期厂房需增容至2000千伏安，供电所尚未答复。',
          },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({
      enterpriseId: firmA,
      purposeLabel: '纾困解难',
      recordedUnitId: xiushuiId,
      requestCount: 1,
      voided: false,
      mayVoid: true,
    });
    expect(visit.officials.map((o: { unitName: string }) => o.unitName)).toEqual(['秀水镇', '县工信局']);
    expect(visit.requests).toEqual([
      expect.objectContaining({ title: '新厂房用电增容', state: 'submitted', stateLabel: '待分派' }),
    ]);
    const db = env.database.db;
    const [request] = await db.select().from(serviceRequests).where(eq(serviceRequests.visitId, visit.id));
    expect(request).toMatchObject({ enterpriseId: firmA, category: 'power', raisedUnitId: xiushuiId });
    const events = await db
      .select()
      .from(serviceRequestEvents)
      .where(eq(serviceRequestEvents.requestId, request!.id));
    expect(events.map((e) => e.action)).toEqual(['raise']);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'visit'), eq(auditLog.entityId, String(visit.id))));
    expect(audits.map((a) => a.action)).toEqual(['visit.record']);
    const raised = await db.select().from(auditLog).where(eq(auditLog.action, 'request.raise'));
    expect(raised.some((a) => a.entityId === String(request!.id))).toBe(true);
  });

  it('refuses a wrong request category without saving the visit', async () => {
    const before = (await xiushui.get(`/api/v1/enterprises/${firmA}/visits`)).json().items.length;
    const res = await xiushui.post(
      '/api/v1/visits',
      visitBody(firmA, { requests: [{ category: 'nothing', title: '其他诉求', detail: '内容内容' }] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('requests.0.category');
    expect((await xiushui.get(`/api/v1/enterprises/${firmA}/visits`)).json().items.length).toBe(before);
  });

  it('refuses a date after today or more than a year back, and officials of no unit, in Chinese', async () => {
    const future = await xiushui.post('/api/v1/visits', visitBody(firmA, { visitedOn: addDays(today, 1) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('不能晚于今天');
    const old = await xiushui.post('/api/v1/visits', visitBody(firmA, { visitedOn: addDays(today, -400) }));
    expect(old.statusCode).toBe(400);
    expect(old.json().error.message).toContain('一年前');
    const none = await xiushui.post('/api/v1/visits', visitBody(firmA, { officials: [] }));
    expect(none.statusCode).toBe(400);
    const wrongUser = await xiushui.post(
      '/api/v1/visits',
      visitBody(firmA, { officials: [{ userId: xiushuiUserId, name: '李强', unitId: gongxinUnitId }] }),
    );
    expect(wrongUser.statusCode).toBe(400);
    expect(wrongUser.json().error.details[0].path).toBe('officials.0.userId');
  });

  it('a township cannot record a visit to another township firm (404)', async () => {
    const res = await nanlou.post(
      '/api/v1/visits',
      visitBody(firmA, { officials: [{ name: '赵磊', unitId: xiushuiId }] }),
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('recent visits (近30天走访)', () => {
  it('shows another unit visit within 30 days, not one 31 days before, and never a voided one', async () => {
    const firm = await createFirm(centre, { townshipId: xiushuiId, name: '秀水近期走访测试有限公司' });
    const byGongxin = await gongxin.post(
      '/api/v1/visits',
      visitBody(firm, {
        visitedOn: addDays(today, -30),
        purpose: 'policy',
        officials: [{ name: '张伟', unitId: gongxinUnitId }],
      }),
    );
    expect(byGongxin.statusCode, byGongxin.body).toBe(201);
    const old = await xiushui.post('/api/v1/visits', visitBody(firm, { visitedOn: addDays(today, -31) }));
    expect(old.statusCode, old.body).toBe(201);
    const voided = await xiushui.post('/api/v1/visits', visitBody(firm, { visitedOn: addDays(today, -2) }));
    expect(
      (await xiushui.post(`/api/v1/visits/${voided.json().id}/void`, { reason: '重复登记' })).statusCode,
    ).toBe(200);

    const recent = await xiushui.get(`/api/v1/enterprises/${firm}/recent-visits?on=${today}`);
    expect(recent.statusCode, recent.body).toBe(200);
    expect(recent.json().from).toBe(addDays(today, -30));
    const ids = recent.json().items.map((v: { id: number }) => v.id);
    expect(ids).toEqual([byGongxin.json().id]);
    expect(recent.json().items[0].recordedUnitName).toBe('县工信局');
    // The firm's own list keeps all three, the voided one marked.
    const all = (await xiushui.get(`/api/v1/enterprises/${firm}/visits`)).json().items;
    expect(all).toHaveLength(3);
    expect(all.find((v: { id: number }) => v.id === voided.json().id).voided).toBe(true);
  });
});

describe('scope', () => {
  let visitA: number;
  beforeAll(async () => {
    const res = await xiushui.post('/api/v1/visits', visitBody(firmA, { purpose: 'declaration' }));
    visitA = res.json().id;
    const b = await nanlou.post(
      '/api/v1/visits',
      visitBody(firmB, { officials: [{ name: '赵磊', unitId: await env.unitId(`${COUNTY}103000`) }] }),
    );
    expect(b.statusCode, b.body).toBe(201);
  });

  it('nanlou never sees xiushui firm visits in list, detail, export, recent or the firm list', async () => {
    const list = await nanlou.get('/api/v1/visits?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(list.json().items.every((v: { enterpriseId: number }) => v.enterpriseId === firmB)).toBe(true);
    expect((await nanlou.get(`/api/v1/visits/${visitA}`)).statusCode).toBe(404);
    expect((await nanlou.get(`/api/v1/enterprises/${firmA}/recent-visits?on=${today}`)).statusCode).toBe(404);
    expect((await nanlou.get(`/api/v1/enterprises/${firmA}/visits`)).statusCode).toBe(404);
    const exported = await nanlou.get('/api/v1/visits/export');
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join('|')).toContain('南娄走访测试煤业有限公司');
    expect(cells.join('|')).not.toContain('秀水走访测试机械有限公司');
    // The centre sees both; the supervising department sees the visit to the firm it supervises.
    const county = (await centre.get('/api/v1/visits?pageSize=200')).json().items;
    const firms = new Set(county.map((v: { enterpriseId: number }) => v.enterpriseId));
    expect(firms.has(firmA) && firms.has(firmB)).toBe(true);
    expect((await gongxin.get(`/api/v1/visits/${visitA}`)).statusCode).toBe(200);
  });

  it('filters by purpose, unit that took part, official and firm text', async () => {
    const byPurpose = (await centre.get('/api/v1/visits?purpose=declaration')).json().items;
    expect(byPurpose.map((v: { id: number }) => v.id)).toContain(visitA);
    expect(byPurpose.every((v: { purpose: string }) => v.purpose === 'declaration')).toBe(true);
    const byUnit = (await centre.get(`/api/v1/visits?unitId=${gongxinUnitId}&pageSize=200`)).json().items;
    expect(byUnit.length).toBeGreaterThan(0);
    expect(
      byUnit.every(
        (v: { recordedUnitId: number; officials: { unitId: number }[] }) =>
          v.recordedUnitId === gongxinUnitId || v.officials.some((o) => o.unitId === gongxinUnitId),
      ),
    ).toBe(true);
    const byOfficial = (await centre.get(`/api/v1/visits?official=${encodeURIComponent('赵磊')}`)).json()
      .items;
    expect(byOfficial.every((v: { enterpriseId: number }) => v.enterpriseId === firmB)).toBe(true);
    const byFirm = (await centre.get(`/api/v1/visits?q=${encodeURIComponent('南娄走访')}`)).json();
    expect(byFirm.total).toBeGreaterThan(0);
    expect(byFirm.items.every((v: { enterpriseId: number }) => v.enterpriseId === firmB)).toBe(true);
    const bad = await centre.get(`/api/v1/visits?from=${today}&to=${addDays(today, -1)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('结束日期不能早于开始日期');
  });
});

describe('voiding', () => {
  it('another township 404, the supervising department 403, the recording unit voids (audited, still listed)', async () => {
    const created = await xiushui.post('/api/v1/visits', visitBody(firmA));
    const id = created.json().id as number;
    expect((await nanlou.post(`/api/v1/visits/${id}/void`, { reason: '误登记' })).statusCode).toBe(404);
    const dept = await gongxin.post(`/api/v1/visits/${id}/void`, { reason: '误登记' });
    expect(dept.statusCode).toBe(403);
    expect(dept.json().error.message).toContain('登记走访的单位');
    const ok = await xiushui.post(`/api/v1/visits/${id}/void`, { reason: '企业名称选错，重新登记' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ voided: true, voidReason: '企业名称选错，重新登记', mayVoid: false });
    expect((await xiushui.post(`/api/v1/visits/${id}/void`, { reason: '再次作废' })).statusCode).toBe(409);
    const listed = (await xiushui.get(`/api/v1/visits?enterpriseId=${firmA}&pageSize=200`)).json().items;
    expect(listed.find((v: { id: number }) => v.id === id).voided).toBe(true);
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visit.void'), eq(auditLog.entityId, String(id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ voidReason: '企业名称选错，重新登记' });
  });

  it('the centre may void any visit in the county', async () => {
    const created = await gongxin.post(
      '/api/v1/visits',
      visitBody(firmA, { officials: [{ name: '张伟', unitId: gongxinUnitId }] }),
    );
    const res = await centre.post(`/api/v1/visits/${created.json().id}/void`, {
      reason: '督导核实未实际走访',
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('files', () => {
  let id: number;
  beforeAll(async () => {
    id = (await xiushui.post('/api/v1/visits', visitBody(firmA))).json().id;
  });

  it('refuses a wrong type, a renamed file and a body over 10 MB, in Chinese', async () => {
    const exe = await xiushui.post(`/api/v1/visits/${id}/files?fileName=a.exe`, PNG);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toContain('仅支持');
    const renamed = await xiushui.post(`/api/v1/visits/${id}/files?fileName=a.pdf`, PNG);
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.message).toContain('不符');
    const big = await xiushui.post(
      `/api/v1/visits/${id}/files?fileName=a.png`,
      Buffer.alloc(10 * 1024 * 1024 + 1),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('上传内容过大');
  });

  it('stores a photo with its sha256, lists it on the visit, downloads it, audits the upload', async () => {
    const up = await xiushui.post(
      `/api/v1/visits/${id}/files?fileName=${encodeURIComponent('车间照片.png')}`,
      PNG,
    );
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '车间照片.png', fileType: 'png', size: PNG.length });
    expect(up.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const detail = (await xiushui.get(`/api/v1/visits/${id}`)).json();
    expect(detail.files.map((f: { id: number }) => f.id)).toEqual([up.json().id]);
    expect(detail.fileCount).toBe(1);
    const down = await gongxin.get(`/api/v1/visits/${id}/files/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(String(down.headers['content-disposition'])).toContain(encodeURIComponent('车间照片.png'));
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);
    expect((await nanlou.get(`/api/v1/visits/${id}/files/${up.json().id}`)).statusCode).toBe(404);
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'visit.file'), eq(auditLog.entityId, String(id))));
    expect(audits).toHaveLength(1);
    // A unit that took no part may read but not upload.
    const other = await gongxin.post(`/api/v1/visits/${id}/files?fileName=b.png`, PNG);
    expect(other.statusCode).toBe(403);
  });
});
