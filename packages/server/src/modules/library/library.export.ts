// One library's members as a workbook: shared by GET /libraries/:library/export and `shenggui export libraries`.
import {
  LEGAL_FORM_LABELS,
  type LegalForm,
  LIBRARY_LABELS,
  type Library,
  PATHWAY_LABELS,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbook } from '../../platform/excel.js';
import { type LibraryListQuery, type LibraryMemberView, listAllOfLibrary } from './library.service.js';

const wan = (yuan: string | null) => (yuan === null ? null : Math.round(Number(yuan) / 100) / 100);

export async function exportLibrary(
  db: Executor,
  ctx: RequestContext,
  library: Library,
  query: Omit<LibraryListQuery, 'page' | 'pageSize'>,
): Promise<{ buffer: Buffer; baseName: string }> {
  const { items, year: y, frozen } = await listAllOfLibrary(db, ctx, library, query);
  // A past year's list is the one frozen at its cut-off: the title says so.
  const title = `${y}年${LIBRARY_LABELS[library]}${frozen ? `（截至${frozen.asOf}）` : ''}`;
  const buffer = await buildWorkbook<LibraryMemberView>(
    title,
    [
      { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
      { header: '企业名称', width: 36, value: (r) => r.name },
      { header: '法人类型', value: (r) => LEGAL_FORM_LABELS[r.legalForm as LegalForm] ?? r.legalForm },
      { header: '行业代码', value: (r) => r.industryCode },
      { header: '所属乡镇', value: (r) => r.townshipName },
      { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
      {
        header: `${y - 1}年营业收入（万元）`,
        width: 20,
        numFmt: '#,##0.00',
        value: (r) => wan(r.priorYearRevenue),
      },
      // A prior year with fewer than twelve months says which ones ("2025年（7-12月，6个月）").
      { header: `${y - 1}年收入月份`, width: 26, value: (r) => r.priorYearLabel ?? '' },
      {
        header: `${y}年累计营业收入（万元）`,
        width: 22,
        numFmt: '#,##0.00',
        value: (r) => wan(r.ytdRevenue),
      },
      { header: '累计月数', value: (r) => r.ytdMonths },
      {
        header: '预计全年（万元）',
        width: 18,
        numFmt: '#,##0.00',
        value: (r) => wan(r.projectedRevenue),
      },
      { header: '升规路径', value: (r) => (r.pathway ? PATHWAY_LABELS[r.pathway] : '') },
      { header: '梯队', value: (r) => r.tier ?? '' },
      { header: '入库原因', width: 60, value: (r) => r.reasons.join('；') },
      { header: '人工调整', value: (r) => (r.manual ? '是' : '') },
      { header: '入库时间', width: 20, value: (r) => r.since.slice(0, 10) },
    ],
    items,
  );
  return { buffer, baseName: title };
}
