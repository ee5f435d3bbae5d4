// `shenggui report libraries --year YYYY [--as-of YYYY-MM-DD] [--json]`: every firm in a
// library for the year, evaluated live as of the date (nothing is written), with reasons, pathway and tier.
import { currentPlanYear, LIBRARY_LABELS, PATHWAY_LABELS } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { reportLibraries } from './library.service.js';

export interface LibrariesReport {
  year: number;
  enterprises: {
    creditCode: string;
    name: string;
    libraries: ('base' | 'cultivation' | 'near' | 'atRisk')[];
    reasons: string[];
    pathway: string | null;
    tier: 'A' | 'B' | 'C' | null;
  }[];
}

export async function runLibrariesReport(
  db: Executor,
  ctx: RequestContext,
  args: { year?: string | undefined; asOf?: string | undefined },
): Promise<LibrariesReport> {
  const year = args.year === undefined ? currentPlanYear(ctx.now) : Number(args.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new AppError('VALIDATION', '请用 --year YYYY 指定年度', [
      { path: 'year', message: '年度应为4位数字' },
    ]);
  if (args.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.asOf))
    throw new AppError('VALIDATION', '--as-of 日期格式应为 YYYY-MM-DD', [
      { path: 'asOf', message: '日期格式应为 YYYY-MM-DD' },
    ]);
  const r = await reportLibraries(db, ctx, { year, asOf: args.asOf });
  return { year: r.year, enterprises: r.enterprises };
}

/** The text form of the report (without --json). */
export function formatLibrariesReport(report: LibrariesReport): string {
  const lines = [`${report.year}年库内企业 ${report.enterprises.length} 户`];
  for (const e of report.enterprises) {
    lines.push(
      [
        e.creditCode,
        e.name,
        e.libraries.map((l) => LIBRARY_LABELS[l]).join('、'),
        e.pathway ? PATHWAY_LABELS[e.pathway as keyof typeof PATHWAY_LABELS] : '',
        e.tier ?? '',
        e.reasons.join('；'),
      ].join('\t'),
    );
  }
  return lines.join('\n');
}
