// Sign-in sheets as counties keep them, built here with exceljs and iconv-lite: title rows over the header,
// merged title cells, blank and pre-numbered rows, full-width spaces and brackets, GBK CSV.
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { trainingAttendance } from '../../db/schema-service.js';
import { Client, COUNTY, createTestEnv, TEST_YEAR, type TestEnv } from '../../test/harness.js';
import { createFirm } from '../progress/test-support.js';

let env: TestEnv;
let centre: Client;
let xiushui: Client;
let xiushuiId: number;
let nanlouId: number;
let nengyuanId: number;
let firmA: number;
let firmC: number;
let firmB: number;
let codeA: string;
let training: number;

const NAME_A = '盂县秀水签到测试机械有限公司';
const NAME_C = '盂县（秀水）精密铸造有限公司';
const NAME_B = '盂县南娄签到测试建材有限公司';

type Row = (string | number | null)[];
const HEADER: Row = ['序号', '姓名', '单位名称', '统一社会信用代码', '职务', '联系电话', '签到时间'];

/** A sheet as a township keeps it: two merged title rows, the header in row 3, then the names. */
async function sheet(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到表');
  ws.addRow(['秀水镇小升规专题培训签到表']);
  ws.mergeCells('A1:G1');
  ws.addRow([`时间：${TEST_YEAR}年3月15日　地点：秀水镇便民服务中心`]);
  ws.mergeCells('A2:G2');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const url = (id: number, fileName: string, dryRun: boolean) =>
  `/api/v1/trainings/${id}/attendance/import?fileName=${encodeURIComponent(fileName)}${dryRun ? '&dryRun=1' : ''}`;

async function rowsOf(id: number) {
  return env.database.db.select().from(trainingAttendance).where(eq(trainingAttendance.trainingId, id));
}

async function importAudits(id: number) {
  return env.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'training.attendance.import'), eq(auditLog.entityId, String(id))))
    .orderBy(desc(auditLog.id));
}

let goodRows: Row[];

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  nanlouId = await env.unitId(`${COUNTY}103000`);
  nengyuanId = await env.unitId(`${COUNTY}D03`);
  centre = await Client.signIn(env.app, 'centre');
  xiushui = await Client.signIn(env.app, 'xiushui');
  firmA = await createFirm(centre, { townshipId: xiushuiId, name: NAME_A });
  firmC = await createFirm(centre, { townshipId: xiushuiId, name: NAME_C });
  firmB = await createFirm(centre, { townshipId: nanlouId, name: NAME_B });
  codeA = (await centre.get(`/api/v1/enterprises/${firmA}`)).json().creditCode;
  const t = await centre.post('/api/v1/trainings', {
    heldOn: `${TEST_YEAR}-03-15`,
    topic: '小升规申报政策与统计报表填报专题培训',
    kind: 'course',
  });
  training = t.json().id;
  goodRows = [
    // By credit code (the name written loosely).
    [1, '王建国', '秀水机械', codeA, '总经理', '13903531234', '8:52'],
    // By the name with half-width brackets and a full-width space in the person's name.
    [2, '李\u3000娜', '盂县(秀水)精密铸造有限公司', null, '财务负责人', '13503538765', '8:55'],
    [null, null, null, null, null, null, null],
    // Officials of county units.
    [3, '张伟', '秀水镇人民政府', null, '经发办主任', '0353-6012345', '8:40'],
    [4, '刘洋', '县能源局', null, '科员', null, '8:45'],
    // A firm the county does not know: kept as written.
    [5, '陈晓', '太原晋阳商贸有限公司', null, '销售经理', '13834512345', '9:01'],
    // The same person and firm again: skipped.
    [6, '王建国', NAME_A, null, '总经理', '13903531234', '9:05'],
    // A line numbered in advance that nobody signed.
    [7, null, null, null, null, null, null],
  ];
});
afterAll(() => env.close());

describe('sign-in sheet import', () => {
  it('a dry run finds the header in row 3 under merged titles, matches each row and writes nothing', async () => {
    const res = await centre.request('POST', url(training, '签到表.xlsx', true), await sheet(goodRows));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ dryRun: true, headerRow: 3, written: 0, problems: [] });
    const byRow = Object.fromEntries(r.rows.map((x: { row: number }) => [x.row, x]));
    expect(byRow[4]).toMatchObject({ match: 'firm', matchedBy: 'creditCode', enterpriseId: firmA });
    expect(byRow[5]).toMatchObject({ match: 'firm', matchedBy: 'normalisedName', enterpriseId: firmC });
    expect(byRow[5].personName).toBe('李 娜');
    expect(byRow[7]).toMatchObject({ match: 'official', unitId: xiushuiId, unitName: '秀水镇' });
    expect(byRow[8]).toMatchObject({ match: 'official', unitId: nengyuanId });
    expect(byRow[9]).toMatchObject({ match: 'unmatched', orgName: '太原晋阳商贸有限公司' });
    expect(byRow[10]).toMatchObject({ match: 'duplicate' });
    expect(byRow[6]).toBeUndefined(); // the blank row
    expect(byRow[11]).toBeUndefined(); // the pre-numbered empty line
    expect(r.counts).toEqual({ rows: 6, firms: 2, officials: 2, unmatched: 1, duplicates: 1, invalid: 0 });
    expect(await rowsOf(training)).toHaveLength(0);
    expect(await importAudits(training)).toHaveLength(0);
  });

  it('names the row and the column of every problem; applying a sheet with problems writes nothing', async () => {
    const bad = [
      ...goodRows,
      [8, null, NAME_A, null, null, null, null],
      [9, '赵敏', null, null, null, null, null],
      [10, '周杰', '某公司', '91140322ABC', null, null, null],
    ];
    const dry = await centre.request('POST', url(training, '签到表.xlsx', true), await sheet(bad));
    expect(dry.statusCode, dry.body).toBe(200);
    const messages = dry.json().problems.map((p: { message: string }) => p.message);
    expect(messages).toContain('第12行「姓名」为空');
    expect(messages).toContain('第13行「单位名称」为空');
    expect(messages.some((m: string) => m.startsWith('第14行「统一社会信用代码」'))).toBe(true);
    const apply = await centre.request('POST', url(training, '签到表.xlsx', false), await sheet(bad));
    expect(apply.statusCode).toBe(400);
    expect(apply.json().error.message).toContain('未导入任何记录');
    expect(apply.json().error.details[0].path).toBe('rows.12.姓名');
    expect(await rowsOf(training)).toHaveLength(0);
  });

  it('applying writes every row in one transaction with one audit record; importing again adds nothing', async () => {
    const res = await centre.request('POST', url(training, '签到表.xlsx', false), await sheet(goodRows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, written: 5 });
    const rows = await rowsOf(training);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.source === 'import')).toBe(true);
    const unmatched = rows.find((r) => r.enterpriseId === null && r.unitId === null);
    expect(unmatched).toMatchObject({ personName: '陈晓', orgNameAsWritten: '太原晋阳商贸有限公司' });
    const audits = await importAudits(training);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ written: 5, firms: 2, officials: 2, unmatched: 1 });
    const detail = (await centre.get(`/api/v1/trainings/${training}`)).json();
    expect(detail).toMatchObject({ firmCount: 2, officialCount: 2, unmatchedCount: 1, attendeeCount: 5 });
    // A township not organising the event reads its own firms and the officials; the unmatched row is counted.
    const township = (await xiushui.get(`/api/v1/trainings/${training}`)).json();
    expect(township.hiddenCount).toBe(1);
    expect(township.attendance.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'firm',
      'firm',
      'official',
      'official',
    ]);
    expect(JSON.stringify(township)).not.toContain('太原晋阳商贸有限公司');
    const again = await centre.request('POST', url(training, '签到表.xlsx', false), await sheet(goodRows));
    expect(again.json()).toMatchObject({ written: 0, counts: { duplicates: 6 } });
    expect(await rowsOf(training)).toHaveLength(5);
  });

  it('reads a GBK CSV with its header under a title line, matching by exact name', async () => {
    const t = await centre.post('/api/v1/trainings', {
      heldOn: `${TEST_YEAR}-04-20`,
      topic: '规上企业统计报表线上培训',
      kind: 'online',
    });
    const csv = [
      '规上企业统计报表线上培训签到表,,,',
      ',,,',
      '序号,姓名,企业名称,手机',
      `1,杨帆,${NAME_B},13700001111`,
      `2,吴刚,${NAME_A},13700002222`,
    ].join('\r\n');
    const bytes = iconv.encode(csv, 'gbk');
    const res = await centre.request('POST', url(t.json().id, '签到.csv', false), bytes);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.headerRow).toBe(3);
    expect(r.rows.map((x: { match: string; matchedBy: string }) => [x.match, x.matchedBy])).toEqual([
      ['firm', 'name'],
      ['firm', 'name'],
    ]);
    expect(r.rows[0]).toMatchObject({ enterpriseId: firmB, phone: '13700001111' });
  });

  it('a UTF-8 CSV with a BOM from a township: firms outside its scope stay unmatched; others’ events refused', async () => {
    const own = await xiushui.post('/api/v1/trainings', {
      heldOn: `${TEST_YEAR}-05-08`,
      topic: '秀水镇政策宣讲',
      kind: 'briefing',
    });
    const csv = `\uFEFF姓名,单位\r\n钱进,${NAME_B}\r\n孙敏,${NAME_A}\r\n`;
    const res = await xiushui.request('POST', url(own.json().id, 'a.csv', true), Buffer.from(csv, 'utf8'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((x: { match: string }) => x.match)).toEqual(['unmatched', 'firm']);
    const refused = await xiushui.request('POST', url(training, 'a.csv', true), Buffer.from(csv, 'utf8'));
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a sheet without a recognisable header, naming what it looked for', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['名单', '备注']);
    const res = await centre.request(
      'POST',
      url(training, 'x.xlsx', true),
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('姓名');
  });
});
