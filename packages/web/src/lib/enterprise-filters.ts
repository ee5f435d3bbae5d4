// The enterprise list's URL state (docs/ui.md "the filter in the URL"): the API's own query schema
// (GET /enterprises, enterpriseListQuerySchema) read by the list kit. What is particular to this list is
// how a typed industry code is normalised (lower-case section letter, a class code under its section).
import { type ENTERPRISE_SORTS, enterpriseListQuerySchema, findIndustry } from '@shenggui/domain';
import { z } from 'zod';
import {
  defineListQuery,
  type ListFilters,
  type ListState,
  textFilter,
} from '../components/list-kit/list-query';

export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

/** An industry-code prefix at any level: section `C`, division `30`, group `301`, class `3011`. */
const industryFilter = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[BCD]?\d{0,4}$/))
  .transform((code) => findIndustry(code)?.code)
  .pipe(z.string());

export const enterpriseListQuery = defineListQuery({
  schema: enterpriseListQuerySchema,
  fields: { q: textFilter(100), industry: industryFilter },
});

export type EnterpriseListState = ListState<typeof enterpriseListQuerySchema>;
export type EnterpriseFilters = ListFilters<typeof enterpriseListQuerySchema>;
export const DEFAULT_LIST_STATE: EnterpriseListState = enterpriseListQuery.defaults;
