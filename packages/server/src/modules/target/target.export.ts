// The year's target allocation as a workbook: shared by GET /targets/export and `shenggui export targets`.
import type { TargetUnitView } from '@shenggui/domain';
// Targets are county-wide (no data scope): ctx is taken for the common export signature only.
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbookSheets, type ExportColumn, sheetOf } from '../../platform/excel.js';
import { getTargets } from './target.service.js';

const unitColumns: ExportColumn<TargetUnitView>[] = [
  { header: '单位代码', width: 14, value: (r) => r.code },
  { header: '单位', width: 22, value: (r) => r.name },
  { header: '目标（户）', value: (r) => r.target },
];
const summaryColumns: ExportColumn<{ item: string; value: number | null }>[] = [
  { header: '项目', width: 22, value: (r) => r.item },
  { header: '数值（户）', value: (r) => r.value },
];

export async function exportTargets(
  db: Executor,
  _ctx: RequestContext,
  year: number,
): Promise<{ buffer: Buffer; baseName: string }> {
  const view = await getTargets(db, year);
  const buffer = await buildWorkbookSheets([
    sheetOf('汇总', summaryColumns, [
      { item: '市下达目标', value: view.cityTarget },
      { item: '属地维度分解合计', value: view.sums.territorial },
      { item: '行业主管维度分解合计', value: view.sums.supervising },
    ]),
    sheetOf('属地维度', unitColumns, view.territorial),
    sheetOf('行业主管维度', unitColumns, view.supervising),
  ]);
  return { buffer, baseName: `目标任务-${view.year}年` };
}
