// The enterprise list keeps its whole state — filters, paging, sort — in the URL query string, so a link
// can be shared and the back button works (docs/ui.md "the filter in the URL"). The URL uses the API's own
// parameter names (docs/api.md GET /enterprises); defaults are left out to keep links short.
import { ENTERPRISE_SORTS, findIndustry, SCALE_STATUSES, type ScaleStatus } from '@shenggui/domain';

export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export const PAGE_SIZES = [20, 50, 100] as const;

export interface EnterpriseFilters {
  q?: string;
  townshipId?: number;
  supervisingUnitId?: number;
  /** An industry-code prefix at any level: section `C`, division `30`, group `301`, class `3011`. */
  industry?: string;
  scaleStatus?: ScaleStatus;
  revenueYear?: number;
  revenueMinWan?: number;
  revenueMaxWan?: number;
}

export interface EnterpriseListState extends EnterpriseFilters {
  page: number;
  pageSize: number;
  sort: EnterpriseSort;
  order: SortOrder;
}

export const DEFAULT_LIST_STATE: EnterpriseListState = { page: 1, pageSize: 20, sort: 'name', order: 'asc' };

const FILTER_KEYS = [
  'q',
  'townshipId',
  'supervisingUnitId',
  'industry',
  'scaleStatus',
  'revenueYear',
  'revenueMinWan',
  'revenueMaxWan',
] as const satisfies ReadonlyArray<keyof EnterpriseFilters>;

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function nonNegativeNumber(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[]): T | undefined {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** Parses the query string leniently: a value that does not make sense is dropped, never an error page. */
export function parseEnterpriseListSearch(params: URLSearchParams): EnterpriseListState {
  const state: EnterpriseListState = { ...DEFAULT_LIST_STATE };
  state.page = positiveInt(params.get('page')) ?? DEFAULT_LIST_STATE.page;
  const size = positiveInt(params.get('pageSize'));
  state.pageSize =
    size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_LIST_STATE.pageSize;
  state.sort = oneOf(params.get('sort'), ENTERPRISE_SORTS) ?? DEFAULT_LIST_STATE.sort;
  state.order = oneOf(params.get('order'), ['asc', 'desc'] as const) ?? DEFAULT_LIST_STATE.order;

  const q = params.get('q')?.trim().slice(0, 100);
  if (q) state.q = q;
  const townshipId = positiveInt(params.get('townshipId'));
  if (townshipId) state.townshipId = townshipId;
  const supervisingUnitId = positiveInt(params.get('supervisingUnitId'));
  if (supervisingUnitId) state.supervisingUnitId = supervisingUnitId;
  const industryRaw = params.get('industry')?.trim().toUpperCase();
  if (industryRaw && /^[BCD]?\d{0,4}$/.test(industryRaw)) {
    const node = findIndustry(industryRaw);
    if (node) state.industry = node.code;
  }
  const scaleStatus = oneOf(params.get('scaleStatus'), SCALE_STATUSES);
  if (scaleStatus) state.scaleStatus = scaleStatus;
  const year = positiveInt(params.get('revenueYear'));
  if (year && year >= 2000 && year <= 2100) state.revenueYear = year;
  const min = nonNegativeNumber(params.get('revenueMinWan'));
  if (min !== undefined) state.revenueMinWan = min;
  const max = nonNegativeNumber(params.get('revenueMaxWan'));
  if (max !== undefined && (min === undefined || max >= min)) state.revenueMaxWan = max;
  return state;
}

/** The query string of a state, without the defaults, in a stable key order. */
export function enterpriseListSearch(state: EnterpriseListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (state.sort !== DEFAULT_LIST_STATE.sort || state.order !== DEFAULT_LIST_STATE.order) {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  if (state.page !== DEFAULT_LIST_STATE.page) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_LIST_STATE.pageSize) params.set('pageSize', String(state.pageSize));
  return params;
}

/** New filters start again from page 1 and keep paging size and sort. */
export function withFilters(state: EnterpriseListState, filters: EnterpriseFilters): EnterpriseListState {
  const next: EnterpriseListState = {
    page: 1,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
  };
  for (const key of FILTER_KEYS) {
    const raw: unknown = filters[key];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

export function countActiveFilters(state: EnterpriseListState): number {
  return FILTER_KEYS.filter((k) => state[k] !== undefined).length;
}

/** The API query: the same names; paging and sort always sent so the server and the page agree. */
export function enterpriseApiQuery(state: EnterpriseListState): URLSearchParams {
  const params = enterpriseListSearch(state);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  params.set('sort', state.sort);
  params.set('order', state.order);
  return params;
}

/** The export takes the filters and sort, not the page: it is the whole filtered list. */
export function enterpriseExportQuery(state: EnterpriseListState): URLSearchParams {
  const params = enterpriseListSearch(state);
  params.delete('page');
  params.delete('pageSize');
  params.set('sort', state.sort);
  params.set('order', state.order);
  return params;
}
