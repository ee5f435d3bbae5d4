// The libraries' coverage as the service report prints it: per unit and in total (the coverage module
// decides what "reached" means; this only reshapes its answer).
import { COVERAGE_LIBRARIES, type CoverageCount, type CoverageLibrary } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';

export interface ReportCoverage {
  byUnit: Map<number, Record<CoverageLibrary, CoverageCount>>;
  total: Record<CoverageLibrary, CoverageCount>;
}

export async function coverageForReport(
  _db: Executor,
  _ctx: RequestContext,
  _q: { year: number; asOf: string },
): Promise<ReportCoverage> {
  // PENDING-MERGE: replaced by the coverage module's serviceCoverage.
  const zero = Object.fromEntries(COVERAGE_LIBRARIES.map((l) => [l, { reached: 0, total: 0 }])) as Record<
    CoverageLibrary,
    CoverageCount
  >;
  return { byUnit: new Map(), total: zero };
}
