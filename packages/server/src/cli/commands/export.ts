// `shenggui export <list> --out FILE.xlsx`: the same workbook as the list's /export route, whole database.
import { writeFile } from 'node:fs/promises';
import {
  currentPlanYear,
  enterpriseListQuerySchema,
  isIsoDate,
  LIBRARIES,
  type Library,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { exportDeclarations } from '../../modules/declaration/declaration.export.js';
import { exportDirectoryEvents } from '../../modules/directory/directory.export.js';
import { exportEnterprises } from '../../modules/enterprise/enterprise.export.js';
import { exportLibrary } from '../../modules/library/library.export.js';
import { exportProgress } from '../../modules/progress/progress.export.js';
import { exportTargets } from '../../modules/target/target.export.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Commands, Values } from '../command.js';

const EXPORT_LISTS = [
  'enterprises',
  'directory',
  'libraries',
  'declarations',
  'progress',
  'targets',
] as const;
type ExportList = (typeof EXPORT_LISTS)[number];

export const exportCommands: Commands = {
  export: async ({ db, ctx, sub, values, out }) => {
    const r = await runExport(db, ctx, sub, values);
    out(
      { list: r.list, file: r.file, bytes: r.bytes },
      () => `已导出「${r.baseName}」到 ${r.file}（${r.bytes} 字节）`,
    );
    return 0;
  },
};

async function runExport(
  db: Db,
  ctx: RequestContext,
  list: string | undefined,
  values: Values,
): Promise<{ list: ExportList; file: string; bytes: number; baseName: string }> {
  if (!EXPORT_LISTS.includes(list as ExportList))
    throw new AppError('VALIDATION', `请指定要导出的列表：${EXPORT_LISTS.join(' | ')}`, [
      { path: 'list', message: list ? `未知列表：${list}` : '缺少列表名' },
    ]);
  const file = typeof values.out === 'string' ? values.out : '';
  if (!file) throw new AppError('VALIDATION', '请用 --out FILE.xlsx 指定输出文件');
  let year: number | undefined;
  if (typeof values.year === 'string') {
    year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new AppError('VALIDATION', '请用 --year YYYY 指定年份', [
        { path: 'year', message: '年份不正确' },
      ]);
  }
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new AppError('VALIDATION', '--as-of 应为有效日期，格式如 2024-06-30');
  const library = (typeof values.library === 'string' ? values.library : 'cultivation') as Library;
  if (!LIBRARIES.includes(library))
    throw new AppError('VALIDATION', `--library 应为：${LIBRARIES.join(' | ')}`);
  const planYear = year ?? currentPlanYear(ctx.now);
  const name = list as ExportList;
  const { buffer, baseName } =
    name === 'enterprises'
      ? await exportEnterprises(db, ctx, enterpriseListQuerySchema.parse({ q: values.q, revenueYear: year }))
      : name === 'directory'
        ? await exportDirectoryEvents(db, ctx, { year })
        : name === 'libraries'
          ? await exportLibrary(db, ctx, library, { year })
          : name === 'declarations'
            ? await exportDeclarations(db, ctx, { year })
            : name === 'progress'
              ? await exportProgress(db, ctx, { year: planYear, asOf })
              : await exportTargets(db, ctx, planYear);
  await writeFile(file, buffer);
  return { list: name, file, bytes: buffer.length, baseName };
}
