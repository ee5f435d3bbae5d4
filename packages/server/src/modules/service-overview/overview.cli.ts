// `shenggui report service --year YYYY [--as-of YYYY-MM-DD] [--json]`: the service work of the year up to
// the as-of day — per unit the visits, firms visited, requests (open, closed, overdue, median days to close)
// and the libraries' coverage (0–1), and the overdue requests. The same report as GET /service/overview.
import { isIsoDate, type ServiceReport } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getServiceReport } from './overview.service.js';

export async function runServiceReport(
  db: Executor,
  ctx: RequestContext,
  args: { year?: string | undefined; asOf?: string | undefined },
): Promise<ServiceReport> {
  const year = args.year === undefined ? undefined : Number(args.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw new AppError('VALIDATION', '请用 --year YYYY 指定年度', [
      { path: 'year', message: '年度应为4位数字' },
    ]);
  if (args.asOf !== undefined && !isIsoDate(args.asOf))
    throw new AppError('VALIDATION', '--as-of 日期格式应为 YYYY-MM-DD', [
      { path: 'asOf', message: '日期格式应为 YYYY-MM-DD' },
    ]);
  return getServiceReport(db, ctx, { year, asOf: args.asOf });
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The text form (without --json). */
export function formatServiceReport(r: ServiceReport): string {
  const lines = [
    `${r.year}年服务工作（截至${r.asOf}）`,
    [
      '单位',
      '走访',
      '走访企业',
      '在办',
      '办结',
      '逾期',
      '办结中位天数',
      '培育库覆盖',
      '临规库覆盖',
      '临退规库覆盖',
    ].join('\t'),
  ];
  for (const u of r.units)
    lines.push(
      [
        u.name,
        u.visits,
        u.firmsVisited,
        u.requests.open,
        u.requests.closed,
        u.requests.overdue,
        u.requests.medianDaysToClose ?? '—',
        pct(u.coverage.cultivation),
        pct(u.coverage.near),
        pct(u.coverage.atRisk),
      ].join('\t'),
    );
  lines.push('', `逾期诉求 ${r.overdue.length} 件`);
  for (const o of r.overdue)
    lines.push(
      [`#${o.id}`, o.firm, o.category, o.unit, `到期${o.dueOn}`, `逾期${o.daysOverdue}天`].join('\t'),
    );
  return lines.join('\n');
}
