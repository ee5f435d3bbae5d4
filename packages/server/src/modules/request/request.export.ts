// Requests as a workbook (GET /requests/export): the list's filters, every row, lights on the server's today.
import type { RequestFilterQuery, RequestItem } from '@shenggui/domain';
import { chinaDateTime, LIGHT_LABELS } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllRequests } from './request.service.js';

export async function exportRequests(
  db: Db,
  ctx: RequestContext,
  query: RequestFilterQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllRequests(db, ctx, query);
  const buffer = await buildWorkbook<RequestItem>(
    '诉求清单',
    [
      { header: '编号', width: 8, value: (r) => r.id },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 32, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '类别', width: 10, value: (r) => r.categoryLabel },
      { header: '诉求标题', width: 36, value: (r) => r.title },
      { header: '状态', width: 10, value: (r) => r.stateLabel },
      { header: '承办单位', width: 18, value: (r) => r.ownerUnitName ?? '' },
      { header: '提出人', width: 20, value: (r) => r.raisedByName },
      { header: '提出单位', width: 16, value: (r) => r.raisedUnitName },
      { header: '提出时间', width: 18, value: (r) => chinaDateTime(new Date(r.raisedAt)) },
      { header: '当前时限', width: 10, value: (r) => r.runningKindLabel ?? '' },
      { header: '到期日', width: 12, value: (r) => r.dueOn ?? '' },
      { header: '亮灯', width: 8, value: (r) => (r.light ? LIGHT_LABELS[r.light] : '') },
      { header: '逾期天数', width: 10, value: (r) => (r.daysOverdue > 0 ? r.daysOverdue : null) },
      {
        header: '办结时间',
        width: 18,
        value: (r) => (r.closedAt ? chinaDateTime(new Date(r.closedAt)) : ''),
      },
      { header: '企业评价', width: 10, value: (r) => r.satisfactionLabel ?? '' },
    ],
    items,
  );
  return { buffer, baseName: '诉求清单' };
}
