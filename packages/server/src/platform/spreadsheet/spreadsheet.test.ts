import { describe, expect, it } from 'vitest';
import { csvOf, xlsOf, xlsxOf } from '../../test/spreadsheet-corpus.js';
import { AppError } from '../errors.js';
import { CsvParser, decodeText, parseCsv } from './csv.js';
import { readWorkbookGrid } from './grid.js';
import { readSpreadsheet } from './read-spreadsheet.js';
import { assertSheetFormat, sniffContent } from './sniff.js';
import { assertSafeXlsx, readZipDirectory } from './zip-guard.js';

const ROWS = [
  ['盂县2024年工业企业开票收入统计表', null, null],
  ['统一社会信用代码', '企业名称', '营业收入（万元）'],
  ['91140322000000001X', '盂县甲公司', 1234.5],
  ['91140322000000002X', '盂县"乙",公司', 20],
];

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('format sniffing', () => {
  it('tells xlsx, xls and csv by their first bytes', async () => {
    expect(sniffContent(await xlsxOf([{ rows: ROWS }]))).toBe('xlsx');
    expect(sniffContent(xlsOf([{ rows: ROWS }]))).toBe('xls');
    expect(sniffContent(csvOf(ROWS, 'gbk'))).toBe('csv');
    expect(sniffContent(new Uint8Array([0, 1, 2, 3, 4]))).toBe('binary');
  });

  it('refuses a file whose content is not what its name says', async () => {
    const xlsx = await xlsxOf([{ rows: ROWS }]);
    expect((await rejection(() => assertSheetFormat('a.xls', xlsx))).message).toMatch(/内容是Excel 工作簿/);
    expect((await rejection(() => assertSheetFormat('a.xls', csvOf(ROWS)))).message).toMatch(/网页或文本/);
    expect((await rejection(() => assertSheetFormat('a.csv', xlsx))).message).toMatch(/\.csv/);
    expect((await rejection(() => assertSheetFormat('a.pdf', xlsx))).message).toMatch(/只支持/);
    expect((await rejection(() => assertSheetFormat('a.csv', new Uint8Array()))).message).toBe('文件为空');
  });
});

describe('csv decoding', () => {
  it.each(['utf-8', 'utf-8-bom', 'gbk'] as const)('reads %s', (encoding) => {
    const { text, encoding: detected } = decodeText(csvOf(ROWS, encoding));
    expect(detected).toBe(encoding === 'gbk' ? 'gb18030' : encoding);
    const rows = parseCsv(text);
    expect(rows[1]).toEqual(['统一社会信用代码', '企业名称', '营业收入（万元）']);
    expect(rows[3]).toEqual(['91140322000000002X', '盂县"乙",公司', '20']);
  });

  it('detects tab-separated text and keeps line breaks inside quotes', () => {
    expect(parseCsv('a\tb\n1\t"x\ny"\n')).toEqual([
      ['a', 'b'],
      ['1', 'x\ny'],
    ]);
  });
});

describe('csv read as a stream', () => {
  it('gives the same rows whichever place the text is cut into pieces', () => {
    const full = 'a,"b ""q""\r\n x",c\r\n1,,"2"\r\n"",3\n"x""",y\r\nlast,"z"';
    const whole = parseCsv(full);
    expect(whole).toEqual([
      ['a', 'b "q"\r\n x', 'c'],
      ['1', '', '2'],
      ['', '3'],
      ['x"', 'y'],
      ['last', 'z'],
    ]);
    for (let cut = 0; cut <= full.length; cut++) {
      const rows: string[][] = [];
      const parser = new CsvParser((r) => rows.push(r));
      parser.push(full.slice(0, cut));
      parser.push(full.slice(cut));
      parser.end();
      expect(rows, `cut at ${cut}`).toEqual(whole);
    }
    const rows: string[][] = [];
    const byChar = new CsvParser((r) => rows.push(r));
    for (const ch of full) byChar.push(ch);
    byChar.end();
    expect(rows).toEqual(whole);
  });
});

describe('workbook grids', () => {
  it('reads xlsx and xls alike, fills merged cells and reports formulas', async () => {
    const sheet = {
      rows: [
        ['标题', null, null],
        ['代码', '名称', '收入'],
        ['A', 'B', { formula: 'C4*2', result: 4 }],
        ['C', 'D', 2],
      ],
      merges: [[0, 0, 0, 2]] as [number, number, number, number][],
    };
    for (const [format, bytes] of [
      ['xlsx', await xlsxOf([sheet])],
      ['xls', xlsOf([sheet])],
    ] as const) {
      const grid = await readWorkbookGrid(bytes, format);
      const rows = grid.sheets[0]!.rows;
      expect(rows[0], format).toEqual(['标题', '标题', '标题']);
      expect(rows[2], format).toEqual(['A', 'B', 4]);
      // SheetJS's BIFF8 writer drops formulas, so only the .xlsx here carries one; the reader is shared.
      if (format === 'xlsx') expect(grid.sheets[0]!.formulas.map((f) => [f.r, f.c])).toEqual([[2, 2]]);
    }
  });

  it('gives date cells back as ISO dates', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 4, 22));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const grid = await readWorkbookGrid(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(grid.sheets[0]!.rows[0]).toEqual(['2024-05-22']);
  });
});

describe('zip-bomb guard', () => {
  it('reads the central directory of a real workbook', async () => {
    const z = readZipDirectory(await xlsxOf([{ rows: ROWS }]));
    expect(z.entries).toContain('xl/workbook.xml');
  });

  it('refuses an absurd compression ratio fast, before parsing', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(50 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const e = await rejection(() => assertSafeXlsx(bomb));
    expect(e.message).toMatch(/压缩炸弹/);
    // Fast because nothing is inflated: with its compressed data wiped (only the zip directory at the end
    // left intact) the bomb is refused the same way. Not a timed assertion, which a busy machine would fail.
    const hollow = Buffer.from(bomb);
    expect(hollow.length).toBeGreaterThan(4000);
    hollow.fill(0, 200, hollow.length - 1000);
    expect((await rejection(() => assertSafeXlsx(hollow))).message).toMatch(/压缩炸弹/);
    expect((await rejection(readSpreadsheet('bomb.xlsx', bomb))).message).toMatch(/压缩炸弹/);
  });
});

describe('the parsing worker', () => {
  it('parses off the main thread and reports progress', async () => {
    const rows: (string | number)[][] = [['代码', '名称', '收入']];
    for (let i = 0; i < 12_000; i++) rows.push([`C${i}`, `N${i}`, i]);
    const progress: number[] = [];
    const grid = await readSpreadsheet('big.csv', csvOf(rows), { onProgress: (p) => progress.push(p.rows) });
    expect(grid.sheets[0]!.rows).toHaveLength(12_001);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('turns a damaged workbook into an AppError', async () => {
    const bytes = await xlsxOf([{ rows: ROWS }]);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x41, 200, 2000);
    const e = await rejection(readSpreadsheet('x.xlsx', damaged));
    expect(e.code).toBe('VALIDATION');
  });

  it('stops a parse that runs past its time limit', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 200_000; i++) rows.push([`C${i}`, `N${i}`, String(i)]);
    const e = await rejection(readSpreadsheet('slow.csv', csvOf(rows), { timeoutMs: 5 }));
    expect(e.message).toMatch(/超时/);
  });
});
