// Spreadsheet export: bold frozen header, auto-filter, widths, units in the header, and text cells that
// start with = + - @ neutralised so a workbook cannot carry a formula injection.
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
  const wb = new ExcelJS.Workbook();
  wb.creator = '升规通';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
