// Coverage of the libraries: who counts as a member at the day, what reaches a firm (a visit, a training
// attended) and what does not (voided, after the day, last year), townships summing to the county, scope.
import { COVERAGE_LIBRARIES, type Coverage, sumCoverage } from '@shenggui/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema.js';
import { libraryMemberships } from '../../db/schema-libraries.js';
import { firmLeads, visits } from '../../db/schema-service.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, TEST_NOW, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';
import { serviceCoverage } from './coverage.service.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let gongxin: Client;
let xiushuiId: number;
let nanlouId: number;
let gongxinId: number;
let centreUserId: number;
const f: Record<string, number> = {};

const day = (md: string) => `${TEST_YEAR}-${md}`;
/** A day before TEST_NOW (2026-11-20 or SHENGGUI_FAKE_NOW's day), inside the year. */
const EARLY_AS_OF = day('06-30');

async function member(enterpriseId: number, library: string, entered = day('01-10'), left?: string) {
  await env.database.db.insert(libraryMemberships).values({
    enterpriseId,
    year: TEST_YEAR,
    library,
    enteredAt: new Date(`${entered}T10:00:00+08:00`),
    enteredReason: '覆盖率测试',
    manual: true,
    enteredBy: centreUserId,
    leftAt: left ? new Date(`${left}T10:00:00+08:00`) : null,
    leftReason: left ? '覆盖率测试' : null,
  });
}

async function visit(enterpriseId: number, visitedOn: string, voided = false) {
  await env.database.db.insert(visits).values({
    enterpriseId,
    visitedOn,
    purpose: 'policy',
    findings: '了解企业生产经营情况',
    recordedBy: centreUserId,
    recordedUnitId: await env.unitId(`${COUNTY}C01`),
    recordedAt: new Date(TEST_NOW),
    voidedAt: voided ? new Date(TEST_NOW) : null,
    voidedBy: voided ? centreUserId : null,
    voidReason: voided ? '误登记' : null,
  });
}

async function training(heldOn: string, attendees: number[], voidIt = false) {
  const t = await centre.post('/api/v1/trainings', {
    heldOn,
    topic: `覆盖率测试培训${heldOn}`,
    kind: 'course',
  });
  expect(t.statusCode, t.body).toBe(201);
  for (const id of attendees) {
    const a = await centre.post(`/api/v1/trainings/${t.json().id}/attendance`, {
      enterpriseId: id,
      personName: `参会人${id}`,
    });
    expect(a.statusCode, a.body).toBe(201);
  }
  if (voidIt)
    expect(
      (await centre.post(`/api/v1/trainings/${t.json().id}/void`, { reason: '未举办' })).statusCode,
    ).toBe(200);
}

const cell = (c: Coverage, unitId: number, lib: 'cultivation' | 'near' | 'atRisk') =>
  [...c.townships, ...c.supervising].find((r) => r.unitId === unitId)!.libraries[lib];

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  gongxinId = await env.unitId(`${COUNTY}D01`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  gongxin = await Client.signIn(env.app, 'gongxin');
  centreUserId = (await env.database.db.select().from(users).where(eq(users.username, 'centre')))[0]!.id;
  // Firms first (creating one recomputes its libraries), then their memberships, visits and trainings.
  f.visited = await createFirm(centre, { townshipId: xiushuiId, name: '覆盖测试走访企业' });
  f.trained = await createFirm(centre, { townshipId: xiushuiId, name: '覆盖测试参训企业' });
  f.none = await createFirm(centre, { townshipId: nanlouId, name: '覆盖测试未覆盖企业' });
  f.voidedVisit = await createFirm(centre, { townshipId: nanlouId, name: '覆盖测试作废走访企业' });
  f.lateVisit = await createFirm(centre, { townshipId: xiushuiId, name: '覆盖测试晚走访企业' });
  f.voidedTraining = await createFirm(centre, { townshipId: nanlouId, name: '覆盖测试作废培训企业' });
  f.lastYear = await createFirm(centre, { townshipId: nanlouId, name: '覆盖测试去年走访企业' });
  f.left = await createFirm(centre, { townshipId: xiushuiId, name: '覆盖测试已出库企业' });
  f.lateEntry = await createFirm(centre, { townshipId: xiushuiId, name: '覆盖测试晚入库企业' });
  for (const k of ['visited', 'trained', 'none', 'voidedVisit', 'voidedTraining', 'lastYear'])
    await member(f[k]!, 'cultivation');
  await member(f.lateVisit!, 'near');
  await member(f.left!, 'cultivation', day('01-10'), day('03-01'));
  await member(f.lateEntry!, 'atRisk', day('08-01'));
  await visit(f.visited!, day('03-05'));
  await visit(f.voidedVisit!, day('03-06'), true);
  await visit(f.lateVisit!, day('09-15'));
  await visit(f.lastYear!, `${TEST_YEAR - 1}-11-02`);
  await visit(f.left!, day('05-01'));
  await visit(f.lateEntry!, day('08-20'));
  await training(day('04-12'), [f.trained!]);
  await training(day('04-20'), [f.voidedTraining!], true);
  await env.database.db.insert(firmLeads).values({
    enterpriseId: f.none!,
    leadUnitId: nanlouId,
    leadName: '郭志刚',
    leadPhone: '13935370011',
    assignedBy: centreUserId,
    assignedAt: new Date(TEST_NOW),
  });
});
afterAll(() => env.close());

describe('coverage of the libraries', () => {
  it('counts a firm reached by a visit or a training; not a voided visit or training, nor last year', async () => {
    const res = await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const c: Coverage = res.json();
    // 秀水镇: visited + trained reached; the firm that left on 03-01 is not a member today.
    expect(cell(c, xiushuiId, 'cultivation')).toEqual({ reached: 2, total: 2, share: 1 });
    // 南娄镇: none, voided visit, voided training, last year's visit: four members, none reached.
    expect(cell(c, nanlouId, 'cultivation')).toEqual({ reached: 0, total: 4, share: 0 });
    expect(cell(c, xiushuiId, 'near')).toEqual({ reached: 1, total: 1, share: 1 });
    expect(cell(c, xiushuiId, 'atRisk')).toEqual({ reached: 1, total: 1, share: 1 });
    expect(c.county.libraries.cultivation).toEqual({ reached: 2, total: 6, share: 2 / 6 });
    expect(c.county.unitCode).toBe(`${COUNTY}000000`);
    // A unit without members shows no share (not 0%).
    expect(cell(c, nanlouId, 'near')).toEqual({ reached: 0, total: 0, share: null });
  });

  it('counts as of a day: a visit after it does not count, nor a membership entered after it', async () => {
    const c: Coverage = (
      await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}&asOf=${EARLY_AS_OF}`)
    ).json();
    expect(c.asOf).toBe(EARLY_AS_OF);
    expect(cell(c, xiushuiId, 'near')).toEqual({ reached: 0, total: 1, share: 0 });
    expect(cell(c, xiushuiId, 'atRisk')).toEqual({ reached: 0, total: 0, share: null });
    // Before 03-01 the firm that left was a member, and its visit on 05-01 came after the day.
    const early: Coverage = (
      await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}&asOf=${day('02-01')}`)
    ).json();
    expect(cell(early, xiushuiId, 'cultivation')).toEqual({ reached: 0, total: 3, share: 0 });
  });

  it('the townships sum to the county, in every library and at every day', async () => {
    for (const asOf of [day('02-01'), EARLY_AS_OF, undefined]) {
      const c: Coverage = (
        await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}${asOf ? `&asOf=${asOf}` : ''}`)
      ).json();
      for (const lib of COVERAGE_LIBRARIES) {
        const sum = sumCoverage(c.townships.map((t) => t.libraries[lib]));
        expect(sum).toEqual({
          reached: c.county.libraries[lib].reached,
          total: c.county.libraries[lib].total,
        });
      }
      // The supervising units cut the same firms another way: they sum to the county too.
      const bySupervising = sumCoverage(c.supervising.map((t) => t.libraries.cultivation));
      expect(bySupervising.total).toBe(c.county.libraries.cultivation.total);
    }
  });

  it('serviceCoverage with the system context (the report command) answers the county', async () => {
    const c = await serviceCoverage(env.database.db, systemContext(new Date(TEST_NOW)), { year: TEST_YEAR });
    expect(c.county.libraries.cultivation).toMatchObject({ reached: 2, total: 6 });
    expect(c.townships.length).toBeGreaterThan(5);
  });

  it('a township sees only its own row, and the total over its own firms; a department its own row', async () => {
    const c: Coverage = (await xiushui.get(`/api/v1/service/coverage?year=${TEST_YEAR}`)).json();
    expect(c.townships.map((t) => t.unitId)).toEqual([xiushuiId]);
    expect(c.supervising).toEqual([]);
    expect(c.county.libraries).toEqual(c.townships[0]!.libraries);
    const d: Coverage = (await gongxin.get(`/api/v1/service/coverage?year=${TEST_YEAR}`)).json();
    expect(d.townships).toEqual([]);
    expect(d.supervising.map((t) => t.unitId)).toEqual([gongxinId]);
    expect(d.county.libraries.cultivation).toEqual(d.supervising[0]!.libraries.cultivation);
  });

  it('refuses a day outside the year or after today', async () => {
    const res = await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}&asOf=${TEST_YEAR - 1}-12-31`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(`${TEST_YEAR}年`);
    expect(
      (await centre.get(`/api/v1/service/coverage?year=${TEST_YEAR}&asOf=${day('12-31')}`)).statusCode,
    ).toBe(400);
  });
});

describe('firms not reached yet', () => {
  it('lists a township’s unreached members with their lead and last contact, and exports them', async () => {
    const res = await centre.get(
      `/api/v1/service/coverage/unreached?year=${TEST_YEAR}&library=cultivation&unitId=${nanlouId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(4);
    const byId = Object.fromEntries(page.items.map((i: { enterpriseId: number }) => [i.enterpriseId, i]));
    expect(byId[f.none!]).toMatchObject({ leadName: '郭志刚', leadUnitName: '南娄镇', lastContactOn: null });
    expect(byId[f.lastYear!]).toMatchObject({
      lastContactOn: `${TEST_YEAR - 1}-11-02`,
      lastContactKind: 'visit',
    });
    // A voided visit or training is no contact.
    expect(byId[f.voidedVisit!].lastContactOn).toBeNull();
    expect(byId[f.voidedTraining!].lastContactOn).toBeNull();
    const xlsx = await centre.get(
      `/api/v1/service/coverage/unreached/export?year=${TEST_YEAR}&library=cultivation&unitId=${nanlouId}`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('keeps to the caller’s scope: a township never lists another township’s firms', async () => {
    const own = (
      await xiushui.get(`/api/v1/service/coverage/unreached?year=${TEST_YEAR}&library=cultivation`)
    ).json();
    expect(own.total).toBe(0);
    const other = (
      await xiushui.get(
        `/api/v1/service/coverage/unreached?year=${TEST_YEAR}&library=cultivation&unitId=${nanlouId}`,
      )
    ).json();
    expect(other.total).toBe(0);
    const near = (
      await xiushui.get(
        `/api/v1/service/coverage/unreached?year=${TEST_YEAR}&library=near&asOf=${EARLY_AS_OF}`,
      )
    ).json();
    expect(near.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([f.lateVisit]);
  });
});
