// The library lists (/libraries/:library) keep their filters and paging in the URL under the API's own
// parameter names (GET /libraries/:library), defaults left out. Pure: parsed leniently, never an error.
import { LIBRARIES, type Library, PATHWAYS, type Pathway, TIERS, type Tier } from '@shenggui/domain';

export const LIBRARY_PAGE_SIZES = [20, 50, 100] as const;

export interface LibraryFilters {
  year?: number;
  townshipId?: number;
  supervisingUnitId?: number;
  tier?: Tier;
  pathway?: Pathway;
  q?: string;
}

export interface LibraryListState extends LibraryFilters {
  page: number;
  pageSize: number;
}

export const DEFAULT_LIBRARY_STATE: LibraryListState = { page: 1, pageSize: 20 };

const FILTER_KEYS = [
  'year',
  'townshipId',
  'supervisingUnitId',
  'tier',
  'pathway',
  'q',
] as const satisfies ReadonlyArray<keyof LibraryFilters>;

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[]): T | undefined {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

export function isLibrary(raw: string | undefined): raw is Library {
  return raw !== undefined && (LIBRARIES as readonly string[]).includes(raw);
}

export function parseLibrarySearch(params: URLSearchParams): LibraryListState {
  const state: LibraryListState = { ...DEFAULT_LIBRARY_STATE };
  state.page = positiveInt(params.get('page')) ?? 1;
  const size = positiveInt(params.get('pageSize'));
  state.pageSize = size && (LIBRARY_PAGE_SIZES as readonly number[]).includes(size) ? size : 20;
  const year = positiveInt(params.get('year'));
  if (year && year >= 2000 && year <= 2100) state.year = year;
  const townshipId = positiveInt(params.get('townshipId'));
  if (townshipId) state.townshipId = townshipId;
  const supervisingUnitId = positiveInt(params.get('supervisingUnitId'));
  if (supervisingUnitId) state.supervisingUnitId = supervisingUnitId;
  const tier = oneOf(params.get('tier'), TIERS);
  if (tier) state.tier = tier;
  const pathway = oneOf(params.get('pathway'), PATHWAYS);
  if (pathway) state.pathway = pathway;
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) state.q = q;
  return state;
}

/** The URL of a state: filters, then paging when not the default. */
export function librarySearch(state: LibraryListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== 20) params.set('pageSize', String(state.pageSize));
  return params;
}

/** New filters go back to page 1 and keep the page size; blank values are dropped. */
export function withLibraryFilters(state: LibraryListState, filters: LibraryFilters): LibraryListState {
  const next: LibraryListState = { page: 1, pageSize: state.pageSize };
  for (const key of FILTER_KEYS) {
    const raw: unknown = filters[key];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

export function countLibraryFilters(state: LibraryListState): number {
  return FILTER_KEYS.filter((k) => k !== 'year' && state[k] !== undefined).length;
}

/** The API query: paging always sent. */
export function libraryApiQuery(state: LibraryListState): URLSearchParams {
  const params = librarySearch(state);
  params.set('page', String(state.page));
  params.set('pageSize', String(state.pageSize));
  return params;
}

/** The export: the filters, not the page. */
export function libraryExportQuery(state: LibraryListState): URLSearchParams {
  const params = librarySearch(state);
  params.delete('page');
  params.delete('pageSize');
  return params;
}

/** A probability 0…1 as a whole percentage ("87%"); null or nonsense as "—". */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const clamped = Math.min(1, Math.max(0, p));
  return `${Math.round(clamped * 100)}%`;
}

const TIER_ORDER: Record<Tier, number> = { A: 0, B: 1, C: 2 };

/** Sorter for tiers: A first, then B, C, and no tier last. */
export function compareTier(a: Tier | null | undefined, b: Tier | null | undefined): number {
  return (a ? TIER_ORDER[a] : 3) - (b ? TIER_ORDER[b] : 3);
}

/**
 * The fields a form change touched, with their errors cleared: an error set from a schema or the server
 * stays until the user edits that field (antd keeps manual errors otherwise).
 */
export function clearedErrors<T extends object>(
  changed: T,
): Array<{ name: keyof T & string; errors: string[] }> {
  return (Object.keys(changed) as Array<keyof T & string>).map((name) => ({ name, errors: [] }));
}
