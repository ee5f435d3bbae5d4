// The libraries of past years on the demo county: frozen at each year's cut-off by set-up, listed for any
// year, recomputed by the centre (with a reason, audited) and by nobody else; the partial-year label.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, type TestEnv } from '../../test/harness.js';
import { DEMO_PASSWORD } from '../setup/setup.service.js';

let env: TestEnv;
let centre: Client;

beforeAll(async () => {
  env = await createTestEnv({ demo: true, users: false });
  centre = await Client.signIn(env.app, 'zhongxin', DEMO_PASSWORD);
}, 600_000);
afterAll(() => env.close());

interface YearItem {
  year: number;
  current: boolean;
  frozen: { asOf: string; members: number } | null;
}

describe('library years on the demo data', () => {
  it('past years are frozen at their cut-off and their lists are non-empty', async () => {
    const years = (await centre.get('/api/v1/libraries/years')).json() as {
      current: number;
      items: YearItem[];
    };
    expect(years.current).toBe(2026);
    const past = years.items.filter((y) => y.year < years.current);
    expect(past.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2024]));
    for (const y of past) {
      expect(y.frozen, String(y.year)).toMatchObject({ asOf: `${y.year}-12-31` });
      expect(y.frozen!.members).toBeGreaterThan(0);
      for (const library of ['base', 'cultivation']) {
        const res = await centre.get(`/api/v1/libraries/${library}?year=${y.year}&pageSize=5`);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { total: number; year: number; frozen: { asOf: string } | null };
        expect(body.year).toBe(y.year);
        expect(body.total, `${y.year} ${library}`).toBeGreaterThan(0);
        expect(body.frozen).toMatchObject({ asOf: `${y.year}-12-31` });
      }
    }
    const current = (await centre.get('/api/v1/libraries/cultivation?year=2026')).json() as {
      frozen: unknown;
      total: number;
    };
    expect(current.frozen).toBeNull();
    expect(current.total).toBeGreaterThan(0);
  });

  it('a later change of figures does not move a frozen year', async () => {
    const before = (await centre.get('/api/v1/libraries/base?year=2025&pageSize=200')).json() as {
      total: number;
    };
    const again = (await centre.get('/api/v1/libraries/base?year=2025&pageSize=200')).json() as {
      total: number;
    };
    expect(again.total).toBe(before.total);
  });

  it('the centre recomputes a past year with a reason (audited); a township may not', async () => {
    const township = await Client.signIn(env.app, 'xiushui', DEMO_PASSWORD);
    const refused = await township.post('/api/v1/libraries/recompute', {
      year: 2025,
      reason: '核对往年名单',
    });
    expect(refused.statusCode).toBe(403);
    const noReason = await centre.post('/api/v1/libraries/recompute', { year: 2025, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('原因');
    const future = await centre.post('/api/v1/libraries/recompute', { year: 2027, reason: '提前计算' });
    expect(future.statusCode).toBe(400);

    const res = await centre.post('/api/v1/libraries/recompute', { year: 2025, reason: '核对往年名单' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2025, asOf: '2025-12-31', frozen: true });
    expect((res.json() as { members: number }).members).toBeGreaterThan(0);
    // Nothing changed in the facts: the recompute finds the same memberships.
    expect(res.json()).toMatchObject({ entered: 0, left: 0 });

    const { rows } = (await env.database.db.execute(
      `select action, entity_id, after from audit_log where action = 'library.year.freeze' and actor_user_id is not null`,
    )) as unknown as { rows: { action: string; entity_id: string; after: unknown }[] };
    expect(rows).toHaveLength(1);
    const after = typeof rows[0]!.after === 'string' ? JSON.parse(rows[0]!.after) : rows[0]!.after;
    expect(after).toMatchObject({ year: 2025, reason: '核对往年名单', asOf: '2025-12-31' });
  });

  it('library rows carry the prior year label, partial years with their months', async () => {
    const res = (await centre.get('/api/v1/libraries/base?year=2026&pageSize=200')).json() as {
      items: { priorYearLabel: string | null; priorYearRevenue: string | null; reasons: string[] }[];
    };
    const labelled = res.items.filter((i) => i.priorYearRevenue !== null);
    expect(labelled.length).toBeGreaterThan(0);
    for (const i of labelled) expect(i.priorYearLabel).toMatch(/^2025年(（(\d+(-\d+)?、?)+月，\d+个月）)?$/);
    const partial = labelled.filter((i) => i.priorYearLabel !== '2025年');
    for (const i of partial) expect(i.reasons.join('；')).toContain(`${i.priorYearLabel}营业收入`);
  });
});

describe('业务设置 through the API', () => {
  it('the system administrator reads and changes settings; every change audited; others are refused', async () => {
    const admin = await Client.signIn(env.app, 'xitong', DEMO_PASSWORD);
    expect((await centre.get('/api/v1/settings/business')).statusCode).toBe(403);
    expect((await centre.put('/api/v1/settings/business', { values: {} })).statusCode).toBe(403);

    const list = (await admin.get('/api/v1/settings/business?year=2026')).json() as {
      year: number;
      items: { key: string; value: unknown; source: string }[];
    };
    expect(list.year).toBe(2026);
    expect(list.items.find((i) => i.key === 'scale.threshold')).toMatchObject({ value: 20_000_000 });

    const bad = await admin.put('/api/v1/settings/business', { year: 2026, values: { 'library.tierAP': 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'VALIDATION', details: [{ path: 'library.tierAP' }] },
    });
    expect((bad.json() as { error: { message: string } }).error.message).toBe(
      '「A梯队：当前批次达标概率」（library.tierAP）：不能大于1',
    );

    const ok = await admin.put('/api/v1/settings/business', {
      year: 2026,
      values: { 'counting.cutoff': '12-25', 'library.reEntryProspect': 'forecast', 'notice.nextNumber': 3 },
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { changes: { key: string }[] }).changes.map((c) => c.key)).toEqual([
      'counting.cutoff',
      'library.reEntryProspect',
      'notice.nextNumber',
    ]);
    // Saving the same values again changes nothing and writes nothing.
    const same = await admin.put('/api/v1/settings/business', {
      year: 2026,
      values: { 'counting.cutoff': '12-25' },
    });
    expect(same.json()).toEqual({ changes: [] });
    const after = (await admin.get('/api/v1/settings/business?year=2026')).json() as typeof list;
    expect(after.items.find((i) => i.key === 'counting.cutoff')).toMatchObject({
      value: '12-25',
      source: 'year',
    });
    expect(after.items.find((i) => i.key === 'counting.basis')).toMatchObject({ value: 'approval' });

    const { rows } = (await env.database.db.execute(
      `select entity_id from audit_log where action = 'settings.update' and actor_user_id is not null order by id`,
    )) as unknown as { rows: { entity_id: string }[] };
    expect(rows.map((r) => r.entity_id)).toEqual([
      'counting.cutoff@2026',
      'library.reEntryProspect@2026',
      'notice.nextNumber@2026',
    ]);
  });
});
