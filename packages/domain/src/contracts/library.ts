// The library slice's HTTP contract (企业库, docs/api.md §Libraries): a library's list and its years, the
// centre's recompute, a firm's history, pathway and operating status, and the 达规未入统 to-do. The change
// requests (membership, pathway, operating status) are ../libraries.ts's.
import { z } from 'zod';
import { LIBRARIES, OPERATING_STATUSES, PATHWAYS, TIERS } from '../libraries.js';
import { paged, pageQuery, yearField } from './common.js';

export const libraryParams = z.object({ library: z.enum(LIBRARIES) });
/** `?year=` where the year is optional (default: the plan year in progress). */
export const libraryYearQuery = z.object({ year: yearField.optional() });

/** `?year&townshipId&supervisingUnitId&tier&pathway&q` of a library's list and its export. */
export const libraryFilterQuery = z.object({
  year: yearField.optional(),
  townshipId: z.coerce.number().int().positive().optional(),
  supervisingUnitId: z.coerce.number().int().positive().optional(),
  tier: z.enum(TIERS).optional(),
  pathway: z.enum(PATHWAYS).optional(),
  q: z.string().trim().max(100).optional(),
});
export const libraryListQuery = libraryFilterQuery.extend(pageQuery.shape);

/** A member of a library: the firm, the figures the rule judged and why it is in. Money in yuan. */
export const libraryMemberSchema = z.object({
  enterpriseId: z.number(),
  creditCode: z.string(),
  name: z.string(),
  legalForm: z.string(),
  industryCode: z.string(),
  scaleStatus: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  priorYearRevenue: z.string().nullable(),
  /** "2025年", or "2025年（7-12月，6个月）" when the prior year has fewer than twelve months of figures. */
  priorYearLabel: z.string().nullable(),
  ytdRevenue: z.string().nullable(),
  ytdMonths: z.number(),
  taxYtd: z.string().nullable(),
  projectedRevenue: z.string().nullable(),
  pReachYear: z.number().nullable(),
  pBelowYearEnd: z.number().nullable(),
  reasons: z.array(z.string()),
  rule: z.string().nullable(),
  manual: z.boolean(),
  pathway: z.enum(PATHWAYS).nullable(),
  pathwaySuggested: z.enum(PATHWAYS).nullable(),
  pathwayChosen: z.boolean(),
  tier: z.enum(TIERS).nullable(),
  since: z.string(),
});
export type LibraryMember = z.output<typeof libraryMemberSchema>;

/** GET /libraries/:library — a page of members; `frozen` set for a past year kept as at its cut-off. */
export const libraryListSchema = paged(libraryMemberSchema).extend({
  year: z.number(),
  library: z.enum(LIBRARIES),
  frozen: z.object({ asOf: z.string(), frozenAt: z.string(), reason: z.string() }).nullable(),
});
export type LibraryList = z.output<typeof libraryListSchema>;

/** GET /libraries/years — the year in progress and every year with memberships, frozen or not. */
export const libraryYearsSchema = z.object({
  current: z.number(),
  items: z.array(
    z.object({
      year: z.number(),
      current: z.boolean(),
      frozen: z
        .object({ asOf: z.string(), frozenAt: z.string(), members: z.number(), reason: z.string() })
        .nullable(),
    }),
  ),
});
export type LibraryYears = z.output<typeof libraryYearsSchema>;

/** POST /libraries/recompute */
export const libraryRecomputeSchema = z.object({
  year: yearField,
  reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500个字'),
});
export type LibraryRecompute = z.output<typeof libraryRecomputeSchema>;
export const libraryRecomputeResultSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  evaluated: z.number(),
  entered: z.number(),
  left: z.number(),
  members: z.number(),
  frozen: z.boolean(),
});
export type LibraryRecomputeResult = z.output<typeof libraryRecomputeResultSchema>;

/** A firm's library history: every entry and exit with its reason, its pathway choices and operating status. */
export const firmLibraryHistorySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      year: z.number(),
      library: z.enum(LIBRARIES),
      current: z.boolean(),
      manual: z.boolean(),
      enteredAt: z.string(),
      enteredRule: z.string().nullable(),
      enteredReason: z.string(),
      enteredByName: z.string().nullable(),
      leftAt: z.string().nullable(),
      leftReason: z.string().nullable(),
      leftByName: z.string().nullable(),
    }),
  ),
  pathways: z.array(
    z.object({
      year: z.number(),
      pathway: z.enum(PATHWAYS),
      reason: z.string(),
      setAt: z.string(),
      setByName: z.string().nullable(),
    }),
  ),
  operatingStatus: z.array(
    z.object({
      status: z.enum(OPERATING_STATUSES),
      since: z.string(),
      reason: z.string(),
      recordedAt: z.string(),
      recordedByName: z.string().nullable(),
    }),
  ),
});
export type FirmLibraryHistory = z.output<typeof firmLibraryHistorySchema>;

/** PUT /enterprises/:id/pathway — the pathway as set. */
export const pathwaySetSchema = z.object({
  year: z.number(),
  pathway: z.enum(PATHWAYS),
  pathwayLabel: z.string(),
  reason: z.string(),
  setAt: z.string(),
});
export type PathwaySet = z.output<typeof pathwaySetSchema>;

/** A 达规未入统 firm: below the line in the directory, above it on its tax figures this year. */
export const unreportedItemSchema = z.object({
  enterpriseId: z.number(),
  creditCode: z.string(),
  name: z.string(),
  legalForm: z.string(),
  industryCode: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  taxRevenue: z.string(),
  taxMonths: z.number(),
  lastPeriod: z.string(),
  statisticsRevenue: z.string().nullable(),
  pathway: z.enum(PATHWAYS),
  reason: z.string(),
});
export type UnreportedItem = z.output<typeof unreportedItemSchema>;
/** GET /todo/unreported — `threshold` is the year's scale line in yuan. */
export const unreportedListSchema = z.object({
  year: z.number(),
  threshold: z.string(),
  items: z.array(unreportedItemSchema),
});
export type UnreportedList = z.output<typeof unreportedListSchema>;
