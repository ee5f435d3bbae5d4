// The firms not reached yet as a workbook: GET /service/coverage/unreached/export.
import { COVERAGE_LIBRARY_LABELS, type UnreachedFilter, type UnreachedFirm } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllUnreachedFirms } from './coverage.service.js';

export async function exportUnreached(
  db: Db,
  ctx: RequestContext,
  query: UnreachedFilter,
): Promise<{ buffer: Buffer; baseName: string }> {
  const { items, year } = await listAllUnreachedFirms(db, ctx, query);
  const library = COVERAGE_LIBRARY_LABELS[query.library];
  const buffer = await buildWorkbook<UnreachedFirm>(
    `${library}未覆盖企业`,
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      { header: '包联单位', width: 18, value: (r) => r.leadUnitName ?? '' },
      { header: '包联人', value: (r) => r.leadName ?? '' },
      { header: '包联人电话', width: 14, value: (r) => r.leadPhone ?? '' },
      { header: '最近联系日期', width: 12, value: (r) => r.lastContactOn ?? '' },
      {
        header: '最近联系方式',
        value: (r) =>
          r.lastContactKind === 'visit' ? '走访' : r.lastContactKind === 'training' ? '培训' : '',
      },
    ],
    items,
  );
  return { buffer, baseName: `${year}年${library}未覆盖企业` };
}
