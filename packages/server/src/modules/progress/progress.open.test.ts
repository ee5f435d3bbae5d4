// The board never shows an open outcome as certain: probabilities stay strictly inside (0, 1) until the
// year is decided (after the cut-off, or when no possible event can change it), then show the exact outcome.
import { periodOf } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarations } from '../../db/schema-declaration.js';
import { Client, COUNTY, createTestEnv, type TestEnv } from '../../test/harness.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';
import { createFirm, registerProgressSlice } from './test-support.js';

let env: TestEnv;
let centre: Client;
let stats: Client;
const unit: Record<string, number> = {};
const firm: Record<string, number> = {};
const M = 1_000_000;

async function figures(enterpriseId: number, past: number, now: number) {
  const rows: { enterpriseId: number; period: string; source: string; value: string }[] = [];
  for (const y of [2023, 2024, 2025])
    for (let m = 1; m <= 12; m++)
      rows.push({ enterpriseId, period: periodOf(y, m), source: 'statistics', value: String(past) });
  for (let m = 1; m <= 10; m++)
    rows.push({ enterpriseId, period: periodOf(2026, m), source: 'statistics', value: String(now) });
  await insertFirstFactsBulk(env.database.db, rows, {
    importBatchId: null,
    recordedBy: null,
    recordedAt: env.clock.now(),
  });
}

const pOf = async (asOf: string) => {
  const res = await centre.get(`/api/v1/progress?year=2026&asOf=${asOf}`);
  expect(res.statusCode, res.body).toBe(200);
  const r = res.json();
  const row = (id: number) =>
    r.dimensions.territorial.find((x: { unitId: number }) => x.unitId === id).pReachTarget as number;
  return {
    county: r.county.pReachCityTarget as number,
    xiushui: row(unit.xiushui!),
    nanlou: row(unit.nanlou!),
  };
};

beforeAll(async () => {
  env = await createTestEnv();
  await registerProgressSlice(env.app, env.database.db);
  unit.xiushui = await env.unitId(`${COUNTY}100000`);
  unit.nanlou = await env.unitId(`${COUNTY}103000`);
  centre = await Client.signIn(env.app, 'centre');
  stats = await Client.signIn(env.app, 'stats');
  // 秀水: one firm far over the line (no declaration yet); 南娄: one on the line and an above-scale firm.
  firm.Over = await createFirm(centre, { townshipId: unit.xiushui, name: '秀水远超有限公司' });
  firm.Line = await createFirm(centre, { townshipId: unit.nanlou, name: '南娄临规有限公司' });
  firm.Big = await createFirm(centre, {
    townshipId: unit.nanlou,
    name: '南娄规上有限公司',
    scaleStatus: 'above',
  });
  await figures(firm.Over, 1.6 * M, 3 * M);
  await figures(firm.Line, 1.6 * M, 1.82 * M);
  await figures(firm.Big, 3 * M, 3 * M);
  const put = await centre.put('/api/v1/targets/2026', {
    cityTarget: 1,
    territorial: [
      { unitId: unit.xiushui, target: 1 },
      { unitId: unit.nanlou, target: 1 },
    ],
    supervising: [],
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(() => env.close());

describe('probabilities on the board while the year is open', () => {
  it('are never 0 or 1 (nor read 0.000 / 1.000) from January to the last batch', async () => {
    for (const asOf of ['2026-01-31', '2026-04-30', '2026-08-31', '2026-10-31', '2026-11-25', '2026-12-15']) {
      const p = await pOf(asOf);
      for (const [k, v] of Object.entries(p)) {
        expect(v, `${k} as of ${asOf}`).toBeGreaterThan(0);
        expect(v, `${k} as of ${asOf}`).toBeLessThan(1);
        expect(v.toFixed(3), `${k} as of ${asOf}`).not.toMatch(/^(1\.000|0\.000)$/);
      }
    }
    // 秀水远超 has crossed by October: likely, but with no declaration it rests on the county's conversion rate.
    const nov = await pOf('2026-11-25');
    expect(nov.xiushui).toBeGreaterThan(0.6);
    expect(nov.xiushui).toBeLessThanOrEqual(0.999);
  });

  it('a declaration sent to the bureau on the December batch raises the chance above the conversion rate', async () => {
    const before = (await pOf('2026-11-25')).xiushui;
    await env.database.db.insert(declarations).values({
      enterpriseId: firm.Over!,
      year: 2026,
      mode: 'annual',
      batch: 'dec',
      batchName: '12月批',
      deadline: '2026-12-20',
      dataMonth: '2026-11',
      state: 'submitted',
      createdAt: env.clock.now(),
      updatedAt: env.clock.now(),
    });
    // (A different day: the embedded read cache does not see a row written behind the server's back.)
    const after = (await pOf('2026-11-24')).xiushui;
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThan(1);
    // After the December batch's deadline the declared firm can still be entered; 南娄's firm without one cannot.
    const late = await pOf('2026-12-22');
    expect(late.xiushui).toBeGreaterThan(0.9);
    expect(late.xiushui).toBeLessThan(1);
    expect(late.nanlou).toBe(0); // decided: no possible entry, net 0 against 1
  });

  it('shows the exact outcome once decided: met beyond any possible exit, or after the cut-off', async () => {
    const res = await stats.post('/api/v1/directory-events', {
      enterpriseId: firm.Over,
      type: 'entry',
      mode: 'annual',
      approvalDate: '2026-11-18',
      effectivePeriod: '2027-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    // 秀水: net 1 against 1 and no firm there that could still exit → decided.
    expect((await pOf('2026-11-20')).xiushui).toBe(1);
    const closed = await pOf('2027-01-05');
    expect(closed).toEqual({ county: 1, xiushui: 1, nanlou: 0 });
  });
});
