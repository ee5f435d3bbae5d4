// The URL state of a list page, driven by the list's zod query schema (the API's own, from
// @shenggui/domain where one exists): the page's filters, paging and sort live in the query string under
// the API's parameter names, so a link can be shared and the back button works. Reading is lenient — a
// value its field's schema refuses falls back to the default (never an error page); defaults are left
// out of the URL; new filters start again from page 1.
import { z } from 'zod';

/** Page sizes every list offers. */
export const LIST_PAGE_SIZES = [20, 50, 100] as const;

export type SortOrder = 'asc' | 'desc';

const CONTROL_KEYS = ['page', 'pageSize', 'sort', 'order'] as const;
type ControlKey = (typeof CONTROL_KEYS)[number];

// biome-ignore lint/suspicious/noExplicitAny: any object schema; the state type is inferred from it.
type AnyObject = z.ZodObject<any>;

/** The whole state of a list: the schema's output (filters optional, paging and sort filled in). */
export type ListState<S extends AnyObject> = z.output<S> & { page: number; pageSize: number };
/** The filter fields of a list: everything but paging and sort. */
export type ListFilters<S extends AnyObject> = Partial<Omit<z.output<S>, ControlKey>>;
export type FilterKey<S extends AnyObject> = Exclude<keyof z.output<S> & string, ControlKey>;

type ApiValue = string | number | boolean | undefined | null;

export interface ListQueryOptions<S extends AnyObject> {
  /** The list's query schema: page/pageSize (with defaults), optional filters, optional sort/order. */
  schema: S;
  /**
   * How a filter is read from the URL where it differs from the API's schema (normalising what a person
   * may type into an address bar). The whole state is still checked against `schema` afterwards.
   */
  fields?: Partial<Record<FilterKey<S>, z.ZodType>>;
  /** Filters that describe what is shown rather than narrow it (a library's year): not counted. */
  uncounted?: ReadonlyArray<FilterKey<S>>;
  /** The API's names for the filters where they differ from the page's own (users: status → disabled). */
  toApi?: (filters: ListFilters<S>) => Record<string, ApiValue>;
  pageSizes?: readonly number[];
}

export interface ListQuery<S extends AnyObject> {
  readonly schema: S;
  readonly filterKeys: ReadonlyArray<FilterKey<S>>;
  readonly pageSizes: readonly number[];
  /** Paging and sort when nothing is asked for. */
  readonly defaults: ListState<S>;
  readonly hasSort: boolean;
  parse(params: URLSearchParams): ListState<S>;
  /** The page's own query string: the filters, then sort, page and size where not the default. */
  search(state: ListState<S>): URLSearchParams;
  /** The list endpoint's query: always with paging (and sort). */
  apiQuery(state: ListState<S>): URLSearchParams;
  /** The export's query: the filters (and sort), not the page — it is the whole filtered list. */
  exportQuery(state: ListState<S>): URLSearchParams;
  /** New filters: page 1, page size and sort kept, blanks dropped, text trimmed. */
  withFilters(state: ListState<S>, filters: ListFilters<S>): ListState<S>;
  filtersOf(state: ListState<S>): ListFilters<S>;
  countFilters(state: ListState<S>): number;
  /** No filters, except those that only say what is shown (`uncounted`); page 1, size and sort kept. */
  cleared(state: ListState<S>): ListState<S>;
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function defineListQuery<S extends AnyObject>(options: ListQueryOptions<S>): ListQuery<S> {
  const { schema } = options;
  const shape = schema.shape as Record<string, z.ZodType>;
  const pageSizes = options.pageSizes ?? LIST_PAGE_SIZES;
  const hasSort = 'sort' in shape && 'order' in shape;
  const filterKeys = Object.keys(shape).filter(
    (k) => !(CONTROL_KEYS as readonly string[]).includes(k),
  ) as Array<FilterKey<S>>;
  const fieldSchema = (key: string): z.ZodType =>
    (options.fields as Record<string, z.ZodType> | undefined)?.[key] ?? (shape[key] as z.ZodType);
  const defaultOf = (key: ControlKey): unknown =>
    shape[key] ? shape[key].safeParse(undefined).data : undefined;
  const defaults = {
    page: (defaultOf('page') as number | undefined) ?? 1,
    pageSize: (defaultOf('pageSize') as number | undefined) ?? pageSizes[0] ?? 20,
    ...(hasSort ? { sort: defaultOf('sort'), order: defaultOf('order') } : {}),
  } as ListState<S>;
  const rec = (s: ListState<S>) => s as unknown as Record<string, unknown>;
  const uncounted = (options.uncounted ?? []) as readonly string[];

  const parse = (params: URLSearchParams): ListState<S> => {
    const state: Record<string, unknown> = { ...defaults };
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .safeParse(params.get('page') ?? undefined);
    if (page.success) state.page = page.data;
    const size = Number(params.get('pageSize'));
    if (pageSizes.includes(size)) state.pageSize = size;
    if (hasSort) {
      for (const key of ['sort', 'order'] as const) {
        const raw = params.get(key);
        const parsed = raw === null ? null : (shape[key] as z.ZodType).safeParse(raw);
        if (parsed?.success) state[key] = parsed.data;
      }
    }
    for (const key of filterKeys) {
      const raw = params.get(key);
      if (blank(raw)) continue;
      const parsed = fieldSchema(key).safeParse(raw);
      if (parsed.success && !blank(parsed.data)) state[key] = parsed.data;
    }
    // Rules across fields (an upper bound below the lower one): drop the field the schema names.
    for (let i = 0; i < filterKeys.length; i++) {
      const whole = schema.safeParse(state);
      if (whole.success) break;
      const culprits = whole.error.issues
        .map((issue) => String(issue.path[0] ?? ''))
        .filter((k) => (filterKeys as readonly string[]).includes(k) && k in state);
      if (culprits.length === 0) break;
      for (const k of culprits) delete state[k];
    }
    return state as ListState<S>;
  };

  const writeFilters = (out: URLSearchParams, values: Record<string, ApiValue>) => {
    for (const [k, v] of Object.entries(values)) if (!blank(v)) out.set(k, String(v));
  };
  const filtersOf = (state: ListState<S>): ListFilters<S> => {
    const out: Record<string, unknown> = {};
    for (const k of filterKeys) if (!blank(rec(state)[k])) out[k] = rec(state)[k];
    return out as ListFilters<S>;
  };
  const filterRecord = (state: ListState<S>) => filtersOf(state) as Record<string, ApiValue>;
  const sortIsDefault = (state: ListState<S>) =>
    rec(state).sort === rec(defaults).sort && rec(state).order === rec(defaults).order;

  const search = (state: ListState<S>) => {
    const out = new URLSearchParams();
    writeFilters(out, filterRecord(state));
    // The sort pair travels together when either differs from the default.
    if (hasSort && !sortIsDefault(state)) {
      out.set('sort', String(rec(state).sort));
      out.set('order', String(rec(state).order));
    }
    if (state.page !== defaults.page) out.set('page', String(state.page));
    if (state.pageSize !== defaults.pageSize) out.set('pageSize', String(state.pageSize));
    return out;
  };

  const apiFilters = (state: ListState<S>) => {
    const out = new URLSearchParams();
    writeFilters(out, options.toApi ? options.toApi(filtersOf(state)) : filterRecord(state));
    return out;
  };

  const api: ListQuery<S> = {
    schema,
    filterKeys,
    pageSizes,
    defaults,
    hasSort,
    parse,
    search,
    apiQuery(state) {
      const out = apiFilters(state);
      out.set('page', String(state.page));
      out.set('pageSize', String(state.pageSize));
      if (hasSort) {
        out.set('sort', String(rec(state).sort));
        out.set('order', String(rec(state).order));
      }
      return out;
    },
    exportQuery(state) {
      const out = apiFilters(state);
      if (hasSort) {
        out.set('sort', String(rec(state).sort));
        out.set('order', String(rec(state).order));
      }
      return out;
    },
    withFilters(state, filters) {
      const next: Record<string, unknown> = { page: 1, pageSize: state.pageSize };
      if (hasSort) {
        next.sort = rec(state).sort;
        next.order = rec(state).order;
      }
      for (const [k, raw] of Object.entries(filters as Record<string, unknown>)) {
        if (!(filterKeys as readonly string[]).includes(k)) continue;
        const v = typeof raw === 'string' ? raw.trim() : raw;
        if (!blank(v)) next[k] = v;
      }
      return next as ListState<S>;
    },
    filtersOf,
    countFilters(state) {
      return filterKeys.filter((k) => !uncounted.includes(k) && !blank(rec(state)[k])).length;
    },
    cleared(state) {
      const kept: Record<string, unknown> = {};
      for (const k of uncounted) if (!blank(rec(state)[k])) kept[k] = rec(state)[k];
      return api.withFilters(state, kept as ListFilters<S>);
    },
  };
  return api;
}

// ---- Field schemas for reading a URL (the lists whose API schema lives in the server share these) ----

/** Free text: trimmed, cut to `max` characters (a long pasted value is shortened, not refused). */
export const textFilter = (max: number) => z.string().transform((s) => s.trim().slice(0, max));
/** A unit, a firm: a positive whole number. */
export const idFilter = z.coerce.number().int().positive().optional();
/** A year between 2000 and 2100. */
export const yearFilter = z.coerce.number().int().min(2000).max(2100).optional();
/** `YYYY-MM-DD`. */
export const dateFilter = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .optional();
