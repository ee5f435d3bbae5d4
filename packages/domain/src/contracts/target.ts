// Targets per year in two dimensions (server modules/target). The request to save an allocation is
// targetAllocationSchema (targets.ts); the year in the query or path is yearParams (common.ts).
import { z } from 'zod';

/** A township's or supervising unit's target (null where none is set). */
export const targetUnitSchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  target: z.number().nullable(),
});
export type TargetUnitView = z.output<typeof targetUnitSchema>;

export const targetsViewSchema = z.object({
  year: z.number(),
  cityTarget: z.number().nullable(),
  territorial: z.array(targetUnitSchema),
  supervising: z.array(targetUnitSchema),
  sums: z.object({ territorial: z.number(), supervising: z.number() }),
  /** Chinese lines: a dimension's sum below the city target, or its over-allocation (information). */
  warnings: z.array(z.string()),
});
export type TargetsView = z.output<typeof targetsViewSchema>;
