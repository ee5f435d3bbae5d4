// The enterprise registry's API (server modules/enterprise): a firm as listed, a firm in detail with its
// scale history, a page of firms with the revenue year shown, the supervising-unit suggestion.
// Requests reuse schemas.ts (enterpriseCreateSchema, enterpriseUpdateSchema, scaleChangeSchema,
// enterpriseListQuerySchema).
import { z } from 'zod';
import { REVENUE_SOURCES } from '../access.js';
import { SCALE_STATUSES } from '../scale.js';
import { industryCodeField, LEGAL_FORMS } from '../schemas.js';
import { paged } from './common.js';

/** A firm as the registry lists it; `revenue` is its revenue of record in the year shown (yuan). */
export const enterpriseViewSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  creditCodeFlagged: z.boolean(),
  name: z.string(),
  legalForm: z.enum(LEGAL_FORMS),
  industryCode: z.string(),
  industryName: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  /** Located in the county's development zone. */
  inZone: z.boolean(),
  scaleStatus: z.enum(SCALE_STATUSES),
  revenue: z.string().nullable(),
  revenueSource: z.enum(REVENUE_SOURCES).extract(['statistics', 'tax']).nullable(),
  /** The revenue year with its months when fewer than twelve have figures: "2023年（7-12月，6个月）". */
  revenueLabel: z.string().nullable(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.output<typeof enterpriseViewSchema>;

export const scaleHistoryEntrySchema = z.object({
  status: z.enum(SCALE_STATUSES),
  effectivePeriod: z.string(),
  reason: z.string(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
});
export type ScaleHistoryEntry = z.output<typeof scaleHistoryEntrySchema>;

export const enterpriseDetailSchema = enterpriseViewSchema.extend({
  address: z.string().nullable(),
  foundedOn: z.string().nullable(),
  productionStartedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** The year `revenue` belongs to. */
  revenueYear: z.number(),
  scaleHistory: z.array(scaleHistoryEntrySchema),
});
export type EnterpriseDetail = z.output<typeof enterpriseDetailSchema>;

/** GET /enterprises: a page of firms and the year whose revenue they show. */
export const enterpriseListSchema = paged(enterpriseViewSchema).extend({ revenueYear: z.number() });
export type EnterpriseList = z.output<typeof enterpriseListSchema>;

/** GET /enterprises/:id */
export const enterpriseDetailQuerySchema = z.object({
  revenueYear: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** GET /enterprises/supervising-suggestion */
export const supervisingSuggestionQuerySchema = z.object({
  industryCode: industryCodeField,
  townshipId: z.coerce.number().int().positive(),
  inZone: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const supervisingSuggestionSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** Why the county's rule names this unit (domain placeFirm). */
  reason: z.string(),
});
export type SupervisingSuggestion = z.output<typeof supervisingSuggestionSchema>;
