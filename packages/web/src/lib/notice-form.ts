// Defaults of the progress-notice form, pure and tested: the title the server would use and
// the day the notice shows (today, or the year's last day for a past year).

export const defaultNoticeTitle = (year: number) => `关于${year}年全县规上工业企业净增工作进展情况的通报`;

export function defaultNoticeAsOf(year: number, today: string): string {
  const yearEnd = `${year}-12-31`;
  if (today.slice(0, 4) < String(year)) return `${year}-01-01`;
  return today < yearEnd ? today : yearEnd;
}

/** A year from the URL, or the fallback when it is missing or out of range. */
export function parseYearParam(raw: string | null, fallback: number): number {
  const y = Number(raw);
  return raw && Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}
