import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { Client, COUNTY, createTestEnv, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let leader: Client;
let xiushuiId: number;
let nanlouId: number;
let nengyuanId: number;
let firmA: number; // 秀水镇
let firmB: number; // 南娄镇
let countyTraining: number;

const day = (md: string) => `${TEST_YEAR}-${md}`;

async function lastAudit(action: string) {
  const rows = await env.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return rows[0];
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  nengyuanId = await env.unitId(`${COUNTY}D03`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  leader = await Client.signIn(env.app, 'leader');
  firmA = await createFirm(centre, { townshipId: xiushuiId, name: '盂县秀水培训测试机械有限公司' });
  firmB = await createFirm(centre, { townshipId: nanlouId, name: '盂县南娄培训测试建材有限公司' });
  const res = await centre.post('/api/v1/trainings', {
    heldOn: day('03-15'),
    topic: '小升规申报政策与统计报表填报专题培训',
    kind: 'course',
    location: '县政务服务中心三楼会议室',
  });
  expect(res.statusCode, res.body).toBe(201);
  countyTraining = res.json().id;
});
afterAll(() => env.close());

describe('training events', () => {
  it('the centre records a county training as its own; the audit holds it', async () => {
    const t = (await centre.get(`/api/v1/trainings/${countyTraining}`)).json();
    expect(t).toMatchObject({
      topic: '小升规申报政策与统计报表填报专题培训',
      kindLabel: '专题培训',
      organiserUnitName: '县中小企业发展中心',
      voided: false,
      canManage: true,
    });
    const audit = await lastAudit('training.create');
    expect(audit?.entityType).toBe('training');
  });

  it('a township records its own event, and may not name another unit as organiser (403)', async () => {
    const own = await xiushui.post('/api/v1/trainings', {
      heldOn: day('04-10'),
      topic: '秀水镇规上工业企业政策宣讲会',
      kind: 'briefing',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().organiserUnitId).toBe(xiushuiId);
    const other = await xiushui.post('/api/v1/trainings', {
      heldOn: day('04-10'),
      topic: '代南娄镇登记',
      kind: 'briefing',
      organiserUnitId: nanlouId,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain('县中小企业发展中心');
    // The centre may record an event for a unit.
    const forUnit = await centre.post('/api/v1/trainings', {
      heldOn: day('05-20'),
      topic: '能源企业现场辅导',
      kind: 'onsite',
      organiserUnitId: nengyuanId,
    });
    expect(forUnit.statusCode, forUnit.body).toBe(201);
    expect(forUnit.json().organiserUnitName).toBe('县能源局');
  });

  it('refuses a topic over 100 characters and a bad date with Chinese messages naming the field', async () => {
    const res = await centre.post('/api/v1/trainings', {
      heldOn: '2026-02-30',
      topic: '长'.repeat(101),
      kind: 'course',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['heldOn', 'topic']));
    expect(res.body).toContain('主题不能超过100个字');
  });

  it('a township cannot edit the centre’s training (403); the centre edits a township’s, audited before/after', async () => {
    const refused = await xiushui.put(`/api/v1/trainings/${countyTraining}`, {
      heldOn: day('03-15'),
      topic: '改名',
      kind: 'course',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('主办单位');
    const own = await xiushui.post('/api/v1/trainings', {
      heldOn: day('06-01'),
      topic: '秀水镇稳规政策宣讲',
      kind: 'briefing',
    });
    const id = own.json().id;
    const edited = await centre.put(`/api/v1/trainings/${id}`, {
      heldOn: day('06-02'),
      topic: '秀水镇稳规政策宣讲（第二场）',
      kind: 'briefing',
      location: '秀水镇便民服务中心',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ heldOn: day('06-02'), organiserUnitId: xiushuiId });
    const audit = await lastAudit('training.update');
    expect(audit?.before).toMatchObject({ topic: '秀水镇稳规政策宣讲', heldOn: day('06-01') });
    expect(audit?.after).toMatchObject({
      topic: '秀水镇稳规政策宣讲（第二场）',
      location: '秀水镇便民服务中心',
    });
  });

  it('voids with a reason (organiser only); a voided event takes no attendance and is listed only on request', async () => {
    const own = await xiushui.post('/api/v1/trainings', {
      heldOn: day('07-01'),
      topic: '误登记的宣讲',
      kind: 'briefing',
    });
    const id = own.json().id;
    expect((await nanlou.post(`/api/v1/trainings/${id}/void`, { reason: '误登记' })).statusCode).toBe(403);
    const voided = await xiushui.post(`/api/v1/trainings/${id}/void`, { reason: '重复登记' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ voided: true, voidReason: '重复登记' });
    expect((await lastAudit('training.void'))?.after).toMatchObject({ voidReason: '重复登记' });
    const add = await xiushui.post(`/api/v1/trainings/${id}/attendance`, {
      enterpriseId: firmA,
      personName: '王建国',
    });
    expect(add.statusCode).toBe(409);
    const list = (await centre.get(`/api/v1/trainings?year=${TEST_YEAR}&pageSize=100`)).json();
    expect(list.items.map((t: { id: number }) => t.id)).not.toContain(id);
    const withVoided = (await centre.get(`/api/v1/trainings?year=${TEST_YEAR}&voided=1&pageSize=100`)).json();
    expect(withVoided.items.map((t: { id: number }) => t.id)).toContain(id);
  });

  it('a leader reads but may not record (403)', async () => {
    expect((await leader.get('/api/v1/trainings')).statusCode).toBe(200);
    const res = await leader.post('/api/v1/trainings', {
      heldOn: day('03-01'),
      topic: '领导',
      kind: 'course',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('attendance', () => {
  let rowA: number;

  it('adds firms in the caller’s scope only (another township’s firm: 404) and officials', async () => {
    const a = await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      enterpriseId: firmA,
      personName: '王建国',
      phone: '13903531234',
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ kind: 'firm', enterpriseId: firmA, source: 'manual' });
    rowA = a.json().id;
    expect(
      (
        await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
          enterpriseId: firmB,
          personName: '李志强',
        })
      ).statusCode,
    ).toBe(404);
    const b = await nanlou.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      enterpriseId: firmB,
      personName: '李志强',
    });
    expect(b.statusCode, b.body).toBe(201);
    const official = await centre.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      unitId: nengyuanId,
      personName: '赵文华',
    });
    expect(official.statusCode, official.body).toBe(201);
    expect(official.json()).toMatchObject({ kind: 'official', unitName: '县能源局' });
    // A township adds officials of its own unit only.
    const foreign = await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      unitId: nanlouId,
      personName: '孙丽',
    });
    expect(foreign.statusCode).toBe(403);
    const ownOfficial = await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      unitId: xiushuiId,
      personName: '孙丽',
    });
    expect(ownOfficial.statusCode).toBe(201);
    const dup = await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      enterpriseId: firmA,
      personName: ' 王建国 ',
    });
    expect(dup.statusCode).toBe(409);
    const neither = await xiushui.post(`/api/v1/trainings/${countyTraining}/attendance`, {
      personName: '某人',
    });
    expect(neither.statusCode).toBe(400);
    expect((await lastAudit('training.attendance.add'))?.entityId).toBe(String(countyTraining));
  });

  it('a township reads the rows of its own firms and of officials, and only counts the others', async () => {
    const seen = (await xiushui.get(`/api/v1/trainings/${countyTraining}`)).json();
    expect(seen.firmCount).toBe(2);
    expect(seen.officialCount).toBe(2);
    const firms = seen.attendance.filter((r: { kind: string }) => r.kind === 'firm');
    expect(firms.map((r: { enterpriseId: number }) => r.enterpriseId)).toEqual([firmA]);
    expect(seen.hiddenCount).toBe(1);
    expect(JSON.stringify(seen)).not.toContain('盂县南娄培训测试建材有限公司');
    const all = (await centre.get(`/api/v1/trainings/${countyTraining}`)).json();
    expect(all.hiddenCount).toBe(0);
    expect(all.attendance).toHaveLength(4);
    const list = (await xiushui.get(`/api/v1/trainings?q=${encodeURIComponent('小升规')}`)).json();
    expect(list.items[0]).toMatchObject({
      id: countyTraining,
      firmCount: 2,
      officialCount: 2,
      attendeeCount: 4,
    });
  });

  it('deletes a row: another township’s firm row answers 404; the recording unit deletes, audited', async () => {
    expect(
      (await nanlou.request('DELETE', `/api/v1/trainings/${countyTraining}/attendance/${rowA}`)).statusCode,
    ).toBe(404);
    const del = await xiushui.request('DELETE', `/api/v1/trainings/${countyTraining}/attendance/${rowA}`);
    expect(del.statusCode, del.body).toBe(200);
    const audit = await lastAudit('training.attendance.delete');
    expect(audit?.before).toMatchObject({ personName: '王建国', enterpriseId: firmA, phone: '13903531234' });
    expect(audit?.enterpriseId).toBe(firmA);
    const after = (await centre.get(`/api/v1/trainings/${countyTraining}`)).json();
    expect(after.firmCount).toBe(1);
  });

  it('filters the list by kind, organiser, dates and year, and exports a workbook', async () => {
    const courses = (await centre.get(`/api/v1/trainings?kind=course&year=${TEST_YEAR}`)).json();
    expect(courses.items.every((t: { kind: string }) => t.kind === 'course')).toBe(true);
    expect(courses.total).toBeGreaterThan(0);
    const byOrganiser = (await centre.get(`/api/v1/trainings?organiserUnitId=${nengyuanId}`)).json();
    expect(byOrganiser.items.map((t: { topic: string }) => t.topic)).toEqual(['能源企业现场辅导']);
    const window = (await centre.get(`/api/v1/trainings?from=${day('03-01')}&to=${day('03-31')}`)).json();
    expect(window.items.map((t: { id: number }) => t.id)).toEqual([countyTraining]);
    const lastYear = (await centre.get(`/api/v1/trainings?year=${TEST_YEAR - 1}`)).json();
    expect(lastYear.total).toBe(0);
    const xlsx = await centre.get(`/api/v1/trainings/export?year=${TEST_YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('materials', () => {
  it('the organiser uploads a pdf and anyone reading downloads it; a renamed file is refused', async () => {
    const pdf = Buffer.from('%PDF-1.4 小升规政策解读课件');
    const up = await centre.request(
      'POST',
      `/api/v1/trainings/${countyTraining}/files?fileName=${encodeURIComponent('政策解读.pdf')}`,
      pdf,
    );
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    const down = await leader.get(`/api/v1/trainings/${countyTraining}/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    const fake = await centre.request(
      'POST',
      `/api/v1/trainings/${countyTraining}/files?fileName=a.pptx`,
      Buffer.from('MZ not a deck'),
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('不符');
    const notOrganiser = await xiushui.request(
      'POST',
      `/api/v1/trainings/${countyTraining}/files?fileName=a.pdf`,
      pdf,
    );
    expect(notOrganiser.statusCode).toBe(403);
    const detail = (await xiushui.get(`/api/v1/trainings/${countyTraining}`)).json();
    expect(detail.files.map((f: { fileName: string }) => f.fileName)).toEqual(['政策解读.pdf']);
    expect((await lastAudit('training.file'))?.after).toMatchObject({ fileName: '政策解读.pdf' });
  });
});
