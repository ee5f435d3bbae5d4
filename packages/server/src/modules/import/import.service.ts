// The import engine: upload → preview (how the sheet was read, every problem by row and
// column) → apply in one transaction. It knows nothing about any kind: kinds plug in through ImportKind
// (import-kinds.ts). Applying re-checks the parsed records against the database inside the transaction,
// so a preview that went stale cannot write stale decisions.
import { createHash, randomBytes } from 'node:crypto';
import {
  chinaDate,
  figurePeriodLabel,
  type ImportApplyResult,
  type ImportBatchList,
  type ImportCounts,
  type ImportHow,
  type ImportPreview,
  normalizeCreditCode,
  type PreviewLine,
  type PreviewLinesPage,
  REVENUE_SOURCE_LABELS,
  type RevenueSource,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { buildWorkbookPaged, type ExportColumn } from '../../platform/excel.js';
import type { ReadProgress } from '../../platform/spreadsheet/grid.js';
import { type ReadOptions, readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet.js';
import { librariesAfterCommit } from '../library/library-recompute.js';
import { getImportLimits, sheetLimitsOf } from '../settings/import-limits.js';
import { getCountyUnits } from '../target/county.js';
import {
  type BatchFilter,
  countPreviewLines,
  deleteExpiredPreviews,
  embeddedDatabase,
  findPreview,
  findPreviewBytes,
  insertImportBatch,
  insertPreview,
  insertPreviewLines,
  latestAuditId,
  listImportBatches,
  listPreviewLines,
  listPreviewLinesAfter,
  lockPreview,
  markPreviewApplied,
  type PreviewLineFilter,
  type PreviewLineInsert,
  type PreviewLineRow,
  type PreviewLineStatus,
  type PreviewRow,
} from './import.repository.js';
import type { ImportKind, Outcome, ParseOptions, Planned, Problem, SheetRecord } from './import-kind.js';
import { findImportKind } from './import-kinds.js';
import { buildErrorWorkbook, buildTemplate } from './import-workbooks.js';
import { dataRows, detectLayout, type MoneyUnit, moneyUnitOf } from './sheet-layout.js';
import { cellText } from './values.js';

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
  /** The money unit the person chose, for a sheet that states none (a stated unit always wins). */
  unit?: MoneyUnit | null | undefined;
  /** Rows read so far, from the parsing worker: feed an SSE or polling endpoint with it. */
  onProgress?: ((p: ReadProgress) => void) | undefined;
  /** Limits of the parsing worker (tests lower them); rows, columns, cells and bytes default to the settings. */
  read?: Pick<ReadOptions, 'timeoutMs' | 'maxMemoryMb' | 'zipLimits' | 'limits'> | undefined;
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
    unit: input.unit ?? null,
  });
  const opts: ParseOptions = { source: input.source, shift: layout.shift, year: layout.year };
  const records: SheetRecord[] = [];
  const problems: Problem[] = [];
  const rows: number[] = [];
  const identities = new Map<number, { creditCode: string | null; name: string | null }>();
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
    // A row that yields no record still names its firm in the preview's error lines.
    if (parsed.records.length === 0 && parsed.problems.length > 0) {
      const code = normalizeCreditCode(cellText(row.cells.creditCode?.value));
      const name = cellText(row.cells.name?.value);
      if (code || name) identities.set(row.row, { creditCode: code || null, name: name || null });
    }
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
  return { how, opts, records, problems, rows, identities, grid, layout, sheet };
}

function warningsOf(how: ImportHow, records: SheetRecord[], chosen: MoneyUnit | null): string[] {
  const warnings: string[] = [];
  const values = records
    .map((r) => Number(r.value))
    .filter((v) => Number.isFinite(v) && v > 0)
    .sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  // A county's small industrial firms bill hundreds of thousands of yuan a month; a median under 10,000
  // "yuan" is almost certainly 万元 typed without a note.
  const small = median !== undefined && median < 10_000;
  if (how.unitSource === 'missing') {
    warnings.push(
      `表中未注明金额单位（标题或表头中没有“单位：元/万元”）：请选择“元”或“万元”，选择前不能导入${small ? '；数值普遍较小，可能是万元' : ''}`,
    );
  } else if (how.unitSource === 'chosen') {
    warnings.push(`表中未注明金额单位，已按所选“${how.unit}”读取`);
  } else if (how.unitSource === 'default' && how.unit) {
    warnings.push(`表中未注明单位，已按“${how.unit}”读取`);
  } else if (
    chosen &&
    how.unit &&
    chosen !== how.unit &&
    (how.unitSource === 'header' || how.unitSource === 'title')
  ) {
    warnings.push(`表中已注明单位“${how.unit}”，按表中单位读取（未采用所选的“${chosen}”）`);
  }
  return warnings;
}

/** What the preview lists: each change of a valid row, and each problem. */
function previewLines(
  records: SheetRecord[],
  identities: Map<number, { creditCode: string | null; name: string | null }>,
  changes: Planned[],
  problems: Problem[],
): PreviewLineInsert[] {
  const bad = new Set(problems.map((p) => p.row));
  const firmOf = new Map(identities);
  for (const r of records) {
    if (firmOf.has(r.row)) continue;
    const code = typeof r.creditCode === 'string' && r.creditCode !== '' ? r.creditCode : null;
    const name = typeof r.name === 'string' && r.name !== '' ? r.name : null;
    firmOf.set(r.row, { creditCode: code, name });
  }
  const status: Record<Outcome, PreviewLineStatus> = {
    imported: 'new',
    updated: 'correction',
    unchanged: 'unchanged',
  };
  const lines: PreviewLineInsert[] = [];
  for (const c of changes) {
    if (bad.has(c.row)) continue;
    const l = c.line;
    lines.push({
      row: c.row,
      status: status[c.outcome],
      enterpriseId: l?.enterpriseId ?? null,
      creditCode: l?.creditCode ?? null,
      name: l?.name ?? null,
      period: l?.period ?? null,
      months: l?.months ?? null,
      column: l?.column ?? null,
      before: l?.before ?? null,
      after: l?.after ?? null,
      message: null,
    });
  }
  for (const p of problems) {
    const firm = firmOf.get(p.row);
    lines.push({
      row: p.row,
      status: 'error',
      enterpriseId: null,
      creditCode: firm?.creditCode ?? null,
      name: firm?.name ?? null,
      period: null,
      months: null,
      column: p.column || null,
      before: null,
      after: null,
      message: p.message,
    });
  }
  // Sheet order; within a row the changes first, then its problems.
  return lines.sort((a, b) => a.row - b.row);
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
  const lines = previewLines(read.records, read.identities, plan.changes, problems);
  await insertPreviewLines(db, token, lines);
  const lineCounts: Record<PreviewLineStatus, number> = { new: 0, correction: 0, unchanged: 0, error: 0 };
  for (const l of lines) lineCounts[l.status]++;
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
    warnings: warningsOf(read.how, read.records, input.unit ?? null),
    needsUnit: read.how.unitSource === 'missing',
    lines: lineCounts,
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

export async function applyImport(
  db: Db,
  ctx: RequestContext,
  input: { token: string; skipInvalid: boolean; unit?: MoneyUnit | null | undefined },
): Promise<ImportApplyResult> {
  const preview = await ownPreview(db, ctx, input.token);
  const { def, source } = resolveKind(preview.kind, preview.source);
  await def.assertAllowed(db, ctx, source);
  let how = preview.how as ImportHow;
  if (preview.appliedBatchId !== null) {
    throw new AppError('CONFLICT', `该预览已导入（批次 ${preview.appliedBatchId}），请重新上传文件`);
  }
  // A money sheet that states no unit is applied only in the unit the person chose (here or at preview).
  const unitless = how.unitSource === 'missing' || how.unitSource === 'chosen';
  const previewUnit = how.unitSource === 'chosen' ? moneyUnitOf(how.unit) : null;
  const unit = unitless ? (input.unit ?? previewUnit) : null;
  if (unitless && !unit) {
    throw new AppError('CONFLICT', '表中未注明金额单位：请选择“元”或“万元”后再导入', [
      { path: 'unit', message: '请选择金额单位：元 或 万元' },
    ]);
  }
  const reread = unit !== previewUnit;
  // The sheet as the preview read it: from this process's memory, else read again from the stored file
  // (and always again when the unit chosen now is not the one the preview was read with).
  const read: SheetRead & { how?: ImportHow } =
    (reread ? null : takeRead(input.token, preview.sha256)) ??
    (await readImportSheet({
      kind: preview.kind,
      fileName: preview.fileName,
      bytes: await previewBytes(db, input.token),
      source,
      year: preview.year,
      unit,
      def,
      limits: sheetLimitsOf(await getImportLimits(db)),
    }).then((r) => ({ sha256: preview.sha256, ...r })));
  if (read.how) how = read.how;
  // On the embedded database every statement holds its only connection, so reads wait for the whole apply
  // transaction: the plan (the validation's reads) runs before it, and the transaction re-plans only if
  // anything was written in between — every change writes an audit record, and on the embedded database
  // records are numbered in commit order, so an unchanged latest audit id means an unchanged database.
  // On PostgreSQL readers do not wait for writers: the plan stays inside the transaction.
  const early = embeddedDatabase(db)
    ? { head: await latestAuditId(db), plan: await def.plan(db, ctx, read.records, read.opts) }
    : null;
  return withTransaction(db, async (tx, afterCommit) => {
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
      how: { sheet: how.sheet, unit: how.unit, unitSource: how.unitSource, format: how.format },
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
        unit: how.unit,
        unitSource: how.unitSource,
        skipInvalid: input.skipInvalid,
        counts,
        rejectedRows: [...bad].sort((a, b) => a - b).slice(0, 1000),
        detail,
      },
    });
    // A whole sheet may touch any firm: the year's libraries are recomputed for the caller's scope.
    librariesAfterCommit(afterCommit, ctx, null);
    return { batchId: batch.id, counts, rejected: problems };
  });
}

export async function listImports(
  db: Db,
  ctx: RequestContext,
  query: BatchFilter & { page: number; pageSize: number },
): Promise<ImportBatchList> {
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

/** A kind's template, titled with the county and the plan year (the year asked for, else the current year). */
export async function getTemplate(db: Db, ctx: RequestContext, kind: string, year?: number) {
  const def = findImportKind(kind);
  if (!def) throw notFound('导入模板');
  const { county } = await getCountyUnits(db);
  const of = { county: county.name, year: year ?? Number(chinaDate(ctx.now).slice(0, 4)) };
  return { buffer: await buildTemplate(def, of), baseName: `${def.label}导入模板` };
}

function lineView(l: PreviewLineRow): PreviewLine {
  const months = l.months === 3 ? 3 : 1;
  const money = (v: string | null) => (v === null ? null : Number(v).toFixed(2));
  return {
    seq: l.seq,
    row: l.row,
    status: l.status as PreviewLineStatus,
    enterpriseId: l.enterpriseId,
    creditCode: l.creditCode,
    name: l.name,
    period: l.period,
    months: l.months,
    periodLabel: l.period ? figurePeriodLabel(l.period, months) : null,
    column: l.column,
    before: money(l.before),
    after: money(l.after),
    message: l.message,
  };
}

/** One page of what a preview will write (filtered by status and firm), with the counts per status. */
export async function listPreviewRows(
  db: Db,
  ctx: RequestContext,
  token: string,
  query: PreviewLineFilter & { page: number; pageSize: number },
): Promise<PreviewLinesPage> {
  const preview = await ownPreview(db, ctx, token);
  const { page, pageSize, ...filter } = query;
  const [rows, counts] = [
    await listPreviewLines(db, token, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    await countPreviewLines(db, token, filter),
  ];
  const total = filter.status
    ? counts[filter.status]
    : counts.new + counts.correction + counts.unchanged + counts.error;
  const how = preview.how as ImportHow;
  return {
    items: rows.map(lineView),
    total,
    page,
    pageSize,
    counts,
    source: preview.source,
    unit: how.unit,
    unitSource: how.unitSource,
  };
}

/** Every line of a preview, walked by key a page at a time (the command line's dry run with --json). */
export async function eachPreviewRowsPage(
  db: Db,
  ctx: RequestContext,
  token: string,
  onPage: (rows: PreviewLine[]) => void,
): Promise<void> {
  await ownPreview(db, ctx, token);
  let after = 0;
  for (;;) {
    const page = await listPreviewLinesAfter(db, token, {}, after, 5_000);
    if (page.length === 0) return;
    onPage(page.map(lineView));
    after = page.at(-1)!.seq;
  }
}

export const PREVIEW_LINE_STATUS_LABELS: Record<PreviewLineStatus, string> = {
  new: '新增',
  correction: '更正',
  unchanged: '未变',
  error: '错误',
};

/**
 * The preview's lines as a workbook, walked a page at a time from where they are stored (never one list
 * of a 100,000-row file in memory): the figures a clerk checks before confirming.
 */
export async function exportPreviewRows(
  db: Db,
  ctx: RequestContext,
  token: string,
  filter: PreviewLineFilter,
): Promise<{ buffer: Buffer; baseName: string }> {
  const preview = await ownPreview(db, ctx, token);
  const how = preview.how as ImportHow;
  const unit = how.unit ?? '未注明';
  const wan = (v: string | null) => (v === null ? null : Number(v) / 10_000);
  const money = how.unit === '元' || how.unit === '万元' || how.unitSource === 'missing';
  const columns: ExportColumn<PreviewLine>[] = [
    { header: '行号', value: (l) => l.row },
    { header: '状态', value: (l) => PREVIEW_LINE_STATUS_LABELS[l.status] },
    { header: '统一社会信用代码', width: 22, value: (l) => l.creditCode },
    { header: '企业名称', width: 32, value: (l) => l.name },
    { header: '期间', width: 16, value: (l) => l.periodLabel },
    {
      header: '来源',
      value: () =>
        preview.source ? (REVENUE_SOURCE_LABELS[preview.source as RevenueSource] ?? preview.source) : null,
    },
    ...(money
      ? [
          {
            header: '原值（万元）',
            width: 16,
            numFmt: '#,##0.00',
            value: (l: PreviewLine) => wan(l.before),
          },
          {
            header: '导入值（万元）',
            width: 16,
            numFmt: '#,##0.00',
            value: (l: PreviewLine) => wan(l.after),
          },
        ]
      : [
          { header: '原值', width: 16, value: (l: PreviewLine) => l.before },
          { header: '导入值', width: 16, value: (l: PreviewLine) => l.after },
        ]),
    { header: '表中单位', value: () => unit },
    { header: '列', width: 16, value: (l) => l.column },
    { header: '说明', width: 48, value: (l) => l.message },
  ];
  const buffer = await buildWorkbookPaged('导入预览', columns, async function* () {
    let after = 0;
    for (;;) {
      const page = await listPreviewLinesAfter(db, token, filter, after, 5_000);
      if (page.length === 0) return;
      yield page.map(lineView);
      after = page.at(-1)!.seq;
    }
  });
  return { buffer, baseName: `${preview.fileName.replace(/\.[^.]+$/, '')}-导入预览` };
}
