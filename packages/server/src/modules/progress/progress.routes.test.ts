import {
  type CountableEvent,
  type CountingRule,
  countNetIncrease,
  DEFAULT_COUNTING_RULE,
  type FirmUnits,
} from '@shenggui/domain';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, type TestEnv } from '../../test/harness.js';
import { runProgressReport } from './progress.cli.js';
import { createFirm, registerProgressSlice } from './test-support.js';

let env: TestEnv;
let centre: Client;
let stats: Client;
let xiushui: Client;
let gongxin: Client;
let leader: Client;
const unit: Record<string, number> = {};
const firm: Record<string, number> = {};

async function record(body: Record<string, unknown>): Promise<number> {
  const res = await stats.post('/api/v1/directory-events', body);
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json().id;
}
const entry = (enterpriseId: number, approvalDate: string, effectivePeriod: string) =>
  record({ enterpriseId, type: 'entry', mode: 'annual', approvalDate, effectivePeriod });
const exit = (enterpriseId: number, approvalDate: string, effectivePeriod: string) =>
  record({ enterpriseId, type: 'exit', exitReason: 'below_threshold', approvalDate, effectivePeriod });

beforeAll(async () => {
  env = await createTestEnv();
  await registerProgressSlice(env.app, env.database.db);
  for (const [k, code] of [
    ['xiushui', '100000'],
    ['nanlou', '103000'],
    ['industry', 'D01'],
    ['energy', 'D03'],
    ['zone', 'Z01'],
    ['county', '000000'],
  ] as const)
    unit[k] = await env.unitId(`${COUNTY}${code}`);
  centre = await Client.signIn(env.app, 'centre');
  stats = await Client.signIn(env.app, 'stats');
  xiushui = await Client.signIn(env.app, 'xiushui');
  gongxin = await Client.signIn(env.app, 'gongxin');
  leader = await Client.signIn(env.app, 'leader');

  // The story of 2026 (today is 2026-11-20 on the test clock):
  firm.A = await createFirm(centre, { townshipId: unit.xiushui!, name: '甲耐材有限公司' }); // 工信局
  firm.B = await createFirm(centre, {
    townshipId: unit.xiushui!,
    industryCode: '0610',
    name: '乙煤业有限公司',
  }); // 能源局
  firm.C = await createFirm(centre, {
    townshipId: unit.nanlou!,
    scaleStatus: 'above',
    name: '丙耐材有限公司',
  });
  firm.D = await createFirm(centre, { townshipId: unit.nanlou!, name: '丁耐材有限公司' });
  firm.E = await createFirm(centre, { townshipId: unit.xiushui!, name: '戊耐材有限公司' });
  firm.F = await createFirm(centre, { townshipId: unit.nanlou!, name: '己耐材有限公司' });
  await entry(firm.A, '2026-01-15', '2026-01');
  await entry(firm.B, '2026-06-10', '2026-07');
  await exit(firm.C, '2026-02-10', '2026-02');
  await entry(firm.D, '2026-03-01', '2026-03'); // enters and leaves in the same year: nets to 0
  await exit(firm.D, '2026-08-01', '2026-08');
  await entry(firm.E, '2025-12-20', '2026-01'); // 2025 by approval date, 2026 by effective period
  const voided = await entry(firm.F, '2026-04-01', '2026-04');
  const v = await stats.post(`/api/v1/directory-events/${voided}/void`, { reason: '误录' });
  expect(v.statusCode).toBe(200);
});
afterAll(() => env.close());

interface Row {
  unitId: number;
  target: number | null;
  entered: number;
  exited: number;
  net: number;
  remaining: number | null;
  rank: number;
}
const rowOf = (rows: Row[], unitId: number) => rows.find((r) => r.unitId === unitId)!;

describe('targets', () => {
  const allocation = () => ({
    cityTarget: 3,
    territorial: [
      { unitId: unit.xiushui, target: 2 },
      { unitId: unit.nanlou, target: 2 },
    ],
    supervising: [
      { unitId: unit.industry, target: 2 },
      { unitId: unit.energy, target: 1 },
    ],
  });

  it('saves the whole allocation, audits each changed value and explains the sums', async () => {
    const put = await centre.put('/api/v1/targets/2026', allocation());
    expect(put.statusCode, put.body).toBe(200);
    const body = put.json();
    expect(body.cityTarget).toBe(3);
    expect(body.sums).toEqual({ territorial: 4, supervising: 3 });
    expect(body.warnings).toEqual(['属地分解合计4户，超出市下达目标1户']);
    expect(rowOf(body.territorial, unit.xiushui!).target).toBe(2);
    expect(rowOf(body.territorial, unit.xiushui!)).toMatchObject({ code: `${COUNTY}100000`, name: '秀水镇' });
    const audits = () =>
      env.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'target.set'), like(auditLog.entityId, '2026/%')));
    expect(await audits()).toHaveLength(5);

    // One value changes, one unit is left out: two more records, with before and after.
    const next = allocation();
    next.territorial = [{ unitId: unit.xiushui, target: 2 }];
    next.supervising[1] = { unitId: unit.energy, target: 0 };
    const again = await centre.put('/api/v1/targets/2026', next);
    expect(again.statusCode, again.body).toBe(200);
    const after = await audits();
    expect(after).toHaveLength(7);
    const energy = after.find((a) => a.entityId === `2026/supervising/${unit.energy}` && a.before !== null);
    expect(energy).toMatchObject({ before: { target: 1 }, after: { target: 0 } });
    expect(again.json().warnings).toEqual([
      '属地分解合计2户，低于市下达目标3户，差1户',
      '行业主管分解合计2户，低于市下达目标3户，差1户',
    ]);
    // Restore for the board below.
    expect((await centre.put('/api/v1/targets/2026', allocation())).statusCode).toBe(200);
  });

  it('refuses units of the wrong dimension, negative numbers, and callers without target:allocate', async () => {
    const wrong = { ...allocation(), supervising: [{ unitId: unit.xiushui, target: 1 }] };
    const res = await centre.put('/api/v1/targets/2026', wrong);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/开发区或行业主管部门/);
    expect((await centre.put('/api/v1/targets/2026', { ...allocation(), cityTarget: -1 })).statusCode).toBe(
      400,
    );
    expect((await xiushui.put('/api/v1/targets/2026', allocation())).statusCode).toBe(403);
    expect((await xiushui.get('/api/v1/targets?year=2026')).statusCode).toBe(200);
  });
});

describe('the board', () => {
  it('counts the county and both dimensions; voided events and same-year round trips do not count', async () => {
    const res = await leader.get('/api/v1/progress?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.asOf).toBe('2026-11-20');
    expect(r.county).toMatchObject({
      unitId: unit.county,
      cityTarget: 3,
      territorialTarget: 4,
      supervisingTarget: 3,
      entered: 2,
      exited: 1,
      net: 1,
      pReachCityTarget: 0, // no firm has revenue: nothing more can enter
    });
    expect(rowOf(r.dimensions.territorial, unit.xiushui!)).toMatchObject({
      target: 2,
      entered: 2,
      exited: 0,
      net: 2,
      remaining: 0,
      rank: 1,
    });
    const nanlou = rowOf(r.dimensions.territorial, unit.nanlou!);
    expect(nanlou).toMatchObject({ target: 2, entered: 0, exited: 1, net: -1, remaining: 3 });
    expect(nanlou.rank).toBe(r.dimensions.territorial.length); // last
    expect(rowOf(r.dimensions.supervising, unit.industry!)).toMatchObject({
      entered: 1,
      exited: 1,
      net: 0,
      remaining: 2,
    });
    expect(rowOf(r.dimensions.supervising, unit.energy!)).toMatchObject({
      entered: 1,
      net: 1,
      remaining: 0,
      rank: 1,
    });
    expect(rowOf(r.dimensions.supervising, unit.zone!)).toMatchObject({
      target: null,
      net: 0,
      remaining: null,
    });
    for (const dim of ['territorial', 'supervising'] as const) {
      const sum = (k: 'entered' | 'exited' | 'net') =>
        r.dimensions[dim].reduce((s: number, x: Row) => s + x[k], 0);
      expect([sum('entered'), sum('exited'), sum('net')]).toEqual([2, 1, 1]);
    }
  });

  it('as of an earlier day shows the board as it stood', async () => {
    const r = (await centre.get('/api/v1/progress?year=2026&asOf=2026-05-31')).json();
    expect(r.asOf).toBe('2026-05-31');
    expect(r.county).toMatchObject({ entered: 2, exited: 1, net: 1 }); // A and D in, C out; B not yet
    expect(rowOf(r.dimensions.territorial, unit.nanlou!)).toMatchObject({ entered: 1, exited: 1, net: 0 });
    const jan = (await centre.get('/api/v1/progress?year=2026&asOf=2026-01-31')).json();
    expect(jan.county).toMatchObject({ entered: 1, exited: 0, net: 1 });
  });

  it('a township sees the county totals and only its own row; a department only its own', async () => {
    const t = (await xiushui.get('/api/v1/progress?year=2026')).json();
    expect(t.county.net).toBe(1);
    expect(t.dimensions.territorial).toHaveLength(1);
    expect(t.dimensions.territorial[0]).toMatchObject({ unitId: unit.xiushui, net: 2, rank: 1 });
    expect(t.dimensions.supervising).toEqual([]);
    const d = (await gongxin.get('/api/v1/progress?year=2026')).json();
    expect(d.dimensions.territorial).toEqual([]);
    expect(d.dimensions.supervising).toHaveLength(1);
    expect(d.dimensions.supervising[0]).toMatchObject({ unitId: unit.industry, net: 0 });
  });

  it('drills down to exactly the firms behind a number, inside the caller’s scope', async () => {
    const names = async (c: Client, query: string) => {
      const res = await c.get(`/api/v1/progress/2026/enterprises?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .items.map((i: { id: number }) => i.id)
        .sort();
    };
    expect(await names(centre, 'kind=entered')).toEqual([firm.A, firm.B].sort());
    expect(await names(centre, 'kind=exited')).toEqual([firm.C]);
    expect(await names(centre, `kind=exited&dimension=territorial&unitId=${unit.nanlou}`)).toEqual([firm.C]);
    expect(await names(centre, `kind=entered&dimension=supervising&unitId=${unit.energy}`)).toEqual([firm.B]);
    expect(await names(centre, 'kind=entered&asOf=2026-05-31')).toEqual([firm.A, firm.D].sort());
    expect(await names(xiushui, 'kind=exited')).toEqual([]);
    expect(await names(xiushui, 'kind=entered')).toEqual([firm.A, firm.B].sort());
    const detail = (await centre.get('/api/v1/progress/2026/enterprises?kind=exited')).json().items[0];
    expect(detail.events).toEqual([expect.objectContaining({ type: 'exit', approvalDate: '2026-02-10' })]);
    expect(
      (await centre.get(`/api/v1/progress/2026/enterprises?kind=entered&unitId=${unit.nanlou}`)).statusCode,
    ).toBe(400);
  });

  it('draws the cumulative line month by month up to the as-of day', async () => {
    const r = (await centre.get('/api/v1/progress/2026/cumulative')).json();
    expect(r.months).toHaveLength(11);
    const at = (p: string) => r.months.find((m: { period: string }) => m.period === p);
    expect(at('2026-01')).toMatchObject({ asOf: '2026-01-31', entered: 1, exited: 0, net: 1 });
    expect(at('2026-03')).toMatchObject({ entered: 2, exited: 1, net: 1 });
    expect(at('2026-06')).toMatchObject({ entered: 3, exited: 1, net: 2 });
    expect(at('2026-11')).toMatchObject({ asOf: '2026-11-20', entered: 2, exited: 1, net: 1 });
    const short = (await centre.get('/api/v1/progress/2026/cumulative?asOf=2026-02-15')).json();
    expect(short.months.map((m: { period: string }) => m.period)).toEqual(['2026-01', '2026-02']);
  });

  it('the SQL counting agrees with the domain function on the same events', async () => {
    const events = (await centre.get('/api/v1/directory-events?pageSize=200')).json().items as {
      enterpriseId: number;
      type: 'entry' | 'exit';
      approvalDate: string;
      effectivePeriod: string;
      voided: boolean;
      townshipId: number;
      supervisingUnitId: number;
    }[];
    const firms = new Map<number, FirmUnits>(events.map((e) => [e.enterpriseId, e]));
    const valid: CountableEvent[] = events.filter((e) => !e.voided);
    for (const [year, asOf] of [
      [2026, '2026-11-20'],
      [2026, '2026-04-30'],
      [2025, '2026-11-20'],
    ] as const) {
      const expected = countNetIncrease(valid, firms, year, asOf, DEFAULT_COUNTING_RULE);
      const r = (await centre.get(`/api/v1/progress?year=${year}&asOf=${asOf}`)).json();
      expect(r.county).toMatchObject(expected.county);
      for (const row of r.dimensions.territorial as (Row & { unitId: number })[])
        expect({ entered: row.entered, exited: row.exited, net: row.net }).toEqual(
          expected.territorial.get(row.unitId) ?? { entered: 0, exited: 0, net: 0 },
        );
      for (const row of r.dimensions.supervising as (Row & { unitId: number })[])
        expect({ entered: row.entered, exited: row.exited, net: row.net }).toEqual(
          expected.supervising.get(row.unitId) ?? { entered: 0, exited: 0, net: 0 },
        );
    }
  });

  it('prints the command-line shape', async () => {
    const out = await runProgressReport(env.database.db, systemContext(env.clock.now()), { year: '2026' });
    expect(Object.keys(out)).toEqual(['year', 'asOf', 'county', 'dimensions']);
    expect(out.county).toEqual({
      code: `${COUNTY}000000`,
      name: '盂县',
      cityTarget: 3,
      entered: 2,
      exited: 1,
      net: 1,
    });
    expect(Object.keys(out.dimensions.territorial[0]!)).toEqual([
      'code',
      'name',
      'target',
      'entered',
      'exited',
      'net',
      'remaining',
      'rank',
      'pReachTarget',
    ]);
    await expect(
      runProgressReport(env.database.db, systemContext(env.clock.now()), {
        year: '2026',
        asOf: '2026-02-30',
      }),
    ).rejects.toThrow(/as-of/);
  });
});

describe('the counting rule', () => {
  it('defaults to the approval date and 12-31; switching the basis moves an event between years', async () => {
    expect((await centre.get('/api/v1/settings/counting-rule/2026')).json()).toEqual({
      basis: 'approval',
      cutoff: '12-31',
    });
    expect((await centre.get('/api/v1/progress?year=2025')).json().county.entered).toBe(1); // E, approved 2025-12-20

    const effective: CountingRule = { basis: 'effective', cutoff: '12-31' };
    expect((await xiushui.put('/api/v1/settings/counting-rule/2026', effective)).statusCode).toBe(403);
    const put = await centre.put('/api/v1/settings/counting-rule/2026', effective);
    expect(put.statusCode, put.body).toBe(200);
    expect((await centre.put('/api/v1/settings/counting-rule/2025', effective)).statusCode).toBe(200);

    expect((await centre.get('/api/v1/progress?year=2025')).json().county.entered).toBe(0);
    const r = (await centre.get('/api/v1/progress?year=2026')).json();
    expect(r.county).toMatchObject({ entered: 3, exited: 1, net: 2 }); // A, B, E in; C out
    // Effective basis as of a day: B (approved in June, effective 2026-07) is not on the board yet.
    const june = await centre.get('/api/v1/progress/2026/enterprises?kind=entered&asOf=2026-06-30');
    expect(
      june
        .json()
        .items.map((i: { id: number }) => i.id)
        .sort(),
    ).toEqual([firm.A, firm.D, firm.E].sort());
    const audit = await env.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'settings.update'), eq(auditLog.entityId, 'counting.rule.2026')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual(effective);

    expect(
      (await centre.put('/api/v1/settings/counting-rule/2026', { basis: 'approval', cutoff: '02-29' }))
        .statusCode,
    ).toBe(400);
  });
});
