// setScaleStatus is the one writer of a firm's scale history: exactly one line per change, the registry row
// changed with it, its own audit record only when asked; and the writes roll back with the caller's
// transaction. The library recompute after a scale change waits for the commit (db/transaction.ts).
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, scaleStatusHistory } from '../../db/schema.js';
import { withTransaction } from '../../db/transaction.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';
import { setScaleStatus } from './scale-status.js';

let env: TestEnv;
let centre: Client;
let firm: number;

const ctx = () => systemContext(env.clock.now());
const db = () => env.database.db;

async function historyLines(): Promise<number> {
  const [r] = await db()
    .select({ n: count() })
    .from(scaleStatusHistory)
    .where(eq(scaleStatusHistory.enterpriseId, firm));
  return Number(r?.n ?? 0);
}
async function scaleAudits(): Promise<number> {
  const [r] = await db()
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'enterprise.scale.change'), eq(auditLog.enterpriseId, firm)));
  return Number(r?.n ?? 0);
}
async function status(): Promise<string | undefined> {
  const [r] = await db()
    .select({ s: enterprises.scaleStatus })
    .from(enterprises)
    .where(eq(enterprises.id, firm));
  return r?.s;
}

beforeAll(async () => {
  env = await createTestEnv();
  centre = await Client.signIn(env.app, 'centre');
  const res = await centre.post('/api/v1/enterprises', {
    creditCode: testCreditCode(4100),
    name: '盂县规模状态测试有限公司',
    legalForm: 'enterprise',
    industryCode: '3311',
    townshipId: await env.unitId(`${COUNTY}100000`),
  });
  expect(res.statusCode, res.body).toBe(201);
  firm = res.json().id;
});
afterAll(() => env.close());

describe('setScaleStatus', () => {
  it('registration writes exactly one history line', async () => {
    expect(await historyLines()).toBe(1);
    expect(await status()).toBe('below');
  });

  it('a change writes exactly one history line and the row, and audits only when asked', async () => {
    await withTransaction(db(), (tx) =>
      setScaleStatus(
        tx,
        ctx(),
        { enterpriseId: firm, from: 'below', to: 'above', effectivePeriod: '2026-10', reason: '测试' },
        { audit: false },
      ),
    );
    expect(await historyLines()).toBe(2);
    expect(await status()).toBe('above');
    expect(await scaleAudits()).toBe(0);
    await withTransaction(db(), (tx) =>
      setScaleStatus(
        tx,
        ctx(),
        { enterpriseId: firm, from: 'above', to: 'below', effectivePeriod: '2026-11', reason: '测试' },
        { audit: true },
      ),
    );
    expect(await historyLines()).toBe(3);
    expect(await status()).toBe('below');
    expect(await scaleAudits()).toBe(1);
  });

  it('rolls back with the caller’s transaction', async () => {
    await expect(
      withTransaction(db(), async (tx) => {
        await setScaleStatus(
          tx,
          ctx(),
          { enterpriseId: firm, from: 'below', to: 'above', effectivePeriod: '2026-11', reason: '测试' },
          { audit: true },
        );
        throw new Error('refused later in the same transaction');
      }),
    ).rejects.toThrow('refused later');
    expect(await historyLines()).toBe(3);
    expect(await status()).toBe('below');
    expect(await scaleAudits()).toBe(1);
  });

  it('the scale-change route writes one line and one audit record', async () => {
    const res = await centre.post(`/api/v1/enterprises/${firm}/scale`, {
      status: 'above',
      effectivePeriod: '2026-11',
      reason: '年报核实',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await historyLines()).toBe(4);
    expect(await scaleAudits()).toBe(2);
    expect(res.json().scaleHistory).toHaveLength(4);
  });
});
