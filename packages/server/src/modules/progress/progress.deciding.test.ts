// The firms that decide the year, the forecast on the board and the cumulative line's band, through the API.
import { periodOf } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, COUNTY, createTestEnv, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';
import { createFirm, registerProgressSlice } from './test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
const unit: Record<string, number> = {};
const firm: Record<string, number> = {};
const M = 1_000_000;
// The year in progress on the harness clock (November 20th): the file holds for any year.
const Y = TEST_YEAR;

/** Y−3 … Y−1 at `past` a month, Y January–October at `now` a month (revenue of record from statistics). */
async function figures(enterpriseId: number, past: number, now: number) {
  const rows: { enterpriseId: number; period: string; source: string; value: string }[] = [];
  for (const y of [Y - 3, Y - 2, Y - 1])
    for (let m = 1; m <= 12; m++)
      rows.push({ enterpriseId, period: periodOf(y, m), source: 'statistics', value: String(past) });
  for (let m = 1; m <= 10; m++)
    rows.push({ enterpriseId, period: periodOf(Y, m), source: 'statistics', value: String(now) });
  await insertFirstFactsBulk(env.database.db, rows, {
    importBatchId: null,
    recordedBy: null,
    recordedAt: env.clock.now(),
  });
}

beforeAll(async () => {
  env = await createTestEnv();
  await registerProgressSlice(env.app, env.database.db);
  unit.xiushui = await env.unitId(`${COUNTY}100000`);
  unit.nanlou = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  // Undecided in each township (on the line by November), one certain, one hopeless.
  firm.X = await createFirm(centre, { townshipId: unit.xiushui, name: '秀水临规有限公司' });
  firm.N = await createFirm(centre, { townshipId: unit.nanlou, name: '南娄临规有限公司' });
  firm.Sure = await createFirm(centre, { townshipId: unit.xiushui, name: '秀水稳过有限公司' });
  firm.Small = await createFirm(centre, { townshipId: unit.nanlou, name: '南娄小微有限公司' });
  await figures(firm.X, 1.6 * M, 1.82 * M);
  await figures(firm.N, 1.6 * M, 1.82 * M);
  await figures(firm.Sure, 2.0 * M, 2.5 * M);
  await figures(firm.Small, 0.3 * M, 0.3 * M);
  const put = await centre.put(`/api/v1/targets/${Y}`, {
    cityTarget: 2,
    territorial: [
      { unitId: unit.xiushui, target: 1 },
      { unitId: unit.nanlou, target: 1 },
    ],
    supervising: [],
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(() => env.close());

describe('the forecast on the board', () => {
  it('gives each unit with a target and the county a probability', async () => {
    const r = (await centre.get(`/api/v1/progress?year=${Y}&asOf=${Y}-11-20`)).json();
    const row = (id: number) => r.dimensions.territorial.find((x: { unitId: number }) => x.unitId === id);
    // 秀水稳过 has booked the line but has no declaration and no entry yet: likely, not certain.
    const pX = row(unit.xiushui!).pReachTarget;
    expect(pX).toBeGreaterThan(0.7);
    expect(pX).toBeLessThan(1);
    const pN = row(unit.nanlou!).pReachTarget;
    expect(pN).toBeGreaterThan(0.2);
    expect(pN).toBeLessThan(0.8);
    expect(r.county.pReachCityTarget).toBeGreaterThan(0);
    expect(r.county.pReachCityTarget).toBeLessThan(1);
  });

  it('adds a forecast band for the months left, keeping the months so far', async () => {
    const r = (await centre.get(`/api/v1/progress/${Y}/cumulative?asOf=${Y}-09-15`)).json();
    expect(r.months).toHaveLength(9);
    expect(r.forecast.map((f: { period: string }) => f.period)).toEqual([`${Y}-10`, `${Y}-11`, `${Y}-12`]);
    expect(r.forecast[0]).toEqual({ period: `${Y}-10`, p10: 0, p50: 0, p90: 0 }); // no batch before November
    const dec = r.forecast[2];
    expect(dec.p10).toBeLessThanOrEqual(dec.p50);
    expect(dec.p50).toBeLessThanOrEqual(dec.p90);
    expect(dec.p90).toBeGreaterThanOrEqual(1);
    expect((await centre.get(`/api/v1/progress/${Y}/cumulative?asOf=${Y}-12-31`)).json().forecast).toEqual(
      [],
    );
  });
});

describe('GET /progress/:year/deciding', () => {
  const ids = async (c: Client, query = '') => {
    const res = await c.get(`/api/v1/progress/${Y}/deciding?asOf=${Y}-11-20${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as {
      id: number;
      kind: string;
      p: number;
      ytdRevenue: number;
      ytdMonths: number;
    }[];
  };

  it('lists the undecided firms, the most likely first, with p and the revenue figures', async () => {
    const items = await ids(centre);
    // 稳过 is in the band too: over the line, but its entry still needs a declaration that counts this year.
    expect(items.map((i) => i.id).sort()).toEqual([firm.X, firm.N, firm.Sure].sort());
    expect(items[0]!.id).toBe(firm.Sure);
    items.shift();
    expect(items[0]).toMatchObject({ kind: 'entry', ytdMonths: 10 });
    expect(items[0]!.ytdRevenue).toBeCloseTo(18.2 * M, 0);
    expect(items[0]!.p).toBeGreaterThanOrEqual(items[1]!.p);
    expect((await ids(centre, `&dimension=territorial&unitId=${unit.nanlou}`)).map((i) => i.id)).toEqual([
      firm.N,
    ]);
  });

  it('a township user sees only its own firms', async () => {
    const own = await ids(xiushui);
    expect(own.map((i) => i.id)).toEqual([firm.Sure, firm.X]);
    // The same probabilities as the centre sees: the conversion rate is the county's, whoever asks.
    const all = await ids(centre);
    for (const i of own) expect(i.p).toBe(all.find((a) => a.id === i.id)!.p);
    expect(await ids(xiushui, `&dimension=territorial&unitId=${unit.nanlou}`)).toEqual([]);
  });

  it('asks for the dimension with a unit', async () => {
    expect((await centre.get(`/api/v1/progress/${Y}/deciding?unitId=${unit.nanlou}`)).statusCode).toBe(400);
  });
});
