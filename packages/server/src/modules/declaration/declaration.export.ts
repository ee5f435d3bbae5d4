// The declaration list as a workbook: shared by GET /declarations/export and `shenggui export declarations`.
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import type { DeclarationFilter } from './declaration.repository.js';
import { type DeclarationView, listAllDeclarations } from './declaration.service.js';

export async function exportDeclarations(
  db: Db,
  ctx: RequestContext,
  filter: DeclarationFilter,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllDeclarations(db, ctx, filter);
  const buffer = await buildWorkbook<DeclarationView>(
    '入库申报',
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '年度', value: (r) => r.year },
      { header: '申报方式', value: (r) => r.modeLabel },
      { header: '批次', width: 16, value: (r) => r.batchName },
      { header: '截止日期', width: 12, value: (r) => r.deadline },
      { header: '状态', width: 14, value: (r) => r.stateLabel },
      { header: '最近意见', width: 30, value: (r) => r.lastComment ?? '' },
    ],
    items,
  );
  return { buffer, baseName: '入库申报' };
}
