// The progress notice (进度通报): issued by the centre with the next number of the year's
// sequence (盂促企组办发〔2024〕N号), registered with the whole input it was rendered from so it downloads
// again exactly as issued, and audited. A preview renders the same document without a number.
import {
  chinaDate,
  type IssueNotice,
  issueNoticeSchema,
  type ProgressNotice,
  type ProgressReport,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getProgressReport } from '../progress/progress.service.js';
import type { NoticeInput } from './notice.render.js';
import {
  findNotice,
  insertNotice,
  listNotices,
  type NoticeListRow,
  nextNoticeSeq,
} from './notice.repository.js';
import { getNoticeNextNumber, getNoticeSettings } from './notice.settings.js';

export type ReportSource = (
  db: Executor,
  ctx: RequestContext,
  q: { year: number; asOf?: string | undefined },
) => Promise<ProgressReport>;

export const defaultTitle = (year: number) => `关于${year}年全县规上工业企业净增工作进展情况的通报`;

/** 盂促企组办发 + 2024 + 3 → 盂促企组办发〔2024〕3号 (GB/T 9704-2012 §7.2.4: 六角括号, no leading zeros). */
export const formatDocNumber = (prefix: string, year: number, seq: number) => `${prefix}〔${year}〕${seq}号`;

/** The day a notice shows by default: today, or the year's last day for a past year. */
export function defaultAsOf(ctx: RequestContext, year: number): string {
  const today = chinaDate(ctx.now);
  const yearEnd = `${year}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

/** Everything the renderer needs, except the number (empty for a preview). */
export async function buildNoticeInput(
  db: Executor,
  ctx: RequestContext,
  args: IssueNotice,
  source: ReportSource = getProgressReport,
): Promise<NoticeInput> {
  const a = issueNoticeSchema.parse(args);
  const report = await source(db, ctx, { year: a.year, asOf: a.asOf ?? defaultAsOf(ctx, a.year) });
  const settings = await getNoticeSettings(db, report.county.name);
  const today = chinaDate(ctx.now);
  return {
    report,
    docNumber: '',
    title: a.title ?? defaultTitle(a.year),
    issuer: settings.issuer,
    issuerMark: settings.issuerMark,
    recipients: settings.recipients,
    praise: a.praise,
    attention: a.attention,
    signDate: today,
    cc: a.cc ?? settings.cc,
    printer: settings.printer,
    printDate: today,
    autoSummary: a.autoSummary,
  };
}

const view = (r: NoticeListRow): ProgressNotice => ({ ...r, createdAt: r.createdAt.toISOString() });

/** Issues a notice: the next number of the year, registered and audited in one transaction. */
export async function issueProgressNotice(
  db: Db,
  ctx: RequestContext,
  args: IssueNotice,
  source: ReportSource = getProgressReport,
): Promise<ProgressNotice & { input: NoticeInput }> {
  const draft = await buildNoticeInput(db, ctx, args, source);
  const year = draft.report.year;
  const prefix = (await getNoticeSettings(db, draft.report.county.name)).docNumberPrefix;
  return db.transaction(async (tx) => {
    const seq = await nextNoticeSeq(tx, year, prefix, await getNoticeNextNumber(tx, year));
    const input: NoticeInput = { ...draft, docNumber: formatDocNumber(prefix, year, seq) };
    const row = await insertNotice(tx, {
      year,
      prefix,
      seq,
      docNumber: input.docNumber,
      title: input.title,
      asOf: input.report.asOf,
      input,
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'notice.issue',
      entityType: 'notice',
      entityId: row.id,
      after: {
        docNumber: row.docNumber,
        title: row.title,
        year,
        asOf: row.asOf,
        county: input.report.county,
        praise: input.praise,
        attention: input.attention,
      },
    });
    return {
      ...view({ ...row, createdByName: ctx.actor?.displayName ?? null }),
      input,
    };
  });
}

export async function listProgressNotices(db: Executor, year?: number): Promise<ProgressNotice[]> {
  return (await listNotices(db, year)).map(view);
}

/** The input a registered notice was rendered from (the snapshot, not today's figures). */
export async function getNoticeInput(
  db: Executor,
  id: number,
): Promise<{ input: NoticeInput; docNumber: string; title: string }> {
  const row = await findNotice(db, id);
  if (!row) throw notFound('通报');
  const input = row.input as NoticeInput;
  if (!input || typeof input !== 'object' || !('report' in input))
    throw new AppError('INTERNAL', '通报存档内容不完整');
  return { input, docNumber: row.docNumber, title: row.title };
}
