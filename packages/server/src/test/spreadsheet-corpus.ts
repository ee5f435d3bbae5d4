// Builds the spreadsheets the import tests read: the same rows as .xlsx (exceljs), .xls (SheetJS BIFF8
// writer) and .csv in UTF-8, UTF-8 with BOM and GBK — sheets as people make them, made by the tests.
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type CorpusCell = string | number | null | { formula: string; result: number };
export type CorpusRow = CorpusCell[];
/** 0-based inclusive ranges: [top, left, bottom, right]. */
export type Merge = [number, number, number, number];

export interface CorpusSheet {
  name?: string;
  rows: CorpusRow[];
  merges?: Merge[];
}

export async function xlsxOf(sheets: CorpusSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [i, s] of sheets.entries()) {
    const ws = wb.addWorksheet(s.name ?? `Sheet${i + 1}`);
    s.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null) return;
        ws.getCell(r + 1, c + 1).value =
          typeof v === 'object' ? { formula: v.formula, result: v.result } : (v as string | number);
      });
    });
    for (const [t, l, b, rr] of s.merges ?? []) ws.mergeCells(t + 1, l + 1, b + 1, rr + 1);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function xlsOf(sheets: CorpusSheet[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [i, s] of sheets.entries()) {
    const aoa = s.rows.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? v.result : v)));
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    for (const [r, row] of s.rows.entries()) {
      for (const [c, v] of row.entries()) {
        if (v !== null && typeof v === 'object')
          ws[XLSX.utils.encode_cell({ r, c })] = { t: 'n', v: v.result, f: v.formula };
      }
    }
    ws['!merges'] = (s.merges ?? []).map(([t, l, b, rr]) => ({ s: { r: t, c: l }, e: { r: b, c: rr } }));
    XLSX.utils.book_append_sheet(wb, ws, s.name ?? `Sheet${i + 1}`);
  }
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
}

function csvField(v: CorpusCell): string {
  if (v === null) return '';
  const t = typeof v === 'object' ? String(v.result) : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

export function csvOf(rows: CorpusRow[], encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8'): Buffer {
  const text = `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export interface CorpusFile {
  label: string;
  fileName: string;
  bytes: Buffer;
}

/** One sheet in every format the import reads (CSV has no merges: merged cells arrive as blanks there). */
export async function everyFormat(sheet: CorpusSheet, base = 'corpus'): Promise<CorpusFile[]> {
  return [
    { label: 'xlsx', fileName: `${base}.xlsx`, bytes: await xlsxOf([sheet]) },
    { label: 'xls', fileName: `${base}.xls`, bytes: xlsOf([sheet]) },
    { label: 'csv utf-8', fileName: `${base}.csv`, bytes: csvOf(sheet.rows, 'utf-8') },
    { label: 'csv utf-8 bom', fileName: `${base}.csv`, bytes: csvOf(sheet.rows, 'utf-8-bom') },
    { label: 'csv gbk', fileName: `${base}.csv`, bytes: csvOf(sheet.rows, 'gbk') },
  ];
}
