// 督导 records as a workbook (GET /supervisions/export).
import type { SupervisionFilterQuery, SupervisionRow } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllSupervisions } from './supervision.service.js';

export async function exportSupervisions(
  db: Db,
  ctx: RequestContext,
  query: SupervisionFilterQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const rows = await listAllSupervisions(db, ctx, query);
  const buffer = await buildWorkbook<SupervisionRow>(
    '督导记录',
    [
      { header: '督导日期', width: 12, value: (r) => r.heldOn },
      { header: '被督导单位', width: 18, value: (r) => r.unitName },
      { header: '督导发现', width: 60, value: (r) => r.findings },
      { header: '整改事项', value: (r) => r.items },
      { header: '未办结', value: (r) => r.openItems },
      { header: '已逾期', value: (r) => r.overdueItems },
      { header: '最近期限', width: 12, value: (r) => r.nextDueOn ?? '' },
      { header: '状态', width: 12, value: (r) => r.stateLabel },
      { header: '记录人', width: 14, value: (r) => r.recordedByName ?? '' },
    ],
    rows,
  );
  return { buffer, baseName: '督导记录' };
}
