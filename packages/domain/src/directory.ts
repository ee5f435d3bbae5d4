// Directory events (名录库 入库 / 退库, docs/domain.md §5): the request shape, the labels, and the rules that
// check an event against the firm's state before the server records it. Events are never edited or
// deleted: a mistaken one is voided with a reason.
import { z } from 'zod';
import { checkEntryEligibility, declaredYearOfEntry } from './declaration.js';
import { isIsoDate, isPeriod } from './period.js';

export const DIRECTORY_EVENT_TYPES = ['entry', 'exit'] as const;
export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];
export const DIRECTORY_EVENT_TYPE_LABELS: Record<DirectoryEventType, string> = {
  entry: '入库',
  exit: '退库',
};

export const ENTRY_MODES = ['monthly', 'annual'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];
export const ENTRY_MODE_LABELS: Record<EntryMode, string> = { monthly: '月度入库', annual: '年度入库' };

export const EXIT_REASONS = [
  'below_threshold',
  'stopped',
  'deregistered',
  'moved',
  'changed_industry',
  'merged',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  below_threshold: '营业收入低于标准',
  stopped: '停产',
  deregistered: '注销',
  moved: '迁出',
  changed_industry: '主行业变更',
  merged: '兼并重组',
  other: '其他',
};

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isIsoDate, `${label}应为有效日期，格式如 2024-11-20`);

export const directoryEventCreateSchema = z
  .object({
    enterpriseId: z.coerce.number({ error: '请选择企业' }).int().positive('请选择企业'),
    type: z.enum(DIRECTORY_EVENT_TYPES, { error: '类型应为入库或退库' }),
    mode: z.enum(ENTRY_MODES, { error: '入库方式应为月度入库或年度入库' }).optional().nullable(),
    batch: z
      .string()
      .trim()
      .max(50, '批次不能超过50个字')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    approvalDate: isoDate('批准日期'),
    effectivePeriod: z
      .string({ error: '请填写生效期间' })
      .trim()
      .refine(isPeriod, '生效期间应为 YYYY-MM 格式的有效月份，如 2024-12'),
    exitReason: z.enum(EXIT_REASONS, { error: '请选择退库原因' }).optional().nullable(),
    note: z
      .string()
      .trim()
      .max(500, '说明不能超过500个字')
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'entry' && !v.mode)
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '请选择入库方式（月度或年度）' });
    if (v.type === 'entry' && v.exitReason)
      ctx.addIssue({ code: 'custom', path: ['exitReason'], message: '入库不填写退库原因' });
    if (v.type === 'exit' && !v.exitReason)
      ctx.addIssue({ code: 'custom', path: ['exitReason'], message: '请选择退库原因' });
    if (v.type === 'exit' && v.mode)
      ctx.addIssue({ code: 'custom', path: ['mode'], message: '退库不填写入库方式' });
    if (v.type === 'exit' && v.exitReason === 'other' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: '退库原因为“其他”时请填写说明' });
  });
export type DirectoryEventCreate = z.output<typeof directoryEventCreateSchema>;

export const directoryEventVoidSchema = z.object({
  reason: z
    .string({ error: '请填写作废原因' })
    .trim()
    .min(2, '请填写作废原因')
    .max(500, '原因不能超过500个字'),
});

/** What the rules need to know about the firm. */
export interface DirectoryFirmState {
  scaleStatus: 'above' | 'below' | string;
  legalForm: string;
  productionStartedOn: string | null;
  /** The firm's latest valid entry or exit, if any: a new one cannot precede it. */
  lastEvent?: { approvalDate: string; effectivePeriod: string } | null;
}

export interface DirectoryProblem {
  path: string;
  message: string;
  /** 'conflict' = contradicts the firm's state (409); 'invalid' = the request itself is wrong (400). */
  kind: 'conflict' | 'invalid';
}

/**
 * Checks an entry or exit against the firm's current state. `today` is the China-time date (YYYY-MM-DD):
 * an approval cannot lie in the future. An empty list means the event may be recorded. An entry is judged
 * by the one eligibility rule of declarations (checkEntryEligibility); `declaredYear` is the declaration's
 * year when the entry comes from one, else the year of the month before its effective period.
 */
export function checkDirectoryEvent(
  firm: DirectoryFirmState,
  event: Pick<DirectoryEventCreate, 'type' | 'mode' | 'approvalDate' | 'effectivePeriod'>,
  today: string,
  opts: { declaredYear?: number } = {},
): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  if (event.approvalDate > today)
    problems.push({
      path: 'approvalDate',
      kind: 'invalid',
      message: `批准日期 ${event.approvalDate} 晚于今天，不能登记尚未批准的入库或退库`,
    });
  // A firm's entries and exits alternate in time: one that precedes the last recorded event would let the
  // effective-period count see two entries in a row (net +2 for one firm).
  const last = firm.lastEvent;
  if (last && (event.approvalDate < last.approvalDate || event.effectivePeriod < last.effectivePeriod)) {
    problems.push({
      path: 'effectivePeriod',
      kind: 'conflict',
      message: `该企业上一次入库/退库的批准日期为${last.approvalDate}、生效期间为${last.effectivePeriod}，新记录不能早于它`,
    });
  }
  if (event.type === 'entry') {
    const declaredYear = opts.declaredYear ?? declaredYearOfEntry(event.effectivePeriod);
    for (const p of checkEntryEligibility(firm, { mode: event.mode ?? 'annual', declaredYear }))
      problems.push({ ...p, kind: 'conflict' });
  } else if (firm.scaleStatus !== 'above') {
    problems.push({
      path: 'enterpriseId',
      kind: 'conflict',
      message: '该企业目前是规下企业（不在名录库中），不能退库',
    });
  }
  return problems;
}

/**
 * Voiding: only the firm's latest valid event may be voided (later ones first), so the firm's status can
 * be restored to what it was before the event — an entry voided leaves the firm 规下, an exit 规上.
 */
export function checkVoidDirectoryEvent(
  event: { id: number; voidedAt: Date | string | null },
  latestValidEventId: number | null,
): DirectoryProblem[] {
  if (event.voidedAt) return [{ path: 'id', kind: 'conflict', message: '该记录已作废' }];
  if (latestValidEventId !== event.id)
    return [
      {
        path: 'id',
        kind: 'conflict',
        message: '该企业在此之后还有有效的入库/退库记录，请先作废较晚的记录',
      },
    ];
  return [];
}

/** The scale status a directory event leaves the firm in. */
export function statusAfter(type: DirectoryEventType): 'above' | 'below' {
  return type === 'entry' ? 'above' : 'below';
}

/** The reason written to the firm's scale history for an event. */
export function scaleHistoryReason(event: {
  type: DirectoryEventType;
  mode?: EntryMode | null;
  batch?: string | null;
  exitReason?: ExitReason | null;
}): string {
  if (event.type === 'entry')
    return `${ENTRY_MODE_LABELS[event.mode ?? 'annual']}${event.batch ? `（${event.batch}）` : ''}`;
  return `退库：${EXIT_REASON_LABELS[event.exitReason ?? 'other']}`;
}
