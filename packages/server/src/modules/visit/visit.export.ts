// 走访 records as a workbook (GET /visits/export): the filtered visits, voided ones marked.
import type { VisitFilterQuery, VisitView } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllVisits } from './visit.service.js';

export async function exportVisits(
  db: Db,
  ctx: RequestContext,
  query: VisitFilterQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllVisits(db, ctx, query);
  const buffer = await buildWorkbook<VisitView>(
    '走访记录',
    [
      { header: '走访日期', width: 12, value: (r) => r.visitedOn },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '走访目的', value: (r) => r.purposeLabel },
      {
        header: '走访人员',
        width: 30,
        value: (r) => r.officials.map((o) => `${o.name}（${o.unitName}）`).join('、'),
      },
      { header: '走访情况', width: 60, value: (r) => r.findings },
      { header: '提出诉求数', value: (r) => r.requestCount },
      { header: '附件数', value: (r) => r.fileCount },
      { header: '登记单位', width: 18, value: (r) => r.recordedUnitName },
      { header: '登记人', width: 16, value: (r) => r.recordedByName },
      { header: '状态', value: (r) => (r.voided ? '已作废' : '有效') },
      { header: '作废原因', width: 30, value: (r) => r.voidReason ?? '' },
    ],
    items,
  );
  return { buffer, baseName: '走访记录' };
}
