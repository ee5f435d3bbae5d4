// Defaults of the progress-notice form, pure and tested: the title the server would use and
// the day the notice shows (today, or the year's last day for a past year).

export const defaultNoticeTitle = (year: number) => `关于${year}年全县规上工业企业净增工作进展情况的通报`;

/** The notice's default paragraphs: text of the Chinese document, not of the UI, so the same in both languages. */
export const DEFAULT_NOTICE_PRAISE =
  '对完成或超额完成年度目标任务的单位提出表扬。希望受表扬的单位再接再厉，继续做好企业培育和入库申报工作。';
export const DEFAULT_NOTICE_ATTENTION =
  '部分单位净增进度滞后，培育库企业跟踪服务不到位。请各单位对照目标任务，逐户梳理临规企业，加强入企服务，确保应统尽统、应入尽入，按期完成全年目标任务。';

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
