// The import engine (issue 4 §3): upload → preview (how the sheet was read, every problem by row and
// column) → apply in one transaction. It knows nothing about any kind: kinds plug in through ImportKind
// (import-kinds.ts). Applying re-checks the parsed records against the database inside the transaction,
// so a preview that went stale cannot write stale decisions.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { ReadProgress } from '../../platform/spreadsheet/grid.js';
import { type ReadOptions, readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet.js';
import { refreshLibrariesAfterCommit } from '../library/library.service.js';
import { getImportLimits, sheetLimitsOf } from '../settings/import-limits.js';
import {
  type BatchFilter,
  deleteExpiredPreviews,
  embeddedDatabase,
  findPreview,
  findPreviewBytes,
  insertImportBatch,
  insertPreview,
  latestAuditId,
  listImportBatches,
  lockPreview,
  markPreviewApplied,
  type PreviewRow,
} from './import.repository.js';
import type { ImportKind, Outcome, ParseOptions, Planned, Problem, SheetRecord } from './import-kind.js';
import { findImportKind } from './import-kinds.js';
import { buildErrorWorkbook, buildTemplate } from './import-workbooks.js';
import { dataRows, detectLayout, type Layout } from './sheet-layout.js';

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
/** A preview waits this long for its apply; then it and its uploaded file are dropped. */
export const PREVIEW_TTL_MS = 24 * 3_600_000;
const FORMULA_MESSAGE = '公式单元格：请将公式转换为数值后再导入';
/** The preview row keeps this many problems (for the error sheet); the caller of the preview gets them all. */
export const MAX_STORED_PROBLEMS = 5_000;

interface SheetRead {
  sha256: string;
  records: SheetRecord[];
  problems: Problem[];
  rows: number[];
  opts: ParseOptions;
}

/**
 * The parsed sheets of the latest previews of this process, by token: the command line (and a web user who
 * applies soon after previewing) applies without reading the file again. Anything else re-reads the stored
 * file at apply, which is deterministic. The preview row itself holds only the file, the layout, the counts
 * and the first problems — never the parsed records, which made it tens of megabytes of jsonb.
 */
const recentReads = new Map<string, SheetRead & { expiresAt: number }>();
const RECENT_READS = 2;

function rememberRead(token: string, read: SheetRead, expiresAt: Date): void {
  for (const [t, r] of recentReads) if (r.expiresAt < Date.now()) recentReads.delete(t);
  while (recentReads.size >= RECENT_READS) {
    const oldest = recentReads.keys().next().value;
    if (oldest === undefined) break;
    recentReads.delete(oldest);
  }
  recentReads.set(token, { ...read, expiresAt: expiresAt.getTime() });
}

function takeRead(token: string, sha256: string): SheetRead | null {
  const r = recentReads.get(token);
  recentReads.delete(token);
  return r && r.sha256 === sha256 ? r : null;
}

/** Test hook: forget the in-process reads, so an apply re-reads the stored file. */
export function forgetRecentReads(): void {
  recentReads.clear();
}

export interface PreviewInput {
  kind: string;
  fileName: string;
  bytes: Uint8Array;
  source?: string | null | undefined;
  year?: number | null | undefined;
  /** Rows read so far, from the parsing worker: feed an SSE or polling endpoint with it. */
  onProgress?: ((p: ReadProgress) => void) | undefined;
  /** Limits of the parsing worker (tests lower them); rows, columns, cells and bytes default to the settings. */
  read?: Pick<ReadOptions, 'timeoutMs' | 'maxMemoryMb' | 'zipLimits' | 'limits'> | undefined;
}

export interface ImportCounts {
  /** Data rows of the sheet (blank, 合计 and footnote rows are not counted). */
  rows: number;
  valid: number;
  invalid: number;
  /** Over the valid rows: what applying them would do (facts for revenue, firms for enterprises). */
  imported: number;
  updated: number;
  unchanged: number;
}

export interface ImportHow {
  sheet: string;
  headerRow: number;
  headerRows: number;
  unit: string | null;
  unitSource: Layout['unitSource'];
  format: Layout['format'];
  year: number | null;
  encoding: string | null;
  columns: { header: string; field: string | null; period: string | null }[];
}

export interface ImportPreview {
  token: string;
  kind: string;
  source: string | null;
  fileName: string;
  how: ImportHow;
  counts: ImportCounts;
  problems: Problem[];
  /** Things worth a look that are not errors (e.g. no unit stated and the figures look like 万元). */
  warnings: string[];
  expiresAt: string;
}

export interface ApplyResult {
  batchId: number;
  counts: ImportCounts;
  /** The rows left out (apply with skipInvalid). */
  rejected: Problem[];
}

function resolveKind(
  kind: string,
  source: string | null | undefined,
): { def: ImportKind; source: string | null } {
  const def = findImportKind(kind);
  if (!def) throw invalid('kind', `不支持的导入类型：${kind}`);
  if (def.sources) {
    if (!source) throw invalid('source', '请选择数据来源（税务、统计、自报或用电）');
    if (!def.sources.includes(source)) throw invalid('source', `数据来源不正确：${source}`);
    return { def, source };
  }
  return { def, source: null };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

function countOutcomes(changes: Planned[], validRows: Set<number>) {
  const n: Record<Outcome, number> = { imported: 0, updated: 0, unchanged: 0 };
  for (const c of changes) if (validRows.has(c.row)) n[c.outcome]++;
  return n;
}

function countsOf(rows: number[], problems: Problem[], changes: Planned[]): ImportCounts {
  const bad = new Set(problems.map((p) => p.row));
  const valid = new Set(rows.filter((r) => !bad.has(r)));
  return {
    rows: rows.length,
    valid: valid.size,
    invalid: rows.length - valid.size,
    ...countOutcomes(changes, valid),
  };
}

/** Reads the sheet (in the worker) and parses its rows: the pure half of a preview, no database. */
export async function readImportSheet(
  input: PreviewInput & { def: ImportKind; source: string | null; limits: ReadOptions['limits'] },
) {
  const grid = await readSpreadsheet(input.fileName, input.bytes, {
    limits: input.limits,
    ...input.read,
    onProgress: input.onProgress,
  });
  const { layout, sheet } = detectLayout(input.def, grid.sheets, {
    source: input.source,
    year: input.year ?? null,
  });
  const opts: ParseOptions = { source: input.source, shift: layout.shift, year: layout.year };
  const records: SheetRecord[] = [];
  const problems: Problem[] = [];
  const rows: number[] = [];
  for (const row of dataRows(input.def, layout, sheet)) {
    rows.push(row.row);
    for (const key in row.cells) {
      const cell = row.cells[key];
      if (cell?.formula) problems.push({ row: row.row, column: cell.column, message: FORMULA_MESSAGE });
    }
    for (const cell of row.months) {
      if (cell.formula) problems.push({ row: row.row, column: cell.column, message: FORMULA_MESSAGE });
    }
    const parsed = input.def.parseRow(row, opts);
    for (const r of parsed.records) records.push(r);
    for (const p of parsed.problems) problems.push(p);
  }
  const how: ImportHow = {
    sheet: layout.sheet,
    headerRow: layout.headerRow,
    headerRows: layout.headerRows,
    unit: layout.unit,
    unitSource: layout.unitSource,
    format: layout.format,
    year: layout.year,
    encoding: grid.encoding,
    columns: layout.columns.map((c) => ({ header: c.header, field: c.field, period: c.period })),
  };
  return { how, opts, records, problems, rows, grid, layout, sheet };
}

function warningsOf(how: ImportHow, records: SheetRecord[]): string[] {
  const warnings: string[] = [];
  if (how.unitSource === 'default' && how.unit) {
    const values = records
      .map((r) => Number(r.value))
      .filter((v) => Number.isFinite(v) && v > 0)
      .sort((a, b) => a - b);
    const median = values[Math.floor(values.length / 2)];
    const note = `表中未注明单位，已按“${how.unit}”读取`;
    // A county's small industrial firms bill hundreds of thousands of yuan a month; a median under 10,000
    // "yuan" is almost certainly 万元 typed without a note.
    warnings.push(
      median !== undefined && median < 10_000 && how.unit === '元'
        ? `${note}；但数值普遍较小，可能是万元：如是，请在标题下加“单位：万元”后重新上传`
        : note,
    );
  }
  return warnings;
}

export async function previewImport(
  db: Db,
  ctx: RequestContext,
  input: PreviewInput,
): Promise<ImportPreview> {
  const { def, source } = resolveKind(input.kind, input.source);
  await def.assertAllowed(db, ctx, source);
  if (input.bytes.length > MAX_IMPORT_BYTES) {
    throw invalid('file', `文件过大：最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  if (
    input.year !== undefined &&
    input.year !== null &&
    (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100)
  ) {
    throw invalid('year', '年度应为 1990 到 2100 之间的整数');
  }
  const limits = sheetLimitsOf(await getImportLimits(db));
  const read = await readImportSheet({ ...input, def, source, limits });
  const plan = await def.plan(db, ctx, read.records, read.opts);
  const problems = sortProblems([...read.problems, ...plan.problems]);
  const counts = countsOf(read.rows, problems, plan.changes);
  const token = randomBytes(18).toString('base64url');
  const expiresAt = new Date(ctx.now.getTime() + PREVIEW_TTL_MS);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await deleteExpiredPreviews(db, ctx.now);
  await insertPreview(db, {
    token,
    kind: def.kind,
    source,
    year: input.year ?? null,
    fileName: input.fileName,
    sha256,
    bytes: Buffer.from(input.bytes),
    how: read.how,
    counts,
    // Apply reads the sheet again (or takes it from recentReads): only what the preview shows is kept.
    sheetProblems: [],
    problems: problems.slice(0, MAX_STORED_PROBLEMS),
    records: [],
    dataRows: [],
    createdBy: ctx.actor?.id ?? null,
    createdAt: ctx.now,
    expiresAt,
  });
  rememberRead(
    token,
    { sha256, records: read.records, problems: read.problems, rows: read.rows, opts: read.opts },
    expiresAt,
  );
  return {
    token,
    kind: def.kind,
    source,
    fileName: input.fileName,
    how: read.how,
    counts,
    problems,
    warnings: warningsOf(read.how, read.records),
    expiresAt: expiresAt.toISOString(),
  };
}

/** A preview belongs to whoever uploaded it; anyone else (or an expired token) sees "not found". */
async function ownPreview(db: Db, ctx: RequestContext, token: string): Promise<PreviewRow> {
  const p = await findPreview(db, token);
  if (!p || p.expiresAt < ctx.now || (p.createdBy ?? null) !== (ctx.actor?.id ?? null))
    throw notFound('导入预览');
  return p;
}

async function previewBytes(db: Db, token: string): Promise<Buffer> {
  const bytes = await findPreviewBytes(db, token);
  if (!bytes) throw notFound('导入预览');
  return bytes;
}

export async function getPreview(db: Db, ctx: RequestContext, token: string): Promise<PreviewRow> {
  return ownPreview(db, ctx, token);
}

export async function applyImport(
  db: Db,
  ctx: RequestContext,
  input: { token: string; skipInvalid: boolean },
): Promise<ApplyResult> {
  const preview = await ownPreview(db, ctx, input.token);
  const { def, source } = resolveKind(preview.kind, preview.source);
  await def.assertAllowed(db, ctx, source);
  const how = preview.how as ImportHow;
  if (preview.appliedBatchId !== null) {
    throw new AppError('CONFLICT', `该预览已导入（批次 ${preview.appliedBatchId}），请重新上传文件`);
  }
  // The sheet as the preview read it: from this process's memory, else read again from the stored file.
  const read: SheetRead =
    takeRead(input.token, preview.sha256) ??
    (await readImportSheet({
      kind: preview.kind,
      fileName: preview.fileName,
      bytes: await previewBytes(db, input.token),
      source,
      year: preview.year,
      def,
      limits: sheetLimitsOf(await getImportLimits(db)),
    }).then((r) => ({ sha256: preview.sha256, ...r })));
  // On the embedded database every statement holds its only connection, so reads wait for the whole apply
  // transaction: the plan (the validation's reads) runs before it, and the transaction re-plans only if
  // anything was written in between — every change writes an audit record, and on the embedded database
  // records are numbered in commit order, so an unchanged latest audit id means an unchanged database.
  // On PostgreSQL readers do not wait for writers: the plan stays inside the transaction.
  const early = embeddedDatabase(db)
    ? { head: await latestAuditId(db), plan: await def.plan(db, ctx, read.records, read.opts) }
    : null;
  const result = await db.transaction(async (tx) => {
    const locked = await lockPreview(tx, input.token);
    if (!locked) throw notFound('导入预览');
    if (locked.appliedBatchId !== null) {
      throw new AppError('CONFLICT', `该预览已导入（批次 ${locked.appliedBatchId}），请重新上传文件`);
    }
    const plan =
      early && (await latestAuditId(tx)) === early.head
        ? early.plan
        : await def.plan(tx, ctx, read.records, read.opts);
    const problems = sortProblems([...read.problems, ...plan.problems]);
    const counts = countsOf(read.rows, problems, plan.changes);
    if (problems.length > 0 && !input.skipInvalid) {
      throw new AppError(
        'VALIDATION',
        `有 ${counts.invalid} 行数据有误，未导入任何数据（可修正后重新上传，或选择只导入正确的行）`,
        problems.slice(0, 500).map((p) => ({
          path: p.column ? `第${p.row}行/${p.column}` : `第${p.row}行`,
          message: p.message,
        })),
      );
    }
    const bad = new Set(problems.map((p) => p.row));
    const changes = plan.changes.filter((c) => !bad.has(c.row));
    const summary = {
      ...counts,
      fileName: preview.fileName,
      how: { sheet: how.sheet, unit: how.unit, format: how.format },
    };
    const batch = await insertImportBatch(tx, {
      kind: def.kind,
      source,
      fileName: preview.fileName,
      sha256: preview.sha256,
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.now,
      summary,
    });
    const detail = await def.apply(
      tx,
      ctx,
      changes.filter((c) => c.outcome !== 'unchanged'),
      { id: batch.id, source },
    );
    await markPreviewApplied(tx, input.token, batch.id);
    await recordAudit(tx, ctx, {
      action: 'import.apply',
      entityType: 'import_batch',
      entityId: batch.id,
      after: {
        kind: def.kind,
        source,
        fileName: preview.fileName,
        sha256: preview.sha256,
        skipInvalid: input.skipInvalid,
        counts,
        rejectedRows: [...bad].sort((a, b) => a - b).slice(0, 1000),
        detail,
      },
    });
    return { batchId: batch.id, counts, rejected: problems };
  });
  // A whole sheet may touch any firm: recompute the year's libraries for the caller's scope.
  await refreshLibrariesAfterCommit(db, ctx, null);
  return result;
}

export async function listImports(
  db: Db,
  ctx: RequestContext,
  query: BatchFilter & { page: number; pageSize: number },
) {
  const { page, pageSize, ...filter } = query;
  const { rows, total } = await listImportBatches(db, ctx.scope, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.batch.id,
      kind: r.batch.kind,
      source: r.batch.source,
      fileName: r.batch.fileName,
      sha256: r.batch.sha256,
      createdAt: r.batch.createdAt.toISOString(),
      createdByName: r.createdByName,
      unitName: r.unitName,
      summary: r.batch.summary as Record<string, unknown> | null,
    })),
    total,
    page,
    pageSize,
  };
}

/** The uploaded sheet again, with a 错误说明 column. */
export async function getErrorWorkbook(db: Db, ctx: RequestContext, token: string) {
  const p = await ownPreview(db, ctx, token);
  const buffer = await buildErrorWorkbook({
    fileName: p.fileName,
    bytes: await previewBytes(db, token),
    how: p.how as ImportHow,
    problems: p.problems as Problem[],
  });
  return { buffer, baseName: `${p.fileName.replace(/\.[^.]+$/, '')}-错误说明` };
}

export async function getTemplate(kind: string) {
  const def = findImportKind(kind);
  if (!def) throw notFound('导入模板');
  return { buffer: await buildTemplate(def), baseName: `${def.label}导入模板` };
}
