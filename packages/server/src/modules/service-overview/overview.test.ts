// The service report (GET /service/overview, `report service`) and the firm's timeline: per-unit visits
// and requests as they stood at the as-of day (replayed from the steps), the overdue list turning red on the
// clock, coverage as fractions, the caller's scope; the timeline holding every kind of fact of one firm.
import { addDays, addWorkdays, chinaDate, PACKAGE_CALENDAR, type ServiceReport } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';
import { runServiceReport } from './overview.cli.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let nengyuan: Client;
let leader: Client;
let firmX: number; // 秀水镇, supervised by 工信局
let firmN: number; // 南娄镇
let xiushuiUnit: number;
let nengyuanUnit: number;
let centreUserId: number;
let closedId: number;
let openId: number;
/** The day everything below was recorded (the harness clock's). */
let day0: string;

const DAY = 86_400_000;

async function visit(
  client: Client,
  enterpriseId: number,
  unitId: number,
  name: string,
  requests: unknown[] = [],
) {
  const res = await client.post('/api/v1/visits', {
    enterpriseId,
    visitedOn: day0,
    purpose: 'relief',
    findings: '企业反映新车间用电容量不足，影响二季度投产。',
    officials: [{ name, unitId }],
    requests,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; requests: { id: number }[] };
}

const step = async (client: Client, id: number, action: string, body: unknown = {}) => {
  const res = await client.post(`/api/v1/requests/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
};

/** Moves the clock; sessions idle that long have ended, so everyone signs in again. */
async function advance(ms: number) {
  env.clock.advance(ms);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  nengyuan = await Client.signIn(env.app, 'nengyuan');
  leader = await Client.signIn(env.app, 'leader');
}

const report = async (client: Client, query = '') => {
  const res = await client.get(`/api/v1/service/overview?year=${TEST_YEAR}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ServiceReport;
};
const rowOf = (r: ServiceReport, unitId: number) => r.units.find((u) => u.unitId === unitId)!;

beforeAll(async () => {
  env = await createTestEnv();
  day0 = chinaDate(env.clock.now());
  xiushuiUnit = await env.unitId(`${COUNTY}100000`);
  const nanlouUnit = await env.unitId(`${COUNTY}103000`);
  nengyuanUnit = await env.unitId(`${COUNTY}D03`);
  const gongxinUnit = await env.unitId(`${COUNTY}D01`);
  await advance(0);
  centreUserId = (await centre.get('/api/v1/me')).json().id;
  firmX = await createFirm(centre, {
    townshipId: xiushuiUnit,
    supervisingUnitId: gongxinUnit,
    name: '服务报表秀水机械有限公司',
  });
  firmN = await createFirm(centre, { townshipId: nanlouUnit, name: '服务报表南娄建材有限公司' });
  // Both firms in the cultivation library this year: 秀水镇's is visited (reached), 南娄镇's is not.
  for (const id of [firmX, firmN])
    await env.database.db.insert(libraryMemberships).values({
      enterpriseId: id,
      year: TEST_YEAR,
      library: 'cultivation',
      enteredAt: new Date(`${TEST_YEAR}-01-10T10:00:00+08:00`),
      enteredReason: '服务报表测试',
      manual: true,
      enteredBy: centreUserId,
    });

  // 秀水镇 visits its firm and raises two requests; the centre routes both to 县能源局; the bureau closes
  // the first two days later; the second is never accepted.
  const v = await visit(xiushui, firmX, xiushuiUnit, '李强', [
    { category: 'power', title: '新车间增容800千伏安', detail: '现有变压器容量不足，申请增容。' },
    { category: 'power', title: '双回路供电改造', detail: '申请协调供电公司改造双回路。' },
  ]);
  [closedId, openId] = v.requests.map((r) => r.id) as [number, number];
  for (const id of [closedId, openId]) await step(centre, id, 'route', { ownerUnitId: nengyuanUnit });
  await advance(2 * DAY);
  await step(nengyuan, closedId, 'accept');
  await step(nengyuan, closedId, 'resolve', { answer: '已协调供电公司完成增容，11月底送电。' });
  await step(xiushui, closedId, 'evaluate', { satisfaction: 'satisfied' });
}, 120_000);
afterAll(() => env.close());

describe('the service report', () => {
  it('counts the visit for the unit that took part and the requests for their owner', async () => {
    const r = await report(centre);
    const town = rowOf(r, xiushuiUnit);
    expect(town).toMatchObject({ visits: 1, firmsVisited: 1 });
    const bureau = rowOf(r, nengyuanUnit);
    expect(bureau.requests).toMatchObject({ received: 2, open: 1, closed: 1, evaluated: 1, satisfaction: 1 });
    expect(bureau.requests.medianDaysToClose).toBeGreaterThanOrEqual(2);
    expect(bureau.requests.medianDaysToClose).toBeLessThan(3);
    expect(r.totals).toMatchObject({ visits: 1, firmsVisited: 1, requests: 2, open: 1, closed: 1 });
  });

  it('gives coverage as fractions: 秀水镇 reached its firm, 南娄镇 did not, the county one in two', async () => {
    const r = await report(centre);
    expect(rowOf(r, xiushuiUnit).coverage.cultivation).toBe(1);
    expect(rowOf(r, await env.unitId(`${COUNTY}103000`)).coverage.cultivation).toBe(0);
    expect(r.coverage.cultivation).toEqual({ reached: 1, total: 2 });
    // The centre answers for the county: its row is the county's share.
    expect(rowOf(r, await env.unitId(`${COUNTY}C01`)).coverage.cultivation).toBe(0.5);
    // A library with no firm is no share at all, not 0 %.
    expect(rowOf(r, xiushuiUnit).coverage.atRisk).toBeNull();
  });

  it('turns the unaccepted request red once its accept deadline passes, and lists it as overdue', async () => {
    const dueOn = addWorkdays(PACKAGE_CALENDAR, day0, 1);
    let r = await report(centre);
    expect(r.overdue.map((o) => o.id)).not.toContain(openId);
    // Move the clock to the second day after the deadline.
    const now = chinaDate(env.clock.now());
    await advance(Date.parse(`${addDays(dueOn, 2)}T00:00:00Z`) - Date.parse(`${now}T00:00:00Z`));
    r = await report(centre);
    const item = r.overdue.find((o) => o.id === openId)!;
    expect(item).toMatchObject({
      firm: '服务报表秀水机械有限公司',
      unit: '县能源局',
      category: '用电',
      deadline: 'accept',
      dueOn,
      daysOverdue: 2,
    });
    expect(rowOf(r, nengyuanUnit).requests.overdue).toBe(1);
  });

  it('gives a past day the numbers of that day (replayed from the steps)', async () => {
    const r = await report(centre, `&asOf=${day0}`);
    expect(r.asOf).toBe(day0);
    const bureau = rowOf(r, nengyuanUnit);
    // On day 0 both were routed and waiting for the bureau; nothing was closed or late yet.
    expect(bureau.requests).toMatchObject({ received: 2, open: 2, closed: 0, overdue: 0 });
    expect(r.overdue).toEqual([]);
  });

  it('keeps a township to its own row; refuses an as-of day in the future', async () => {
    const r = await report(nanlou);
    expect(r.units.map((u) => u.name)).toEqual(['南娄镇']);
    expect(r.totals.visits).toBe(0);
    expect(r.overdue).toEqual([]);
    const future = await centre.get(`/api/v1/service/overview?year=${TEST_YEAR}&asOf=${TEST_YEAR + 1}-01-05`);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('晚于今天');
  });

  it('prints the same report on the command line, in the shape the county asks for', async () => {
    const cli = await runServiceReport(env.database.db, systemContext(env.clock.now()), {
      year: String(TEST_YEAR),
    });
    const web = await report(leader);
    expect(cli.units).toEqual(web.units);
    const bureau = cli.units.find((u) => u.code === `${COUNTY}D03`)!;
    expect(Object.keys(bureau)).toEqual(
      expect.arrayContaining(['code', 'name', 'visits', 'firmsVisited', 'requests', 'coverage']),
    );
    expect(Object.keys(bureau.requests)).toEqual(
      expect.arrayContaining(['open', 'closed', 'overdue', 'medianDaysToClose']),
    );
    expect(Object.keys(bureau.coverage)).toEqual(['cultivation', 'near', 'atRisk']);
    expect(cli.overdue[0]).toMatchObject({
      id: openId,
      firm: '服务报表秀水机械有限公司',
      unit: '县能源局',
      category: '用电',
    });
    await expect(
      runServiceReport(env.database.db, systemContext(env.clock.now()), { year: '26' }),
    ).rejects.toThrow('--year');
  });

  it('lists each official with their visits and requests raised; exports three sheets', async () => {
    const res = await centre.get(`/api/v1/service/overview/officials?year=${TEST_YEAR}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ name: '李强', unitName: '秀水镇', visits: 1, firmsVisited: 1 }),
    ]);
    const xlsx = await centre.get(`/api/v1/service/overview/export?year=${TEST_YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe("a firm's timeline", () => {
  it('holds the visit, every step of both requests with their lights, newest first', async () => {
    const res = await xiushui.get(`/api/v1/enterprises/${firmX}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json() as {
      items: { kind: string; title: string; at: string; light: string | null }[];
      counts: Record<string, number>;
    };
    expect(t.counts).toMatchObject({ visit: 1, library: 1 });
    // raise ×2, route ×2, accept, resolve, evaluate
    expect(t.counts.request).toBe(7);
    const titles = t.items.map((i) => i.title);
    expect(titles).toContain('走访：纾困解难');
    expect(titles.some((x) => x.includes('新车间增容800千伏安') && x.endsWith('企业评价'))).toBe(true);
    const raisedOpen = t.items.find(
      (i) => i.title.includes('双回路供电改造') && i.title.endsWith('提出诉求'),
    )!;
    expect(raisedOpen.light).toBe('red');
    const ats = t.items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('filters by kind, and answers 404 to a township of another firm', async () => {
    const only = await centre.get(`/api/v1/enterprises/${firmX}/timeline?kinds=visit`);
    expect(only.json().items.map((i: { kind: string }) => i.kind)).toEqual(['visit']);
    expect((await nanlou.get(`/api/v1/enterprises/${firmX}/timeline`)).statusCode).toBe(404);
    expect((await nanlou.get(`/api/v1/enterprises/${firmN}/timeline`)).statusCode).toBe(200);
  });
});
