// Monthly and quarterly figures as versioned facts (server modules/revenue). The request is
// revenueFactCreateSchema (schemas.ts).
import { z } from 'zod';
import { REVENUE_SOURCES } from '../access.js';

/** One version of a firm's figure: yuan (kWh for electricity) as a decimal string. */
export const revenueFactSchema = z.object({
  id: z.number(),
  /** The last month covered, `YYYY-MM`. */
  period: z.string(),
  /** 1 = a month; 3 = the calendar quarter ending at `period`. */
  months: z.number(),
  source: z.enum(REVENUE_SOURCES),
  value: z.string(),
  version: z.number(),
  isCurrent: z.boolean(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  importBatchId: z.number().nullable(),
});
export type RevenueFactView = z.output<typeof revenueFactSchema>;

/** GET /enterprises/:id/revenue — every version, optionally of one year. */
export const revenueFactsQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const revenueFactListSchema = z.object({ items: z.array(revenueFactSchema) });
export type RevenueFactList = z.output<typeof revenueFactListSchema>;
/** POST /enterprises/:id/revenue (201). */
export const revenueFactCreatedSchema = z.object({ item: revenueFactSchema });
export type RevenueFactCreated = z.output<typeof revenueFactCreatedSchema>;
