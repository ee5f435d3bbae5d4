// The service report as a workbook (GET /service/overview/export): per unit, the overdue requests, and per
// official — the same numbers as the page and `report service`.
import type {
  ServiceOfficialRow,
  ServiceOverdueItem,
  ServiceReportQuery,
  ServiceUnitRow,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { buildWorkbookSheets, type ExportColumn, sheetOf } from '../../platform/excel.js';
import { getServiceOfficials, getServiceReport } from './overview.service.js';

const unitColumns: ExportColumn<ServiceUnitRow>[] = [
  { header: '单位代码', width: 14, value: (r) => r.code },
  { header: '单位', width: 22, value: (r) => r.name },
  { header: '走访（次）', value: (r) => r.visits },
  { header: '走访企业（户）', value: (r) => r.firmsVisited },
  { header: '承办诉求（件）', value: (r) => r.requests.received },
  { header: '在办（件）', value: (r) => r.requests.open },
  { header: '办结（件）', value: (r) => r.requests.closed },
  { header: '逾期（件）', value: (r) => r.requests.overdue },
  { header: '办结用时中位数（天）', width: 18, value: (r) => r.requests.medianDaysToClose },
  { header: '满意率（%）', numFmt: '0.0%', value: (r) => r.requests.satisfaction },
  { header: '培育库覆盖率（%）', width: 16, numFmt: '0.0%', value: (r) => r.coverage.cultivation },
  { header: '临规库覆盖率（%）', width: 16, numFmt: '0.0%', value: (r) => r.coverage.near },
  { header: '临退规库覆盖率（%）', width: 18, numFmt: '0.0%', value: (r) => r.coverage.atRisk },
];

const overdueColumns: ExportColumn<ServiceOverdueItem>[] = [
  { header: '诉求编号', value: (r) => r.id },
  { header: '企业', width: 28, value: (r) => r.firm },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '类别', value: (r) => r.category },
  { header: '诉求', width: 30, value: (r) => r.title },
  { header: '责任单位', width: 20, value: (r) => r.unit },
  { header: '到期日', width: 12, value: (r) => r.dueOn },
  { header: '逾期（天）', value: (r) => r.daysOverdue },
];

const officialColumns: ExportColumn<ServiceOfficialRow>[] = [
  { header: '姓名', width: 14, value: (r) => r.name },
  { header: '单位', width: 22, value: (r) => r.unitName },
  { header: '走访（次）', value: (r) => r.visits },
  { header: '走访企业（户）', value: (r) => r.firmsVisited },
  { header: '提出诉求（件）', value: (r) => r.requestsRaised },
  { header: '最近走访', width: 12, value: (r) => r.lastVisitOn },
];

export async function exportServiceReport(
  db: Executor,
  ctx: RequestContext,
  query: ServiceReportQuery,
): Promise<{ buffer: Buffer; baseName: string }> {
  const report = await getServiceReport(db, ctx, query);
  const officials = await getServiceOfficials(db, ctx, query);
  const buffer = await buildWorkbookSheets([
    sheetOf('单位工作量', unitColumns, report.units),
    sheetOf('逾期诉求', overdueColumns, report.overdue),
    sheetOf('人员工作量', officialColumns, officials.items),
  ]);
  return { buffer, baseName: `服务工作-${report.year}年-截至${report.asOf}` };
}
