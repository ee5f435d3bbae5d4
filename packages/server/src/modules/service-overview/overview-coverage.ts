// The libraries' coverage as the service report prints it, from the one computation (service-coverage):
// a township's row by 属地, the zone's and a department's by 行业主管, the centre's the whole county's (it
// answers for every firm); bureaus have no firms of their own and get none.
import {
  COVERAGE_LIBRARIES,
  type CoverageCount,
  type CoverageLibrary,
  type CoverageRow,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { serviceCoverage } from '../service-coverage/coverage.service.js';

export interface ReportCoverage {
  byUnit: Map<number, Record<CoverageLibrary, CoverageCount>>;
  /** The caller's whole scope. */
  total: Record<CoverageLibrary, CoverageCount>;
  /** Units that answer for the county's firms as a whole (the centre). */
  countyWide: Record<CoverageLibrary, CoverageCount>;
}

const counts = (row: CoverageRow) =>
  Object.fromEntries(
    COVERAGE_LIBRARIES.map((l) => [l, { reached: row.libraries[l].reached, total: row.libraries[l].total }]),
  ) as Record<CoverageLibrary, CoverageCount>;

export async function coverageForReport(
  db: Executor,
  ctx: RequestContext,
  q: { year: number; asOf: string },
): Promise<ReportCoverage> {
  const c = await serviceCoverage(db, ctx, q);
  const byUnit = new Map<number, Record<CoverageLibrary, CoverageCount>>();
  for (const row of [...c.townships, ...c.supervising]) byUnit.set(row.unitId, counts(row));
  const total = counts(c.county);
  return { byUnit, total, countyWide: total };
}
