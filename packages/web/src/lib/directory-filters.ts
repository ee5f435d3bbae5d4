// The directory-event list (/directory) keeps its filters and paging in the URL, with the API's own
// parameter names (GET /directory-events); defaults are left out.

export interface DirectoryListState {
  year?: number;
  type?: 'entry' | 'exit';
  townshipId?: number;
  supervisingUnitId?: number;
  page: number;
  pageSize: number;
}

export const DIRECTORY_PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_DIRECTORY_STATE: DirectoryListState = { page: 1, pageSize: 20 };

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function parseDirectorySearch(params: URLSearchParams): DirectoryListState {
  const year = positiveInt(params.get('year'));
  const type = params.get('type');
  const pageSize = positiveInt(params.get('pageSize'));
  return {
    year: year && year >= 2000 && year <= 2100 ? year : undefined,
    type: type === 'entry' || type === 'exit' ? type : undefined,
    townshipId: positiveInt(params.get('townshipId')),
    supervisingUnitId: positiveInt(params.get('supervisingUnitId')),
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: pageSize && (DIRECTORY_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 20,
  };
}

/** The filters only (for the export and the URL). */
export function directoryFilterQuery(state: DirectoryListState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.year) p.set('year', String(state.year));
  if (state.type) p.set('type', state.type);
  if (state.townshipId) p.set('townshipId', String(state.townshipId));
  if (state.supervisingUnitId) p.set('supervisingUnitId', String(state.supervisingUnitId));
  return p;
}

export function directorySearch(state: DirectoryListState): URLSearchParams {
  const p = directoryFilterQuery(state);
  if (state.page !== 1) p.set('page', String(state.page));
  if (state.pageSize !== 20) p.set('pageSize', String(state.pageSize));
  return p;
}

/** The API query always names the page and its size. */
export function directoryApiQuery(state: DirectoryListState): URLSearchParams {
  const p = directoryFilterQuery(state);
  p.set('page', String(state.page));
  p.set('pageSize', String(state.pageSize));
  return p;
}

export function countDirectoryFilters(state: DirectoryListState): number {
  return [state.year, state.type, state.townshipId, state.supervisingUnitId].filter((v) => v !== undefined)
    .length;
}
