// The shape of a progress report: the county's net increase of above-scale industrial firms against its
// targets, in the two dimensions of the seed's allocation (属地 townships, 行业主管 supervising units).
// Produced by the server's progress slice; read by the dashboard, the notice (进度通报) and the CLI.

import { z } from 'zod';

export const progressRowSchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  /** The unit's allocated target for the year; null when none was set. */
  target: z.number().nullable(),
  entered: z.number(),
  exited: z.number(),
  net: z.number(),
  /** target − net, never below 0; null without a target. */
  remaining: z.number().nullable(),
  /** 1 = best; ties share a rank (competition ranking on net, then on completion rate). */
  rank: z.number(),
  /** Probability that the unit reaches its target by the year's cut-off (forecast); null when unknown. */
  pReachTarget: z.number().nullable(),
});
export type ProgressRow = z.output<typeof progressRowSchema>;

/** GET /progress — the HTTP contract of the board (contracts/progress.ts holds the slice's other shapes). */
export const progressReportSchema = z.object({
  year: z.number(),
  /** The day the board shows the county as it stood on (YYYY-MM-DD). */
  asOf: z.string(),
  county: z.object({
    unitId: z.number(),
    code: z.string(),
    name: z.string(),
    /** The city's target for the county (the floor the county is assessed on). */
    cityTarget: z.number().nullable(),
    /** The sum the county allocated in each dimension (it may exceed the city target on purpose). */
    territorialTarget: z.number(),
    supervisingTarget: z.number(),
    entered: z.number(),
    exited: z.number(),
    net: z.number(),
    pReachCityTarget: z.number().nullable(),
  }),
  dimensions: z.object({ territorial: z.array(progressRowSchema), supervising: z.array(progressRowSchema) }),
});
export type ProgressReport = z.output<typeof progressReportSchema>;

export const COUNTING_BASES = ['approval', 'effective'] as const;
export type CountingBasis = (typeof COUNTING_BASES)[number];

/** The counting rule as the API answers it (the request is counting.ts's countingRuleSchema, with its checks). */
export const countingRuleView = z.object({
  basis: z.enum(COUNTING_BASES),
  /** MM-DD: events dated after it count in the next year. */
  cutoff: z.string(),
});
/** Which date decides the year an entry or exit counts in, and the cut-off (docs/domain.md §5; configurable per year). */
export type CountingRule = z.output<typeof countingRuleView>;
export const DEFAULT_COUNTING_RULE: CountingRule = { basis: 'approval', cutoff: '12-31' };
