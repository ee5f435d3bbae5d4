// Directory entries and exits (入库/退库, server modules/directory). Requests to record or void an event
// are directoryEventCreateSchema and directoryEventVoidSchema (directory.ts).
import { z } from 'zod';
import { DIRECTORY_EVENT_TYPES, ENTRY_MODES, EXIT_REASONS } from '../directory.js';
import { firmRefFields, paged, pageQuery } from './common.js';

/** An event with its firm, labels and whether it was voided (events are never edited). */
export const directoryEventSchema = z.object({
  id: z.number(),
  ...firmRefFields,
  type: z.enum(DIRECTORY_EVENT_TYPES),
  typeLabel: z.string(),
  mode: z.enum(ENTRY_MODES).nullable(),
  modeLabel: z.string().nullable(),
  batch: z.string().nullable(),
  approvalDate: z.string(),
  effectivePeriod: z.string(),
  exitReason: z.enum(EXIT_REASONS).nullable(),
  exitReasonLabel: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  importBatchId: z.number().nullable(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type DirectoryEventView = z.output<typeof directoryEventSchema>;

const optionalUnitId = z.coerce.number({ error: '单位编号应为正整数' }).int().positive().optional();
/** GET /directory-events/export: `year` selects the events counting in that year under its counting rule. */
export const directoryEventFilterSchema = z.object({
  year: z.coerce.number({ error: '年份应为整数' }).int().min(2000).max(2100).optional(),
  type: z.enum(DIRECTORY_EVENT_TYPES, { error: '类型应为 entry 或 exit' }).optional(),
  townshipId: optionalUnitId,
  supervisingUnitId: optionalUnitId,
});
export type DirectoryEventFilterQuery = z.output<typeof directoryEventFilterSchema>;
/** GET /directory-events */
export const directoryEventListQuerySchema = directoryEventFilterSchema.extend(pageQuery.shape);
export type DirectoryEventListQuery = z.output<typeof directoryEventListQuerySchema>;

export const directoryEventPageSchema = paged(directoryEventSchema);
/** GET /enterprises/:id/directory-events — voided ones included. */
export const directoryEventListSchema = z.object({ items: z.array(directoryEventSchema) });
export type DirectoryEventList = z.output<typeof directoryEventListSchema>;
