// 达规未入统 (the centre's to-do): a below-scale industrial firm whose current tax figures of the year add up
// to the 规上 line or more (domain libraries.ts: reached means ≥ the line). The SQL compares in numeric, to the
// fen, against the county's scale.threshold setting — not a constant.
import { periodOf } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';

let env: TestEnv;
let centre: Client;
const firms: Record<string, number> = {};
// The harness clock's year: the to-do reads the year in progress.
let year: number;

/** Tax figures of the year per firm (yuan, as the sum of the months given). */
const TAX: Record<string, string[]> = {
  exact: ['20000000.00'],
  below: ['19999999.99'],
  above: ['20000000.01'],
  // Two months adding up to the line exactly: the sum is decimal, not floating point.
  summed: ['6666666.67', '13333333.33'],
  summedBelow: ['6666666.66', '13333333.33'],
};

beforeAll(async () => {
  env = await createTestEnv();
  year = Number(env.clock.now().toISOString().slice(0, 4));
  centre = await Client.signIn(env.app, 'centre');
  const township = await env.unitId(`${COUNTY}100000`);
  let serial = 9700;
  for (const key of Object.keys(TAX)) {
    const res = await centre.post('/api/v1/enterprises', {
      creditCode: testCreditCode(serial++),
      name: `达规测试${key}有限公司`,
      legalForm: 'enterprise',
      industryCode: '3089',
      townshipId: township,
    });
    expect(res.statusCode, res.body).toBe(201);
    firms[key] = res.json().id;
  }
  await insertFirstFactsBulk(
    env.database.db,
    Object.entries(TAX).flatMap(([key, values]) =>
      values.map((value, i) => ({
        enterpriseId: firms[key]!,
        period: periodOf(year, i + 1),
        source: 'tax',
        value,
      })),
    ),
    { importBatchId: null, recordedBy: null, recordedAt: env.clock.now() },
  );
});
afterAll(() => env.close());

async function unreported(): Promise<string[]> {
  const res = await centre.get(`/api/v1/todo/unreported?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  const ids = res.json().items.map((i: { enterpriseId: number }) => i.enterpriseId);
  return Object.keys(firms)
    .filter((k) => ids.includes(firms[k]))
    .sort();
}

async function setThreshold(yuan: number): Promise<void> {
  const sys = await Client.signIn(env.app, 'sysadmin');
  const res = await sys.put('/api/v1/settings/business', { year, values: { 'scale.threshold': yuan } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('达规未入统: the SQL line', () => {
  it('takes a firm at exactly 2,000万元 or more and leaves one a fen short', async () => {
    expect(await unreported()).toEqual(['above', 'exact', 'summed']);
  });

  it('follows the scale.threshold setting, to the fen', async () => {
    await setThreshold(20_000_000.01);
    expect(await unreported()).toEqual(['above']);
    await setThreshold(19_999_999.99);
    expect(await unreported()).toEqual(['above', 'below', 'exact', 'summed', 'summedBelow']);
    await setThreshold(20_000_000);
    expect(await unreported()).toEqual(['above', 'exact', 'summed']);
  });

  it('names the line it used in the answer', async () => {
    const res = await centre.get(`/api/v1/todo/unreported?year=${year}`);
    expect(res.json().threshold).toBe('20000000.00');
  });
});
