// `shenggui notice progress --year YYYY [--as-of YYYY-MM-DD] --out FILE.docx|FILE.pdf`: issues
// the next numbered notice of the year, as the centre does in the web, and writes it to the file.
import { writeFile } from 'node:fs/promises';
import type { IssueNotice, ProgressNotice } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { convertToPdf, hasSoffice } from './notice.pdf.js';
import { renderProgressNotice } from './notice.render.js';
import { issueProgressNotice, type ReportSource } from './notice.service.js';

export interface NoticeCommandArgs {
  year: number;
  asOf?: string | undefined;
  out: string;
  title?: string | undefined;
  praise?: string | undefined;
  attention?: string | undefined;
}

export async function runNoticeCommand(
  db: Db,
  ctx: RequestContext,
  args: NoticeCommandArgs,
  source?: ReportSource,
): Promise<{ notice: ProgressNotice; file: string; bytes: number }> {
  const out = args.out.trim();
  const pdf = /\.pdf$/i.test(out);
  if (!out || !(pdf || /\.docx$/i.test(out)))
    throw new AppError('VALIDATION', '请用 --out 指定 .docx 或 .pdf 文件', [
      { path: 'out', message: '文件名应以 .docx 或 .pdf 结尾' },
    ]);
  // Refuse before a number is taken: a notice that cannot be written must not use up one.
  if (pdf && !(await hasSoffice()))
    throw new AppError('VALIDATION', '未安装 LibreOffice，无法生成 PDF；请改用 .docx 导出', [
      { path: 'out', message: '需要 LibreOffice（soffice）' },
    ]);
  const issue: IssueNotice = {
    year: args.year,
    asOf: args.asOf,
    title: args.title,
    praise: args.praise ?? '',
    attention: args.attention ?? '',
  };
  const { input, ...notice } = await issueProgressNotice(db, ctx, issue, source);
  let bytes = await renderProgressNotice(input);
  if (pdf) {
    const converted = await convertToPdf(bytes);
    if (!converted)
      throw new AppError('VALIDATION', `未能生成 PDF；通报 ${notice.docNumber} 已登记，可改用 .docx 导出`);
    bytes = converted;
  }
  await writeFile(out, bytes);
  return { notice, file: out, bytes: bytes.length };
}
