// The list page's URL state as a hook: the parsed state, the API and export queries, and the moves a page
// makes (new filters → page 1; paging; sort; reset). See list-query.ts for the rules.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ListFilters, ListQuery, ListState } from './list-query';

// biome-ignore lint/suspicious/noExplicitAny: any list's query (the state type comes from it).
export interface ListUrlState<S extends ListQuery<any>> {
  query: S;
  state: ListStateOf<S>;
  apiQuery: URLSearchParams;
  exportQuery: URLSearchParams;
  /** Any counted filter set (the empty state then says so and offers to clear them). */
  filtered: boolean;
  /** Replaces the filters and starts again from page 1. */
  setFilters: (filters: ListFiltersOf<S>) => void;
  /** Changes some filters, keeps the others, starts again from page 1. */
  patchFilters: (patch: ListFiltersOf<S>) => void;
  /** Back to no filters (page size and sort kept, and what only says which list is shown). */
  reset: () => void;
  setPage: (page: number, pageSize: number) => void;
  setSort: (sort: string | null, order: 'asc' | 'desc' | null) => void;
}

// biome-ignore lint/suspicious/noExplicitAny: see above
type SchemaOf<Q> = Q extends ListQuery<infer S> ? S : any;
export type ListStateOf<Q> = ListState<SchemaOf<Q>>;
export type ListFiltersOf<Q> = ListFilters<SchemaOf<Q>>;

// biome-ignore lint/suspicious/noExplicitAny: see above
export function useListQuery<Q extends ListQuery<any>>(query: Q): ListUrlState<Q> {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => query.parse(params) as ListStateOf<Q>, [query, params]);
  const go = useCallback((next: ListStateOf<Q>) => setParams(query.search(next)), [query, setParams]);
  return useMemo(() => {
    const rec = state as Record<string, unknown>;
    const defaults = query.defaults as Record<string, unknown>;
    return {
      query,
      state,
      apiQuery: query.apiQuery(state),
      exportQuery: query.exportQuery(state),
      filtered: query.countFilters(state) > 0,
      setFilters: (filters) => go(query.withFilters(state, filters)),
      patchFilters: (patch) => go(query.withFilters(state, { ...query.filtersOf(state), ...patch })),
      reset: () => go(query.cleared(state)),
      setPage: (page, pageSize) =>
        go({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : page } as ListStateOf<Q>),
      setSort: (sort, order) =>
        go({
          ...rec,
          page: 1,
          sort: sort && order ? sort : defaults.sort,
          order: sort && order ? order : defaults.order,
        } as ListStateOf<Q>),
    };
  }, [query, state, go]);
}
