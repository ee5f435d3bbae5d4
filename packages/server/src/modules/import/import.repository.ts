// The only SQL of the import slice: previews, batches, and the bulk reads and writes an import needs.
// Firm look-ups take the caller's data scope.

import { PGlite } from '@electric-sql/pglite';
import type { DataScope, PreviewLineStatus } from '@shenggui/domain';
import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  auditLog,
  enterprises,
  importBatches,
  importPreviews,
  orgUnits,
  revenueFacts,
  users,
} from '../../db/schema.js';
import { importPreviewRows } from '../../db/schema-import.js';
import { enterpriseInScope } from '../../db/scope.js';

/** A preview without its uploaded file (read apart with `findPreviewBytes`: only a re-read needs it). */
export type PreviewRow = Omit<typeof importPreviews.$inferSelect, 'bytes'>;
export type PreviewInsert = typeof importPreviews.$inferInsert;
export type EnterpriseRow = typeof enterprises.$inferSelect;

/** A pg array literal: values are quoted, so names with commas or quotes stay whole. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
const pgIntArray = (values: readonly number[]) => `{${values.join(',')}}`;

// The uploaded file crosses as base64 text: PGlite's bytea parameters and results go through hex strings
// built byte by byte (about 1 s each way for a 4 MB workbook); base64 through decode/encode takes ~0.1 s.
export async function insertPreview(db: Executor, row: PreviewInsert): Promise<void> {
  await db
    .insert(importPreviews)
    .values({ ...row, bytes: sql`decode(${Buffer.from(row.bytes).toString('base64')}, 'base64')` });
}

/** Whether `db` is the embedded database (one connection: a transaction holds every reader up). */
export function embeddedDatabase(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}

/** The latest audit record's id (0 when none): any committed change writes one. */
export async function latestAuditId(db: Executor): Promise<number> {
  const rows = await db.select({ id: sql<number | null>`max(${auditLog.id})` }).from(auditLog);
  return Number(rows[0]?.id ?? 0);
}

const { bytes: _bytes, ...previewColumns } = getTableColumns(importPreviews);

export async function findPreview(db: Executor, token: string): Promise<PreviewRow | null> {
  const rows = await db
    .select(previewColumns)
    .from(importPreviews)
    .where(eq(importPreviews.token, token))
    .limit(1);
  return rows[0] ?? null;
}

export async function findPreviewBytes(db: Executor, token: string): Promise<Buffer | null> {
  const rows = await db
    .select({ b64: sql<string>`encode(${importPreviews.bytes}, 'base64')` })
    .from(importPreviews)
    .where(eq(importPreviews.token, token))
    .limit(1);
  const b64 = rows[0]?.b64;
  return b64 === undefined ? null : Buffer.from(b64, 'base64');
}

/** Locks the preview row, so two concurrent applies of one token serialise (the second sees it applied). */
export async function lockPreview(
  db: Executor,
  token: string,
): Promise<{ appliedBatchId: number | null } | null> {
  const rows = await db
    .select({ appliedBatchId: importPreviews.appliedBatchId })
    .from(importPreviews)
    .where(eq(importPreviews.token, token))
    .for('update')
    .limit(1);
  return rows[0] ?? null;
}

export async function markPreviewApplied(db: Executor, token: string, batchId: number): Promise<void> {
  await db.update(importPreviews).set({ appliedBatchId: batchId }).where(eq(importPreviews.token, token));
}

/** Expired previews that were never applied carry uploaded files: drop them. */
export async function deleteExpiredPreviews(db: Executor, now: Date): Promise<void> {
  await db.delete(importPreviews).where(lt(importPreviews.expiresAt, now));
}

export async function insertImportBatch(
  db: Executor,
  row: typeof importBatches.$inferInsert,
): Promise<typeof importBatches.$inferSelect> {
  const rows = await db.insert(importBatches).values(row).returning();
  return rows[0]!;
}

export interface BatchFilter {
  kind?: string | undefined;
  source?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * Batches the caller may see: a county-wide (subtree) caller sees batches made by users of that subtree and
 * by the command line; a township or department sees the batches made by users of its own unit.
 */
function batchConditions(scope: DataScope, f: BatchFilter): SQL {
  const c: SQL[] = [];
  switch (scope.kind) {
    case 'subtree':
      if (scope.path !== '')
        c.push(
          sql`(${importBatches.createdBy} is null or ${orgUnits.path} like ${`${scope.path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`})`,
        );
      break;
    case 'township':
    case 'supervising':
      c.push(eq(users.unitId, scope.unitId));
      break;
    case 'none':
      c.push(sql`false`);
  }
  if (f.kind) c.push(eq(importBatches.kind, f.kind));
  if (f.source) c.push(eq(importBatches.source, f.source));
  if (f.from) c.push(gte(importBatches.createdAt, f.from));
  if (f.to) c.push(lt(importBatches.createdAt, f.to));
  return c.length ? and(...c)! : sql`true`;
}

export async function listImportBatches(
  db: Executor,
  scope: DataScope,
  f: BatchFilter,
  page: { limit: number; offset: number },
) {
  const where = batchConditions(scope, f);
  const rows = await db
    .select({ batch: importBatches, createdByName: users.displayName, unitName: orgUnits.name })
    .from(importBatches)
    .leftJoin(users, eq(users.id, importBatches.createdBy))
    .leftJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(where)
    .orderBy(desc(importBatches.createdAt), desc(importBatches.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(importBatches)
    .leftJoin(users, eq(users.id, importBatches.createdBy))
    .leftJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(where);
  return { rows, total: total[0]?.n ?? 0 };
}

/** Firms in scope with one of these credit codes. */
export function findFirmsByCodes(db: Executor, scope: DataScope, codes: string[]): Promise<EnterpriseRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(enterprises)
    .where(
      and(sql`${enterprises.creditCode} = any(${pgTextArray(codes)}::text[])`, enterpriseInScope(scope)),
    );
}

/** Firms in scope with one of these exact names. */
export function findFirmsByNames(db: Executor, scope: DataScope, names: string[]): Promise<EnterpriseRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(enterprises)
    .where(and(sql`${enterprises.name} = any(${pgTextArray(names)}::text[])`, enterpriseInScope(scope)));
}

/** Which of these codes are registered at all: a code is unique county-wide, whoever's scope it is in. */
export async function registeredCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: enterprises.creditCode })
    .from(enterprises)
    .where(sql`${enterprises.creditCode} = any(${pgTextArray(codes)}::text[])`);
  return new Set(rows.map((r) => r.code));
}

export type CurrentFact = {
  id: number;
  enterpriseId: number;
  period: string;
  months: number;
  value: string;
  version: number;
};

export async function listCurrentFacts(
  db: Executor,
  source: string,
  enterpriseIds: number[],
  periods: string[],
): Promise<CurrentFact[]> {
  if (enterpriseIds.length === 0 || periods.length === 0) return [];
  return db
    .select({
      id: revenueFacts.id,
      enterpriseId: revenueFacts.enterpriseId,
      period: revenueFacts.period,
      months: revenueFacts.months,
      value: revenueFacts.value,
      version: revenueFacts.version,
    })
    .from(revenueFacts)
    .where(
      and(
        eq(revenueFacts.isCurrent, true),
        eq(revenueFacts.source, source),
        sql`${revenueFacts.enterpriseId} = any(${pgIntArray(enterpriseIds)}::int[])`,
        sql`${revenueFacts.period} = any(${pgTextArray(periods)}::text[])`,
      ),
    );
}

export async function supersedeFacts(db: Executor, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 20_000) {
    await db
      .update(revenueFacts)
      .set({ isCurrent: false })
      .where(inArray(revenueFacts.id, ids.slice(i, i + 20_000)));
  }
}

/** New versions of existing figures (corrections), through unnest like `insertFirstFactsBulk`. */
export async function insertFactVersionsBulk(
  db: Executor,
  rows: {
    enterpriseId: number;
    period: string;
    months: number;
    source: string;
    value: string;
    version: number;
  }[],
  meta: { reason: string; importBatchId: number; recordedBy: number | null; recordedAt: Date },
): Promise<void> {
  for (let i = 0; i < rows.length; i += 20_000) {
    const part = rows.slice(i, i + 20_000);
    await db.execute(sql`
      insert into revenue_facts (enterprise_id, period, months, source, value, version, is_current, reason, import_batch_id, recorded_by, recorded_at)
      select e, p, m, s, v::numeric, n, true, ${meta.reason}, ${meta.importBatchId}::int, ${meta.recordedBy}::int, ${meta.recordedAt.toISOString()}::timestamptz
      from unnest(${pgIntArray(part.map((r) => r.enterpriseId))}::int[], ${pgTextArray(part.map((r) => r.period))}::text[],
                  ${pgIntArray(part.map((r) => r.months))}::smallint[],
                  ${pgTextArray(part.map((r) => r.source))}::text[], ${pgTextArray(part.map((r) => r.value))}::text[],
                  ${pgIntArray(part.map((r) => r.version))}::int[]) as u(e, p, m, s, v, n)
    `);
  }
}

/**
 * Runs bulk inserts whose foreign keys the caller has just read in the same transaction (the firms the plan
 * matched, the batch it inserted) without re-checking them row by row: the embedded PGlite runs each check
 * as a trigger in WebAssembly, about 25 µs a row, most of a 100,000-row import. Needs a superuser session
 * (PGlite always is); elsewhere the checks simply run. Only the FK triggers of these statements are
 * skipped: the setting is reset before returning, also on error (which aborts the transaction anyway).
 */
export async function withCheckedKeys<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  const r = (await tx.execute(sql`select current_setting('is_superuser') as su`)) as unknown as {
    rows: { su: string }[];
  };
  if (r.rows[0]?.su !== 'on') return fn();
  await tx.execute(sql`set local session_replication_role = replica`);
  try {
    return await fn();
  } finally {
    await tx.execute(sql`set local session_replication_role = origin`);
  }
}

// ── Preview lines (what a preview will write, row by row) ────────────────────────────────────────────

export type { PreviewLineStatus };
export interface PreviewLineInsert {
  row: number;
  status: PreviewLineStatus;
  enterpriseId: number | null;
  creditCode: string | null;
  name: string | null;
  period: string | null;
  months: number | null;
  column: string | null;
  before: string | null;
  after: string | null;
  message: string | null;
}

const nullableText = (values: (string | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(',')}}`;
const nullableInt = (values: (number | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : v)).join(',')}}`;

/** Writes a preview's lines through unnest, in chunks (a 100,000-row sheet is a handful of statements). */
export async function insertPreviewLines(
  db: Executor,
  token: string,
  lines: PreviewLineInsert[],
): Promise<void> {
  const chunk = 10_000;
  for (let i = 0; i < lines.length; i += chunk) {
    const part = lines.slice(i, i + chunk);
    await db.execute(sql`
      insert into ${importPreviewRows} (token, seq, row, status, enterprise_id, credit_code, name, period, months, "column", before, after, message)
      select ${token}, q, r, st, e, c, n, p, m, col, b::numeric, a::numeric, msg
      from unnest(${nullableInt(part.map((_, j) => i + j + 1))}::int[], ${nullableInt(part.map((l) => l.row))}::int[],
                  ${nullableText(part.map((l) => l.status))}::text[], ${nullableInt(part.map((l) => l.enterpriseId))}::int[],
                  ${nullableText(part.map((l) => l.creditCode))}::text[], ${nullableText(part.map((l) => l.name))}::text[],
                  ${nullableText(part.map((l) => l.period))}::text[], ${nullableInt(part.map((l) => l.months))}::smallint[],
                  ${nullableText(part.map((l) => l.column))}::text[], ${nullableText(part.map((l) => l.before))}::text[],
                  ${nullableText(part.map((l) => l.after))}::text[], ${nullableText(part.map((l) => l.message))}::text[])
        as u(q, r, st, e, c, n, p, m, col, b, a, msg)
    `);
  }
}

export interface PreviewLineFilter {
  status?: PreviewLineStatus | undefined;
  /** Part of the firm's credit code or name. */
  firm?: string | undefined;
}

function lineConditions(token: string, f: PreviewLineFilter): SQL {
  const c: SQL[] = [eq(importPreviewRows.token, token)];
  if (f.status) c.push(eq(importPreviewRows.status, f.status));
  if (f.firm) {
    const like = `%${f.firm.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    c.push(sql`(${importPreviewRows.creditCode} ilike ${like} or ${importPreviewRows.name} ilike ${like})`);
  }
  return and(...c)!;
}

export type PreviewLineRow = typeof importPreviewRows.$inferSelect;

/** One page of a preview's lines, in sheet order. */
export function listPreviewLines(
  db: Executor,
  token: string,
  f: PreviewLineFilter,
  page: { limit: number; offset: number },
): Promise<PreviewLineRow[]> {
  return db
    .select()
    .from(importPreviewRows)
    .where(lineConditions(token, f))
    .orderBy(asc(importPreviewRows.seq))
    .limit(page.limit)
    .offset(page.offset);
}

/** Lines after `afterSeq` (an export walks the lines by key, a page at a time). */
export function listPreviewLinesAfter(
  db: Executor,
  token: string,
  f: PreviewLineFilter,
  afterSeq: number,
  limit: number,
): Promise<PreviewLineRow[]> {
  return db
    .select()
    .from(importPreviewRows)
    .where(and(lineConditions(token, f), gt(importPreviewRows.seq, afterSeq)))
    .orderBy(asc(importPreviewRows.seq))
    .limit(limit);
}

/** Lines per status under a firm filter (the status filter's counts) and the total. */
export async function countPreviewLines(
  db: Executor,
  token: string,
  f: PreviewLineFilter,
): Promise<Record<PreviewLineStatus, number>> {
  const rows = await db
    .select({ status: importPreviewRows.status, n: sql<number>`count(*)::int` })
    .from(importPreviewRows)
    .where(lineConditions(token, { firm: f.firm }))
    .groupBy(importPreviewRows.status);
  const out: Record<PreviewLineStatus, number> = { new: 0, correction: 0, unchanged: 0, error: 0 };
  for (const r of rows) out[r.status as PreviewLineStatus] = Number(r.n);
  return out;
}
