// Declarations end to end over HTTP: the full walk to a directory entry, the hard
// inspection rule, scope, monthly eligibility, checks from figures, upload limits, the calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, PASSWORD, type TestEnv, testCreditCode } from '../../test/harness.js';
import { createUser } from '../auth/auth.service.js';
import { insertMonthlyFigures } from '../revenue/test-support.js';

let env: TestEnv;
let centre: Client;
let stats: Client;
let xiushui: Client;
/** A second 秀水镇 user: passes the reviews the preparer may not (separation of duties). */
let xiushui2: Client;
let nanlou: Client;
let tax: Client;
let xiushuiId: number;
let serial = 7100;

// The fake clock stands at 2026-11-20 09:00 China time: the 11月批 deadline is today.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function createFirm(productionStartedOn: string | null = '2018-05-01'): Promise<number> {
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(serial++),
    name: `申报测试${serial}有限公司`,
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId: xiushuiId,
    ...(productionStartedOn ? { productionStartedOn } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const figures = (enterpriseId: number, from: string, values: number[], source = 'tax') =>
  insertMonthlyFigures(env.database.db, env.clock.now(), enterpriseId, from, values, source);

async function declare(client: Client, enterpriseId: number, body: Record<string, unknown> = {}) {
  return client.post('/api/v1/declarations', {
    enterpriseId,
    year: 2026,
    mode: 'annual',
    batch: 'nov',
    ...body,
  });
}

const move = (client: Client, id: number, to: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/v1/declarations/${id}/transitions`, { to, ...extra });

/** Uploads every material of the declaration's checklist. */
async function uploadAll(client: Client, d: { id: number; materials: { item: string }[] }) {
  for (const { item } of d.materials) {
    const res = await client.post(`/api/v1/declarations/${d.id}/materials/${item}?fileName=${item}.pdf`, PDF);
    expect(res.statusCode, res.body).toBe(201);
  }
}

const inspection = (kind: 'field' | 'document', conclusion = 'pass') => ({
  kind,
  inspectedOn: '2026-11-18',
  inspectors: '张三、李四',
  findings: kind === 'field' ? '厂门标牌齐全，设备正常运行' : '报表与纳税申报一致',
  conclusion,
});

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  centre = await Client.signIn(env.app, 'centre');
  stats = await Client.signIn(env.app, 'stats');
  xiushui = await Client.signIn(env.app, 'xiushui');
  await createUser(env.database.db, systemContext(env.clock.now()), {
    username: 'xiushui2',
    displayName: '秀水镇审核人',
    password: PASSWORD,
    unitId: xiushuiId,
    roles: ['township'],
    mustChangePassword: false,
  });
  xiushui2 = await Client.signIn(env.app, 'xiushui2');
  nanlou = await Client.signIn(env.app, 'nanlou');
  tax = await Client.signIn(env.app, 'tax');
});
afterAll(() => env.close());

describe('declaration workflow', () => {
  it('walks preparing → … → entered, creating the directory entry and making the firm 规上', async () => {
    const firm = await createFirm();
    // 2025-11 … 2026-10: twelve months, 2.1M a month → 21M for 2026 January–October; statistics agree.
    await figures(firm, '2025-11', Array(12).fill(2_100_000));
    await figures(firm, '2026-09', [2_150_000, 2_100_000], 'statistics');

    const created = await declare(xiushui, firm);
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({
      state: 'preparing',
      batchName: '11月批',
      deadline: '2026-11-20',
      dataMonth: '2026-10',
    });
    expect(d.checks.find((c: { key: string }) => c.key === 'cumulative')).toMatchObject({ ok: true });
    expect(d.checks.find((c: { key: string }) => c.key === 'twelveMonths')).toMatchObject({ ok: true });
    expect(d.materials.map((m: { item: string }) => m.item)).not.toContain('project_approval');
    expect(d.actions.map((a: { to: string }) => a.to)).toEqual(['township_review', 'withdrawn']);

    // One open declaration per firm and year.
    expect((await declare(xiushui, firm, { batch: 'dec' })).statusCode).toBe(409);

    const up = await xiushui.post(
      `/api/v1/declarations/${d.id}/materials/business_licence?fileName=执照.pdf`,
      PDF,
    );
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ version: 1, fileType: 'pdf', size: PDF.length });
    const again = await xiushui.post(
      `/api/v1/declarations/${d.id}/materials/business_licence?fileName=执照2.pdf`,
      PDF,
    );
    expect(again.json().version).toBe(2);

    // The centre cannot skip the township's review; the township cannot approve for the centre.
    expect((await move(centre, d.id, 'township_review')).statusCode).toBe(403);
    await uploadAll(xiushui, d);
    expect((await move(xiushui, d.id, 'township_review')).statusCode).toBe(200);
    expect((await move(xiushui, d.id, 'submitted')).statusCode).toBe(409);
    expect((await move(xiushui2, d.id, 'centre_review')).statusCode).toBe(200);

    // Hard rule (docs/domain.md §7): no approval without both inspection records.
    const refused = await move(centre, d.id, 'submitted');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('缺少实地踏勘记录');
    expect(refused.json().error.message).toContain('缺少资料审核记录');
    const field = await centre.post(`/api/v1/declarations/${d.id}/inspections`, inspection('field'));
    expect(field.statusCode, field.body).toBe(201);
    const onlyField = await move(centre, d.id, 'submitted');
    expect(onlyField.statusCode).toBe(409);
    expect(onlyField.json().error.message).toContain('缺少资料审核记录');
    const photo = await centre.post(
      `/api/v1/declarations/${d.id}/inspections/${field.json().id}/photos?fileName=厂门.png`,
      PNG,
    );
    expect(photo.statusCode, photo.body).toBe(201);
    expect(
      (await centre.post(`/api/v1/declarations/${d.id}/inspections`, inspection('document'))).statusCode,
    ).toBe(201);
    const submitted = await move(centre, d.id, 'submitted', { comment: '材料齐全' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().state).toBe('submitted');

    // Materials are frozen once handed to the bureau.
    expect(
      (await xiushui.post(`/api/v1/declarations/${d.id}/materials/vat_returns?fileName=a.pdf`, PDF))
        .statusCode,
    ).toBe(409);

    // A refused directory entry (approval date in the future) leaves the declaration submitted with the reason.
    const early = await move(stats, d.id, 'entered', {
      entry: { approvalDate: '2026-12-01', effectivePeriod: '2027-01' },
    });
    expect(early.statusCode).toBe(400);
    const still = (await stats.get(`/api/v1/declarations/${d.id}`)).json();
    expect(still.state).toBe('submitted');
    expect(still.lastComment).toContain('晚于今天');
    expect((await move(stats, d.id, 'entered')).statusCode).toBe(400); // entry details required

    // An effective period other than January of the next year needs a reason (it is listed for review).
    const noReason = await move(stats, d.id, 'entered', {
      entry: { approvalDate: '2026-11-20', effectivePeriod: '2026-12' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('2027-01');
    const entered = await move(stats, d.id, 'entered', {
      entry: {
        approvalDate: '2026-11-20',
        effectivePeriod: '2026-12',
        effectivePeriodReason: '统计局批复自12月起纳入统计',
      },
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json().state).toBe('entered');
    expect(entered.json().directoryEventId).toBeGreaterThan(0);
    expect(entered.json().defaultEffectivePeriod).toBe('2027-01');
    expect(entered.json().history.map((h: { to: string }) => h.to)).toEqual([
      'preparing',
      'township_review',
      'centre_review',
      'submitted',
      'entered',
    ]);
    expect(entered.json().inspections[0].photos).toHaveLength(1);

    const detail = (await centre.get(`/api/v1/enterprises/${firm}`)).json();
    expect(detail.scaleStatus).toBe('above');
    const events = (await centre.get(`/api/v1/enterprises/${firm}/directory-events`)).json().items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'entry',
      mode: 'annual',
      batch: '11月批',
      effectivePeriod: '2026-12',
    });

    const file = await centre.get(`/api/v1/declarations/${d.id}/files/${up.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const board = (await centre.get('/api/v1/declarations/board?year=2026')).json();
    const nov = board.batches.find((b: { batch: string }) => b.batch === 'nov');
    expect(nov.states.find((s: { state: string }) => s.state === 'entered').count).toBe(1);
  });

  it('returns with a reason and goes back to preparing', async () => {
    const firm = await createFirm();
    const d = (await declare(xiushui, firm)).json();
    await uploadAll(xiushui, d);
    await move(xiushui, d.id, 'township_review');
    expect((await move(xiushui, d.id, 'returned')).statusCode).toBe(400); // reason required
    const ret = await move(xiushui, d.id, 'returned', { comment: '营业执照不清晰' });
    expect(ret.json()).toMatchObject({ state: 'returned', lastComment: '营业执照不清晰' });
    expect((await move(xiushui, d.id, 'preparing')).json().state).toBe('preparing');
  });

  it('hides another township’s declaration (404) and refuses non-unit creators', async () => {
    const firm = await createFirm();
    const d = (await declare(xiushui, firm)).json();
    expect((await nanlou.get(`/api/v1/declarations/${d.id}`)).statusCode).toBe(404);
    expect((await move(nanlou, d.id, 'township_review')).statusCode).toBe(404);
    expect(
      (await nanlou.post(`/api/v1/declarations/${d.id}/materials/basic_info?fileName=a.pdf`, PDF)).statusCode,
    ).toBe(404);
    expect((await declare(nanlou, firm)).statusCode).toBe(404);
    const list = (await nanlou.get('/api/v1/declarations?year=2026')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(d.id);
    expect((await declare(centre, await createFirm())).statusCode).toBe(403);
  });

  it('allows monthly entry only for firms producing since 1 October of the prior year', async () => {
    const old = await createFirm('2025-09-30');
    const refused = await declare(xiushui, old, { mode: 'monthly', batch: '2026-11' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('2025-10-01');
    const fresh = await createFirm('2025-10-01');
    const ok = await declare(xiushui, fresh, { mode: 'monthly', batch: '2026-11' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      batchName: '2026年11月月度',
      deadline: '2026-11-20',
      dataMonth: '2026-10',
    });
    expect(ok.json().materials.map((m: { item: string }) => m.item)).toContain('project_approval');
  });

  it('refuses a batch whose deadline has passed, naming the batch and its deadline', async () => {
    // The test clock stands on 2026-11-20: October's monthly batch closed on 2026-10-20.
    const fresh = await createFirm('2025-10-01');
    const closed = await declare(xiushui, fresh, { mode: 'monthly', batch: '2026-10' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.details[0]).toMatchObject({ path: 'batch' });
    expect(closed.json().error.message).toContain('截止');
    expect((await declare(xiushui, fresh, { mode: 'monthly', batch: '2026-11' })).statusCode).toBe(201);
  });

  it('computes the checks from the figures', async () => {
    const firm = await createFirm('2026-03-01');
    // 2026-01 … 2026-10 tax 1.99M a month = 1,990万元; statistics 2.5M in October (25.6 % apart); sales before March.
    await figures(firm, '2026-01', Array(10).fill(1_990_000));
    await figures(firm, '2026-10', [1_500_000], 'statistics');
    const d = (await declare(xiushui, firm)).json();
    const byKey = Object.fromEntries(d.checks.map((c: { key: string }) => [c.key, c]));
    // October's statistics figure replaces the tax one: 9 × 1.99M + 1.5M = 19.41M.
    expect(byKey.cumulative.ok).toBe(false);
    expect(byKey.cumulative.message).toContain('1,941万元');
    expect(byKey.cumulative.message).toContain('2,000万元');
    expect(byKey.agreement.ok).toBe(false);
    expect(byKey.agreement.message).toContain('2026-10');
    expect(byKey.twelveMonths.ok).toBe(false);
    expect(byKey.salesBeforeProduction.ok).toBe(false);
    expect(byKey.salesBeforeProduction.message).toContain('2026-01');
    expect(byKey.materials).toMatchObject({ status: 'fail', gate: 'township_review' });
  });

  it('refuses a renamed executable and a file over the limit', async () => {
    const firm = await createFirm();
    const d = (await declare(xiushui, firm)).json();
    const exe = await xiushui.post(
      `/api/v1/declarations/${d.id}/materials/basic_info?fileName=情况表.pdf`,
      EXE,
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toContain('不符');
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await xiushui.post(
      `/api/v1/declarations/${d.id}/materials/basic_info?fileName=big.pdf`,
      big,
    );
    expect(tooBig.statusCode).toBe(413);
    const photo = (await centre.post(`/api/v1/declarations/${d.id}/inspections`, inspection('field'))).json();
    const pdfPhoto = await centre.post(
      `/api/v1/declarations/${d.id}/inspections/${photo.id}/photos?fileName=a.pdf`,
      PDF,
    );
    expect(pdfPhoto.statusCode).toBe(400);
    expect(
      (await tax.post(`/api/v1/declarations/${d.id}/materials/basic_info?fileName=a.pdf`, PDF)).statusCode,
    ).toBe(403);
  });

  it('keeps a calendar per year (audited) and falls back to the defaults', async () => {
    const def = (await xiushui.get('/api/v1/settings/declaration-calendar/2027')).json();
    expect(def.batches.map((b: { name: string }) => b.name)).toEqual(['11月批', '12月批']);
    const withJanuary = {
      ...def,
      batches: [...def.batches, { key: 'jan', name: '1月批', deadline: '2028-01-20' }],
      agreementTolerance: 0.05,
    };
    expect((await xiushui.put('/api/v1/settings/declaration-calendar/2027', withJanuary)).statusCode).toBe(
      403,
    );
    const put = await centre.put('/api/v1/settings/declaration-calendar/2027', withJanuary);
    expect(put.statusCode, put.body).toBe(200);
    const back = (await xiushui.get('/api/v1/settings/declaration-calendar/2027')).json();
    expect(back.batches).toHaveLength(3);
    expect(back.agreementTolerance).toBe(0.05);
    // One writer for the calendar: the same audited setting change as the 业务设置 page.
    const auditor = await Client.signIn(env.app, 'auditor');
    const trail = (await auditor.get('/api/v1/audit?action=settings.update&pageSize=50')).json();
    const entry = trail.items.find((i: { entityId: string }) => i.entityId === 'declaration.calendar@2027');
    expect(entry?.after).toMatchObject({ key: 'declaration.calendar', year: 2027 });
  });
});

describe('to-do list', () => {
  it('shows the deadline and the declarations waiting for the user', async () => {
    const firm = await createFirm();
    const d = (await declare(xiushui, firm)).json();
    const mine = (await xiushui.get('/api/v1/todo')).json().items;
    const deadline = mine.find(
      (i: { kind: string; due: string }) => i.kind === 'deadline' && i.due === '2026-11-20',
    );
    expect(deadline).toBeDefined();
    expect(deadline.title).toContain('11月');
    expect(mine).toContainEqual(
      expect.objectContaining({ kind: 'declaration', link: `/declarations/${d.id}`, due: '2026-11-20' }),
    );
    // Not the centre's turn yet; after the township's review it is.
    const before = (await centre.get('/api/v1/todo')).json().items;
    expect(before.some((i: { link: string }) => i.link === `/declarations/${d.id}`)).toBe(false);
    await uploadAll(xiushui, d);
    await move(xiushui, d.id, 'township_review');
    await move(xiushui2, d.id, 'centre_review');
    const after = (await centre.get('/api/v1/todo')).json().items;
    expect(after.some((i: { link: string }) => i.link === `/declarations/${d.id}`)).toBe(true);
    // Another township sees neither this declaration nor anything it may not read.
    const other = (await nanlou.get('/api/v1/todo')).json().items;
    expect(other.some((i: { link: string }) => i.link === `/declarations/${d.id}`)).toBe(false);
    // The system administrator has no business data: an empty list, not an error.
    const sys = await Client.signIn(env.app, 'sysadmin');
    expect((await sys.get('/api/v1/todo')).json().items).toEqual([]);
  });

  it('lists 达规未入统 firms for the centre', async () => {
    const firm = await createFirm();
    await figures(firm, '2026-01', Array(10).fill(2_100_000));
    const items = (await centre.get('/api/v1/todo')).json().items;
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'unreported', link: `/enterprises/${firm}` }),
    );
  });
});
