// URL state of 导入记录 (/data/imports/history): kind, source, dates and paging under the API's own names
// (GET /imports), defaults left out, bad values dropped.
import type { RevenueSource } from '@shenggui/domain';
import { ADMIN_PAGE_SIZES } from '../../lib/admin-filters';
import { type ImportKind, isImportKind, isRevenueSource } from './import-options';

const DEFAULT_PAGE_SIZE = 20;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface ImportHistoryFilters {
  kind?: ImportKind;
  source?: RevenueSource;
  /** YYYY-MM-DD, China time, inclusive. */
  from?: string;
  to?: string;
}

export interface ImportHistoryState extends ImportHistoryFilters {
  page: number;
  pageSize: number;
}

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

export function parseImportHistorySearch(params: URLSearchParams): ImportHistoryState {
  const size = positiveInt(params.get('pageSize'));
  const state: ImportHistoryState = {
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (ADMIN_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const kind = params.get('kind');
  if (isImportKind(kind)) state.kind = kind;
  const source = params.get('source');
  if (isRevenueSource(source)) state.source = source;
  const from = params.get('from');
  if (from && ISO_DATE.test(from)) state.from = from;
  const to = params.get('to');
  if (to && ISO_DATE.test(to) && (!state.from || to >= state.from)) state.to = to;
  return state;
}

function filterParams(state: ImportHistoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of [
    ['kind', state.kind],
    ['source', state.source],
    ['from', state.from],
    ['to', state.to],
  ] as const) {
    if (v) params.set(k, v);
  }
  return params;
}

/** The page's own URL: paging only when not the default. */
export function importHistorySearch(state: ImportHistoryState): URLSearchParams {
  const params = filterParams(state);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/** GET /imports: always with paging. */
export function importHistoryApiQuery(state: ImportHistoryState): URLSearchParams {
  const params = filterParams(state);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  return params;
}

/** GET /imports/export: the filters only. */
export function importHistoryExportQuery(state: ImportHistoryFilters): URLSearchParams {
  return filterParams(state);
}

export function countImportHistoryFilters(state: ImportHistoryFilters): number {
  return [state.kind, state.source, state.from, state.to].filter((v) => v !== undefined).length;
}
