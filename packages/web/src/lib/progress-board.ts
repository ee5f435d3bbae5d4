// The progress board's state in the URL (year, "as of" date, dimension) and the small figures it derives:
// completion rate, remaining, probability text. Pure, tested.

export const PROGRESS_DIMENSIONS = ['territorial', 'supervising'] as const;
export type ProgressDimension = (typeof PROGRESS_DIMENSIONS)[number];

export interface BoardState {
  year: number;
  /** YYYY-MM-DD, or null for "today" (the server's default). */
  asOf: string | null;
  dimension: ProgressDimension;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseBoardSearch(params: URLSearchParams, currentYear: number): BoardState {
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : currentYear;
  const a = params.get('asOf');
  const asOf = a && ISO_DATE.test(a) && !Number.isNaN(Date.parse(a)) ? a : null;
  const d = params.get('dim');
  const dimension: ProgressDimension = d === 'supervising' ? 'supervising' : 'territorial';
  return { year, asOf, dimension };
}

export function boardSearch(state: BoardState, currentYear: number): URLSearchParams {
  const p = new URLSearchParams();
  if (state.year !== currentYear) p.set('year', String(state.year));
  if (state.asOf) p.set('asOf', state.asOf);
  if (state.dimension !== 'territorial') p.set('dim', state.dimension);
  return p;
}

/** The years the select offers: a few back from the current one, plus the one in the URL. */
export function boardYears(currentYear: number, selected: number, back = 3): number[] {
  const ys = new Set<number>();
  for (let y = currentYear; y >= currentYear - back; y--) ys.add(y);
  ys.add(selected);
  return [...ys].sort((a, b) => b - a);
}

/** net / target as a whole percentage; null without a (positive) target. May exceed 100. */
export function completionRate(net: number, target: number | null | undefined): number | null {
  if (target === null || target === undefined || target <= 0) return null;
  return Math.round((net / target) * 1000) / 10;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toFixed(1)}%`;
}

/**
 * A probability 0..1 as a percentage ("<1%" / ">99%" near the ends while open, "—" when unknown): the one
 * definition in domain entry-conversion.ts, shared with the command line.
 */
export { formatProbabilityPercent as formatProbability } from '@shenggui/domain';

/** target − net, never below 0; null without a target. */
export function remainingOf(net: number, target: number | null | undefined): number | null {
  if (target === null || target === undefined) return null;
  return Math.max(0, target - net);
}

export type ProgressTone = 'done' | 'onTrack' | 'behind' | 'none';

/** The colour a unit's figure gets: reached, at least half-way, behind, or no target. */
export function progressTone(net: number, target: number | null | undefined): ProgressTone {
  const rate = completionRate(net, target);
  if (rate === null) return 'none';
  if (rate >= 100) return 'done';
  return rate >= 50 ? 'onTrack' : 'behind';
}
