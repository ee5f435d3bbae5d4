// 入库/退库 events as a workbook: shared by GET /directory-events/export and `shenggui export directory`.
import type { DirectoryEventListQuery, DirectoryEventView } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllDirectoryEvents } from './directory.service.js';

export async function exportDirectoryEvents(
  db: Db,
  ctx: RequestContext,
  query: Omit<DirectoryEventListQuery, 'page' | 'pageSize'>,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllDirectoryEvents(db, ctx, query);
  const buffer = await buildWorkbook<DirectoryEventView>(
    '入库退库记录',
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '类型', value: (r) => r.typeLabel },
      { header: '入库方式', value: (r) => r.modeLabel ?? '' },
      { header: '批次', width: 16, value: (r) => r.batch ?? '' },
      { header: '批准日期', width: 12, value: (r) => r.approvalDate },
      { header: '生效期间', value: (r) => r.effectivePeriod },
      { header: '退库原因', width: 16, value: (r) => r.exitReasonLabel ?? '' },
      { header: '说明', width: 30, value: (r) => r.note ?? '' },
      { header: '登记人', width: 16, value: (r) => r.recordedByName ?? '' },
      { header: '状态', value: (r) => (r.voided ? '已作废' : '有效') },
      { header: '作废原因', width: 30, value: (r) => r.voidReason ?? '' },
    ],
    items,
  );
  return { buffer, baseName: '入库退库记录' };
}
