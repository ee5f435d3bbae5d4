// One revenue of record from the county's one priority: the registry (list, detail, export) and the libraries
// follow `revenue.priority` when the system administrator changes it, and a partial year says which months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';

let env: TestEnv;
let centre: Client;
let firm: number;

beforeAll(async () => {
  env = await createTestEnv();
  centre = await Client.signIn(env.app, 'centre');
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(310),
    name: '盂县口径测试有限公司',
    legalForm: 'enterprise',
    industryCode: '3089',
    townshipId: await env.unitId(`${COUNTY}100000`),
  });
  expect(res.statusCode, res.body).toBe(201);
  firm = res.json().id;
  // July–December 2025: statistics 1,000,000 a month, tax 1,200,000 a month.
  const stats = await Client.signIn(env.app, 'stats');
  const tax = await Client.signIn(env.app, 'tax');
  for (let m = 7; m <= 12; m++) {
    const period = `2025-${String(m).padStart(2, '0')}`;
    expect(
      (
        await stats.post(`/api/v1/enterprises/${firm}/revenue`, {
          period,
          source: 'statistics',
          value: 1_000_000,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await tax.post(`/api/v1/enterprises/${firm}/revenue`, { period, source: 'tax', value: 1_200_000 }))
        .statusCode,
    ).toBe(201);
  }
}, 300_000);
afterAll(() => env.close());

describe('revenue of record', () => {
  it('statistics first by default; a partial year is labelled with its months', async () => {
    const detail = (await centre.get(`/api/v1/enterprises/${firm}?revenueYear=2025`)).json();
    expect(detail).toMatchObject({
      revenue: '6000000.00',
      revenueSource: 'statistics',
      revenueLabel: '2025年（7-12月，6个月）',
    });
    const base = (await centre.get('/api/v1/libraries/base?year=2026')).json() as {
      items: { enterpriseId: number; priorYearLabel: string; reasons: string[] }[];
    };
    const row = base.items.find((i) => i.enterpriseId === firm);
    expect(row?.priorYearLabel).toBe('2025年（7-12月，6个月）');
    expect(row?.reasons[0]).toBe(
      '2025年（7-12月，6个月）营业收入600万元（按实有月份合计，不折算全年），达到500万元',
    );
  });

  it('tax first once the system administrator says so: registry and libraries alike', async () => {
    const admin = await Client.signIn(env.app, 'sysadmin');
    const res = await admin.put('/api/v1/settings/business', { values: { 'revenue.priority': 'tax-first' } });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await centre.get(`/api/v1/enterprises/${firm}?revenueYear=2025`)).json();
    expect(detail).toMatchObject({ revenue: '7200000.00', revenueSource: 'tax' });
    const list = (
      await centre.get('/api/v1/enterprises?revenueYear=2025&revenueMinWan=720&revenueMaxWan=720')
    ).json();
    expect(list.total).toBe(1);
    // The libraries were recomputed after the change: the reason now reads the tax figures.
    const base = (await centre.get('/api/v1/libraries/base?year=2026')).json() as {
      items: { enterpriseId: number; priorYearRevenue: string; reasons: string[] }[];
    };
    const row = base.items.find((i) => i.enterpriseId === firm);
    expect(row?.priorYearRevenue).toBe('7200000.00');
    expect(row?.reasons[0]).toContain('营业收入720万元');
  });
});
