// 规模以上工业: annual main-business revenue ≥ 20,000,000 yuan since 2011 (docs/domain.md §1), configurable per year.
export const DEFAULT_SCALE_THRESHOLD_YUAN = 20_000_000;
export const SCALE_STATUSES = ['above', 'below'] as const;
export type ScaleStatus = (typeof SCALE_STATUSES)[number];
export const SCALE_STATUS_LABELS: Record<ScaleStatus, string> = { above: '规上', below: '规下' };

/** The monthly pace to reach the threshold by December: the cumulative line a firm must stay above. */
export function thresholdPace(thresholdYuan: number): number[] {
  return Array.from({ length: 12 }, (_, i) => (thresholdYuan * (i + 1)) / 12);
}
