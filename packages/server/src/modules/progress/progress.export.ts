// Both net-gain rankings as a workbook: shared by GET /progress/export and `shenggui export progress`.
import type { ProgressRow } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbookSheets, type ExportColumn, sheetOf } from '../../platform/excel.js';
import { getProgressReport, type ProgressQuery } from './progress.service.js';

/** The columns of a ranking sheet: the board's table, counts in 户 and rates as percentages. */
const rankingColumns: ExportColumn<ProgressRow>[] = [
  { header: '排名', value: (r) => r.rank },
  { header: '单位代码', width: 14, value: (r) => r.code },
  { header: '单位', width: 22, value: (r) => r.name },
  { header: '目标（户）', value: (r) => r.target },
  { header: '入库（户）', value: (r) => r.entered },
  { header: '退库（户）', value: (r) => r.exited },
  { header: '净增（户）', value: (r) => r.net },
  { header: '剩余（户）', value: (r) => r.remaining },
  {
    header: '完成率（%）',
    numFmt: '0.0%',
    value: (r) => (r.target !== null && r.target > 0 ? r.net / r.target : null),
  },
  { header: '达标概率（%）', width: 16, numFmt: '0.0%', value: (r) => r.pReachTarget },
];
const byRank = (rows: ProgressRow[]) =>
  [...rows].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));

export async function exportProgress(
  db: Executor,
  ctx: RequestContext,
  query: ProgressQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const report = await getProgressReport(db, ctx, query);
  const buffer = await buildWorkbookSheets([
    sheetOf('属地维度', rankingColumns, byRank(report.dimensions.territorial)),
    sheetOf('行业主管维度', rankingColumns, byRank(report.dimensions.supervising)),
  ]);
  return { buffer, baseName: `净增进度-${report.year}年-截至${report.asOf}` };
}
