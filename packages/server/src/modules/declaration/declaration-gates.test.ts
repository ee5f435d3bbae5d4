// The gates of a declaration over HTTP (docs/api.md, 入库申报): checks that block with a Chinese reason naming
// what is missing, the centre's override with a reason (audited, listed for review), separation of duties,
// withdraw and redo, monthly turned annual, and a December monthly declaration recorded in January.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, PASSWORD, type TestEnv, testCreditCode } from '../../test/harness.js';
import { createUser } from '../auth/auth.service.js';
import { insertMonthlyFigures } from '../revenue/test-support.js';

let env: TestEnv;
let centre: Client;
let stats: Client;
let xiushui: Client;
let xiushui2: Client;
let nanlou: Client;
let auditor: Client;
let xiushuiId: number;
let nanlouId: number;
let serial = 7600;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function createFirm(productionStartedOn = '2018-05-01'): Promise<number> {
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(serial++),
    name: `关口测试${serial}有限公司`,
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId: xiushuiId,
    productionStartedOn,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const figures = (enterpriseId: number, from: string, values: number[], source = 'tax') =>
  insertMonthlyFigures(env.database.db, env.clock.now(), enterpriseId, from, values, source);

type Detail = {
  id: number;
  state: string;
  materials: { item: string }[];
  checks: { key: string; status: string; override: { reason: string; actorName: string } | null }[];
  actions: { to: string; blockedBy: string[] }[];
  history: { to: string; comment: string | null }[];
};

const declare = (client: Client, enterpriseId: number, body: Record<string, unknown> = {}) =>
  client.post('/api/v1/declarations', { enterpriseId, year: 2026, mode: 'annual', batch: 'nov', ...body });
const move = (client: Client, id: number, to: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/v1/declarations/${id}/transitions`, { to, ...extra });
const inspect = (client: Client, id: number, kind: 'field' | 'document') =>
  client.post(`/api/v1/declarations/${id}/inspections`, {
    kind,
    inspectedOn: '2026-11-18',
    inspectors: '王敏、李强',
    findings: kind === 'field' ? '厂区设备正常运行' : '报表与纳税申报一致',
    conclusion: 'pass',
  });
async function uploadAll(client: Client, d: Detail, skip: string[] = []) {
  for (const { item } of d.materials.filter((m) => !skip.includes(m.item))) {
    const res = await client.post(`/api/v1/declarations/${d.id}/materials/${item}?fileName=${item}.pdf`, PDF);
    expect(res.statusCode, res.body).toBe(201);
  }
}
/** A declaration taken to centre_review: materials complete, submitted by xiushui, reviewed by xiushui2. */
async function toCentreReview(firm: number): Promise<Detail> {
  const d: Detail = (await declare(xiushui, firm)).json();
  await uploadAll(xiushui, d);
  expect((await move(xiushui, d.id, 'township_review')).statusCode).toBe(200);
  const r = await move(xiushui2, d.id, 'centre_review');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function signInAll() {
  centre = await Client.signIn(env.app, 'centre');
  stats = await Client.signIn(env.app, 'stats');
  xiushui = await Client.signIn(env.app, 'xiushui');
  xiushui2 = await Client.signIn(env.app, 'xiushui2');
  nanlou = await Client.signIn(env.app, 'nanlou');
  auditor = await Client.signIn(env.app, 'auditor');
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  await createUser(env.database.db, systemContext(env.clock.now()), {
    username: 'xiushui2',
    displayName: '秀水镇审核人',
    password: PASSWORD,
    unitId: xiushuiId,
    roles: ['township'],
    mustChangePassword: false,
  });
  await signInAll();
});
afterAll(() => env.close());

describe('checks that block', () => {
  it('keeps a declaration in preparing while a material is missing, naming it', async () => {
    const firm = await createFirm();
    const d: Detail = (await declare(xiushui, firm)).json();
    await uploadAll(xiushui, d, ['integrity_pledge', 'gate_photos']);
    const refused = await move(xiushui, d.id, 'township_review');
    expect(refused.statusCode).toBe(409);
    const message = refused.json().error.message as string;
    expect(message).toContain('缺少2项申报材料');
    expect(message).toContain('统计数据真实性承诺书');
    expect(message).toContain('厂门及企业标牌照片');
    expect(message).not.toContain('营业执照');
    const detail: Detail = (await xiushui.get(`/api/v1/declarations/${d.id}`)).json();
    expect(detail.checks.find((c) => c.key === 'materials')?.status).toBe('fail');
    expect(detail.actions.find((a) => a.to === 'township_review')?.blockedBy.join()).toContain('承诺书');
    // A withdrawal leaves preparing too, and is not blocked.
    expect(detail.actions.find((a) => a.to === 'withdrawn')?.blockedBy).toEqual([]);
  });

  it('stops the hand-over below the line and when the tax/statistics check could not run; a reasoned override passes and is audited', async () => {
    const firm = await createFirm();
    // January–October 2026: 1.9M a month of tax only → 1,900万元, and no statistics to compare with.
    await figures(firm, '2026-01', Array(10).fill(1_900_000));
    const d = await toCentreReview(firm);
    expect((await inspect(centre, d.id, 'field')).statusCode).toBe(201);
    expect((await inspect(centre, d.id, 'document')).statusCode).toBe(201);

    const refused = await move(centre, d.id, 'submitted');
    expect(refused.statusCode).toBe(409);
    const message = refused.json().error.message as string;
    expect(message).toContain('未达到2,000万元');
    expect(message).toContain('未运行');
    expect(message).toContain('无法比对');
    const shown: Detail = (await centre.get(`/api/v1/declarations/${d.id}`)).json();
    expect(shown.checks.find((c) => c.key === 'agreement')?.status).toBe('not_run');
    expect(shown.checks.find((c) => c.key === 'cumulative')?.status).toBe('fail');

    // Only the centre overrides, and only with a written reason.
    const byTownship = await xiushui.post(`/api/v1/declarations/${d.id}/overrides`, {
      check: 'cumulative',
      reason: '乡镇认为可以',
    });
    expect(byTownship.statusCode).toBe(403);
    expect(byTownship.json().error.message).toContain('中小企业发展中心');
    const noReason = await centre.post(`/api/v1/declarations/${d.id}/overrides`, {
      check: 'cumulative',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('理由');
    const informative = await centre.post(`/api/v1/declarations/${d.id}/overrides`, {
      check: 'twelveMonths',
      reason: '不需要',
    });
    expect(informative.statusCode).toBe(400);

    const reason = '11月开票已达2,050万元，统计局同意按开票数据受理';
    const ok = await centre.post(`/api/v1/declarations/${d.id}/overrides`, { check: 'cumulative', reason });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().checks.find((c: { key: string }) => c.key === 'cumulative').override).toMatchObject({
      reason,
      actorName: 'centre',
    });
    expect(
      (await centre.post(`/api/v1/declarations/${d.id}/overrides`, { check: 'cumulative', reason }))
        .statusCode,
    ).toBe(409);
    // One check overridden, the other still blocks.
    const stillBlocked = await move(centre, d.id, 'submitted');
    expect(stillBlocked.statusCode).toBe(409);
    expect(stillBlocked.json().error.message).toContain('无法比对');
    expect(stillBlocked.json().error.message).not.toContain('未达到');
    expect(
      (
        await centre.post(`/api/v1/declarations/${d.id}/overrides`, {
          check: 'agreement',
          reason: '统计月报尚未报送，以税务数据为准',
        })
      ).statusCode,
    ).toBe(200);
    const passed = await move(centre, d.id, 'submitted');
    expect(passed.statusCode, passed.body).toBe(200);

    // The audit trail holds the override with its reason.
    const audit = (
      await auditor.get(`/api/v1/audit?action=declaration.override&enterpriseId=${firm}`)
    ).json();
    expect(audit.items).toHaveLength(2);
    expect(JSON.stringify(audit.items)).toContain(reason);

    // And the review list shows it, with who, when and why; the township may not read the list.
    const review = (await centre.get('/api/v1/review?kind=override&year=2026')).json();
    const item = review.items.find((i: { reason: string }) => i.reason === reason);
    expect(item).toMatchObject({ kind: 'override', actorName: 'centre', link: `/declarations/${d.id}` });
    expect(item.subject).toContain('累计营业收入');
    expect((await auditor.get('/api/v1/review?kind=override')).json().total).toBeGreaterThanOrEqual(2);
    const denied = await xiushui.get('/api/v1/review');
    expect(denied.statusCode).toBe(403);
    const file = await auditor.get('/api/v1/review/export?kind=override');
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((r) => {
      rows.push(JSON.stringify(r.values));
    });
    expect(rows.join()).toContain(reason);
  });
});

describe('separation of duties', () => {
  it('refuses the preparer and the submitter the unit review (403, Chinese reason)', async () => {
    const firm = await createFirm();
    const d: Detail = (await declare(xiushui, firm)).json();
    await uploadAll(xiushui, d);
    expect((await move(xiushui, d.id, 'township_review')).statusCode).toBe(200);
    const own = await move(xiushui, d.id, 'centre_review');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('不能审核通过自己准备的申报');
    // Returned, then re-submitted by the second user: now neither may pass it.
    expect((await move(xiushui2, d.id, 'returned', { comment: '补充说明' })).statusCode).toBe(200);
    expect((await move(xiushui2, d.id, 'preparing')).statusCode).toBe(200);
    expect((await move(xiushui2, d.id, 'township_review')).statusCode).toBe(200);
    const submitter = await move(xiushui2, d.id, 'centre_review');
    expect(submitter.statusCode).toBe(403);
    expect(submitter.json().error.message).toContain('不能审核通过自己提交的申报');
  });

  it('lets the centre or the unit it assigns record inspections, never the declaring unit; the bureau records the entry', async () => {
    const firm = await createFirm();
    const d: Detail = (await declare(xiushui, firm)).json();
    const own = await inspect(xiushui, d.id, 'field');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('申报单位不能记录');
    // Another township sees nothing until the centre assigns it.
    expect((await inspect(nanlou, d.id, 'field')).statusCode).toBe(404);
    const byTownship = await xiushui.put(`/api/v1/declarations/${d.id}/inspection-unit`, {
      unitId: nanlouId,
    });
    expect(byTownship.statusCode).toBe(403);
    const declaring = await centre.put(`/api/v1/declarations/${d.id}/inspection-unit`, { unitId: xiushuiId });
    expect(declaring.statusCode).toBe(409);
    expect(declaring.json().error.message).toContain('不能指派申报单位');
    const assigned = await centre.put(`/api/v1/declarations/${d.id}/inspection-unit`, { unitId: nanlouId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().inspectionUnitName).toBeTruthy();
    const byAssigned = await inspect(nanlou, d.id, 'field');
    expect(byAssigned.statusCode, byAssigned.body).toBe(201);
    // The assigned unit reads the declaration and inspects; it takes no step and uploads nothing.
    const seen = (await nanlou.get(`/api/v1/declarations/${d.id}`)).json();
    expect(seen.actions).toEqual([]);
    expect(seen.can).toMatchObject({ inspect: true, materials: false });
    expect((await move(nanlou, d.id, 'withdrawn', { comment: '越权撤回' })).statusCode).toBe(404);
    expect(
      (await nanlou.post(`/api/v1/declarations/${d.id}/materials/basic_info?fileName=a.pdf`, PDF)).statusCode,
    ).toBe(404);
    expect((await inspect(xiushui2, d.id, 'document')).statusCode).toBe(403);

    // Only the statistics bureau records the entry.
    const firm2 = await createFirm();
    await figures(firm2, '2025-11', Array(12).fill(2_100_000));
    await figures(firm2, '2026-10', [2_100_000], 'statistics');
    const d2 = await toCentreReview(firm2);
    await inspect(centre, d2.id, 'field');
    await inspect(centre, d2.id, 'document');
    expect((await move(centre, d2.id, 'submitted')).statusCode).toBe(200);
    const entry = { approvalDate: '2026-11-20', effectivePeriod: '2027-01' };
    const byCentre = await move(centre, d2.id, 'entered', { entry });
    expect(byCentre.statusCode).toBe(403);
    expect(byCentre.json().error.message).toContain('统计局');
    expect((await move(stats, d2.id, 'entered', { entry })).statusCode).toBe(200);
  });
});

describe('withdraw and redo', () => {
  it('withdraws with a reason, keeps the history, and lets a new declaration be made', async () => {
    const firm = await createFirm();
    const d: Detail = (await declare(xiushui, firm)).json();
    expect((await move(xiushui, d.id, 'withdrawn')).statusCode).toBe(400);
    expect((await move(centre, d.id, 'withdrawn', { comment: '中心撤回' })).statusCode).toBe(403);
    const w = await move(xiushui, d.id, 'withdrawn', { comment: '企业申请暂缓申报' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', lastComment: '企业申请暂缓申报', actions: [] });
    expect(w.json().history.map((h: { to: string }) => h.to)).toEqual(['preparing', 'withdrawn']);
    const again = await declare(xiushui, firm, { batch: 'dec' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().batch).toBe('dec');
    // The old one stays readable, with its history.
    expect((await xiushui.get(`/api/v1/declarations/${d.id}`)).json().state).toBe('withdrawn');
    const review = (await centre.get('/api/v1/review?kind=withdrawn')).json();
    expect(review.items.find((i: { link: string }) => i.link === `/declarations/${d.id}`)).toMatchObject({
      reason: '企业申请暂缓申报',
      actorName: 'xiushui',
    });
  });

  it('withdraws in centre review only by the centre', async () => {
    const firm = await createFirm();
    const d = await toCentreReview(firm);
    expect((await move(xiushui, d.id, 'withdrawn', { comment: '撤回' })).statusCode).toBe(403);
    expect((await move(centre, d.id, 'withdrawn', { comment: '企业已停产' })).statusCode).toBe(200);
  });

  it('turns a monthly declaration into an annual one, materials copied, the monthly one withdrawn', async () => {
    const firm = await createFirm('2026-02-01');
    const d: Detail = (await declare(xiushui, firm, { mode: 'monthly', batch: '2026-11' })).json();
    await uploadAll(xiushui, d);
    const byCentre = await centre.post(`/api/v1/declarations/${d.id}/convert`, {
      batch: 'dec',
      reason: '改为年度',
    });
    expect(byCentre.statusCode).toBe(403);
    const converted = await xiushui.post(`/api/v1/declarations/${d.id}/convert`, {
      batch: 'dec',
      reason: '统计局意见：按年度批次申报',
    });
    expect(converted.statusCode, converted.body).toBe(201);
    const n = converted.json();
    expect(n).toMatchObject({ mode: 'annual', batch: 'dec', state: 'preparing', replacesId: d.id });
    expect(n.checks.find((c: { key: string }) => c.key === 'materials').status).toBe('pass');
    const old = (await xiushui.get(`/api/v1/declarations/${d.id}`)).json();
    expect(old.state).toBe('withdrawn');
    expect(old.lastComment).toContain('统计局意见');
    expect(
      (await xiushui.post(`/api/v1/declarations/${n.id}/convert`, { batch: 'dec', reason: '再转' }))
        .statusCode,
    ).toBe(409);
  });
});

describe('a December monthly declaration', () => {
  it('is accepted in December and recorded by the bureau effective January, listed nowhere as unusual', async () => {
    // Production from March 2026: eligible for 2026 (since 2025-10-01), though not from 2027's cut-off.
    const firm = await createFirm('2026-03-01');
    await figures(firm, '2026-03', Array(9).fill(2_300_000));
    await figures(firm, '2026-10', [2_300_000, 2_300_000], 'statistics');
    const d: Detail = (await declare(xiushui, firm, { mode: 'monthly', batch: '2026-12' })).json();
    expect(d.id).toBeGreaterThan(0);
    await uploadAll(xiushui, d);
    await move(xiushui, d.id, 'township_review');
    await move(xiushui2, d.id, 'centre_review');
    await inspect(centre, d.id, 'field');
    await inspect(centre, d.id, 'document');
    const submitted = await move(centre, d.id, 'submitted');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().defaultEffectivePeriod).toBe('2027-01');
    // The bureau approves on 28 December (sessions expire over the weeks: sign in again).
    env.clock.advance(38 * 86_400_000);
    await signInAll();
    const entered = await move(stats, d.id, 'entered', {
      entry: { approvalDate: '2026-12-28', effectivePeriod: '2027-01' },
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().state).toBe('entered');
    const unusual = (await centre.get('/api/v1/review?kind=unusual_period')).json();
    expect(unusual.items.some((i: { enterpriseId: number }) => i.enterpriseId === firm)).toBe(false);
    const direct = (await centre.get('/api/v1/review?kind=direct_entry')).json();
    expect(direct.items.some((i: { enterpriseId: number }) => i.enterpriseId === firm)).toBe(false);
  });

  it('lists an entry recorded without a declaration, and an unusual effective period, with who and why', async () => {
    const firm = await createFirm();
    const res = await stats.post('/api/v1/directory-events', {
      enterpriseId: firm,
      type: 'entry',
      mode: 'annual',
      batch: '2026年补录',
      approvalDate: '2026-12-20',
      effectivePeriod: '2026-06',
      note: '统计局补录',
    });
    expect(res.statusCode, res.body).toBe(201);
    const all = (await auditor.get('/api/v1/review?year=2026&pageSize=200')).json();
    const mine = all.items.filter((i: { enterpriseId: number }) => i.enterpriseId === firm);
    expect(mine.map((i: { kind: string }) => i.kind).sort()).toEqual(['direct_entry', 'unusual_period']);
    for (const i of mine) expect(i).toMatchObject({ reason: '统计局补录', actorName: 'stats' });
    expect(mine.find((i: { kind: string }) => i.kind === 'unusual_period').subject).toContain('追溯');
    const paged = (await auditor.get('/api/v1/review?year=2026&page=1&pageSize=1')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(all.total);
    const byName = (
      await auditor.get(`/api/v1/review?q=${encodeURIComponent(mine[0].enterpriseName)}`)
    ).json();
    expect(byName.items.every((i: { enterpriseId: number }) => i.enterpriseId === firm)).toBe(true);
  });
});
