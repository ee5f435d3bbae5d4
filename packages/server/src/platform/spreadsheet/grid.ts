// Reads a workbook into neutral grids: per sheet, rows of cells as they appear (strings and numbers),
// merged ranges filled with their top-left value, and the positions of formula cells. No domain words.
// This runs inside the parsing worker (read.worker.ts); it is also callable in-process for tests.
// Within limits (limits.ts): a CSV is parsed as a stream that stops at the first limit passed; an .xlsx is
// first scanned as a stream (xlsx-scan.ts: inflated bytes, rows, columns, cells) and parsed only if the scan
// passes; every format's grid is checked against the same limits while it is built.
import type * as XLSX from '@e965/xlsx';
import { CsvParser, readText, type TextEncoding } from './csv.js';
import { DEFAULT_SHEET_LIMITS, type SheetLimits, SheetRefusal } from './limits.js';
import type { SheetFormat } from './sniff.js';
import { scanXlsx } from './xlsx-scan.js';

export type Cell = string | number | null;

export interface CellRange {
  /** 0-based, inclusive. */
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetGrid {
  name: string;
  /** rows[r][c]: r and c 0-based; row r is the sheet's row r + 1. */
  rows: Cell[][];
  merges: CellRange[];
  /** Cells holding a formula (their cached value is in `rows` but must not be trusted). */
  formulas: { r: number; c: number; formula: string }[];
}

export interface WorkbookGrid {
  format: SheetFormat;
  encoding: TextEncoding | null;
  sheets: SheetGrid[];
}

export interface ReadProgress {
  /** scan: counting an .xlsx's rows while inflating it; rows: building the grid. */
  phase: 'open' | 'scan' | 'rows' | 'done';
  rows: number;
}

interface Ssf {
  is_date(fmt: string): boolean;
  parse_date_code(v: number): { y: number; m: number; d: number } | null;
}
// SheetJS is loaded on the first workbook only: a CSV (and a refused file) never pays for compiling it.
let sheetjs: typeof XLSX | null = null;
let SSF: Ssf;
async function loadSheetJs(): Promise<typeof XLSX> {
  if (!sheetjs) {
    sheetjs = await import('@e965/xlsx');
    SSF = sheetjs.SSF as Ssf;
  }
  return sheetjs;
}

/** Excel's error codes (cells are read without their formatted text, which costs a fifth of the parse). */
const ERROR_TEXT: Record<number, string> = {
  0: '#NULL!',
  7: '#DIV/0!',
  15: '#VALUE!',
  23: '#REF!',
  29: '#NAME?',
  36: '#NUM!',
  42: '#N/A',
  43: '#GETTING_DATA',
};

const pad = (n: number) => String(n).padStart(2, '0');

function cellValue(cell: XLSX.CellObject): Cell {
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      // A date is a number with a date format: give it back as an ISO date, computed without time zones.
      if (typeof cell.z === 'string' && SSF.is_date(cell.z)) {
        const d = SSF.parse_date_code(v);
        if (d && d.y > 1900) return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
      }
      return v;
    }
    case 's':
      return (cell.v as string) ?? null;
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#ERROR!';
    case 'd': {
      const v = cell.v as Date;
      return `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
    }
    default:
      return null;
  }
}

function fillMerges(rows: Cell[][], merges: CellRange[]): void {
  for (const m of merges) {
    const v = rows[m.s.r]?.[m.s.c] ?? null;
    if (v === null) continue;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) row[c] = v;
    }
  }
}

function trimRow(row: Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === null || row[end - 1] === '')) end--;
  return end === row.length ? row : row.slice(0, end);
}

/** Rows handed over in batches of this many (the worker posts each and lets it go). */
const BATCH_ROWS = 5000;

/** Where the grid's rows go: kept in the grid, or handed over in batches (then the grid's rows stay empty). */
export type RowSink = (sheet: number, rows: Cell[][]) => void;

function readCsvGrid(
  bytes: Uint8Array,
  limits: SheetLimits,
  onProgress?: (p: ReadProgress) => void,
  onRows?: RowSink,
): WorkbookGrid {
  const rows: Cell[][] = [];
  let batch: Cell[][] = onRows ? [] : rows;
  let count = 0;
  const parser = new CsvParser((r) => {
    batch.push(trimRow(r.map((v) => (v === '' ? null : v))));
    count++;
    if (count % BATCH_ROWS === 0) {
      onProgress?.({ phase: 'rows', rows: count });
      if (onRows) {
        onRows(0, batch);
        batch = [];
      }
    }
  }, limits);
  const encoding = readText(bytes, (text) => parser.push(text));
  parser.end();
  if (onRows && batch.length) onRows(0, batch);
  onProgress?.({ phase: 'done', rows: count });
  return { format: 'csv', encoding, sheets: [{ name: 'Sheet1', rows, merges: [], formulas: [] }] };
}

export async function readWorkbookGrid(
  bytes: Uint8Array,
  format: SheetFormat,
  onProgress?: (p: ReadProgress) => void,
  limits: SheetLimits = DEFAULT_SHEET_LIMITS,
  onRows?: RowSink,
): Promise<WorkbookGrid> {
  if (format === 'csv') return readCsvGrid(bytes, limits, onProgress, onRows);
  onProgress?.({ phase: 'open', rows: 0 });
  if (format === 'xlsx') await scanXlsx(bytes, limits, (rows) => onProgress?.({ phase: 'scan', rows }));
  const wb = (await loadSheetJs()).read(bytes, {
    type: 'array',
    dense: true,
    // A second guard behind the scan (and the only row guard of an .xls): never more rows than the limit.
    sheetRows: limits.maxRows + 1,
    // Keep formulas visible: a formula cell's cached value may be stale or from another workbook.
    cellFormula: true,
    cellNF: true,
    // No formatted text per cell (`w`): dates are recognised by their number format, errors by their code.
    cellText: false,
    cellHTML: false,
    cellStyles: false,
    cellDates: false,
    bookVBA: false,
    WTF: false,
  });
  const sheets: SheetGrid[] = [];
  let total = 0;
  let cells = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as XLSX.DenseWorkSheet | undefined;
    if (!ws) continue;
    const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    if (data.length > limits.maxRows) throw new SheetRefusal('rows', limits.maxRows);
    const rows: Cell[][] = [];
    const formulas: SheetGrid['formulas'] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      const row: Cell[] = [];
      if (src) {
        if (src.length > limits.maxColumns) throw new SheetRefusal('columns', limits.maxColumns, r + 1);
        cells += src.length;
        if (cells > limits.maxCells) throw new SheetRefusal('cells', limits.maxCells);
        for (let c = 0; c < src.length; c++) {
          const cell = src[c];
          row.push(cell ? cellValue(cell) : null);
          if (cell?.f) formulas.push({ r, c, formula: cell.f });
        }
        // The grid row replaces the workbook's: let the cell objects go as we go (peak memory).
        data[r] = [];
      }
      rows.push(trimRow(row));
      total++;
      if (onProgress && total % 5000 === 0) onProgress({ phase: 'rows', rows: total });
    }
    const merges = ((ws['!merges'] ?? []) as CellRange[]).map((m) => ({
      s: { r: m.s.r, c: m.s.c },
      e: { r: m.e.r, c: m.e.c },
    }));
    fillMerges(rows, merges);
    if (onRows) {
      for (let at = 0; at < rows.length; at += BATCH_ROWS)
        onRows(sheets.length, rows.slice(at, at + BATCH_ROWS));
      rows.length = 0;
    }
    sheets.push({ name, rows, merges, formulas });
  }
  onProgress?.({ phase: 'done', rows: total });
  return { format, encoding: null, sheets };
}
