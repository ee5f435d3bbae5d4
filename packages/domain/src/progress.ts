// The shape of a progress report: the county's net increase of above-scale industrial firms against its
// targets, in the two dimensions of the seed's allocation (属地 townships, 行业主管 supervising units).
// Produced by the server's progress slice; read by the dashboard, the notice (进度通报) and the CLI.

export interface ProgressRow {
  unitId: number;
  code: string;
  name: string;
  /** The unit's allocated target for the year; null when none was set. */
  target: number | null;
  entered: number;
  exited: number;
  net: number;
  /** target − net, never below 0; null without a target. */
  remaining: number | null;
  /** 1 = best; ties share a rank (competition ranking on net, then on completion rate). */
  rank: number;
  /** Probability that the unit reaches its target by the year's cut-off (forecast); null when unknown. */
  pReachTarget: number | null;
}

export interface ProgressReport {
  year: number;
  /** The day the board shows the county as it stood on (YYYY-MM-DD). */
  asOf: string;
  county: {
    unitId: number;
    code: string;
    name: string;
    /** The city's target for the county (the floor the county is assessed on). */
    cityTarget: number | null;
    /** The sum the county allocated in each dimension (it may exceed the city target on purpose). */
    territorialTarget: number;
    supervisingTarget: number;
    entered: number;
    exited: number;
    net: number;
    pReachCityTarget: number | null;
  };
  dimensions: { territorial: ProgressRow[]; supervising: ProgressRow[] };
}

export const COUNTING_BASES = ['approval', 'effective'] as const;
export type CountingBasis = (typeof COUNTING_BASES)[number];

/** Which date decides the year an entry or exit counts in, and the cut-off (docs/domain.md §5; configurable per year). */
export interface CountingRule {
  basis: CountingBasis;
  /** MM-DD: events dated after it count in the next year. */
  cutoff: string;
}
export const DEFAULT_COUNTING_RULE: CountingRule = { basis: 'approval', cutoff: '12-31' };
