// The library lists (/libraries/:library): their URL state under the API's own names (GET
// /libraries/:library), read by the list kit, and the helpers particular to these lists.
import { LIBRARIES, type Library, PATHWAYS, pageQuery, TIERS, type Tier } from '@shenggui/domain';
import { z } from 'zod';
import { defineListQuery, idFilter, textFilter, yearFilter } from '../components/list-kit/list-query';

const libraryListSchema = pageQuery.extend({
  year: yearFilter,
  townshipId: idFilter,
  supervisingUnitId: idFilter,
  tier: z.enum(TIERS).optional(),
  pathway: z.enum(PATHWAYS).optional(),
  q: textFilter(100).optional(),
});

/** The year says which list is shown, it does not narrow it: not counted as a filter. */
export const libraryListQuery = defineListQuery({ schema: libraryListSchema, uncounted: ['year'] });

export function isLibrary(raw: string | undefined): raw is Library {
  return raw !== undefined && (LIBRARIES as readonly string[]).includes(raw);
}

/** A probability 0…1 as a whole percentage ("87%"); null or nonsense as "—". */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  const clamped = Math.min(1, Math.max(0, p));
  return `${Math.round(clamped * 100)}%`;
}

const TIER_ORDER: Record<Tier, number> = { A: 0, B: 1, C: 2 };

/** Sorter for tiers: A first, then B, C, and no tier last. */
export function compareTier(a: Tier | null | undefined, b: Tier | null | undefined): number {
  return (a ? TIER_ORDER[a] : 3) - (b ? TIER_ORDER[b] : 3);
}

/**
 * The fields a form change touched, with their errors cleared: an error set from a schema or the server
 * stays until the user edits that field (antd keeps manual errors otherwise).
 */
export function clearedErrors<T extends object>(
  changed: T,
): Array<{ name: keyof T & string; errors: string[] }> {
  return (Object.keys(changed) as Array<keyof T & string>).map((name) => ({ name, errors: [] }));
}
