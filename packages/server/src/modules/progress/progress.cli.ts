// `shenggui report progress --year YYYY [--as-of YYYY-MM-DD] [--json]`: the same report as
// the API, county-wide (the command line runs as the system, whole database).
import { formatProbabilityPercent, isIsoDate, type ProgressReport, type ProgressRow } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getProgressReport } from './progress.service.js';

export interface ProgressCommandRow {
  code: string;
  name: string;
  target: number | null;
  entered: number;
  exited: number;
  net: number;
  remaining: number | null;
  rank: number;
  pReachTarget: number | null;
}

/** Exactly the shape the command-line contract in README.md names. */
export interface ProgressCommandOutput {
  year: number;
  asOf: string;
  county: {
    code: string;
    name: string;
    cityTarget: number | null;
    entered: number;
    exited: number;
    net: number;
  };
  dimensions: { territorial: ProgressCommandRow[]; supervising: ProgressCommandRow[] };
}

const rowOf = (r: ProgressRow): ProgressCommandRow => ({
  code: r.code,
  name: r.name,
  target: r.target,
  entered: r.entered,
  exited: r.exited,
  net: r.net,
  remaining: r.remaining,
  rank: r.rank,
  pReachTarget: r.pReachTarget,
});

export function toCommandOutput(report: ProgressReport): ProgressCommandOutput {
  const c = report.county;
  return {
    year: report.year,
    asOf: report.asOf,
    county: {
      code: c.code,
      name: c.name,
      cityTarget: c.cityTarget,
      entered: c.entered,
      exited: c.exited,
      net: c.net,
    },
    dimensions: {
      territorial: report.dimensions.territorial.map(rowOf),
      supervising: report.dimensions.supervising.map(rowOf),
    },
  };
}

/** A readable Chinese table, one section per dimension, ordered by rank. */
export function formatProgressTable(out: ProgressCommandOutput): string {
  const dash = (v: number | null) => (v === null ? '—' : String(v));
  const section = (title: string, rows: ProgressCommandRow[]) => [
    '',
    title,
    ['排名', '单位', '目标', '入库', '退库', '净增', '尚差', '完成概率'].join('\t'),
    ...[...rows]
      .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code))
      .map((r) =>
        [
          r.rank,
          r.name,
          dash(r.target),
          r.entered,
          r.exited,
          r.net,
          dash(r.remaining),
          formatProbabilityPercent(r.pReachTarget),
        ].join('\t'),
      ),
  ];
  const c = out.county;
  return [
    `${c.name}${out.year}年规上工业企业净增进度（截至${out.asOf}）`,
    `市下达目标 ${dash(c.cityTarget)} 户；入库 ${c.entered} 户，退库 ${c.exited} 户，净增 ${c.net} 户${
      c.cityTarget === null ? '' : `，尚差 ${Math.max(0, c.cityTarget - c.net)} 户`
    }`,
    ...section('按乡镇属地', out.dimensions.territorial),
    ...section('按行业主管', out.dimensions.supervising),
  ].join('\n');
}

export interface ProgressCommandArgs {
  year: string | undefined;
  asOf?: string | undefined;
}

export async function runProgressReport(
  db: Executor,
  ctx: RequestContext,
  args: ProgressCommandArgs,
): Promise<ProgressCommandOutput> {
  const year = Number(args.year);
  if (!args.year || !Number.isInteger(year) || year < 2000 || year > 2100)
    throw new AppError('VALIDATION', '请用 --year YYYY 指定年份', [{ path: 'year', message: '年份不正确' }]);
  if (args.asOf !== undefined && !isIsoDate(args.asOf))
    throw new AppError('VALIDATION', '--as-of 应为有效日期，格式如 2024-06-30', [
      { path: 'asOf', message: '日期不正确' },
    ]);
  return toCommandOutput(await getProgressReport(db, ctx, { year, asOf: args.asOf }));
}
