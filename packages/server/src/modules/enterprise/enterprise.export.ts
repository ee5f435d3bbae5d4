// The enterprise list as a workbook: shared by GET /enterprises/export and `shenggui export enterprises`.
import {
  type EnterpriseListQuery,
  type EnterpriseView,
  LEGAL_FORM_LABELS,
  SCALE_STATUS_LABELS,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { listAllEnterprises } from './enterprise.service.js';

export async function exportEnterprises(
  db: Db,
  ctx: RequestContext,
  query: EnterpriseListQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const { items, revenueYear } = await listAllEnterprises(db, ctx, query);
  const buffer = await buildWorkbook<EnterpriseView>(
    '企业列表',
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.name },
      { header: '法人类型', value: (r) => LEGAL_FORM_LABELS[r.legalForm] },
      { header: '行业代码', value: (r) => r.industryCode },
      { header: '行业名称', width: 30, value: (r) => r.industryName },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      {
        header: '规模状态',
        value: (r) => SCALE_STATUS_LABELS[r.scaleStatus],
      },
      {
        header: `${revenueYear}年营业收入（万元）`,
        width: 22,
        numFmt: '#,##0.00',
        value: (r) => (r.revenue === null ? null : Math.round(Number(r.revenue) / 100) / 100),
      },
      {
        header: '收入月份',
        width: 26,
        value: (r) => r.revenueLabel ?? '',
      },
      {
        header: '收入口径',
        value: (r) => (r.revenueSource === 'statistics' ? '统计' : r.revenueSource === 'tax' ? '税务' : ''),
      },
      { header: '信用代码校验', value: (r) => (r.creditCodeFlagged ? '校验位存疑' : '') },
    ],
    items,
  );
  return { buffer, baseName: '企业列表' };
}
