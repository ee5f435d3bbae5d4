// The Excel exports of the lists that had none (导入记录, 进度通报, 进度看板 rankings, 目标任务) and the
// declaration list's: the header row bold and frozen, a known value, and the list's own data scope.
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatches, users } from '../db/schema.js';
import { Client, COUNTY, createTestEnv, type TestEnv, testCreditCode } from '../test/harness.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let nanlou: Client;
const unit: Record<string, number> = {};

beforeAll(async () => {
  env = await createTestEnv();
  for (const [k, code] of [
    ['xiushui', '100000'],
    ['nanlou', '103000'],
    ['industry', 'D01'],
    ['energy', 'D03'],
  ] as const)
    unit[k] = await env.unitId(`${COUNTY}${code}`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  nanlou = await Client.signIn(env.app, 'nanlou');
});
afterAll(() => env.close());

async function workbookOf(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((res as unknown as { rawPayload: Buffer }).rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Asserts the header row (bold, frozen, auto-filtered) and returns header and data rows as plain values. */
function tableOf(ws: ExcelJS.Worksheet | undefined) {
  expect(ws).toBeDefined();
  const sheet = ws!;
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBeTruthy();
  const rows: unknown[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    rows.push(values.slice(1));
  }
  const [header, ...data] = rows;
  return { header: header as string[], data };
}

const userId = async (username: string) => {
  const [u] = await env.database.db.select().from(users).where(eq(users.username, username));
  return u!.id;
};

describe('list exports', () => {
  it('导入记录: the filtered batches in the user’s scope, with formula-like names neutralised', async () => {
    const db = env.database.db;
    const summary = { rows: 3, valid: 2, invalid: 1, imported: 2, updated: 0, unchanged: 0 };
    await db.insert(importBatches).values([
      {
        kind: 'enterprises',
        source: null,
        fileName: '=HYPERLINK("x")秀水.xlsx',
        sha256: 'a'.repeat(64),
        createdBy: await userId('xiushui'),
        createdAt: env.clock.now(),
        summary,
      },
      {
        kind: 'enterprises',
        source: null,
        fileName: '南娄企业.xlsx',
        sha256: 'b'.repeat(64),
        createdBy: await userId('nanlou'),
        createdAt: env.clock.now(),
        summary,
      },
      {
        kind: 'revenue',
        source: 'tax',
        fileName: '秀水税务.xlsx',
        sha256: 'c'.repeat(64),
        createdBy: await userId('xiushui'),
        createdAt: env.clock.now(),
        summary,
      },
    ]);

    const own = tableOf((await workbookOf(await xiushui.get('/api/v1/imports/export'))).worksheets[0]);
    expect(own.header.slice(0, 4)).toEqual(['批次', '类型', '来源', '文件名']);
    expect(own.header).toContain('新增（条）');
    const files = own.data.map((r) => r[3]);
    expect(files).toContain('\'=HYPERLINK("x")秀水.xlsx');
    expect(files).toContain('秀水税务.xlsx');
    expect(files).not.toContain('南娄企业.xlsx');
    const first = own.data.find((r) => r[3] === '秀水税务.xlsx')!;
    expect(first[2]).toBe('税务开票');
    expect(first[own.header.indexOf('新增（条）')]).toBe(2);

    // The list's filters apply: kind=enterprises leaves the revenue batch out.
    const filtered = tableOf(
      (await workbookOf(await xiushui.get('/api/v1/imports/export?kind=enterprises'))).worksheets[0],
    );
    expect(filtered.data.map((r) => r[3])).toEqual(['\'=HYPERLINK("x")秀水.xlsx']);
    // Same rows as the list.
    const list = (await xiushui.get('/api/v1/imports?kind=enterprises')).json();
    expect(list.total).toBe(1);

    const all = tableOf((await workbookOf(await centre.get('/api/v1/imports/export'))).worksheets[0]);
    expect(all.data.map((r) => r[3])).toContain('南娄企业.xlsx');
  });

  it('目标任务: the summary and both dimensions as three sheets', async () => {
    const put = await centre.put('/api/v1/targets/2026', {
      cityTarget: 3,
      territorial: [
        { unitId: unit.xiushui, target: 2 },
        { unitId: unit.nanlou, target: 2 },
      ],
      supervising: [
        { unitId: unit.industry, target: 2 },
        { unitId: unit.energy, target: 1 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const wb = await workbookOf(await xiushui.get('/api/v1/targets/export?year=2026'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '属地维度', '行业主管维度']);
    const summary = tableOf(wb.worksheets[0]);
    expect(summary.header).toEqual(['项目', '数值（户）']);
    expect(summary.data[0]).toEqual(['市下达目标', 3]);
    const territorial = tableOf(wb.worksheets[1]);
    expect(territorial.header).toEqual(['单位代码', '单位', '目标（户）']);
    expect(territorial.data.find((r) => r[0] === `${COUNTY}100000`)?.[2]).toBe(2);
    const supervising = tableOf(wb.worksheets[2]);
    expect(supervising.data.find((r) => r[0] === `${COUNTY}D03`)?.[2]).toBe(1);
  });

  it('进度看板: both ranking tables as two sheets, as the board shows them', async () => {
    const res = await xiushui.get('/api/v1/progress/export?year=2026&asOf=2026-11-20');
    const wb = await workbookOf(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['属地维度', '行业主管维度']);
    const board = (await xiushui.get('/api/v1/progress?year=2026&asOf=2026-11-20')).json();
    for (const [i, dim] of (['territorial', 'supervising'] as const).entries()) {
      const table = tableOf(wb.worksheets[i]);
      expect(table.header.slice(0, 7)).toEqual([
        '排名',
        '单位代码',
        '单位',
        '目标（户）',
        '入库（户）',
        '退库（户）',
        '净增（户）',
      ]);
      expect(table.data).toHaveLength(board.dimensions[dim].length);
      expect(new Set(table.data.map((r) => r[1]))).toEqual(
        new Set(board.dimensions[dim].map((r: { code: string }) => r.code)),
      );
    }
    const territorial = tableOf(wb.worksheets[0]);
    const row = territorial.data.find((r) => r[1] === `${COUNTY}100000`)!;
    expect(row[3]).toBe(2); // the target saved above
    expect(row[6]).toBe(0); // nothing entered yet
  });

  it('进度通报: the year’s notices', async () => {
    const issued = await centre.post('/api/v1/notices', {
      year: 2026,
      asOf: '2026-11-20',
      praise: '',
      attention: '',
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const table = tableOf(
      (await workbookOf(await xiushui.get('/api/v1/notices/export?year=2026'))).worksheets[0],
    );
    expect(table.header).toEqual(['年度', '期号', '文号', '标题', '截至日期', '印发人', '印发时间']);
    expect(table.data).toHaveLength(1);
    expect(table.data[0]?.[2]).toBe(issued.json().docNumber);
    expect(table.data[0]?.[4]).toBe('2026-11-20');
    const other = tableOf(
      (await workbookOf(await xiushui.get('/api/v1/notices/export?year=2025'))).worksheets[0],
    );
    expect(other.data).toHaveLength(0);
  });

  it('入库申报: a township’s export has only its own firms’ declarations', async () => {
    let serial = 8800;
    const firmIn = async (townshipId: number, name: string) => {
      const res = await centre.post('/api/v1/enterprises', {
        creditCode: testCreditCode(serial++),
        name,
        legalForm: 'enterprise',
        industryCode: '3089',
        townshipId,
        productionStartedOn: '2018-05-01',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const a = await firmIn(unit.xiushui!, '导出秀水申报有限公司');
    const b = await firmIn(unit.nanlou!, '导出南娄申报有限公司');
    const body = { year: 2026, mode: 'annual', batch: 'nov' };
    expect((await xiushui.post('/api/v1/declarations', { ...body, enterpriseId: a })).statusCode).toBe(201);
    expect((await nanlou.post('/api/v1/declarations', { ...body, enterpriseId: b })).statusCode).toBe(201);

    const own = tableOf(
      (await workbookOf(await xiushui.get('/api/v1/declarations/export?year=2026'))).worksheets[0],
    );
    expect(own.header.slice(0, 2)).toEqual(['统一社会信用代码', '企业名称']);
    const names = own.data.map((r) => r[1]);
    expect(names).toContain('导出秀水申报有限公司');
    expect(names).not.toContain('导出南娄申报有限公司');
    const byState = tableOf(
      (await workbookOf(await centre.get('/api/v1/declarations/export?year=2026&state=entered')))
        .worksheets[0],
    );
    expect(byState.data).toHaveLength(0);
  });
});
