// URL state of 复核清单 (/review): kind, year, firm keyword and paging under the API's own names (GET
// /review), defaults left out, bad values dropped.
import { REVIEW_KINDS, type ReviewFilter, type ReviewKind } from '@shenggui/domain';
import { ADMIN_PAGE_SIZES } from '../../lib/admin-filters';

const DEFAULT_PAGE_SIZE = 20;

/** The filter of GET /review (packages/domain/src/contracts/review.ts). */
export type ReviewFilters = ReviewFilter;

export interface ReviewListState extends ReviewFilters {
  page: number;
  pageSize: number;
}

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 ? n : undefined;
}

export function parseReviewSearch(params: URLSearchParams): ReviewListState {
  const size = positiveInt(params.get('pageSize'));
  const state: ReviewListState = {
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (ADMIN_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
  const kind = params.get('kind');
  if (kind && (REVIEW_KINDS as readonly string[]).includes(kind)) state.kind = kind as ReviewKind;
  const year = positiveInt(params.get('year'));
  if (year && year >= 2000 && year <= 2100) state.year = year;
  const q = params.get('q')?.trim().slice(0, 50);
  if (q) state.q = q;
  return state;
}

/** The filters only (export: no paging). */
export function reviewFilterQuery(s: ReviewFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (s.kind) p.set('kind', s.kind);
  if (s.year) p.set('year', String(s.year));
  if (s.q) p.set('q', s.q);
  return p;
}

/** The page's URL and the API query: filters, then paging when not the default. */
export function reviewSearch(s: ReviewListState): URLSearchParams {
  const p = reviewFilterQuery(s);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.pageSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(s.pageSize));
  return p;
}
