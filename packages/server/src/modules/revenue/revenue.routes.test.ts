import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';

let env: TestEnv;
let centre: Client;
let firm: number;

beforeAll(async () => {
  env = await createTestEnv();
  centre = await Client.signIn(env.app, 'centre');
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(100),
    name: '盂县收入测试有限公司',
    legalForm: 'enterprise',
    industryCode: '3021',
    townshipId: await env.unitId(`${COUNTY}100000`),
  });
  expect(res.statusCode, res.body).toBe(201);
  firm = res.json().id;
});
afterAll(() => env.close());

describe('revenue facts', () => {
  it('lets the tax bureau write tax figures and refuses a township user', async () => {
    const tax = await Client.signIn(env.app, 'tax');
    const ok = await tax.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-01',
      source: 'tax',
      value: 1_500_000,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().item.version).toBe(1);
    const township = await Client.signIn(env.app, 'xiushui');
    const refused = await township.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-02',
      source: 'tax',
      value: 1,
    });
    expect(refused.statusCode).toBe(403);
    const self = await township.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-02',
      source: 'self',
      value: 10,
    });
    expect(self.statusCode).toBe(201);
    const statsByTax = await tax.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-01',
      source: 'statistics',
      value: 1,
    });
    expect(statsByTax.statusCode).toBe(403);
  });

  it('keeps every version: a correction needs a reason and adds a new version', async () => {
    const tax = await Client.signIn(env.app, 'tax');
    const noReason = await tax.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-01',
      source: 'tax',
      value: 1_600_000,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    const fixed = await tax.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-01',
      source: 'tax',
      value: 1_600_000,
      reason: '补开发票更正',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json().item.version).toBe(2);
    const list = (await centre.get(`/api/v1/enterprises/${firm}/revenue?year=2025`)).json().items;
    const jan = list.filter(
      (f: { period: string; source: string }) => f.period === '2025-01' && f.source === 'tax',
    );
    expect(
      jan.map((f: { version: number; isCurrent: boolean; value: string }) => [
        f.version,
        f.isCurrent,
        f.value,
      ]),
    ).toEqual([
      [2, true, '1600000.00'],
      [1, false, '1500000.00'],
    ]);
    const detail = (await centre.get(`/api/v1/enterprises/${firm}?revenueYear=2025`)).json();
    expect(detail.revenue).toBe('1600000.00');
    expect(detail.revenueSource).toBe('tax');
  });

  it('prefers the statistics figure month by month as the revenue of record', async () => {
    const stats = await Client.signIn(env.app, 'stats');
    const res = await stats.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-01',
      source: 'statistics',
      value: 1_700_000,
    });
    expect(res.statusCode).toBe(201);
    const tax = await Client.signIn(env.app, 'tax');
    await tax.post(`/api/v1/enterprises/${firm}/revenue`, {
      period: '2025-03',
      source: 'tax',
      value: 300_000,
    });
    const detail = (await centre.get(`/api/v1/enterprises/${firm}?revenueYear=2025`)).json();
    expect(detail.revenue).toBe('2000000.00');
    expect(detail.revenueSource).toBe('statistics');
    const filtered = (
      await centre.get('/api/v1/enterprises?revenueYear=2025&revenueMinWan=200&revenueMaxWan=200')
    ).json();
    expect(filtered.total).toBe(1);
    const none = (await centre.get('/api/v1/enterprises?revenueYear=2025&revenueMinWan=200.01')).json();
    expect(none.total).toBe(0);
    // The list shows the same revenue of record whether it pages first (sorted by name) or sorts by revenue,
    // and every page carries the count of the whole match.
    const revenueOf = (body: {
      items: { id: number; revenue: string | null; revenueSource: string | null }[];
    }) => body.items.find((e) => e.id === firm);
    const byName = (await centre.get('/api/v1/enterprises?revenueYear=2025&pageSize=200')).json();
    const byRevenue = (
      await centre.get('/api/v1/enterprises?revenueYear=2025&pageSize=200&sort=revenue&order=desc')
    ).json();
    expect(revenueOf(byName)).toMatchObject({ revenue: '2000000.00', revenueSource: 'statistics' });
    expect(revenueOf(byRevenue)).toMatchObject({ revenue: '2000000.00', revenueSource: 'statistics' });
    expect(byRevenue.total).toBe(byName.total);
    expect(byName.total).toBeGreaterThan(0);
    const pastTheEnd = (await centre.get(`/api/v1/enterprises?pageSize=1&page=${byName.total + 1}`)).json();
    expect(pastTheEnd.items).toEqual([]);
    expect(pastTheEnd.total).toBe(byName.total);
    const lastPage = (await centre.get(`/api/v1/enterprises?pageSize=1&page=${byName.total}`)).json();
    expect(lastPage.items).toHaveLength(1);
    expect(lastPage.total).toBe(byName.total);
  });

  it.each([
    [{ period: '2024-13', source: 'tax', value: 1 }, 'period'],
    [{ period: '2024-12', source: 'tax', value: -5 }, 'value'],
    [{ period: '2024-12', source: 'tax', value: 'abc' }, 'value'],
    [{ period: '2024-12', source: 'tax', value: 1.234 }, 'value'],
    [{ period: '2024-12', source: 'gas', value: 1 }, 'source'],
  ])('rejects %o naming %s', async (body, field) => {
    const tax = await Client.signIn(env.app, 'tax');
    const res = await tax.post(`/api/v1/enterprises/${firm}/revenue`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
