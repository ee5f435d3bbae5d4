// 包联 list as a workbook (GET /leads/export): the filtered firms with their libraries, lead and suggestion.
import type { LeadFilterQuery, LeadRow } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllLeads } from './lead.service.js';

export async function exportLeads(
  db: Db,
  ctx: RequestContext,
  query: LeadFilterQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const { year, items } = await listAllLeads(db, ctx, query);
  const buffer = await buildWorkbook<LeadRow>(
    `${year}年包联`,
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '所在库', width: 20, value: (r) => r.libraries.map((l) => l.label).join('、') },
      { header: '包联单位', width: 18, value: (r) => r.lead?.unitName ?? '未确定' },
      { header: '包联人', value: (r) => r.lead?.name ?? '' },
      { header: '联系电话', width: 16, value: (r) => r.lead?.phone ?? '' },
      { header: '指定时间', width: 18, value: (r) => r.lead?.assignedAt.slice(0, 10) ?? '' },
      { header: '建议包联单位', width: 18, value: (r) => r.suggested.unitName },
    ],
    items,
  );
  return { buffer, baseName: `${year}年企业包联` };
}
