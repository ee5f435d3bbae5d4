// Service work's results (server modules/service-overview): the workload per unit and per official, the
// overdue requests, and one firm's timeline. `report service --json` prints the same report.
import { z } from 'zod';
import { isIsoDate } from '../period.js';
import { COVERAGE_LIBRARIES, LIGHTS, RUNNING_DEADLINE_LABELS, TIMELINE_KINDS } from '../service.js';
import { yearField } from './common.js';

const asOf = z.string().trim().refine(isIsoDate, '截至日期应为有效日期，格式如 2026-06-30').optional();

/** `?year=&asOf=` — asOf defaults to today, or the year's last day for a past year. */
export const serviceReportQuery = z.object({ year: yearField.optional(), asOf });
export type ServiceReportQuery = z.output<typeof serviceReportQuery>;

const share = z.number().min(0).max(1).nullable();
export const serviceCoverageSharesSchema = z.object({
  cultivation: share,
  near: share,
  atRisk: share,
});

export const serviceUnitRowSchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  /** Visits this unit's officials took part in (not voided), in the year up to asOf. */
  visits: z.number(),
  firmsVisited: z.number(),
  /** Requests owned by the unit (not yet routed: the centre's), as they stood at asOf. */
  requests: z.object({
    received: z.number(),
    open: z.number(),
    closed: z.number(),
    overdue: z.number(),
    /** Calendar days from raising to closing, median of the closed ones; null when none closed. */
    medianDaysToClose: z.number().nullable(),
    evaluated: z.number(),
    /** 满意 and 基本满意 over all evaluations; null when none. */
    satisfaction: z.number().nullable(),
  }),
  coverage: serviceCoverageSharesSchema,
});
export type ServiceUnitRow = z.output<typeof serviceUnitRowSchema>;

export const serviceOverdueItemSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  firm: z.string(),
  creditCode: z.string(),
  unit: z.string(),
  unitCode: z.string(),
  category: z.string(),
  categoryCode: z.string(),
  title: z.string(),
  /** Which deadline ran out (分派, 受理, 答复, 办结). */
  deadline: z.enum(Object.keys(RUNNING_DEADLINE_LABELS) as ['route', 'accept', 'reply', 'close']),
  dueOn: z.string(),
  daysOverdue: z.number(),
});
export type ServiceOverdueItem = z.output<typeof serviceOverdueItemSchema>;

/** GET /service/overview and `report service --json`. */
export const serviceReportSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  units: z.array(serviceUnitRowSchema),
  /** The caller's whole scope: a visit by two units counts once here. */
  totals: z.object({
    visits: z.number(),
    firmsVisited: z.number(),
    requests: z.number(),
    open: z.number(),
    closed: z.number(),
    overdue: z.number(),
    medianDaysToClose: z.number().nullable(),
    satisfaction: z.number().nullable(),
  }),
  overdue: z.array(serviceOverdueItemSchema),
  /** Per library: firms reached over firms in it (the county, or the caller's scope). */
  coverage: z.object(
    Object.fromEntries(
      COVERAGE_LIBRARIES.map((l) => [l, z.object({ reached: z.number(), total: z.number() })]),
    ) as Record<
      (typeof COVERAGE_LIBRARIES)[number],
      z.ZodObject<{ reached: z.ZodNumber; total: z.ZodNumber }>
    >,
  ),
  lights: z.object(
    Object.fromEntries(LIGHTS.map((l) => [l, z.number()])) as Record<(typeof LIGHTS)[number], z.ZodNumber>,
  ),
});
export type ServiceReport = z.output<typeof serviceReportSchema>;

export const serviceOfficialRowSchema = z.object({
  userId: z.number().nullable(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  visits: z.number(),
  firmsVisited: z.number(),
  requestsRaised: z.number(),
  lastVisitOn: z.string().nullable(),
});
export type ServiceOfficialRow = z.output<typeof serviceOfficialRowSchema>;

export const serviceOfficialsQuery = serviceReportQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
});
export const serviceOfficialsSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  items: z.array(serviceOfficialRowSchema),
});
export type ServiceOfficials = z.output<typeof serviceOfficialsSchema>;

/** One entry of a firm's timeline. */
export const timelineEntrySchema = z.object({
  /** An instant (ISO) or a day (YYYY-MM-DD) for facts that have only a date. */
  at: z.string(),
  day: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  title: z.string(),
  detail: z.string().nullable(),
  /** Who did it, and their unit, when known. */
  by: z.string().nullable(),
  /** A web path to open the thing. */
  link: z.string().nullable(),
  light: z.enum(LIGHTS).nullable(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

export const timelineQuery = z.object({
  kinds: z
    .string()
    .max(200)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : [])),
  from: z.string().refine(isIsoDate, '起始日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().refine(isIsoDate, '截止日期格式应为 YYYY-MM-DD').optional(),
});
export const timelineSchema = z.object({
  enterpriseId: z.number(),
  name: z.string(),
  items: z.array(timelineEntrySchema),
  /** Entries per kind before the kind filter, for the filter's counts. */
  counts: z.record(z.string(), z.number()),
});
export type Timeline = z.output<typeof timelineSchema>;
