// Spreadsheet export: bold frozen header, auto-filter, widths, units in the header, and text cells that
// start with = + - @ neutralised so a workbook cannot carry a formula injection.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
  numFmt?: string;
}

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function buildWorkbook<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<Buffer> {
  return buildWorkbookSheets([sheetOf(sheetName, columns, rows)]);
}

/** One sheet of a multi-sheet export. */
export interface ExportSheet<T> {
  name: string;
  columns: ExportColumn<T>[];
  rows: T[];
}

/** A typed sheet for buildWorkbookSheets (its rows and columns checked against each other). */
export function sheetOf<T>(name: string, columns: ExportColumn<T>[], rows: T[]): ExportSheet<unknown> {
  return { name, columns, rows } as ExportSheet<unknown>;
}

/** Several sheets in one workbook, each laid out as buildWorkbook lays out its one. */
export async function buildWorkbookSheets(sheets: ExportSheet<unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '升规通';
  for (const sheet of sheets) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet<T>(wb: ExcelJS.Workbook, { name, columns, rows }: ExportSheet<T>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return typeof v === 'string' ? neutralise(v) : v;
      }),
    );
  }
  columns.forEach((c, i) => {
    if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * One sheet laid out as buildWorkbook lays it out, its rows fed a page at a time and written through
 * ExcelJS's streaming writer: only the compressed workbook is held, never the whole list of rows.
 */
export async function buildWorkbookPaged<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  pages: () => AsyncIterable<T[]>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = '升规通';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for await (const page of pages()) {
    for (const row of page) {
      ws.addRow(
        columns.map((c) => {
          const v = c.value(row);
          return typeof v === 'string' ? neutralise(v) : v;
        }),
      ).commit();
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
