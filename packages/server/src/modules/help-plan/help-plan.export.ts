// The year's at-risk firms with their help plans as a workbook (GET /help-plans/export): the year-close view
// with stayed / left per firm.
import type { HelpPlanFilterQuery, HelpPlanRow } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllHelpPlans } from './help-plan.service.js';

export async function exportHelpPlans(
  db: Db,
  ctx: RequestContext,
  query: HelpPlanFilterQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const { rows } = await listAllHelpPlans(db, ctx, query);
  const buffer = await buildWorkbook<HelpPlanRow>(
    `${query.year}年稳规帮扶`,
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '进入临退规库', width: 12, value: (r) => r.enteredOn },
      { header: '方案期限', width: 12, value: (r) => r.dueOn },
      { header: '帮扶状态', width: 14, value: (r) => r.stateLabel },
      { header: '责任单位', width: 18, value: (r) => r.plan?.ownerUnitName ?? '' },
      { header: '责任人', value: (r) => r.plan?.ownerName ?? '' },
      { header: '帮扶措施', width: 50, value: (r) => r.plan?.measures ?? '' },
      { header: '下次复查', width: 12, value: (r) => (r.plan && !r.plan.closedAt ? r.plan.reviewOn : '') },
      { header: '复查次数', value: (r) => r.plan?.reviews ?? 0 },
      { header: '最近复查结果', width: 12, value: (r) => r.plan?.lastOutcomeLabel ?? '' },
      { header: '年度结果', width: 12, value: (r) => r.resultLabel },
    ],
    rows,
  );
  return { buffer, baseName: `${query.year}年稳规帮扶` };
}
