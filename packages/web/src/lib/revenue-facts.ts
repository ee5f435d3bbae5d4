// Revenue facts as the firm page lists them: every version, corrections included (a correction is a new
// version; the old one stays — docs/ARCHITECTURE.md §Data).
import { REVENUE_SOURCES, type RevenueSource, splitPeriod } from '@shenggui/domain';

export interface VersionedFact {
  period: string;
  source: RevenueSource;
  value: string | number;
  version: number;
  isCurrent: boolean;
}

/** Newest period first, sources in catalogue order, newest version first. */
export function sortRevenueFacts<T extends VersionedFact>(facts: readonly T[]): T[] {
  return [...facts].sort(
    (a, b) =>
      b.period.localeCompare(a.period) ||
      REVENUE_SOURCES.indexOf(a.source) - REVENUE_SOURCES.indexOf(b.source) ||
      b.version - a.version,
  );
}

export function factsOfYear<T extends VersionedFact>(facts: readonly T[], year: number): T[] {
  return facts.filter((f) => splitPeriod(f.period).year === year);
}

/** The figure a new entry for (period, source) would correct, if any. */
export function currentFact<T extends VersionedFact>(
  facts: readonly T[],
  period: string | null | undefined,
  source: RevenueSource | null | undefined,
): T | null {
  if (!period || !source) return null;
  return facts.find((f) => f.isCurrent && f.period === period && f.source === source) ?? null;
}
