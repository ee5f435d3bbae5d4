// Two counties in one database: the harness's 盂县 (140322) and 平定县 (140321), whose county, centre, township
// and department are inserted under the same city. A firm's
// county is its township's county (enterprises.county_id); the county-wide roles see their county's subtree
// (db/scope.ts). So each county's centre, leader and bureaus see none of the other county's firms,
// figures, directory events, declarations or library members, in lists, exports and by id.
// What stays one county per database is the deployment's own county (settings `county`): the board,
// targets and notices are of that county, and first-run set-up refuses a second one.
import type { UnitKind } from '@shenggui/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../platform/context.js';
import { Client, COUNTY, createTestEnv, PASSWORD, type TestEnv, testCreditCode } from '../test/harness.js';
import { createUser } from './auth/auth.service.js';
import { findUnitByCode, insertUnit } from './org/org.repository.js';
import { insertFirstFactsBulk } from './revenue/revenue.repository.js';
import { initCounty } from './setup/setup.service.js';

const OTHER = '140321';
let env: TestEnv;
const firm: Record<'A' | 'B', { id: number; code: string; name: string }> = {} as never;
const clients: Record<string, Client> = {};

async function createFirm(
  client: Client,
  townshipId: number,
  serial: number,
  name: string,
  supervisingUnitId?: number,
) {
  const res = await client.post('/api/v1/enterprises', {
    creditCode: testCreditCode(serial),
    name,
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId,
    ...(supervisingUnitId ? { supervisingUnitId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as number, code: res.json().creditCode as string, name };
}

beforeAll(async () => {
  env = await createTestEnv();
  const ctx = systemContext(env.clock.now());
  // The reference divisions carry 盂县's units only, and unit administration keeps to the deployment's
  // county ("上级单位应为本县"): the second county's units are inserted as set-up inserts a county's.
  const city = await findUnitByCode(env.database.db, '140300000000');
  let sort = 100;
  const unit = async (code: string, name: string, kind: UnitKind, parent: { id: number; path: string }) =>
    insertUnit(env.database.db, {
      code,
      name,
      kind,
      parentId: parent.id,
      path: `${parent.path}${code}/`,
      sort: sort++,
    });
  const countyB = await unit(`${OTHER}000000`, '平定县', 'county', city!);
  await unit(`${OTHER}C01`, '平定县中小企业发展中心', 'centre', countyB);
  const townshipB = (await unit(`${OTHER}100000`, '冠山镇', 'township', countyB)).id;
  const industryB = (await unit(`${OTHER}D01`, '平定县工信局', 'department', countyB)).id;
  for (const [username, unit, role] of [
    ['b-centre', `${OTHER}C01`, 'centre'],
    ['b-town', `${OTHER}100000`, 'township'],
  ] as const)
    await createUser(env.database.db, ctx, {
      username,
      displayName: username,
      password: PASSWORD,
      unitId: await env.unitId(unit),
      roles: [role],
      mustChangePassword: false,
    });
  for (const u of ['centre', 'leader', 'tax', 'stats', 'xiushui', 'b-centre', 'b-town'])
    clients[u] = await Client.signIn(env.app, u);

  firm.A = await createFirm(
    clients.centre!,
    await env.unitId(`${COUNTY}100000`),
    9900,
    '盂县两县测试有限公司',
  );
  firm.B = await createFirm(clients['b-centre']!, townshipB, 9901, '平定两县测试有限公司', industryB);
  // Each firm: a declaration by its township, an entry, a cultivation membership; A a tax figure over the line.
  const year = Number(env.clock.now().toISOString().slice(0, 4));
  for (const [key, centre, town] of [
    ['A', clients.centre!, clients.xiushui!],
    ['B', clients['b-centre']!, clients['b-town']!],
  ] as const) {
    const id = firm[key].id;
    const declared = await town.post('/api/v1/declarations', {
      enterpriseId: id,
      year,
      mode: 'annual',
      batch: 'nov',
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const calls = [
      () =>
        centre.post('/api/v1/directory-events', {
          enterpriseId: id,
          type: 'entry',
          mode: 'annual',
          batch: `${year - 1}年12月批`,
          approvalDate: `${year}-01-15`,
          effectivePeriod: `${year}-01`,
        }),
      () =>
        centre.post('/api/v1/libraries/memberships', {
          enterpriseId: id,
          year,
          library: 'cultivation',
          action: 'add',
          reason: '两县测试',
        }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
  }
  const tax = clients.tax!;
  const taxA = await tax.post(`/api/v1/enterprises/${firm.A.id}/revenue`, {
    period: `${year}-01`,
    source: 'tax',
    value: 30_000_000,
  });
  expect(taxA.statusCode, taxA.body).toBe(201);
});
afterAll(() => env.close());

async function textOf(res: LightMyRequestResponse): Promise<string> {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
  return cells.join('\u0001');
}

const year = () => Number(env.clock.now().toISOString().slice(0, 4));
const LISTS = () => [
  '/api/v1/enterprises?pageSize=200',
  '/api/v1/enterprises/export',
  `/api/v1/directory-events?year=${year()}`,
  `/api/v1/directory-events/export?year=${year()}`,
  `/api/v1/libraries/cultivation?year=${year()}&pageSize=200`,
  `/api/v1/libraries/cultivation/export?year=${year()}`,
  `/api/v1/declarations?year=${year()}`,
  `/api/v1/declarations/export?year=${year()}`,
];

describe('two counties in one database', () => {
  it('refuses to set up a second county on the same database', async () => {
    await expect(
      initCounty(env.database.db, systemContext(env.clock.now()), { countyCode: OTHER, demo: false }),
    ).rejects.toThrow(/已初始化为 140322/);
  });

  it('places each firm in its own county', async () => {
    const a = (await clients.centre!.get(`/api/v1/enterprises/${firm.A.id}`)).json();
    const b = (await clients['b-centre']!.get(`/api/v1/enterprises/${firm.B.id}`)).json();
    expect(a.creditCode).toBe(firm.A.code);
    expect(b.creditCode).toBe(firm.B.code);
  });

  it.each(['centre', 'leader', 'tax', 'stats'])(
    "盂县's %s sees none of 平定县's firm in lists and exports, and its own",
    async (user) => {
      for (const url of LISTS()) {
        const res = await clients[user]!.get(url);
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
        const text = await textOf(res);
        expect(text, url).not.toContain(firm.B.code);
        expect(text, url).not.toContain(firm.B.name);
        expect(text, url).toContain(firm.A.name);
      }
    },
  );

  it("平定县's centre and township see their firm and none of 盂县's", async () => {
    for (const user of ['b-centre', 'b-town']) {
      for (const url of LISTS()) {
        const res = await clients[user]!.get(url);
        expect(res.statusCode, `${user} ${url} ${res.body.slice(0, 200)}`).toBe(200);
        const text = await textOf(res);
        expect(text, `${user} ${url}`).not.toContain(firm.A.code);
        expect(text, `${user} ${url}`).not.toContain(firm.A.name);
        expect(text, `${user} ${url}`).toContain(firm.B.name);
      }
    }
  });

  it('answers 404 for the other county’s firm, its figures, events and libraries', async () => {
    for (const [user, other] of [
      ['centre', firm.B.id],
      ['leader', firm.B.id],
      ['tax', firm.B.id],
      ['b-centre', firm.A.id],
      ['b-town', firm.A.id],
    ] as const) {
      for (const path of ['', '/revenue', '/directory-events', '/libraries']) {
        const res = await clients[user]!.get(`/api/v1/enterprises/${other}${path}`);
        expect(res.statusCode, `${user} ${path}`).toBe(404);
      }
    }
  });

  it('keeps the 达规未入统 to-do to the county', async () => {
    // Two below-scale firms, one per county, each with tax figures over the line.
    const a2 = await createFirm(
      clients.centre!,
      await env.unitId(`${COUNTY}100000`),
      9902,
      '盂县达规测试有限公司',
    );
    const b2 = await createFirm(
      clients['b-centre']!,
      await env.unitId(`${OTHER}100000`),
      9903,
      '平定达规测试有限公司',
      await env.unitId(`${OTHER}D01`),
    );
    await insertFirstFactsBulk(
      env.database.db,
      [a2, b2].map((f) => ({
        enterpriseId: f.id,
        period: `${year()}-01`,
        source: 'tax',
        value: '30000000.00',
      })),
      { importBatchId: null, recordedBy: null, recordedAt: env.clock.now() },
    );
    const url = `/api/v1/todo/unreported?year=${year()}`;
    const idsOf = async (user: string) => {
      const res = await clients[user]!.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { enterpriseId: number }) => i.enterpriseId);
    };
    expect(await idsOf('centre')).toEqual([a2.id]);
    expect(await idsOf('b-centre')).toEqual([b2.id]);
  });
});
