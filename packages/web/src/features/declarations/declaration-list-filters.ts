// URL state of 申报管理 › 申报列表 (/declarations/list): year, state, batch, township and paging under the
// API's own names (GET /declarations), defaults left out, bad values dropped.
import { DECLARATION_STATES, type DeclarationState } from '@shenggui/domain';
import { ADMIN_PAGE_SIZES } from '../../lib/admin-filters';

const DEFAULT_PAGE_SIZE = 20;

export interface DeclarationListFilters {
  year?: number;
  state?: DeclarationState;
  batch?: string;
  townshipId?: number;
}

export interface DeclarationListState extends DeclarationListFilters {
  page: number;
  pageSize: number;
}

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

export function isDeclarationState(v: string | null): v is DeclarationState {
  return v !== null && (DECLARATION_STATES as readonly string[]).includes(v);
}

export function parseDeclarationListSearch(params: URLSearchParams): DeclarationListState {
  const size = positiveInt(params.get('pageSize'));
  const state: DeclarationListState = {
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (ADMIN_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const year = positiveInt(params.get('year'));
  if (year && year >= 2000 && year <= 2100) state.year = year;
  const s = params.get('state');
  if (isDeclarationState(s)) state.state = s;
  const batch = params.get('batch')?.trim().slice(0, 20);
  if (batch) state.batch = batch;
  const townshipId = positiveInt(params.get('townshipId'));
  if (townshipId) state.townshipId = townshipId;
  return state;
}

function filterParams(f: DeclarationListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.year) params.set('year', String(f.year));
  if (f.state) params.set('state', f.state);
  if (f.batch) params.set('batch', f.batch);
  if (f.townshipId) params.set('townshipId', String(f.townshipId));
  return params;
}

/** The page's own URL: paging only when not the default. */
export function declarationListSearch(state: DeclarationListState): URLSearchParams {
  const params = filterParams(state);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

/** GET /declarations: always with paging. */
export function declarationListApiQuery(state: DeclarationListState): URLSearchParams {
  const params = filterParams(state);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  return params;
}

/** GET /declarations/export: the filters only. */
export function declarationExportQuery(state: DeclarationListFilters): URLSearchParams {
  return filterParams(state);
}

export function countDeclarationListFilters(f: DeclarationListFilters): number {
  return [f.year, f.state, f.batch, f.townshipId].filter((v) => v !== undefined).length;
}
