// The centre's and the auditor's review list: what bypassed the usual path, each with who, when and why.
// Entries without a declaration, entries or exits with an unusual effective period (the domain rule
// unusualEffectivePeriod), overrides of blocking checks, withdrawn declarations. A county has tens of these
// a year: the four sources are read in the caller's scope and merged, filtered and paged here.
import {
  CHECK_STATUS_LABELS,
  type CheckStatus,
  DECLARATION_CHECK_LABELS,
  DECLARATION_MODE_LABELS,
  type DeclarationCheckKey,
  type DeclarationMode,
  DIRECTORY_EVENT_TYPE_LABELS,
  type DirectoryEventType,
  ENTRY_MODE_LABELS,
  type EntryMode,
  EXIT_REASON_LABELS,
  type ExitReason,
  REVIEW_KIND_LABELS,
  type ReviewFilter,
  type ReviewItem,
  type ReviewKind,
  type ReviewList,
  unusualEffectivePeriod,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { listReviewEvents, listReviewOverrides, listReviewWithdrawals } from './review.repository.js';

function eventSubject(e: {
  type: string;
  mode: string | null;
  exitReason: string | null;
  approvalDate: string;
  effectivePeriod: string;
}): string {
  const type = DIRECTORY_EVENT_TYPE_LABELS[e.type as DirectoryEventType] ?? e.type;
  const how =
    e.type === 'entry'
      ? (ENTRY_MODE_LABELS[e.mode as EntryMode] ?? '')
      : (EXIT_REASON_LABELS[e.exitReason as ExitReason] ?? '');
  return `${type}${how ? `（${how}）` : ''}，批准日期${e.approvalDate}，生效期间${e.effectivePeriod}`;
}

export async function listAllReviewItems(
  db: Db,
  ctx: RequestContext,
  f: ReviewFilter,
): Promise<ReviewItem[]> {
  const year = f.year ?? null;
  const want = (k: ReviewKind) => !f.kind || f.kind === k;
  const items: ReviewItem[] = [];
  if (want('direct_entry') || want('unusual_period')) {
    for (const r of await listReviewEvents(db, ctx.scope, year)) {
      const e = r.e;
      const firm = {
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        creditCode: r.creditCode,
        townshipName: r.townshipName,
      };
      const common = {
        ...firm,
        actorName: r.recordedByName,
        at: e.recordedAt.toISOString(),
        link: r.declarationId ? `/declarations/${r.declarationId}` : `/enterprises/${r.enterpriseId}`,
      };
      if (want('direct_entry') && e.type === 'entry' && r.declarationId === null)
        items.push({
          ...common,
          key: `direct_entry-${e.id}`,
          kind: 'direct_entry',
          kindLabel: REVIEW_KIND_LABELS.direct_entry,
          subject: `${eventSubject(e)}，${e.importBatchId ? `由导入批次${e.importBatchId}登记` : '直接登记'}，未经入库申报`,
          reason: e.note,
        });
      const unusual = unusualEffectivePeriod({
        type: e.type as DirectoryEventType,
        mode: (e.mode as DeclarationMode | null) ?? null,
        exitReason: e.exitReason,
        approvalDate: e.approvalDate,
        effectivePeriod: e.effectivePeriod,
      });
      if (want('unusual_period') && unusual)
        items.push({
          ...common,
          key: `unusual_period-${e.id}`,
          kind: 'unusual_period',
          kindLabel: REVIEW_KIND_LABELS.unusual_period,
          subject: `${eventSubject(e)}：${unusual}`,
          reason: e.note,
        });
    }
  }
  if (want('override'))
    for (const r of await listReviewOverrides(db, ctx.scope, year))
      items.push({
        key: `override-${r.o.id}`,
        kind: 'override',
        kindLabel: REVIEW_KIND_LABELS.override,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        creditCode: r.creditCode,
        townshipName: r.townshipName,
        subject: `申报${r.declarationId}（${r.batchName}）的“${
          DECLARATION_CHECK_LABELS[r.o.checkKey as DeclarationCheckKey] ?? r.o.checkKey
        }”${CHECK_STATUS_LABELS[r.o.checkStatus as CheckStatus] ?? r.o.checkStatus}：${r.o.checkMessage}`,
        reason: r.o.reason,
        actorName: r.actorName,
        at: r.o.at.toISOString(),
        link: `/declarations/${r.declarationId}`,
      });
  if (want('withdrawn'))
    for (const r of await listReviewWithdrawals(db, ctx.scope, year))
      items.push({
        key: `withdrawn-${r.t.id}`,
        kind: 'withdrawn',
        kindLabel: REVIEW_KIND_LABELS.withdrawn,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        creditCode: r.creditCode,
        townshipName: r.townshipName,
        subject: `${DECLARATION_MODE_LABELS[r.mode as DeclarationMode] ?? r.mode}申报${r.declarationId}（${r.batchName}）撤回`,
        reason: r.t.comment,
        actorName: r.actorName,
        at: r.t.at.toISOString(),
        link: `/declarations/${r.declarationId}`,
      });
  const q = f.q?.trim();
  return items
    .filter((i) => !q || i.enterpriseName.includes(q) || i.creditCode.includes(q.toUpperCase()))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? -1 : 1));
}

export async function listReviewItems(
  db: Db,
  ctx: RequestContext,
  q: ReviewFilter & { page: number; pageSize: number },
): Promise<ReviewList> {
  const all = await listAllReviewItems(db, ctx, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: all.slice(start, start + q.pageSize),
    total: all.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
