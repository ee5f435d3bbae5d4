// The budget a spreadsheet is read within: rows, columns and cells of the grid, and the bytes a workbook's zip
// may inflate to. The reader counts while it reads and stops at the first limit passed, so a hostile file
// costs at most the budget, never what its content or its zip directory claims. Each refusal has its own
// message: the user learns what was wrong with the file, not that "no header was found".

export interface SheetLimits {
  /** Rows of one sheet (the highest row number counts, so one cell in row 1,048,576 is 1,048,576 rows). */
  maxRows: number;
  /** Columns of one row (the highest column a cell names). */
  maxColumns: number;
  /** Cells of the whole workbook (CSV: fields). */
  maxCells: number;
  /** Bytes all entries of an .xlsx's zip inflate to, counted while inflating. */
  maxInflatedBytes: number;
}

/** Excel's own grid: anything beyond is damaged or hostile, whatever the settings say. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel's limit on the text of one cell; a CSV field or line longer than this is not a table. */
export const MAX_CELL_CHARS = 32_767;
/** Per zip entry: once it has inflated this far, a compression ratio above MAX_RATIO is a bomb. */
export const RATIO_CHECK_AFTER_BYTES = 16 * 1024 * 1024;
export const MAX_RATIO = 500;

export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxRows: 200_000,
  maxColumns: 1_000,
  maxCells: 6_000_000,
  maxInflatedBytes: 256 * 1024 * 1024,
};

export type RefusalKind = 'bomb' | 'rows' | 'columns' | 'cells' | 'not-a-table' | 'unterminated-quote';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const n = (v: number) => v.toLocaleString('en-US');

/** Why a file is refused, in the words the user sees. */
export function refusalMessage(kind: RefusalKind, limit: number, row?: number): string {
  switch (kind) {
    case 'bomb':
      return `压缩包异常：工作簿解压后超过 ${mb(limit)} MB 或压缩比异常（疑似压缩炸弹），已拒绝导入`;
    case 'rows':
      return `行数超过上限 ${n(limit)} 行，已拒绝导入：请拆分为几个文件分别导入`;
    case 'columns':
      return `列数超过上限 ${n(limit)} 列${row ? `（第 ${row} 行）` : ''}，已拒绝导入：请删除多余的列后再导入`;
    case 'cells':
      return `单元格数超过上限 ${n(limit)} 个，已拒绝导入：请拆分为几个文件分别导入`;
    case 'not-a-table':
      return `不是电子表格：${row ? `第 ${row} 行` : '文件中'}超过 ${n(limit)} 个字符没有换行或分隔符，请确认导出的是表格文件`;
    case 'unterminated-quote':
      return `不是有效的 CSV 表格：第 ${row ?? 1} 行起的引号没有闭合（超过 ${n(limit)} 个字符），请用 Excel 或 WPS 另存为 .xlsx 后再导入`;
  }
}

/** Thrown by the readers inside the parsing worker; read-spreadsheet.ts turns it into the user's message. */
export class SheetRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly limit: number,
    readonly row?: number,
  ) {
    super(refusalMessage(kind, limit, row));
  }
}
