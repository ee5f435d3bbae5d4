// Money in revenue sheets: the unit a sheet states (元, 千元, 万元, 亿元 in a header or a title note) turns
// every figure into yuan, rounded half-up to the fen on decimal text, and figures people cannot mean
// (negative, too large, not a number) are refused with a Chinese message naming the row and column.
// Pure: no database.
import { describe, expect, it } from 'vitest';
import type { SheetGrid } from '../../platform/spreadsheet/grid.js';
import { revenueImport } from './revenue-import.js';
import { dataRows, detectLayout } from './sheet-layout.js';
import { parseAmount } from './values.js';

const CODE = '91140322MA0TEST001';

function parse(rows: (string | number | null)[][]) {
  const sheets = [{ name: 'Sheet1', rows, merges: [], formulas: [] } as unknown as SheetGrid];
  const { layout, sheet } = detectLayout(revenueImport, sheets, { source: 'self', year: null, unit: null });
  const out = [...dataRows(revenueImport, layout, sheet)].map((r) =>
    revenueImport.parseRow(r, { source: 'self', shift: layout.shift, year: layout.year }),
  );
  return { layout, records: out.flatMap((o) => o.records), problems: out.flatMap((o) => o.problems) };
}

describe('the unit a revenue sheet states', () => {
  it.each([
    ['元', 0, '1234.5', '1234.50'],
    ['千元', 3, '1234.5', '1234500.00'],
    ['万元', 4, '1234.5', '12345000.00'],
    ['亿元', 8, '1.23456789', '123456789.00'],
  ] as const)('a header in %s (shift %i) reads %s as %s yuan', (unit, shift, cell, yuan) => {
    const { layout, records, problems } = parse([
      ['统一社会信用代码', '期间', `营业收入（${unit}）`],
      [CODE, '2024-03', cell],
    ]);
    expect(layout).toMatchObject({ unit, unitSource: 'header', shift });
    expect(problems).toEqual([]);
    expect(records.map((r) => r.value)).toEqual([yuan]);
  });

  it.each([
    ['单位：千元', '千元', '2.0005', '2000.50'],
    ['金额单位：亿元', '亿元', '0.00000000005', '0.01'],
    ['（万元）', '万元', '0.000049', '0.49'],
  ] as const)('a title note "%s" reads the sheet in %s', (note, unit, cell, yuan) => {
    const { layout, records } = parse([
      ['盂县2024年企业营业收入'],
      [note],
      ['统一社会信用代码', '期间', '营业收入'],
      [CODE, '2024-03', cell],
    ]);
    expect(layout).toMatchObject({ unit, unitSource: 'title' });
    expect(records.map((r) => r.value)).toEqual([yuan]);
  });

  it('refuses a negative figure and names its row and column', () => {
    const { records, problems } = parse([
      ['统一社会信用代码', '期间', '营业收入（千元）'],
      [CODE, '2024-03', '-1.5'],
      [CODE, '2024-04', '(2,000)'],
    ]);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      { row: 2, column: '营业收入（千元）', message: '数值不能为负数' },
      { row: 3, column: '营业收入（千元）', message: '数值不能为负数' },
    ]);
  });
});

describe('parseAmount: scaling and rounding on decimal text', () => {
  it.each([
    // Half-up at the third decimal, after the scale.
    ['0.005', 0, '0.01'],
    ['0.004', 0, '0.00'],
    ['0.0049999', 0, '0.00'],
    ['0.015', 0, '0.02'],
    ['2.675', 0, '2.68'], // 2.675 as a binary double is 2.67499…: decimal text rounds it up
    ['1.0005', 3, '1000.50'], // 千元
    ['1.00049', 3, '1000.49'],
    ['0.0000005', 4, '0.01'], // 万元: 0.005 yuan
    ['0.0000004', 4, '0.00'],
    ['0.0000000000499', 8, '0.00'], // 亿元: 0.00499 yuan
    ['0.00000000005', 8, '0.01'],
    ['0.000000005', 8, '0.50'],
    ['123.456789', 4, '1234567.89'],
    // Thousands separators, full-width digits, a currency sign and a unit suffix.
    ['1,234.5', 0, '1234.50'],
    ['１２３４', 4, '12340000.00'],
    ['¥1,000', 0, '1000.00'],
    ['12.5万元', 4, '125000.00'],
    ['-0', 0, '0.00'],
    ['+7', 3, '7000.00'],
    // Very large: up to 10^13 yuan is taken, exactly.
    ['99999.99999999', 8, '9999999999999.00'],
    ['10000000000000', 0, '10000000000000.00'],
    ['100000', 8, '10000000000000.00'],
  ] as const)('%s with shift %i is %s yuan', (cell, shift, yuan) => {
    expect(parseAmount(cell, shift)).toEqual({ ok: true, value: yuan });
  });

  it('reads a number cell as the number it holds', () => {
    expect(parseAmount(1234.565, 0)).toEqual({ ok: true, value: '1234.57' });
    expect(parseAmount(0.1 + 0.2, 4)).toEqual({ ok: true, value: '3000.00' });
    expect(parseAmount(1e-7, 4)).toEqual({ ok: true, value: '0.00' });
  });

  it.each([
    ['-0.01', 0, '数值不能为负数'],
    ['-1', 8, '数值不能为负数'],
    ['(3)', 4, '数值不能为负数'],
    ['10000000000000.01', 0, '数值过大'],
    ['100000.0000001', 8, '数值过大'],
    ['1e5', 0, '数值不是数字：1e5'],
    ['十万', 4, '数值不是数字：十万'],
    ['.', 0, '数值不是数字：.'],
  ] as const)('refuses %s with shift %i: %s', (cell, shift, message) => {
    expect(parseAmount(cell, shift)).toEqual({ ok: false, message });
  });

  it('reads an empty cell or a placeholder as no figure', () => {
    for (const cell of ['', ' ', '-', '—', '/', '无', null, undefined])
      expect(parseAmount(cell, 4)).toBeNull();
  });
});
