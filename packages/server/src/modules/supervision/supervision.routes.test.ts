import { addDays, chinaDate } from '@shenggui/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { Client, COUNTY, createTestEnv, TEST_NOW, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
let gongxin: Client;
let leader: Client;
let xiushuiId: number;
let gongxinId: number;
const today = chinaDate(new Date(TEST_NOW));

const body = (unitId: number, items: unknown[]) => ({
  unitId,
  heldOn: addDays(today, -10),
  findings: '临退规企业帮扶方案制定不及时，部分企业走访记录缺失',
  items,
});

async function auditsOf(action: string, id: number) {
  return env.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(id))));
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  gongxinId = await env.unitId(`${COUNTY}D01`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
  gongxin = await Client.signIn(env.app, 'gongxin');
  leader = await Client.signIn(env.app, 'leader');
});
afterAll(() => env.close());

describe('supervision: life cycle', () => {
  let id: number;
  let items: { id: number; ownerUnitId: number }[];

  it('only the centre records a supervision (a township gets 403)', async () => {
    const refused = await xiushui.post('/api/v1/supervisions', body(xiushuiId, []));
    expect(refused.statusCode).toBe(403);
    const res = await centre.post(
      '/api/v1/supervisions',
      body(xiushuiId, [
        { description: '两周内补齐临退规企业帮扶方案', ownerName: '李明', dueOn: addDays(today, 5) },
        {
          description: '工信局配合核实企业用电数据',
          ownerUnitId: gongxinId,
          ownerName: '王芳',
          dueOn: addDays(today, -1),
        },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    items = res.json().itemList;
    expect(res.json()).toMatchObject({ unitName: '秀水镇', state: 'open', openItems: 2, overdueItems: 1 });
    expect(items[0]).toMatchObject({ ownerUnitId: gongxinId, overdue: true }); // due first
    expect(items[1]).toMatchObject({ ownerUnitId: xiushuiId, ownerUnitName: '秀水镇' });
    expect(await auditsOf('supervision.create', id)).toHaveLength(1);
  });

  it('refuses a unit the centre does not supervise and items due before the day (400, field named)', async () => {
    const countyId = await env.unitId(`${COUNTY}000000`);
    const bad = await centre.post('/api/v1/supervisions', body(countyId, []));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('unitId');
    const early = await centre.post(
      '/api/v1/supervisions',
      body(xiushuiId, [{ description: '整改', ownerName: '李明', dueOn: addDays(today, -30) }]),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('items.0.dueOn');
  });

  it('the supervised unit and the item owner see it; another township does not (list, detail, export)', async () => {
    expect((await xiushui.get(`/api/v1/supervisions/${id}`)).statusCode).toBe(200);
    expect((await gongxin.get(`/api/v1/supervisions/${id}`)).statusCode).toBe(200);
    expect((await nanlou.get(`/api/v1/supervisions/${id}`)).statusCode).toBe(404);
    expect((await nanlou.get('/api/v1/supervisions')).json().total).toBe(0);
    const exported = await nanlou.get('/api/v1/supervisions/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.includes(Buffer.from('秀水镇'))).toBe(false);
    expect((await leader.get('/api/v1/supervisions')).json().total).toBeGreaterThanOrEqual(1);
    const overdue = (await centre.get('/api/v1/supervisions?overdueItems=true')).json();
    expect(overdue.items.map((s: { id: number }) => s.id)).toContain(id);
  });

  it('the item owner’s to-do names its open items', async () => {
    const todo = (await gongxin.get('/api/v1/todo')).json();
    expect(
      todo.items.some(
        (i: { kind: string; link: string }) => i.kind === 'supervision' && i.link.endsWith(`/${id}`),
      ),
    ).toBe(true);
  });

  it('closing with open items is refused (409); the supervised unit never closes the supervision (403)', async () => {
    const early = await centre.post(`/api/v1/supervisions/${id}/close`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('未办结');
    const own = await xiushui.post(`/api/v1/supervisions/${id}/close`, {});
    expect(own.statusCode).toBe(403);
  });

  it('an item is closed by its owner unit, not by another unit', async () => {
    const gongxinItem = items.find((i) => i.ownerUnitId === gongxinId)!;
    const xiushuiItem = items.find((i) => i.ownerUnitId === xiushuiId)!;
    const wrong = await xiushui.post(`/api/v1/supervisions/${id}/items/${gongxinItem.id}/close`, {
      note: '已整改',
    });
    expect(wrong.statusCode).toBe(403);
    const res = await gongxin.post(`/api/v1/supervisions/${id}/items/${gongxinItem.id}/close`, {
      note: '已核实12家企业用电数据并反馈',
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await gongxin.post(`/api/v1/supervisions/${id}/items/${gongxinItem.id}/close`, {
      note: '重复',
    });
    expect(again.statusCode).toBe(409);
    const own = await xiushui.post(`/api/v1/supervisions/${id}/items/${xiushuiItem.id}/close`, {
      note: '已补齐9家企业帮扶方案',
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ state: 'awaiting', openItems: 0, canClose: false });
    expect(await auditsOf('supervision.item_close', id)).toHaveLength(2);
  });

  it('the centre sees it waiting for its confirmation and closes it', async () => {
    const todo = (await centre.get('/api/v1/todo')).json();
    expect(todo.items.some((i: { link: string }) => i.link === `/service/supervisions/${id}`)).toBe(true);
    const detail = (await centre.get(`/api/v1/supervisions/${id}`)).json();
    expect(detail.canClose).toBe(true);
    const res = await centre.post(`/api/v1/supervisions/${id}/close`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'closed', stateLabel: '已办结' });
    expect(await auditsOf('supervision.close', id)).toHaveLength(1);
    expect((await centre.get('/api/v1/supervisions?state=closed')).json().items[0].id).toBe(id);
  });
});

describe('supervision: files', () => {
  it('the supervised unit uploads a rectification report; others download it; wrong types are refused', async () => {
    const created = await centre.post('/api/v1/supervisions', {
      ...body(xiushuiId, [{ description: '完善走访台账', ownerName: '李明', dueOn: addDays(today, 20) }]),
    });
    const id = created.json().id;
    const pdf = Buffer.from('%PDF-1.4 整改报告');
    const up = await xiushui.request('POST', `/api/v1/supervisions/${id}/files?fileName=整改报告.pdf`, pdf);
    expect(up.statusCode, up.body).toBe(201);
    const bad = await xiushui.request('POST', `/api/v1/supervisions/${id}/files?fileName=a.exe`, pdf);
    expect(bad.statusCode).toBe(400);
    const other = await nanlou.request('POST', `/api/v1/supervisions/${id}/files?fileName=a.pdf`, pdf);
    expect(other.statusCode).toBe(404);
    const down = await centre.get(`/api/v1/supervisions/${id}/files/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect((await nanlou.get(`/api/v1/supervisions/${id}/files/${up.json().id}`)).statusCode).toBe(404);
    expect(await auditsOf('supervision.file', id)).toHaveLength(1);
  });
});
