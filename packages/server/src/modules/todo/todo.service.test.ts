import { revenueFactCreateSchema } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { contextOf, registerFirms } from '../import/test-support.js';
import { addFact } from '../revenue/revenue.service.js';
import { listTodo } from './todo.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

// Two days after the November batch: the next deadline (20 December) is more than 14 days away.
const between = new Date('2026-11-22T10:00:00+08:00');
const todoOf = async (username: string, now = between) =>
  (await listTodo(env.database.db, await contextOf(env.database.db, username, now))).items;

describe('the to-do list of the roles without declarations to act on', () => {
  it('asks a bureau for the last complete month of the figures it supplies, until they are imported', async () => {
    const db = env.database.db;
    expect(await todoOf('tax')).toEqual([
      {
        kind: 'figures',
        title: '税务开票数据：2026年10月尚未导入',
        due: null,
        link: '/data/imports?kind=revenue&source=tax',
        count: null,
      },
    ]);
    expect((await todoOf('stats')).map((i) => [i.kind, i.link])).toContainEqual([
      'figures',
      '/data/imports?kind=revenue&source=statistics',
    ]);

    const [firm] = await registerFirms(db, await contextOf(db, 'centre', between), env.unitId, 1);
    const tax = await contextOf(db, 'tax', between);
    await addFact(
      db,
      tax,
      firm!.id,
      revenueFactCreateSchema.parse({ period: '2026-09', source: 'tax', value: 1e6 }),
    );
    expect((await todoOf('tax'))[0]?.title).toBe('税务开票数据：2026年10月尚未导入（已导入至2026年9月）');
    await addFact(
      db,
      tax,
      firm!.id,
      revenueFactCreateSchema.parse({ period: '2026-10', source: 'tax', value: 1e6 }),
    );
    expect(await todoOf('tax')).toEqual([]);
  });

  it('gives a leader the coming deadlines only, and nothing between them', async () => {
    expect(await todoOf('leader')).toEqual([]);
    const onDeadline = await todoOf('leader', new Date('2026-11-20T09:00:00+08:00'));
    expect(onDeadline.length).toBeGreaterThan(0);
    expect(new Set(onDeadline.map((i) => i.kind))).toEqual(new Set(['deadline']));
  });
});
