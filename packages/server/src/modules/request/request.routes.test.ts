import {
  addDays,
  addWorkdays,
  chinaDate,
  chinaDayStart,
  DEFAULT_REQUEST_CATEGORIES,
  PACKAGE_CALENDAR,
  requestDeadlines,
} from '@shenggui/domain';
import { and, asc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { serviceRequestEvents } from '../../db/schema-service.js';
import { Client, COUNTY, createTestEnv, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let nengyuan: Client;
let gongxin: Client;
let firmX: number;
let firmN: number;
let nengyuanId: number;
let gongxinId: number;
const FIRM_X = '诉求测试秀水精密机械有限公司';

const raise = (
  client: Client,
  enterpriseId: number,
  category = 'power',
  title = '新增厂房需增容至800千伏安',
) =>
  client.post('/api/v1/requests', {
    enterpriseId,
    category,
    title,
    detail: '新建二号车间设备已到位，现有变压器容量不足，申请尽快增容并协调供电公司排期。',
  });

async function auditActions(id: number): Promise<string[]> {
  const rows = await env.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'service_request'), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

async function workbookText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
  return cells.join('|');
}

beforeAll(async () => {
  env = await createTestEnv();
  const xiushuiId = await env.unitId(`${COUNTY}100000`);
  const nanlouId = await env.unitId(`${COUNTY}103000`);
  nengyuanId = await env.unitId(`${COUNTY}D03`);
  gongxinId = await env.unitId(`${COUNTY}D01`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  nengyuan = await Client.signIn(env.app, 'nengyuan');
  gongxin = await Client.signIn(env.app, 'gongxin');
  // A firm the energy bureau does not supervise: it sees the request only because it is routed to it.
  firmX = await createFirm(centre, { townshipId: xiushuiId, supervisingUnitId: gongxinId, name: FIRM_X });
  firmN = await createFirm(centre, { townshipId: nanlouId, name: '诉求测试南娄建材有限公司' });
});
afterAll(() => env.close());

describe('a request to closure', () => {
  let id: number;

  it('the township raises, the centre routes to 县能源局, the bureau closes it, the raiser records the evaluation', async () => {
    const today = chinaDate(env.clock.now());
    const raised = await raise(xiushui, firmX);
    expect(raised.statusCode, raised.body).toBe(201);
    id = raised.json().id;
    expect(raised.json()).toMatchObject({
      state: 'submitted',
      stateLabel: '待分派',
      categoryLabel: '用电',
      runningKind: 'route',
      dueOn: addWorkdays(PACKAGE_CALENDAR, today, 1),
      actions: [],
    });
    expect((await centre.get(`/api/v1/requests/${id}`)).json().actions).toEqual(['route', 'unsolvable']);
    expect((await centre.get('/api/v1/todo')).json().items).toContainEqual(
      expect.objectContaining({
        kind: 'request',
        count: 1,
        link: '/service/requests?state=submitted%2Creturned',
      }),
    );

    const routed = await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: nengyuanId });
    expect(routed.statusCode, routed.body).toBe(200);
    const due = requestDeadlines(PACKAGE_CALENDAR, DEFAULT_REQUEST_CATEGORIES[1]!, today);
    expect(routed.json()).toMatchObject({
      state: 'pending',
      ownerUnitName: '县能源局',
      runningKind: 'accept',
      dueOn: due.acceptDue,
      // Due the next working day: yellow from the start.
      light: 'yellow',
    });
    expect(routed.json().deadlines.map((d: { kind: string; dueOn: string }) => [d.kind, d.dueOn])).toEqual([
      ['route', addWorkdays(PACKAGE_CALENDAR, today, 1)],
      ['accept', due.acceptDue],
      ['reply', due.replyDue],
      ['close', due.closeDue],
    ]);

    expect((await nengyuan.get(`/api/v1/requests/${id}`)).json().actions).toEqual(['accept', 'return']);
    const accepted = await nengyuan.post(`/api/v1/requests/${id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'inProgress', runningKind: 'reply', dueOn: due.replyDue });
    const replied = await nengyuan.post(`/api/v1/requests/${id}/reply`, {
      note: '已与供电公司现场踏勘，增容方案本周内报批。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ state: 'inProgress', runningKind: 'close', dueOn: due.closeDue });
    const resolved = await nengyuan.post(`/api/v1/requests/${id}/resolve`, {
      answer: '增容至800千伏安已完成送电。',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      light: null,
      answer: '增容至800千伏安已完成送电。',
    });
    expect((await xiushui.get(`/api/v1/requests/${id}`)).json().actions).toEqual(['evaluate']);
    // The official who raised it finds it on the to-do list, linked to the list of exactly those.
    const raiserId = resolved.json().raisedById as number;
    const todo = (await xiushui.get('/api/v1/todo')).json().items;
    expect(todo).toContainEqual(
      expect.objectContaining({
        kind: 'request',
        count: 1,
        link: `/service/requests?state=resolved&raisedById=${raiserId}`,
      }),
    );
    const mine = (await xiushui.get(`/api/v1/requests?state=resolved&raisedById=${raiserId}`)).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([id]);

    const evaluated = await xiushui.post(`/api/v1/requests/${id}/evaluate`, {
      satisfaction: 'satisfied',
      note: '企业对办理速度表示认可',
    });
    expect(evaluated.statusCode, evaluated.body).toBe(200);
    const detail = evaluated.json();
    expect(detail).toMatchObject({
      state: 'evaluated',
      satisfaction: 'satisfied',
      satisfactionLabel: '满意',
    });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'route',
      'accept',
      'reply',
      'resolve',
      'evaluate',
    ]);
    expect(detail.events[1]).toMatchObject({
      label: '分派',
      unitName: expect.stringContaining('中心'),
      ownerUnitName: '县能源局',
    });
    expect(detail.deadlines.every((d: { onTime: boolean | null }) => d.onTime === true)).toBe(true);
  });

  it('writes an audit record for every step', async () => {
    expect(await auditActions(id)).toEqual([
      'request.raise',
      'request.route',
      'request.accept',
      'request.reply',
      'request.resolve',
      'request.evaluate',
    ]);
  });

  it('the event log refuses UPDATE', async () => {
    await expect(
      env.database.db.execute(sql`update service_request_events set note = 'x' where request_id = ${id}`),
    ).rejects.toThrow();
    const events = await env.database.db
      .select()
      .from(serviceRequestEvents)
      .where(eq(serviceRequestEvents.requestId, id));
    expect(events).toHaveLength(6);
  });
});

describe('refusals', () => {
  it('refuses the wrong role, the wrong unit, the wrong person (403) and the wrong state (409) in Chinese', async () => {
    const id = (await raise(xiushui, firmX, 'approval', '环评批复办理进度咨询')).json().id as number;
    const townshipRoutes = await xiushui.post(`/api/v1/requests/${id}/route`, { ownerUnitId: nengyuanId });
    expect(townshipRoutes.statusCode).toBe(403);
    expect(townshipRoutes.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    // Not routed yet: the energy bureau, which does not supervise the firm, does not even see it.
    expect((await nengyuan.post(`/api/v1/requests/${id}/accept`, {})).statusCode).toBe(404);

    const notCounty = await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: 999_999 });
    expect(notCounty.statusCode).toBe(400);
    expect(notCounty.json().error.details[0].path).toBe('ownerUnitId');

    expect((await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: nengyuanId })).statusCode).toBe(
      200,
    );
    const again = await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: gongxinId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('待受理');

    const otherUnit = await gongxin.post(`/api/v1/requests/${id}/accept`, {});
    expect(otherUnit.statusCode).toBe(403);
    expect(otherUnit.json().error.message).toBe('只有承办单位（县能源局）可以受理该诉求');
    const centreAccepts = await centre.post(`/api/v1/requests/${id}/accept`, {});
    expect(centreAccepts.statusCode).toBe(403);

    const evaluateEarly = await xiushui.post(`/api/v1/requests/${id}/evaluate`, { satisfaction: 'basic' });
    expect(evaluateEarly.statusCode).toBe(409);
    expect(evaluateEarly.json().error.message).toContain('不能企业评价');

    expect((await nengyuan.post(`/api/v1/requests/${id}/accept`, {})).statusCode).toBe(200);
    const acceptTwice = await nengyuan.post(`/api/v1/requests/${id}/accept`, {});
    expect(acceptTwice.statusCode).toBe(409);
    const centreResolves = await centre.post(`/api/v1/requests/${id}/resolve`, { answer: '已办' });
    expect(centreResolves.statusCode).toBe(403);
    expect(centreResolves.json().error.message).toContain('只有承办单位');
    const noAnswer = await nengyuan.post(`/api/v1/requests/${id}/resolve`, { answer: '  ' });
    expect(noAnswer.statusCode).toBe(400);
    expect(noAnswer.json().error.message).toContain('办理结果');
    expect(
      (await nengyuan.post(`/api/v1/requests/${id}/resolve`, { answer: '已协调环保部门加快审批' }))
        .statusCode,
    ).toBe(200);

    const byOwner = await nengyuan.post(`/api/v1/requests/${id}/evaluate`, { satisfaction: 'satisfied' });
    expect(byOwner.statusCode).toBe(403);
    expect(byOwner.json().error.message).toContain('只有提出该诉求的人员');
    const byCentre = await centre.post(`/api/v1/requests/${id}/evaluate`, { satisfaction: 'satisfied' });
    expect(byCentre.statusCode).toBe(403);
    // Nothing changed by the refusals.
    expect((await xiushui.get(`/api/v1/requests/${id}`)).json().state).toBe('resolved');
    expect(await auditActions(id)).toEqual([
      'request.raise',
      'request.route',
      'request.accept',
      'request.resolve',
    ]);
  });

  it('raising checks the firm scope and the category', async () => {
    expect(
      (
        await nanlou.post('/api/v1/requests', {
          enterpriseId: firmX,
          category: 'power',
          title: 'a',
          detail: 'b',
        })
      ).statusCode,
    ).toBe(404);
    const bad = await xiushui.post('/api/v1/requests', {
      enterpriseId: firmX,
      category: 'nope',
      title: '标题',
      detail: '内容',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('category');
    const long = await xiushui.post('/api/v1/requests', {
      enterpriseId: firmX,
      category: 'power',
      title: '长'.repeat(101),
      detail: '内容',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('诉求标题最多100个字');
  });

  it('a returned request goes back to the centre, is rerouted and keeps its close deadline; the centre may decide 无法解决', async () => {
    const today = chinaDate(env.clock.now());
    const id = (await raise(xiushui, firmX, 'land', '厂区扩建用地指标')).json().id as number;
    const first = (await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: nengyuanId })).json();
    const back = await nengyuan.post(`/api/v1/requests/${id}/return`, {
      reason: '用地事项不属本局职责，请改派住建或自然资源部门',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ state: 'returned', waitingSince: today, runningKind: 'route' });
    const rerouted = await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: gongxinId });
    expect(rerouted.statusCode, rerouted.body).toBe(200);
    const closeOf = (d: { deadlines: { kind: string; dueOn: string }[] }) =>
      d.deadlines.find((x) => x.kind === 'close')!.dueOn;
    expect(closeOf(rerouted.json())).toBe(closeOf(first));
    expect(rerouted.json().ownerUnitName).toBe('县工信局');
    const decided = await centre.post(`/api/v1/requests/${id}/unsolvable`, {
      reason: '涉及基本农田，现阶段无法调整',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      state: 'unsolvable',
      answer: '涉及基本农田，现阶段无法调整',
      decidedByName: 'centre',
    });
    expect(await auditActions(id)).toEqual([
      'request.raise',
      'request.route',
      'request.return',
      'request.route',
      'request.unsolvable',
    ]);
  });
});

describe('scope', () => {
  it('another township never sees the request; the owner unit does even for a firm it does not supervise', async () => {
    const own = (await raise(nanlou, firmN, 'finance', '流动资金贷款贴息咨询')).json().id as number;
    const list = await nanlou.get('/api/v1/requests?pageSize=200');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: number }) => i.id);
    expect(ids).toContain(own);
    expect(list.body).not.toContain(FIRM_X);
    const any = (await xiushui.get('/api/v1/requests?pageSize=1')).json().items[0].id as number;
    expect((await nanlou.get(`/api/v1/requests/${any}`)).statusCode).toBe(404);
    expect(
      (await nanlou.post(`/api/v1/requests/${any}/evaluate`, { satisfaction: 'basic' })).statusCode,
    ).toBe(404);
    const exported = await nanlou.get('/api/v1/requests/export');
    expect(exported.statusCode).toBe(200);
    const text = await workbookText(exported.rawPayload);
    expect(text).toContain('诉求测试南娄建材有限公司');
    expect(text).not.toContain(FIRM_X);

    // 县能源局 does not supervise firmX, yet sees the requests routed to it, and only those.
    const bureau = (await nengyuan.get(`/api/v1/requests?enterpriseId=${firmX}&pageSize=200`)).json();
    expect(bureau.total).toBeGreaterThan(0);
    expect(bureau.items.every((i: { enterpriseName: string }) => i.enterpriseName === FIRM_X)).toBe(true);
    expect((await nengyuan.get(`/api/v1/requests/${own}`)).statusCode).toBe(404);
    const county = (await centre.get('/api/v1/requests?pageSize=200')).json();
    expect(county.items.map((i: { id: number }) => i.id)).toContain(own);
  });
});

describe('lights on the clock', () => {
  it('turns red the day after the due day, rises to the 督办 list and the to-do lists, and filters by light', async () => {
    const id = (await raise(xiushui, firmX, 'labour', '招工难，需对接县人社局专场招聘')).json().id as number;
    const routed = (await centre.post(`/api/v1/requests/${id}/route`, { ownerUnitId: nengyuanId })).json();
    expect(routed.light).toBe('yellow');
    const waiting = (await nengyuan.get('/api/v1/todo')).json().items;
    expect(waiting).toContainEqual(
      expect.objectContaining({
        kind: 'request',
        link: `/service/requests?state=pending&ownerUnitId=${nengyuanId}`,
      }),
    );
    const dueOn = routed.dueOn as string;
    const before = (await centre.get('/api/v1/requests?light=red&pageSize=200')).json();
    expect(before.items.map((i: { id: number }) => i.id)).not.toContain(id);

    // The day after the due day, 10:00 in China.
    const target = chinaDayStart(addDays(dueOn, 1)).getTime() + 10 * 3600_000;
    env.clock.advance(target - env.clock.now().getTime());
    // Sessions idle out over days: sign in again on the new day.
    centre = await Client.signIn(env.app, 'centre');
    nengyuan = await Client.signIn(env.app, 'nengyuan');
    nanlou = await Client.signIn(env.app, 'nanlou');
    const red = (await centre.get('/api/v1/requests?light=red&pageSize=200')).json();
    const item = red.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ light: 'red', runningKind: 'accept', dueOn, daysOverdue: 1 });
    expect(
      (await centre.get('/api/v1/requests?light=green&pageSize=200'))
        .json()
        .items.map((i: { id: number }) => i.id),
    ).not.toContain(id);
    expect(
      (await centre.get('/api/v1/requests?overdueOnly=true&pageSize=200'))
        .json()
        .items.map((i: { id: number }) => i.id),
    ).toContain(id);
    const own = (await nengyuan.get(`/api/v1/requests?light=red&ownerUnitId=${nengyuanId}`)).json();
    expect(own.items.map((i: { id: number }) => i.id)).toContain(id);
    const centreTodo = (await centre.get('/api/v1/todo')).json().items;
    expect(centreTodo).toContainEqual(
      expect.objectContaining({ kind: 'request', link: '/service/requests?light=red' }),
    );
    const bureauTodo = (await nengyuan.get('/api/v1/todo')).json().items;
    expect(bureauTodo).toContainEqual(
      expect.objectContaining({
        kind: 'request',
        link: `/service/requests?light=red&ownerUnitId=${nengyuanId}`,
      }),
    );
    // The bureau's red list never holds another township's firm it has nothing to do with.
    expect((await nanlou.get('/api/v1/requests?light=red')).body).not.toContain(FIRM_X);
  });
});
