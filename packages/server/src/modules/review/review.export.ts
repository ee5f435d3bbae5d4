// The review list as a workbook (GET /review/export), with the same filters as the page.
import type { ReviewFilter, ReviewItem } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllReviewItems } from './review.service.js';

export async function exportReviewItems(
  db: Db,
  ctx: RequestContext,
  filter: ReviewFilter,
): Promise<{ buffer: Buffer; baseName: string }> {
  const items = await listAllReviewItems(db, ctx, filter);
  const buffer = await buildWorkbook<ReviewItem>(
    '复核清单',
    [
      { header: '类别', width: 16, value: (r) => r.kindLabel },
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '事项', width: 60, value: (r) => r.subject },
      { header: '理由/说明', width: 40, value: (r) => r.reason ?? '（未填写）' },
      { header: '办理人', width: 16, value: (r) => r.actorName ?? '系统' },
      { header: '时间', width: 20, value: (r) => r.at },
    ],
    items,
  );
  return { buffer, baseName: filter.year ? `复核清单-${filter.year}` : '复核清单' };
}
