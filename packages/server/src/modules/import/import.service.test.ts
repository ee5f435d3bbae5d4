import { chinaDate } from '@shenggui/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, importBatches, revenueFacts } from '../../db/schema.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createTestEnv, type TestEnv, testCreditCode } from '../../test/harness.js';
import {
  type CorpusRow,
  type CorpusSheet,
  csvOf,
  everyFormat,
  type Merge,
  xlsxOf,
} from '../../test/spreadsheet-corpus.js';
import { runImportCommand } from './import.cli.js';
import { applyImport, getErrorWorkbook, getTemplate, listImports, previewImport } from './import.service.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let centre: RequestContext;
let tax: RequestContext;
let stats: RequestContext;
let xiushui: RequestContext;
let firms: TestFirm[];

beforeAll(async () => {
  env = await createTestEnv();
  const now = env.clock.now();
  centre = await contextOf(env.database.db, 'centre', now);
  tax = await contextOf(env.database.db, 'tax', now);
  stats = await contextOf(env.database.db, 'stats', now);
  xiushui = await contextOf(env.database.db, 'xiushui', now);
  firms = await registerFirms(env.database.db, centre, env.unitId, 6);
});
afterAll(() => env.close());

const db = () => env.database.db;
const f = (i: number) => firms[i - 1]!;

async function facts(firm: TestFirm, source = 'tax') {
  return db()
    .select()
    .from(revenueFacts)
    .where(and(eq(revenueFacts.enterpriseId, firm.id), eq(revenueFacts.source, source)))
    .orderBy(revenueFacts.period, revenueFacts.version);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e;
  }
  throw new Error('expected a rejection');
}

/** A messy long sheet: title, unit note, 序号, blank row, thousands separators, full-width digits, 合计. */
const messyLong = (): CorpusSheet => ({
  rows: [
    ['盂县2024年1-10月工业企业开票收入统计表', null, null, null, null],
    ['单位：万元', null, null, null, '制表日期：2024-11-05'],
    ['序号', '统一社会信用代码', '纳税人名称', '税款所属期', '开票收入'],
    [1, f(1).creditCode, f(1).name, '2024-01', '1,234.56'],
    [2, null, f(2).name, '2024年2月', '１２３'],
    [null, null, null, null, null],
    [3, f(3).creditCode.toLowerCase(), null, 202403, 0.01],
    [4, ` ${f(4).creditCode} `, f(4).name, '2024.04', ' 2 000 '],
    ['合计', null, null, null, 3358.57],
    ['制表人：张三', null, null, null, null],
  ],
});

describe('revenue, long format, every file format', () => {
  it('reads the messy sheet the same way from xlsx, xls and csv in three encodings', async () => {
    for (const file of await everyFormat(messyLong(), '开票收入')) {
      const p = await previewImport(db(), tax, { kind: 'revenue', source: 'tax', ...file });
      expect(p.problems, file.label).toEqual([]);
      expect(p.how, file.label).toMatchObject({
        headerRow: 3,
        unit: '万元',
        unitSource: 'title',
        format: 'long',
      });
      expect(p.counts, file.label).toEqual({
        rows: 4,
        valid: 4,
        invalid: 0,
        imported: 4,
        updated: 0,
        unchanged: 0,
      });
    }
  });

  it('applies in yuan, references the batch, audits once, and a second import changes nothing', async () => {
    const bytes = await xlsxOf([messyLong()]);
    const p = await previewImport(db(), tax, { kind: 'revenue', source: 'tax', fileName: 'a.xlsx', bytes });
    const r = await applyImport(db(), tax, { token: p.token, skipInvalid: false });
    expect(r.counts.imported).toBe(4);
    expect((await facts(f(1))).map((x) => [x.period, x.value, x.importBatchId])).toEqual([
      ['2024-01', '12345600.00', r.batchId],
    ]);
    expect((await facts(f(2)))[0]!.value).toBe('1230000.00');
    expect((await facts(f(3)))[0]!.value).toBe('100.00');
    expect((await facts(f(4)))[0]!.value).toBe('20000000.00');
    const batch = await db().select().from(importBatches).where(eq(importBatches.id, r.batchId));
    expect(batch[0]).toMatchObject({ kind: 'revenue', source: 'tax', fileName: 'a.xlsx' });
    expect(batch[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'import.apply'));
    expect(audits.filter((a) => a.entityId === String(r.batchId))).toHaveLength(1);

    // The same token cannot apply twice; the same file again changes nothing.
    expect((await rejection(applyImport(db(), tax, { token: p.token, skipInvalid: false }))).code).toBe(
      'CONFLICT',
    );
    const again = await previewImport(db(), tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'a.xlsx',
      bytes,
    });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    const r2 = await applyImport(db(), tax, { token: again.token, skipInvalid: false });
    expect(r2.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect(await facts(f(1))).toHaveLength(1);

    // A different figure is a correction: a new version with the batch's reason.
    const sheet = messyLong();
    sheet.rows[3]![4] = '1,300';
    const fixed = await previewImport(db(), tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'b.xlsx',
      bytes: await xlsxOf([sheet]),
    });
    expect(fixed.counts).toMatchObject({ imported: 0, updated: 1, unchanged: 3 });
    const r3 = await applyImport(db(), tax, { token: fixed.token, skipInvalid: false });
    const versions = await facts(f(1));
    expect(versions.map((v) => [v.version, v.isCurrent, v.value, v.reason])).toEqual([
      [1, false, '12345600.00', null],
      [2, true, '13000000.00', `导入更正（批次 ${r3.batchId}）`],
    ]);
  });
});

const WIDE_HEADERS: [string, (m: number) => string | number, number | undefined][] = [
  ['1月…12月, year from the title', (m) => `${m}月`, undefined],
  ['2024年1月', (m) => `2024年${m}月`, undefined],
  ['2024-01', (m) => `2024-${String(m).padStart(2, '0')}`, undefined],
  ['202401', (m) => `2024${String(m).padStart(2, '0')}`, undefined],
  ['2024.01', (m) => `2024.${String(m).padStart(2, '0')}`, undefined],
];

describe('revenue, wide format', () => {
  it.each(WIDE_HEADERS)('reads month columns written %s', async (_label, header) => {
    const sheet: CorpusSheet = {
      rows: [
        ['2024年统计局月度营业收入', null, null, null, null],
        ['统一社会信用代码', '单位名称', header(1), header(2), header(3), '1-3月合计'],
        [f(5).creditCode, f(5).name, 10, null, '-', 10],
        [f(6).creditCode, f(6).name, 1, 2, 3, 6],
      ],
    };
    for (const file of await everyFormat(sheet)) {
      const p = await previewImport(db(), stats, { kind: 'revenue', source: 'statistics', ...file });
      expect(p.problems, file.label).toEqual([]);
      expect(p.how.format, file.label).toBe('wide');
      expect(
        p.how.columns.filter((c) => c.period).map((c) => c.period),
        file.label,
      ).toEqual(['2024-01', '2024-02', '2024-03']);
      expect(p.counts, file.label).toMatchObject({ rows: 2, valid: 2, imported: 4 });
    }
  });

  it('reads months under a merged "营业收入（万元）" header, with the year as an option', async () => {
    const rows: CorpusRow[] = [
      ['月度营业收入统计', null, null, null, null],
      ['统一社会信用代码', '企业名称', '营业收入（万元）', null, null],
      [null, null, '1月', '2月', '3月'],
      [f(5).creditCode, f(5).name, 1.5, 2, 3],
    ];
    const merges: Merge[] = [
      [0, 0, 0, 4],
      [1, 0, 2, 0],
      [1, 1, 2, 1],
      [1, 2, 1, 4],
    ];
    for (const file of await everyFormat({ rows, merges })) {
      const missing = await rejection(
        previewImport(db(), stats, { kind: 'revenue', source: 'statistics', ...file }),
      );
      expect(missing.message, file.label).toMatch(/没有年度/);
      const p = await previewImport(db(), stats, {
        kind: 'revenue',
        source: 'statistics',
        year: 2023,
        ...file,
      });
      expect(p.problems, file.label).toEqual([]);
      expect(p.how, file.label).toMatchObject({
        headerRow: 2,
        headerRows: 2,
        unit: '万元',
        unitSource: 'header',
        year: 2023,
      });
      expect(p.counts.imported, file.label).toBe(3);
    }
  });
});

describe('header synonyms and units', () => {
  const codes = ['统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号'];
  const names = ['企业名称', '单位名称', '纳税人名称'];
  const periods = ['期间', '所属期', '税款所属期', '月份', '年月'];
  const values = ['营业收入', '主营业务收入', '销售收入', '开票收入', '应税销售额', '金额'];
  const combos = values.map((v, i) => [
    codes[i % codes.length]!,
    names[i % names.length]!,
    periods[i % periods.length]!,
    v,
  ]);

  it.each(combos)('recognises %s · %s · %s · %s', async (code, name, period, value) => {
    const bytes = csvOf([
      [code, name, period, `${value}（元）`],
      [f(1).creditCode, f(1).name, '2022-05', '1000.5'],
    ]);
    const p = await previewImport(db(), tax, { kind: 'revenue', source: 'tax', fileName: 's.csv', bytes });
    expect(p.problems).toEqual([]);
    expect(p.how.columns.map((c) => c.field)).toEqual(['creditCode', 'name', 'period', 'value']);
    expect(p.how).toMatchObject({ unit: '元', unitSource: 'header' });
  });

  it('reads electricity in 万千瓦时 and warns when a money sheet states no unit', async () => {
    const kwh = csvOf([
      ['单位：万千瓦时'],
      ['信用代码', '企业名称', '月份', '用电量'],
      [f(1).creditCode, f(1).name, '2022-05', '1.25'],
    ]);
    const p = await previewImport(db(), stats, {
      kind: 'revenue',
      source: 'electricity',
      fileName: 'e.csv',
      bytes: kwh,
    });
    expect(p.how).toMatchObject({ unit: '万千瓦时', unitSource: 'title' });
    const wrong = csvOf([
      ['单位：万元'],
      ['信用代码', '企业名称', '月份', '用电量'],
      [f(1).creditCode, f(1).name, '2022-05', '1'],
    ]);
    expect(
      (
        await rejection(
          previewImport(db(), stats, {
            kind: 'revenue',
            source: 'electricity',
            fileName: 'e.csv',
            bytes: wrong,
          }),
        )
      ).message,
    ).toMatch(/千瓦时/);
    const noUnit = csvOf([
      ['信用代码', '企业名称', '月份', '金额'],
      [f(1).creditCode, f(1).name, '2022-06', '12.5'],
    ]);
    const q = await previewImport(db(), tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'n.csv',
      bytes: noUnit,
    });
    // Not silently yuan: the preview says the unit is not stated and apply waits for a choice.
    expect(q.how).toMatchObject({ unit: null, unitSource: 'missing' });
    expect(q.needsUnit).toBe(true);
    expect(q.warnings[0]).toMatch(/未注明金额单位.*可能是万元/);
  });

  it('refuses a sheet without a recognisable header', async () => {
    const bytes = csvOf([
      ['a', 'b'],
      ['1', '2'],
    ]);
    const e = await rejection(
      previewImport(db(), tax, { kind: 'revenue', source: 'tax', fileName: 'x.csv', bytes }),
    );
    expect(e.message).toMatch(/未找到表头/);
  });
});

describe('bad rows', () => {
  const badSheet = (): CorpusSheet => ({
    rows: [
      ['统一社会信用代码', '企业名称', '期间', '营业收入（万元）'],
      [f(1).creditCode, f(1).name, '2021-01', 10],
      [testCreditCode(999), '不存在的公司', '2021-01', 10],
      ['12345', '也不存在的公司', '2021-01', 10],
      [f(2).creditCode, f(2).name, '2021-13', 10],
      [f(3).creditCode, f(3).name, '2021-01', -5],
      [f(4).creditCode, f(4).name, '2021-01', '十万'],
      [f(5).creditCode, f(5).name, '2021-01', { formula: 'SUM(1,2)', result: 3 }],
      [f(6).creditCode, f(6).name, '2021-02', 1],
      [f(6).creditCode, f(6).name, '2021-02', 1],
      [f(2).creditCode, f(2).name, '2021-01', 7],
    ],
  });
  const EXPECTED = [
    [3, '统一社会信用代码', /未找到统一社会信用代码/],
    [4, '统一社会信用代码', /应为18位/],
    [5, '期间', /期间格式不正确/],
    [6, '营业收入（万元）', /不能为负数/],
    [7, '营业收入（万元）', /不是数字/],
    [8, '营业收入（万元）', /公式单元格：请将公式转换为数值后再导入/],
    [10, '营业收入（万元）', /与第 9 行重复/],
  ] as const;

  it('names every problem by row, column and a Chinese message', async () => {
    const p = await previewImport(db(), tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'bad.xlsx',
      bytes: await xlsxOf([badSheet()]),
    });
    expect(p.problems.map((x) => x.row)).toEqual(EXPECTED.map((e) => e[0]));
    for (const [i, [, column, message]] of EXPECTED.entries()) {
      expect(p.problems[i]!.column).toBe(column);
      expect(p.problems[i]!.message).toMatch(message);
    }
    expect(p.counts).toMatchObject({ rows: 10, valid: 3, invalid: 7, imported: 3 });
  });

  it('applies nothing by default, and exactly the valid rows with skipInvalid', async () => {
    const bytes = await xlsxOf([badSheet()]);
    const p = await previewImport(db(), tax, { kind: 'revenue', source: 'tax', fileName: 'bad.xlsx', bytes });
    const e = await rejection(applyImport(db(), tax, { token: p.token, skipInvalid: false }));
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.length).toBe(7);
    const stored = await db().select().from(revenueFacts).where(eq(revenueFacts.period, '2021-01'));
    expect(stored).toHaveLength(0);

    const r = await applyImport(db(), tax, { token: p.token, skipInvalid: true });
    expect(r.counts).toMatchObject({ imported: 3, invalid: 7 });
    const periods = await db().select().from(revenueFacts).where(eq(revenueFacts.importBatchId, r.batchId));
    expect(periods.map((x) => [x.enterpriseId, x.period]).sort()).toEqual(
      [
        [f(1).id, '2021-01'],
        [f(2).id, '2021-01'],
        [f(6).id, '2021-02'],
      ].sort(),
    );
  });

  it('writes the original sheet back with a 错误说明 column', async () => {
    const p = await previewImport(db(), tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'bad.xlsx',
      bytes: await xlsxOf([badSheet()]),
    });
    const { buffer } = await getErrorWorkbook(db(), tax, p.token);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 5).value).toBe('错误说明');
    expect(String(ws.getCell(6, 5).value)).toMatch(/营业收入（万元）：数值不能为负数/);
    expect(ws.getCell(2, 5).value).toBeNull();
    expect(ws.getCell(3, 2).value).toBe('不存在的公司');
    // Someone else's token is not found.
    expect((await rejection(getErrorWorkbook(db(), stats, p.token))).code).toBe('NOT_FOUND');
  });
});

describe('permissions and scope', () => {
  const sheet = () =>
    csvOf([
      ['信用代码', '企业名称', '期间', '金额'],
      [f(1).creditCode, f(1).name, '2020-01', 1],
    ]);
  it('needs the per-source permission', async () => {
    const input = { kind: 'revenue', fileName: 's.csv', bytes: sheet() };
    expect((await rejection(previewImport(db(), tax, { ...input, source: 'statistics' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(previewImport(db(), xiushui, { ...input, source: 'tax' }))).code).toBe(
      'FORBIDDEN',
    );
    const own = await previewImport(db(), xiushui, { ...input, source: 'self' });
    expect(own.problems).toEqual([]);
    // 南娄镇's firm is not visible to 秀水镇.
    const other = csvOf([
      ['信用代码', '企业名称', '期间', '金额'],
      [f(2).creditCode, f(2).name, '2020-01', 1],
    ]);
    const q = await previewImport(db(), xiushui, {
      kind: 'revenue',
      source: 'self',
      fileName: 's.csv',
      bytes: other,
    });
    expect(q.problems[0]?.message).toMatch(/不在您的数据范围内/);
  });
});

describe('enterprises', () => {
  const header = [
    '序号',
    '统一社会信用代码',
    '企业名称',
    '法人类型',
    '行业代码',
    '属地',
    '行业主管部门',
    '投产日期',
    '是否规上',
    '地址',
    '成立日期',
    '联系人',
    '联系电话',
  ];
  const firmRow = (
    serial: number,
    township: string,
    extra: Partial<Record<number, string>> = {},
  ): CorpusRow => {
    const row: CorpusRow = [
      serial,
      testCreditCode(serial),
      `盂县导入${serial}号公司`,
      '企业法人',
      'C3311',
      township,
      '',
      '2023/10/1',
      '否',
      '秀水镇某路1号',
      '2018-03-15',
      '李四',
      '13800000000',
    ];
    for (const [k, v] of Object.entries(extra)) row[Number(k)] = v ?? null;
    return row;
  };

  it('registers new firms, then sees the same file as unchanged, then updates', async () => {
    const sheet: CorpusSheet = {
      rows: [
        ['盂县工业企业名单'],
        header,
        firmRow(501, '秀水镇'),
        firmRow(502, '南娄', { 6: '县住建局', 8: '是' }),
      ],
    };
    const bytes = await xlsxOf([sheet]);
    const p = await previewImport(db(), centre, { kind: 'enterprises', fileName: 'e.xlsx', bytes });
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({ rows: 2, imported: 2 });
    await applyImport(db(), centre, { token: p.token, skipInvalid: false });
    const e = await db()
      .select()
      .from(enterprises)
      .where(eq(enterprises.creditCode, testCreditCode(502)));
    expect(e[0]).toMatchObject({
      scaleStatus: 'above',
      productionStartedOn: '2023-10-01',
      industryCode: '3311',
    });

    const again = await previewImport(db(), centre, { kind: 'enterprises', fileName: 'e.xlsx', bytes });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });

    sheet.rows[2]![12] = '0353-1234567';
    const changed = await previewImport(db(), centre, {
      kind: 'enterprises',
      fileName: 'e.xlsx',
      bytes: await xlsxOf([sheet]),
    });
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 1 });
    await applyImport(db(), centre, { token: changed.token, skipInvalid: false });
    const e1 = await db()
      .select()
      .from(enterprises)
      .where(eq(enterprises.creditCode, testCreditCode(501)));
    expect(e1[0]!.contactPhone).toBe('0353-1234567');
  });

  it('keeps a township user to its own township, row by row', async () => {
    const bytes = csvOf(
      [header, firmRow(511, '秀水镇'), firmRow(512, '南娄镇'), firmRow(502, '南娄镇')],
      'gbk',
    );
    const p = await previewImport(db(), xiushui, { kind: 'enterprises', fileName: 'e.csv', bytes });
    expect(p.problems.map((x) => [x.row, x.message])).toEqual([
      [3, '只能导入本乡镇的企业'],
      [4, '该企业已由其他单位登记，不在您的数据范围内'],
    ]);
    const r = await applyImport(db(), xiushui, { token: p.token, skipInvalid: true });
    expect(r.counts.imported).toBe(1);
    expect(
      await db()
        .select()
        .from(enterprises)
        .where(eq(enterprises.creditCode, testCreditCode(512))),
    ).toHaveLength(0);
  });

  it('reports bad enterprise rows', async () => {
    const bytes = csvOf([
      header,
      firmRow(521, '不存在镇'),
      firmRow(522, '秀水镇', { 4: '0111' }),
      firmRow(523, '秀水镇', { 1: '91140322000000523A' }),
      firmRow(524, '秀水镇', { 7: '2023-02-30' }),
      firmRow(525, '秀水镇'),
      firmRow(525, '秀水镇'),
    ]);
    const p = await previewImport(db(), centre, { kind: 'enterprises', fileName: 'e.csv', bytes });
    expect(p.problems.map((x) => [x.row, x.column])).toEqual([
      [2, '属地'],
      [3, '行业代码'],
      [4, '统一社会信用代码'],
      [5, '投产日期'],
      [7, '统一社会信用代码'],
    ]);
  });
});

describe('templates, history and the command line', () => {
  it('builds a template per kind that the importer itself reads', async () => {
    for (const kind of ['enterprises', 'revenue']) {
      const { buffer } = await getTemplate(db(), centre, kind);
      const p = await previewImport(db(), centre, {
        kind,
        source: kind === 'revenue' ? 'self' : undefined,
        fileName: 't.xlsx',
        bytes: buffer,
      });
      expect(p.how.headerRow, kind).toBe(3);
      expect(p.counts.rows, kind).toBe(1);
      if (kind === 'revenue') expect(p.how.unit).toBe('万元');
    }
    expect((await rejection(getTemplate(db(), centre, 'nope'))).code).toBe('NOT_FOUND');
  });

  it('titles a template with the county and the plan year: the current year, or the year asked for', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const sheetOf = async (buffer: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      return wb.worksheets[0]!;
    };
    const thisYear = Number(chinaDate(env.clock.now()).slice(0, 4));
    const current = await sheetOf((await getTemplate(db(), centre, 'revenue')).buffer);
    expect(current.getCell(1, 1).value).toBe(`盂县${thisYear}年工业企业月度营业收入表`);
    expect(current.getCell(4, 4).value).toBe(`${thisYear}-01`);
    const planned = await sheetOf((await getTemplate(db(), centre, 'targets', 2031)).buffer);
    expect(planned.getCell(1, 1).value).toBe('盂县2031年小升规目标任务分解表');
    expect(planned.getCell(4, 2).value).toBe(2031);
    const firms = await sheetOf((await getTemplate(db(), centre, 'enterprises')).buffer);
    expect(firms.getCell(1, 1).value).toBe('盂县工业企业名单');
  });

  it('lists batches in the caller scope', async () => {
    const all = await listImports(db(), centre, { page: 1, pageSize: 50 });
    expect(all.total).toBeGreaterThan(3);
    const own = await listImports(db(), xiushui, { page: 1, pageSize: 50 });
    expect(own.items.every((i) => i.unitName === '秀水镇')).toBe(true);
    expect(own.total).toBeGreaterThan(0);
    const revenue = await listImports(db(), centre, { page: 1, pageSize: 50, kind: 'enterprises' });
    expect(revenue.items.every((i) => i.kind === 'enterprises')).toBe(true);
  });

  it('implements the CLI contract: exit 2 and nothing applied, or the good rows with --skip-invalid', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'sg-import-'));
    const file = join(dir, '收入.csv');
    await writeFile(
      file,
      csvOf([
        ['信用代码', '企业名称', '期间', '金额'],
        [f(1).creditCode, f(1).name, '2019-01', 5],
        [f(1).creditCode, f(1).name, '2019-13', 5],
      ]),
    );
    const { systemContext } = await import('../../platform/context.js');
    const ctx = systemContext(env.clock.now());
    const unitless = { kind: 'revenue', file, source: 'tax', skipInvalid: true, dryRun: false };
    // The sheet states no unit: nothing applied without --unit, whatever --skip-invalid says.
    const refused = await runImportCommand(db(), ctx, unitless);
    expect(refused.exitCode).toBe(2);
    expect(refused.output).toMatchObject({ imported: 0, needsUnit: true });
    expect(refused.output.rejected.map((r) => r.column)).toContain('unit');
    const args = { ...unitless, skipInvalid: false, unit: '元' };
    const strict = await runImportCommand(db(), ctx, args);
    expect(strict.exitCode).toBe(2);
    expect(strict.output).toMatchObject({ imported: 0, rejected: [{ row: 3, column: '期间' }] });
    const lines: { row: number; status: string; periodLabel: string | null; after: string | null }[] = [];
    const dry = await runImportCommand(db(), ctx, {
      ...args,
      skipInvalid: true,
      dryRun: true,
      onRows: (rows) => lines.push(...rows),
    });
    expect(dry).toMatchObject({ exitCode: 0, output: { imported: 1, unit: '元', unitSource: 'chosen' } });
    expect(lines.map((r) => [r.row, r.status, r.periodLabel, r.after])).toEqual([
      [2, 'new', '2019年1月', '5.00'],
      [3, 'error', null, null],
    ]);
    expect((await facts(f(1))).filter((x) => x.period === '2019-01')).toHaveLength(0);
    const lenient = await runImportCommand(db(), ctx, { ...args, skipInvalid: true });
    expect(lenient).toMatchObject({ exitCode: 0, output: { imported: 1, updated: 0, unchanged: 0 } });
    expect((await facts(f(1))).filter((x) => x.period === '2019-01')).toHaveLength(1);
  });
});
