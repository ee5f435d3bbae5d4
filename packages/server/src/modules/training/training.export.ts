// Trainings as a workbook: GET /trainings/export.
import type { TrainingFilter, TrainingView } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllTrainings } from './training.service.js';

export async function exportTrainings(
  db: Db,
  ctx: RequestContext,
  query: TrainingFilter,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllTrainings(db, ctx, query);
  const buffer = await buildWorkbook<TrainingView>(
    '培训宣讲活动',
    [
      { header: '举办日期', width: 12, value: (r) => r.heldOn },
      { header: '主题', width: 40, value: (r) => r.topic },
      { header: '形式', value: (r) => r.kindLabel },
      { header: '主办单位', width: 20, value: (r) => r.organiserUnitName },
      { header: '地点', width: 24, value: (r) => r.location ?? '' },
      { header: '参会企业数', value: (r) => r.firmCount },
      { header: '参会干部人数', value: (r) => r.officialCount },
      { header: '未匹配人数', value: (r) => r.unmatchedCount },
      { header: '签到总人数', value: (r) => r.attendeeCount },
      { header: '说明', width: 30, value: (r) => r.note ?? '' },
      { header: '登记人', width: 14, value: (r) => r.createdByName ?? '' },
      { header: '状态', value: (r) => (r.voided ? '已作废' : '有效') },
      { header: '作废原因', width: 24, value: (r) => r.voidReason ?? '' },
    ],
    items,
  );
  return { buffer, baseName: '培训宣讲活动' };
}
