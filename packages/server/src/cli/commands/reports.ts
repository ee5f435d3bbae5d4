// `shenggui report progress|libraries|service` and `notice progress`: the board, the libraries and the notice.
import { formatLibrariesReport, runLibrariesReport } from '../../modules/library/library.cli.js';
import { runNoticeCommand } from '../../modules/notice/notice.cli.js';
import { formatProgressTable, runProgressReport } from '../../modules/progress/progress.cli.js';
import { formatServiceReport, runServiceReport } from '../../modules/service-overview/overview.cli.js';
import { AppError } from '../../platform/errors.js';
import type { Commands } from '../command.js';

export const reportCommands: Commands = {
  'report progress': async ({ db, ctx, values, out }) => {
    const report = await runProgressReport(db, ctx, {
      year: typeof values.year === 'string' ? values.year : undefined,
      asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined,
    });
    out(report, () => formatProgressTable(report));
    return 0;
  },

  'report libraries': async ({ db, ctx, values, out }) => {
    const report = await runLibrariesReport(db, ctx, {
      year: typeof values.year === 'string' ? values.year : undefined,
      asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined,
    });
    out(report, () => formatLibrariesReport(report));
    return 0;
  },

  'report service': async ({ db, ctx, values, out }) => {
    const report = await runServiceReport(db, ctx, {
      year: typeof values.year === 'string' ? values.year : undefined,
      asOf: typeof values['as-of'] === 'string' ? values['as-of'] : undefined,
    });
    out(report, () => formatServiceReport(report));
    return 0;
  },

  'notice progress': async ({ db, ctx, values, out }) => {
    const year = Number(values.year);
    if (!Number.isInteger(year)) throw new AppError('VALIDATION', '请用 --year YYYY 指定年度');
    if (typeof values.out !== 'string' || !values.out)
      throw new AppError('VALIDATION', '请用 --out FILE.docx 指定输出文件');
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : undefined;
    const r = await runNoticeCommand(db, ctx, { year, asOf, out: values.out });
    out({ ...r.notice, file: r.file, bytes: r.bytes }, () => `已印发 ${r.notice.docNumber}，写入 ${r.file}`);
    return 0;
  },
};
