// The progress slice's HTTP contract (净增进度, docs/api.md §Progress). The board itself is
// `progressReportSchema` and the year's rule `countingRuleView` in ../progress.ts (shared with the notice and
// the CLI); the drill-down, the cumulative line and the deciding firms are here.
import { z } from 'zod';
import { isIsoDate } from '../period.js';
import { yearField } from './common.js';

const asOf = z.string().trim().refine(isIsoDate, '截至日期应为有效日期，格式如 2024-06-30').optional();
const dimension = z.enum(['territorial', 'supervising']);
const unitId = z.coerce.number({ error: '单位编号应为正整数' }).int().positive('单位编号应为正整数');

/** `?year=&asOf=` of GET /progress and its export; `asOf` defaults to today (China time). */
export const progressQuery = z.object({ year: yearField, asOf });
export const progressAsOfQuery = z.object({ asOf });

/** GET /progress/:year/enterprises — the firms behind a number of the board. */
export const progressFirmsQuery = z.object({
  asOf,
  kind: z.enum(['entered', 'exited'], { error: 'kind 应为 entered 或 exited' }),
  dimension: dimension.optional(),
  unitId: unitId.optional(),
});
export const progressFirmSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  events: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      mode: z.string().nullable(),
      batch: z.string().nullable(),
      approvalDate: z.string(),
      effectivePeriod: z.string(),
      exitReason: z.string().nullable(),
    }),
  ),
});
export type ProgressFirm = z.output<typeof progressFirmSchema>;
export const progressFirmListSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  kind: z.enum(['entered', 'exited']),
  items: z.array(progressFirmSchema),
});
export type ProgressFirmList = z.output<typeof progressFirmListSchema>;

/** A point of the county's cumulative line: the board as it stood on the month's last day (or asOf). */
export const cumulativePointSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  entered: z.number(),
  exited: z.number(),
  net: z.number(),
});
export type CumulativePoint = z.output<typeof cumulativePointSchema>;
/** The forecast band of the cumulative line: quantiles of the county's net at a month's end. */
export const forecastBandPointSchema = z.object({
  period: z.string(),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
});
export type ForecastBandPoint = z.output<typeof forecastBandPointSchema>;
/** GET /progress/:year/cumulative; `forecast` is empty once the year is over. */
export const progressCumulativeSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  months: z.array(cumulativePointSchema),
  forecast: z.array(forecastBandPointSchema),
});
export type ProgressCumulative = z.output<typeof progressCumulativeSchema>;

/** GET /progress/:year/deciding — the firms whose entry or exit is still open either way. */
export const decidingQuery = z.object({ asOf, dimension: dimension.optional(), unitId: unitId.optional() });
export const decidingFirmSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  name: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  /** entry: the firm may still enter this year; exit: it may still exit. */
  kind: z.enum(['entry', 'exit']),
  /** P(the entry / exit happens and counts in the year). */
  p: z.number(),
  projectedRevenue: z.number().nullable(),
  ytdRevenue: z.number().nullable(),
  ytdMonths: z.number(),
});
export type DecidingFirm = z.output<typeof decidingFirmSchema>;
export const decidingFirmListSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  items: z.array(decidingFirmSchema),
});
export type DecidingFirmList = z.output<typeof decidingFirmListSchema>;
