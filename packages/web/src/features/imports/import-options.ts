// What the user may import (from GET /me permissions), the file checks done before uploading, and the
// labels of the preview (column fields, counts). Pure: tested in import-options.test.ts.
import { REVENUE_SOURCES, type RevenueSource, revenueWritePermission } from '@shenggui/domain';
import { type Lang, textOf } from '../../app/dictionary';

export const IMPORT_KINDS = ['enterprises', 'revenue', 'directory', 'targets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const MAX_IMPORT_MB = 30;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
export const IMPORT_ACCEPT = '.xlsx,.xls,.csv';

export function isImportKind(v: unknown): v is ImportKind {
  return typeof v === 'string' && (IMPORT_KINDS as readonly string[]).includes(v);
}

export function isRevenueSource(v: unknown): v is RevenueSource {
  return typeof v === 'string' && (REVENUE_SOURCES as readonly string[]).includes(v);
}

export interface ImportChoices {
  kinds: ImportKind[];
  /** Revenue sources the user may write (revenue:write:<source>). */
  sources: RevenueSource[];
}

export function importChoices(permissions: readonly string[]): ImportChoices {
  const sources = REVENUE_SOURCES.filter((s) => permissions.includes(revenueWritePermission(s)));
  const kinds: ImportKind[] = [];
  if (permissions.includes('enterprise:write')) kinds.push('enterprises');
  if (sources.length > 0) kinds.push('revenue');
  if (permissions.includes('directory:write')) kinds.push('directory');
  if (permissions.includes('target:allocate')) kinds.push('targets');
  return { kinds, sources };
}

/** The form's state from the URL (`?kind=revenue&source=tax&year=2025`), limited to what the user may do. */
export function importFormFromSearch(
  params: URLSearchParams,
  choices: ImportChoices,
): { kind: ImportKind | undefined; source: RevenueSource | undefined; year: number | undefined } {
  const rawKind = params.get('kind');
  const kind = isImportKind(rawKind) && choices.kinds.includes(rawKind) ? rawKind : choices.kinds[0];
  const rawSource = params.get('source');
  const source =
    kind === 'revenue'
      ? isRevenueSource(rawSource) && choices.sources.includes(rawSource)
        ? rawSource
        : choices.sources[0]
      : undefined;
  const rawYear = params.get('year');
  const y = rawYear && /^\d{4}$/.test(rawYear) ? Number(rawYear) : undefined;
  const year = y !== undefined && y >= 1990 && y <= 2100 ? y : undefined;
  return { kind, source, year };
}

export type FileCheck = { ok: true } | { ok: false; reason: 'type' | 'size' | 'empty' };

export function checkImportFile(file: { name: string; size: number }): FileCheck {
  if (!/\.(xlsx|xls|csv)$/i.test(file.name.trim())) return { ok: false, reason: 'type' };
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, reason: 'size' };
  return { ok: true };
}

/** 1536 → "1.5 KB", 31457280 → "30.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** What a sheet column was read as: a field, a month (wide sheets), or null (ignored). */
export function columnTarget(
  column: { field: string | null; period: string | null },
  lang: Lang,
): string | null {
  if (column.period) {
    const m = /^(\d{4})-(\d{2})$/.exec(column.period);
    return m ? (lang === 'zh' ? `${m[1]}年${Number(m[2])}月` : column.period) : column.period;
  }
  if (!column.field) return null;
  return textOf(lang, `imports.field.${column.field}`) ?? column.field;
}

/** A batch's summary (JSON from the server) as counts, tolerating missing or odd values. */
export function summaryCounts(summary: Record<string, unknown> | null): {
  rows: number;
  valid: number;
  invalid: number;
  imported: number;
  updated: number;
  unchanged: number;
} | null {
  if (!summary) return null;
  const n = (k: string) => {
    const v = summary[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  if (typeof summary.rows !== 'number') return null;
  return {
    rows: n('rows'),
    valid: n('valid'),
    invalid: n('invalid'),
    imported: n('imported'),
    updated: n('updated'),
    unchanged: n('unchanged'),
  };
}
