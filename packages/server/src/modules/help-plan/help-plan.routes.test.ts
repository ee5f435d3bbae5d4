import { addDays, chinaDate, chinaDayStart, daysBetween, isWorkday } from '@shenggui/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { Client, COUNTY, createTestEnv, TEST_NOW, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { insertMemberships } from '../library/library.repository.js';
import { createFirm } from '../progress/test-support.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let gongxin: Client;
let stats: Client;
let xiushuiId: number;
let nanlouId: number;
let centreUnitId: number;
const Y = TEST_YEAR;
const today = chinaDate(new Date(TEST_NOW));
const later = (n: number) => addDays(today, n);

/** Puts a firm in the 临退规 library of a year from a China day (a rule stay, as the recompute writes one). */
async function atRisk(enterpriseId: number, year: number, enteredOn: string) {
  await insertMemberships(env.database.db, [
    {
      enterpriseId,
      year,
      library: 'atRisk',
      enteredAt: new Date(chinaDayStart(enteredOn).getTime() + 10 * 3600_000),
      enteredRule: 'atRisk.forecastBelow',
      enteredReason: '测试：预计低于规上标准',
    },
  ]);
}

const planBody = (enterpriseId: number, ownerUnitId: number, year = Y) => ({
  enterpriseId,
  year,
  ownerUnitId,
  ownerName: '张建国',
  measures: '协调电力增容；对接银行续贷',
  reviewOn: later(10),
});

async function list(client: Client, query: string) {
  const res = await client.get(`/api/v1/help-plans?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  centreUnitId = await env.unitId(`${COUNTY}C01`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  gongxin = await Client.signIn(env.app, 'gongxin');
  stats = await Client.signIn(env.app, 'stats');
});
afterAll(() => env.close());

describe('help plans: life cycle', () => {
  let firm: number;
  let planId: number;

  it('a township makes the plan of its at-risk firm; the list shows it active with its owner', async () => {
    firm = await createFirm(centre, {
      townshipId: xiushuiId,
      scaleStatus: 'above',
      name: '秀水帮扶甲有限公司',
    });
    await atRisk(firm, Y, addDays(today, -3));
    const res = await xiushui.post('/api/v1/help-plans', planBody(firm, xiushuiId));
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().plan.id;
    expect(res.json()).toMatchObject({
      state: 'active',
      canAct: true,
      plan: { ownerName: '张建国', reviews: 0 },
    });
    const page = await list(xiushui, `year=${Y}&q=${encodeURIComponent('秀水帮扶甲')}`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ state: 'active', stateLabel: '帮扶中', result: 'open' });
    expect(page.items[0].plan.ownerUnitName).toBe('秀水镇');
  });

  it('a second open plan for the same firm and year is refused (409, Chinese)', async () => {
    const res = await centre.post('/api/v1/help-plans', planBody(firm, centreUnitId));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已有进行中的帮扶方案');
  });

  it('a firm that was not at risk that year is refused (409)', async () => {
    const other = await createFirm(centre, { townshipId: xiushuiId, scaleStatus: 'above' });
    const res = await xiushui.post('/api/v1/help-plans', planBody(other, xiushuiId));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('不在临退规库');
  });

  it('another township’s firm answers 404 (and the attempt is audited)', async () => {
    const res = await nanlou.post('/api/v1/help-plans', planBody(firm, nanlouId));
    expect(res.statusCode).toBe(404);
    expect((await nanlou.get(`/api/v1/help-plans/${planId}`)).statusCode).toBe(404);
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.out_of_scope'), eq(auditLog.enterpriseId, firm)));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('an owner unit outside the firm’s own units is refused with the field named', async () => {
    const res = await centre.put(`/api/v1/help-plans/${planId}`, { ...planBody(firm, nanlouId) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('ownerUnitId');
  });

  it('the supervising department sees the plan but only the owner unit or the centre changes it (403)', async () => {
    const res = await gongxin.put(`/api/v1/help-plans/${planId}`, planBody(firm, xiushuiId));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/帮扶责任单位/);
    expect((await gongxin.get(`/api/v1/help-plans/${planId}`)).json().canAct).toBe(false);
  });

  it('editing is audited with before and after', async () => {
    const res = await xiushui.put(`/api/v1/help-plans/${planId}`, {
      ...planBody(firm, xiushuiId),
      measures: '协调电力增容；对接银行续贷；帮助拓展订单',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'help_plan.update'), eq(auditLog.entityId, String(planId))));
    expect(row?.before).toMatchObject({ measures: '协调电力增容；对接银行续贷' });
    expect(row?.after).toMatchObject({ measures: '协调电力增容；对接银行续贷；帮助拓展订单' });
  });

  it('a review records the outcome and moves the plan’s review day', async () => {
    const bad = await xiushui.post(`/api/v1/help-plans/${planId}/reviews`, {
      reviewedOn: today,
      outcome: 'improving',
      note: '订单回升',
      nextReviewOn: today,
    });
    expect(bad.statusCode).toBe(400);
    const res = await xiushui.post(`/api/v1/help-plans/${planId}/reviews`, {
      reviewedOn: today,
      outcome: 'improving',
      note: '电力增容已落实，10月产值环比回升',
      nextReviewOn: later(30),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plan).toMatchObject({ reviews: 1, lastOutcome: 'improving', reviewOn: later(30) });
    expect(res.json().reviewList[0]).toMatchObject({ outcomeLabel: '好转', recordedByName: 'xiushui' });
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'help_plan.review'), eq(auditLog.entityId, String(planId))));
    expect(audits).toHaveLength(1);
  });

  it('the centre closes it; a closed plan takes no review, and a new plan may then be made', async () => {
    const closed = await centre.post(`/api/v1/help-plans/${planId}/close`, {
      note: '风险解除，企业订单恢复',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', canAct: false });
    const review = await xiushui.post(`/api/v1/help-plans/${planId}/reviews`, {
      reviewedOn: today,
      outcome: 'stable',
      note: '持平',
    });
    expect(review.statusCode).toBe(409);
    const again = await stats.post('/api/v1/help-plans', planBody(firm, xiushuiId));
    expect(again.statusCode, again.body).toBe(201);
    const audits = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'help_plan.close'), eq(auditLog.entityId, String(planId))));
    expect(audits).toHaveLength(1);
  });
});

describe('help plans: the due day on the working-day calendar', () => {
  it('a plan due 5 working days after a Friday in November is due the next Friday, overdue the day after', async () => {
    // November has no public holiday and no 调休 day: five working days from a Friday are the next Friday.
    let friday = `${Y}-11-09`;
    while (new Date(`${friday}T00:00:00Z`).getUTCDay() !== 5) friday = addDays(friday, 1);
    const firm = await createFirm(centre, {
      townshipId: nanlouId,
      scaleStatus: 'above',
      name: '南娄周末测试有限公司',
    });
    await atRisk(firm, Y, friday);
    const due = addDays(friday, 7);
    const q = `year=${Y}&q=${encodeURIComponent('南娄周末测试')}`;
    const move = (day: string) =>
      env.clock.advance(chinaDayStart(day).getTime() + 10 * 3600_000 - env.clock.now().getTime());
    try {
      // A session idles out over days: sign in again on each day the clock is moved to.
      move(due);
      let township = await Client.signIn(env.app, 'nanlou');
      const onDue = (await list(township, q)).items[0];
      expect(onDue).toMatchObject({ enteredOn: friday, dueOn: due, state: 'none', stateLabel: '无方案' });
      move(addDays(due, 1));
      township = await Client.signIn(env.app, 'nanlou');
      const after = (await list(township, q)).items[0];
      expect(after).toMatchObject({ dueOn: due, state: 'overdue' });
      const page = await list(township, `year=${Y}&state=overdue`);
      expect(page.items.map((r: { enterpriseId: number }) => r.enterpriseId)).toContain(firm);
      expect(page.summary.overdue).toBeGreaterThanOrEqual(1);
      // The to-do list of the firm's township names it.
      const todo = (await township.get('/api/v1/todo')).json();
      expect(
        todo.items.some(
          (i: { kind: string; title: string }) => i.kind === 'helpPlan' && i.title.includes('南娄周末测试'),
        ),
      ).toBe(true);
    } finally {
      env.clock.advance(TEST_NOW - env.clock.now().getTime());
    }
  });

  it('a firm entering on the eve of 国庆 is due after the holiday week, on a working day', async () => {
    const firm = await createFirm(centre, {
      townshipId: nanlouId,
      scaleStatus: 'above',
      name: '南娄国庆测试有限公司',
    });
    const eve = `${Y}-09-30`;
    await atRisk(firm, Y, eve);
    const row = (await list(nanlou, `year=${Y}&q=${encodeURIComponent('南娄国庆测试')}`)).items[0];
    expect(row.enteredOn).toBe(eve);
    expect(row.dueOn > `${Y}-10-07`).toBe(true);
    expect(isWorkday(await loadWorkdayCalendar(env.database.db), row.dueOn)).toBe(true);
    expect(daysBetween(eve, row.dueOn)).toBeGreaterThan(7);
  });
});

describe('help plans: the year-close view', () => {
  let stayed: number;
  let left: number;
  let leftNow: number;
  let revised: number;

  beforeAll(async () => {
    stayed = await createFirm(centre, {
      townshipId: xiushuiId,
      scaleStatus: 'above',
      name: '年终保持规上有限公司',
    });
    left = await createFirm(centre, {
      townshipId: xiushuiId,
      scaleStatus: 'above',
      name: '年终已退规有限公司',
    });
    leftNow = await createFirm(centre, {
      townshipId: xiushuiId,
      scaleStatus: 'above',
      name: '本年已退规有限公司',
    });
    revised = await createFirm(centre, {
      townshipId: xiushuiId,
      scaleStatus: 'above',
      name: '年度核定退规有限公司',
    });
    for (const f of [stayed, left, revised]) await atRisk(f, Y - 1, `${Y - 1}-04-10`);
    await atRisk(leftNow, Y, `${Y}-03-02`);
    // Exits counted in the year (the default rule: approval date, cut-off 12-31).
    const exit = (enterpriseId: number, approvalDate: string) =>
      stats.post('/api/v1/directory-events', {
        enterpriseId,
        type: 'exit',
        exitReason: 'below_threshold',
        approvalDate,
        effectivePeriod: approvalDate.slice(0, 7),
      });
    expect((await exit(left, `${Y - 1}-09-15`)).statusCode).toBe(201);
    expect((await exit(leftNow, `${Y}-06-15`)).statusCode).toBe(201);
    // Below the line in Y−1: the annual revision takes it out from January of Y (counted in Y on the board).
    const res = await exit(revised, `${Y}-01-12`);
    expect(res.statusCode, res.body).toBe(201);
    const plan = await centre.post('/api/v1/help-plans', { ...planBody(stayed, xiushuiId, Y - 1) });
    expect(plan.statusCode, plan.body).toBe(201);
  });

  it('last year is closed: stayed and left per firm, with the summary counts', async () => {
    const page = await list(centre, `year=${Y - 1}&pageSize=200`);
    expect(page.yearClosed).toBe(true);
    const byId = new Map(page.items.map((r: { enterpriseId: number }) => [r.enterpriseId, r]));
    expect(byId.get(stayed)).toMatchObject({ result: 'stayed', resultLabel: '保持规上', state: 'active' });
    expect(byId.get(left)).toMatchObject({
      result: 'left',
      resultLabel: '已退规',
      plan: null,
      state: 'overdue',
    });
    // Left in the year itself, or by the annual revision in effect from January of the next year.
    expect(byId.get(revised)).toMatchObject({ result: 'left' });
    expect(page.summary).toMatchObject({
      atRisk: 3,
      withPlan: 1,
      withoutPlan: 2,
      stayed: 1,
      left: 2,
      open: 0,
    });
    const onlyLeft = await list(centre, `year=${Y - 1}&result=left`);
    const ids = onlyLeft.items.map((r: { enterpriseId: number }) => r.enterpriseId);
    expect(ids.sort()).toEqual([left, revised].sort());
  });

  it('this year: an exit counted in the year is "left" already; the others stay open', async () => {
    const page = await list(xiushui, `year=${Y}&pageSize=200`);
    expect(page.yearClosed).toBe(false);
    const byId = new Map(page.items.map((r: { enterpriseId: number }) => [r.enterpriseId, r]));
    expect(byId.get(leftNow)).toMatchObject({ result: 'left' });
    expect(page.items.filter((r: { result: string }) => r.result === 'stayed')).toEqual([]);
  });

  it('the export holds the year-close columns', async () => {
    const res = await centre.get(`/api/v1/help-plans/export?year=${Y - 1}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('help plans: scope', () => {
  it('nanlou never sees xiushui’s firms in the list, the detail or the export', async () => {
    const page = await list(nanlou, `year=${Y}&pageSize=200`);
    expect(page.items.every((r: { townshipId: number }) => r.townshipId === nanlouId)).toBe(true);
    expect(JSON.stringify(page)).not.toContain('秀水');
    const county = await list(centre, `year=${Y}&pageSize=200`);
    const theirs = county.items.find(
      (r: { townshipId: number; plan: unknown }) => r.townshipId === xiushuiId && r.plan,
    );
    expect(theirs).toBeDefined();
    expect((await nanlou.get(`/api/v1/help-plans/${theirs.plan.id}`)).statusCode).toBe(404);
    const exported = await nanlou.get(`/api/v1/help-plans/export?year=${Y}`);
    expect(exported.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join(' ')).not.toContain('秀水');
    expect(cells.join(' ')).toContain('南娄');
  });

  it('a leader reads the list but may not write (403)', async () => {
    const leader = await Client.signIn(env.app, 'leader');
    expect((await leader.get(`/api/v1/help-plans?year=${Y}`)).statusCode).toBe(200);
    const res = await leader.post('/api/v1/help-plans', planBody(1, xiushuiId));
    expect(res.statusCode).toBe(403);
  });
});
