// What an import will write, shown before it is written: preview lines (old → new, unit), the money unit a
// clerk must choose for a sheet that states none, and quarterly tax returns stored and counted as quarters.
import { runDeclarationChecks } from '@shenggui/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revenueFacts } from '../../db/schema.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { csvOf } from '../../test/spreadsheet-corpus.js';
import { listMonthFigures } from '../declaration/declaration.repository.js';
import { evaluateFirms } from '../library/library.service.js';
import { revenueOfRecordSubquery } from '../revenue/revenue.repository.js';
import { applyImport, exportPreviewRows, listPreviewRows, previewImport } from './import.service.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let centre: RequestContext;
let tax: RequestContext;
let firms: TestFirm[];

beforeAll(async () => {
  env = await createTestEnv();
  const now = env.clock.now();
  centre = await contextOf(env.database.db, 'centre', now);
  tax = await contextOf(env.database.db, 'tax', now);
  firms = await registerFirms(env.database.db, centre, env.unitId, 3);
});
afterAll(() => env.close());

const db = () => env.database.db;
const f = (i: number) => firms[i - 1]!;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e;
  }
  throw new Error('expected a rejection');
}

const preview = (rows: (string | number)[][], extra: { unit?: '元' | '万元' } = {}) =>
  previewImport(db(), tax, {
    kind: 'revenue',
    source: 'tax',
    fileName: 'tax.csv',
    bytes: csvOf(rows),
    ...extra,
  });

async function currentFacts(firm: TestFirm) {
  return db()
    .select({ period: revenueFacts.period, months: revenueFacts.months, value: revenueFacts.value })
    .from(revenueFacts)
    .where(and(eq(revenueFacts.enterpriseId, firm.id), eq(revenueFacts.isCurrent, true)))
    .orderBy(revenueFacts.period);
}

async function yearRevenue(firm: TestFirm, year: number) {
  const rev = revenueOfRecordSubquery(db(), year);
  const rows = await db().select().from(rev).where(eq(rev.enterpriseId, firm.id));
  return rows[0]?.revenue === undefined ? null : Number(rows[0].revenue).toFixed(2);
}

describe('a money sheet that states no unit', () => {
  const rows = () => [
    ['统一社会信用代码', '企业名称', '期间', '开票金额'],
    [f(3).creditCode, f(3).name, '2023-01', '150'],
  ];

  it('reports "unit not stated" and refuses to apply until 元 or 万元 is chosen', async () => {
    const p = await preview(rows());
    expect(p.needsUnit).toBe(true);
    expect(p.how).toMatchObject({ unit: null, unitSource: 'missing' });
    const refused = await rejection(applyImport(db(), tax, { token: p.token, skipInvalid: false }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/未注明金额单位.*元.*万元/);
    expect(await currentFacts(f(3))).toEqual([]);
    // Chosen at apply (the API parameter): the sheet is read again in 万元.
    await applyImport(db(), tax, { token: p.token, skipInvalid: false, unit: '万元' });
    expect(await currentFacts(f(3))).toEqual([{ period: '2023-01', months: 1, value: '1500000.00' }]);
  });

  it('shows the chosen unit in the preview lines when chosen at preview', async () => {
    const p = await preview(
      [
        ['统一社会信用代码', '企业名称', '期间', '开票金额'],
        [f(3).creditCode, f(3).name, '2023-02', '2.5'],
      ],
      { unit: '万元' },
    );
    expect(p).toMatchObject({ needsUnit: false, how: { unit: '万元', unitSource: 'chosen' } });
    const page = await listPreviewRows(db(), tax, p.token, { page: 1, pageSize: 20 });
    expect(page).toMatchObject({ unit: '万元', unitSource: 'chosen', source: 'tax', total: 1 });
    expect(page.items[0]).toMatchObject({ status: 'new', after: '25000.00', periodLabel: '2023年2月' });
    await applyImport(db(), tax, { token: p.token, skipInvalid: false });
    expect((await currentFacts(f(3))).at(-1)).toMatchObject({ period: '2023-02', value: '25000.00' });
  });
});

describe('preview lines and quarterly tax returns', () => {
  const header = ['纳税人识别号', '纳税人名称', '税款所属期起', '税款所属期止', '应税销售额'];
  const title = [['单位：万元'], header];

  it('stores a quarterly return as a quarter, counted in the year and in cumulative checks once ended', async () => {
    const p = await preview([
      ...title,
      [f(1).creditCode, f(1).name, '2024-01-01', '2024-03-31', '1200'],
      [f(1).creditCode, f(1).name, '2024-04-01', '2024-06-30', '900'],
      [f(2).creditCode, f(2).name, '2024-01-01', '2024-01-31', '100'],
      [f(2).creditCode, f(2).name, '2024-02-01', '2024-03-15', '100'],
    ]);
    expect(p.problems).toEqual([
      { row: 6, column: '税款所属期起/税款所属期止', message: expect.stringMatching(/既不是一个自然月/) },
    ]);
    expect(p.lines).toEqual({ new: 3, correction: 0, unchanged: 0, error: 1 });
    const lines = await listPreviewRows(db(), tax, p.token, { page: 1, pageSize: 2 });
    expect(lines.total).toBe(4);
    expect(lines.items.map((l) => [l.row, l.status, l.creditCode, l.name, l.periodLabel, l.after])).toEqual([
      [3, 'new', f(1).creditCode, f(1).name, '2024年第1季度', '12000000.00'],
      [4, 'new', f(1).creditCode, f(1).name, '2024年第2季度', '9000000.00'],
    ]);
    const errors = await listPreviewRows(db(), tax, p.token, { status: 'error', page: 1, pageSize: 20 });
    expect(errors.items).toMatchObject([{ row: 6, status: 'error', creditCode: f(2).creditCode }]);
    await applyImport(db(), tax, { token: p.token, skipInvalid: true });

    expect(await currentFacts(f(1))).toEqual([
      { period: '2024-03', months: 3, value: '12000000.00' },
      { period: '2024-06', months: 3, value: '9000000.00' },
    ]);
    // The year's revenue of record includes both quarters (not spread, not dropped).
    expect(await yearRevenue(f(1), 2024)).toBe('21000000.00');
    // Cumulative to a month: a quarter counts only when it has ended by then.
    const figures = (await listMonthFigures(db(), f(1).id, '2023-01', '2024-06')).map((m) => ({
      period: m.period,
      tax: m.tax === null ? null : Number(m.tax),
      statistics: m.statistics === null ? null : Number(m.statistics),
      taxMonths: (Number(m.taxMonths) === 3 ? 3 : 1) as 1 | 3,
      statisticsMonths: 1 as const,
    }));
    const cumulative = (dataMonth: string) =>
      runDeclarationChecks({
        mode: 'monthly',
        dataMonth,
        productionStartedOn: null,
        months: figures,
        thresholdYuan: 20_000_000,
        tolerance: 0.1,
      }).find((c) => c.key === 'cumulative')!;
    expect(cumulative('2024-05')).toMatchObject({ ok: false });
    expect(cumulative('2024-05').message).toMatch(/1,200万元（3个月有数据）/);
    expect(cumulative('2024-06')).toMatchObject({ ok: true });
    // The libraries read the quarters too: the prior-year revenue of 2025's evaluation is 2,100万元.
    const evaluated = await evaluateFirms(db(), centre, {
      year: 2025,
      asOf: '2025-01-31',
      enterpriseIds: [f(1).id],
    });
    expect(evaluated.results[0]?.evaluation.figures.priorYear).toBe(21_000_000);
  });

  it('lists a correction as old → new and marks the unchanged, filterable and exportable', async () => {
    const p = await preview([
      ...title,
      [f(1).creditCode, f(1).name, '2024-01-01', '2024-03-31', '1300'],
      [f(1).creditCode, f(1).name, '2024-04-01', '2024-06-30', '900'],
      [f(2).creditCode, f(2).name, '2024-02-01', '2024-03-15', '50'],
      [f(2).creditCode, f(2).name, '2024-01-01', '2024-01-31', '100'],
    ]);
    expect(p.lines).toEqual({ new: 0, correction: 1, unchanged: 2, error: 1 });
    const page = await listPreviewRows(db(), tax, p.token, { page: 1, pageSize: 20 });
    expect(page.items.map((l) => [l.row, l.status, l.periodLabel, l.before, l.after])).toEqual([
      [3, 'correction', '2024年第1季度', '12000000.00', '13000000.00'],
      [4, 'unchanged', '2024年第2季度', '9000000.00', '9000000.00'],
      [5, 'error', null, null, null],
      [6, 'unchanged', '2024年1月', '1000000.00', '1000000.00'],
    ]);
    // Filters: by status, and by firm (code or name).
    const corrections = await listPreviewRows(db(), tax, p.token, {
      status: 'correction',
      page: 1,
      pageSize: 20,
    });
    expect(corrections.items.map((l) => l.row)).toEqual([3]);
    const second = await listPreviewRows(db(), tax, p.token, { firm: f(2).name, page: 1, pageSize: 20 });
    expect(second.items.map((l) => l.row)).toEqual([5, 6]);
    expect(second.counts).toEqual({ new: 0, correction: 0, unchanged: 1, error: 1 });
    // The export is the same lines as a workbook, values in 万元.
    const { buffer } = await exportPreviewRows(db(), tax, p.token, {});
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['原值（万元）', '导入值（万元）', '期间']));
    expect(ws.getRow(2).values).toEqual(
      expect.arrayContaining([3, '更正', f(1).creditCode, '2024年第1季度', 1200, 1300, '万元']),
    );
    expect(ws.rowCount).toBe(5);
  });

  it('refuses a month inside a quarter the same source already filed', async () => {
    const p = await preview([...title, [f(1).creditCode, f(1).name, '2024-02-01', '2024-02-29', '50']]);
    expect(p.problems).toEqual([
      {
        row: 3,
        column: '应税销售额',
        message: expect.stringMatching(/2024年第1季度已有季度数据，与本行2024年2月的月度数据重叠/),
      },
    ]);
  });

  it('names both rows when one file gives a month and the quarter holding it', async () => {
    const p = await preview([
      ...title,
      [f(2).creditCode, f(2).name, '2024-10-01', '2024-12-31', '300'],
      [f(2).creditCode, f(2).name, '2024-11-01', '2024-11-30', '100'],
    ]);
    expect(p.problems.map((x) => x.row)).toEqual([3, 4]);
    expect(p.problems[0]?.message).toMatch(
      /2024年第4季度的季度数据（第 3 行）与2024年11月的月度数据（第 4 行）重叠/,
    );
  });
});
