// Reads an uploaded spreadsheet safely: the format is checked against the name by magic bytes, an .xlsx's
// zip directory is checked for bombs before anything inflates, and the parse itself runs in a worker thread
// with a heap limit and a time limit, within the row, column, cell and inflated-byte limits (limits.ts),
// reporting progress (rows read) to the caller.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { CsvParser, readText } from './csv.js';
import type { Cell, ReadProgress, WorkbookGrid } from './grid.js';
import { DEFAULT_SHEET_LIMITS, type SheetLimits, SheetRefusal } from './limits.js';
import { assertSheetFormat } from './sniff.js';
import { assertSafeXlsx, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.js';

export interface ReadOptions {
  /** Wall-clock limit for the parse; the worker is terminated when it runs out. */
  timeoutMs?: number;
  /** The worker's old-generation heap limit. */
  maxMemoryMb?: number;
  zipLimits?: ZipLimits;
  /** Rows, columns, cells and inflated bytes (the import settings). */
  limits?: SheetLimits;
  onProgress?: (p: ReadProgress) => void;
}

export const DEFAULT_READ_TIMEOUT_MS = 60_000;
export const DEFAULT_READ_MEMORY_MB = 384;

const WORKER_JS = new URL('./read.worker.js', import.meta.url);
const WORKER_TS = new URL('./read.worker.ts', import.meta.url);

function startWorker(workerData: unknown, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 };
  if (existsSync(fileURLToPath(WORKER_JS))) return new Worker(WORKER_JS, { workerData, resourceLimits });
  // Running from TypeScript sources (tests, tsx): load the worker through tsx inside the thread.
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_TS.href)}); })`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

const unreadable = (why: string) => {
  const message = `无法读取该文件：${why}`;
  return new AppError('VALIDATION', message, [{ path: 'file', message }]);
};

/** A limit passed: the reader's own message (limits.ts) is the whole answer. */
const refused = (message: string) => new AppError('VALIDATION', message, [{ path: 'file', message }]);

/** The part of a CSV read in this thread before a worker is started. */
const CSV_HEAD_BYTES = 1024 * 1024;

/**
 * The first megabyte of a CSV, parsed in this thread within the limits: a line that never ends, a quote that
 * never closes or 100,000 columns show there, and are refused without starting a worker or copying the file.
 * The delimiters, quotes and line breaks are ASCII in every encoding we read, so a wrong guess of the
 * encoding in a truncated head changes no structure.
 */
function precheckCsv(bytes: Uint8Array, limits: SheetLimits): void {
  const head = bytes.subarray(0, CSV_HEAD_BYTES);
  const parser = new CsvParser(() => {}, limits);
  try {
    readText(head, (text) => parser.push(text));
    if (head.length === bytes.length) parser.end();
  } catch (e) {
    if (e instanceof SheetRefusal) throw refused(e.message);
    // Anything else (say, an encoding cut in the middle of a character) is for the full read to judge.
  }
}

export async function readSpreadsheet(
  fileName: string,
  bytes: Uint8Array,
  opts: ReadOptions = {},
): Promise<WorkbookGrid> {
  const format = assertSheetFormat(fileName, bytes);
  if (format === 'xlsx') assertSafeXlsx(bytes, opts.zipLimits ?? DEFAULT_ZIP_LIMITS);
  const limits = opts.limits ?? DEFAULT_SHEET_LIMITS;
  if (format === 'csv') precheckCsv(bytes, limits);
  const worker = startWorker({ bytes, format, limits }, opts.maxMemoryMb ?? DEFAULT_READ_MEMORY_MB);
  return new Promise<WorkbookGrid>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(unreadable('解析超时，文件过大或结构异常'))),
      opts.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    );
    type Message = {
      type: string;
      grid?: WorkbookGrid;
      message?: string;
      damaged?: boolean;
      sheet?: number;
      batch?: Cell[][];
    } & Partial<ReadProgress>;
    const batches: Cell[][][] = [];
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') opts.onProgress?.({ phase: m.phase ?? 'rows', rows: m.rows ?? 0 });
      else if (m.type === 'rows' && m.batch) {
        const sheet = m.sheet ?? 0;
        const sheetRows = batches[sheet] ?? [];
        batches[sheet] = sheetRows;
        for (const row of m.batch) sheetRows.push(row);
      } else if (m.type === 'result' && m.grid) {
        const grid = m.grid;
        grid.sheets.forEach((sheet, i) => {
          if (batches[i]) sheet.rows = batches[i]!;
        });
        finish(() => resolve(grid));
      } else if (m.type === 'refused') finish(() => reject(refused(m.message ?? '')));
      else if (m.type === 'error')
        finish(() =>
          reject(
            unreadable(m.damaged ? '压缩包已损坏，或不是有效的 .xlsx 文件' : '文件已损坏或格式不受支持'),
          ),
        );
    });
    worker.on('error', (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? unreadable('解析时超出内存限制，文件过大或结构异常')
            : unreadable('文件已损坏或格式不受支持'),
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(unreadable(`解析进程意外退出（${code}）`))));
  });
}
