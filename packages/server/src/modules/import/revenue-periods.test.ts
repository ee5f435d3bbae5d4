// The parser of revenue sheets as the tax system writes them: periods as ranges, quarterly returns, and
// money sheets that do or do not state their unit. Pure: no database.
import { describe, expect, it } from 'vitest';
import type { SheetGrid } from '../../platform/spreadsheet/grid.js';
import { revenueImport } from './revenue-import.js';
import { dataRows, detectLayout, moneyUnitOf } from './sheet-layout.js';
import { parseFigurePeriod, parsePeriodRange, parseQuarterLabel } from './values.js';

const grid = (rows: (string | number | null)[][]): SheetGrid[] => [
  { name: 'Sheet1', rows, merges: [], formulas: [] } as unknown as SheetGrid,
];
const CODE = '91140322MA0TEST001';

function parse(rows: (string | number | null)[][], unit: '元' | '万元' | null = null) {
  const sheets = grid(rows);
  const { layout, sheet } = detectLayout(revenueImport, sheets, { source: 'tax', year: null, unit });
  const out = [...dataRows(revenueImport, layout, sheet)].map((r) =>
    revenueImport.parseRow(r, { source: 'tax', shift: layout.shift, year: layout.year }),
  );
  return {
    layout,
    records: out.flatMap((o) => o.records),
    problems: out.flatMap((o) => o.problems),
  };
}

describe('tax periods given as a range', () => {
  it('reads a range that spans one month as that month', () => {
    expect(parsePeriodRange('2024-01-01', '2024-01-31')).toEqual({
      ok: true,
      value: { period: '2024-01', months: 1 },
    });
    expect(parsePeriodRange('2024/2/1', '2024年2月29日')).toEqual({
      ok: true,
      value: { period: '2024-02', months: 1 },
    });
  });

  it('reads a calendar quarter (a quarterly return) as a quarter under its last month', () => {
    expect(parsePeriodRange('2024-01-01', '2024-03-31')).toEqual({
      ok: true,
      value: { period: '2024-03', months: 3 },
    });
    expect(parsePeriodRange('2024-10-01', '2024-12-31')).toEqual({
      ok: true,
      value: { period: '2024-12', months: 3 },
    });
    expect(parseQuarterLabel('2024Q1')).toEqual({ period: '2024-03', months: 3 });
    expect(parseQuarterLabel('2024年第2季度')).toEqual({ period: '2024-06', months: 3 });
    expect(parseQuarterLabel('2024年三季度')).toEqual({ period: '2024-09', months: 3 });
    expect(parseFigurePeriod('2024-04-01至2024-06-30', null)).toEqual({
      ok: true,
      value: { period: '2024-06', months: 3 },
    });
    expect(parseFigurePeriod('2024-05', null)).toEqual({ ok: true, value: { period: '2024-05', months: 1 } });
  });

  it.each([
    ['2024-01-01', '2024-02-29'],
    ['2024-02-01', '2024-04-30'],
    ['2024-01-15', '2024-02-14'],
    ['2024-01-01', '2024-12-31'],
    ['2024-12-01', '2025-02-28'],
  ])('refuses %s 至 %s: neither a month nor a calendar quarter', (from, to) => {
    const r = parsePeriodRange(from, to);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/既不是一个自然月，也不是一个自然季度/);
  });

  it('reads the tax system export: 税款所属期起 / 所属期止, and names the row and column of a bad range', () => {
    const { records, problems, layout } = parse([
      ['增值税申报明细'],
      ['单位：元'],
      ['纳税人识别号', '纳税人名称', '税款所属期起', '税款所属期止', '应税销售额'],
      [CODE, '盂县甲公司', '2024-01-01', '2024-01-31', '1,200,000.00'],
      [CODE, '盂县甲公司', '2024-04-01', '2024-06-30', '3600000'],
      [CODE, '盂县甲公司', '2024-07-01', '2024-08-31', '100'],
    ]);
    expect(layout).toMatchObject({ format: 'long', unit: '元', unitSource: 'title' });
    expect(records.map((r) => [r.row, r.period, r.months, r.value])).toEqual([
      [4, '2024-01', 1, '1200000.00'],
      [5, '2024-06', 3, '3600000.00'],
    ]);
    expect(problems).toEqual([
      {
        row: 6,
        column: '税款所属期起/税款所属期止',
        message: expect.stringMatching(/2024-07-01 至 2024-08-31 既不是一个自然月/),
      },
    ]);
  });
});

describe('the money unit of a sheet', () => {
  const unitless = [
    ['统一社会信用代码', '企业名称', '期间', '营业收入'],
    [CODE, '盂县甲公司', '2024Q1', '150.5'],
  ];

  it('does not read a sheet without a unit as yuan: the unit is missing until chosen', () => {
    const { layout, records } = parse(unitless);
    expect(layout).toMatchObject({ unit: null, unitSource: 'missing' });
    expect(records[0]).toMatchObject({ period: '2024-03', months: 3, value: '150.50' });
  });

  it('reads it in the unit chosen (元 or 万元, also yuan / wan)', () => {
    expect(moneyUnitOf('wan')).toBe('万元');
    expect(moneyUnitOf('元')).toBe('元');
    expect(moneyUnitOf('usd')).toBeNull();
    const { layout, records } = parse(unitless, '万元');
    expect(layout).toMatchObject({ unit: '万元', unitSource: 'chosen' });
    expect(records[0]).toMatchObject({ value: '1505000.00' });
  });

  it('reads a sheet that states its unit as stated, whatever was chosen', () => {
    const { layout, records } = parse(
      [
        ['统一社会信用代码', '企业名称', '期间', '营业收入（元）'],
        [CODE, '盂县甲公司', '2024-01', '150.5'],
      ],
      '万元',
    );
    expect(layout).toMatchObject({ unit: '元', unitSource: 'header' });
    expect(records[0]).toMatchObject({ value: '150.50' });
  });
});
