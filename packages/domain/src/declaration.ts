// Declarations for entering the directory (入库申报, domain.md §5 and §7): the calendar of monthly windows and
// annual batches, the workflow state table with who may move a declaration, the materials checklist, the
// upload type check, and the automatic checks reviewers see. The platform never submits to the national
// system: `submitted` records that the centre handed the file to the statistics bureau, and `entered`
// records the bureau's result.
import { z } from 'zod';
import type { Role } from './access.js';
import { monthlyEntryEarliestStart } from './directory.js';
import { formatWan } from './money.js';
import { addMonths, isIsoDate, isPeriod, periodOf, splitPeriod } from './period.js';
import { DEFAULT_REVENUE_PRIORITY, pickRevenueOfRecord, type RevenuePriority } from './revenue-of-record.js';

// ── Calendar ─────────────────────────────────────────────────────────────────────────────────────────

const MM_DD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const declarationBatchSchema = z.object({
  key: z
    .string({ error: '请填写批次代码' })
    .trim()
    .regex(/^[a-z0-9_-]{1,20}$/, '批次代码应为1-20位小写字母、数字、- 或 _'),
  name: z
    .string({ error: '请填写批次名称' })
    .trim()
    .min(1, '请填写批次名称')
    .max(30, '批次名称不能超过30个字'),
  /** The date materials are due (may fall in the next year, e.g. a January batch using full-year data). */
  deadline: z
    .string({ error: '请填写截止日期' })
    .trim()
    .refine(isIsoDate, '截止日期应为有效日期，如 2026-11-20'),
});
export type DeclarationBatch = z.output<typeof declarationBatchSchema>;

/** One year's declaration calendar (configurable per year, domain.md §5). */
export const declarationCalendarSchema = z
  .object({
    /** Monthly entry (月度入库): materials due on this day of each month. */
    monthlyDeadlineDay: z.coerce.number({ error: '月度截止日应为1-28的整数' }).int().min(1).max(28),
    /** Annual entry: preparation of materials starts on this date (MM-DD of the year). */
    preparationFrom: z.string().trim().regex(MM_DD, '准备开始日期格式应为 MM-DD，如 10-01'),
    batches: z.array(declarationBatchSchema).min(1, '至少设置一个年度批次').max(6, '年度批次不能超过6个'),
    /** Tax and statistics figures agree when they differ by at most this share (0.1 = 10 %). */
    agreementTolerance: z.coerce.number().min(0, '容差不能为负').max(1, '容差不能超过100%'),
  })
  .superRefine((v, ctx) => {
    const keys = new Set<string>();
    v.batches.forEach((b, i) => {
      if (keys.has(b.key))
        ctx.addIssue({ code: 'custom', path: ['batches', i, 'key'], message: `批次代码 ${b.key} 重复` });
      keys.add(b.key);
    });
  });
export type DeclarationCalendar = z.output<typeof declarationCalendarSchema>;

export const DEFAULT_AGREEMENT_TOLERANCE = 0.1;

/** The seed's plan: preparation from October, a November batch and a December batch, monthly due on the 20th. */
export function defaultDeclarationCalendar(year: number): DeclarationCalendar {
  return {
    monthlyDeadlineDay: 20,
    preparationFrom: '10-01',
    batches: [
      { key: 'nov', name: '11月批', deadline: `${year}-11-20` },
      { key: 'dec', name: '12月批', deadline: `${year}-12-20` },
    ],
    agreementTolerance: DEFAULT_AGREEMENT_TOLERANCE,
  };
}

export const DECLARATION_MODES = ['monthly', 'annual'] as const;
export type DeclarationMode = (typeof DECLARATION_MODES)[number];
export const DECLARATION_MODE_LABELS: Record<DeclarationMode, string> = {
  monthly: '月度入库',
  annual: '年度入库',
};

/** A monthly declaration's batch key is the month declared in (`YYYY-MM`). */
export function monthlyBatchName(period: string): string {
  const { year, month } = splitPeriod(period);
  return `${year}年${month}月月度`;
}

export interface ResolvedBatch {
  mode: DeclarationMode;
  key: string;
  name: string;
  deadline: string;
  /** The last month whose figures the declaration rests on: the month before the deadline's month. */
  dataMonth: string;
}

function dataMonthOf(deadline: string): string {
  return addMonths(deadline.slice(0, 7), -1);
}

/** A batch of the year by key: an annual batch key, or a `YYYY-MM` month of the year for monthly entry. */
export function resolveBatch(
  calendar: DeclarationCalendar,
  year: number,
  mode: DeclarationMode,
  key: string,
): ResolvedBatch | null {
  if (mode === 'monthly') {
    if (!isPeriod(key) || splitPeriod(key).year !== year) return null;
    const deadline = `${key}-${String(calendar.monthlyDeadlineDay).padStart(2, '0')}`;
    return { mode, key, name: monthlyBatchName(key), deadline, dataMonth: dataMonthOf(deadline) };
  }
  const b = calendar.batches.find((x) => x.key === key);
  if (!b) return null;
  return { mode, key: b.key, name: b.name, deadline: b.deadline, dataMonth: dataMonthOf(b.deadline) };
}

/** Every deadline of the year's calendar: twelve monthly ones and the annual batches, by date. */
export function declarationDeadlines(calendar: DeclarationCalendar, year: number): ResolvedBatch[] {
  const out: ResolvedBatch[] = [];
  for (let m = 1; m <= 12; m++) {
    const r = resolveBatch(calendar, year, 'monthly', periodOf(year, m));
    if (r) out.push(r);
  }
  for (const b of calendar.batches) {
    const r = resolveBatch(calendar, year, 'annual', b.key);
    if (r) out.push(r);
  }
  return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/** Days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Deadlines on or after `today` and at most `days` days away. */
export function upcomingDeadlines(deadlines: ResolvedBatch[], today: string, days: number): ResolvedBatch[] {
  return deadlines.filter((d) => {
    const n = daysBetween(today, d.deadline);
    return n >= 0 && n <= days;
  });
}

// ── Eligibility ──────────────────────────────────────────────────────────────────────────────────────

/**
 * 月度入库 only for firms whose production started on or after 1 October of the prior year (domain.md §5,
 * the same rule the directory applies to a monthly entry). Returns a Chinese reason, or null when allowed.
 */
export function checkMonthlyEligibility(productionStartedOn: string | null, period: string): string | null {
  const earliest = monthlyEntryEarliestStart(period);
  if (!productionStartedOn)
    return `月度入库仅限${earliest}及以后投产的新建企业，该企业未登记投产日期，请按年度批次申报`;
  if (productionStartedOn < earliest)
    return `月度入库仅限${earliest}及以后投产的新建企业，该企业投产日期为${productionStartedOn}，请按年度批次申报`;
  return null;
}

/** A new firm for the checklist (needs the project approval / 备案 file). */
export function isNewFirm(productionStartedOn: string | null, year: number): boolean {
  return productionStartedOn !== null && productionStartedOn >= `${year - 1}-10-01`;
}

// ── Workflow ─────────────────────────────────────────────────────────────────────────────────────────

export const DECLARATION_STATES = [
  'preparing',
  'township_review',
  'centre_review',
  'submitted',
  'entered',
  'returned',
] as const;
export type DeclarationState = (typeof DECLARATION_STATES)[number];
export const DECLARATION_STATE_LABELS: Record<DeclarationState, string> = {
  preparing: '准备材料',
  township_review: '乡镇/部门审核',
  centre_review: '中心审核',
  submitted: '已报统计局',
  entered: '已入库',
  returned: '退回',
};

/** Who acts, by role: the firm's township or supervising unit, the centre, the statistics bureau. */
export type DeclarationActor = 'unit' | 'centre' | 'bureau';
const ACTOR_ROLES: Record<DeclarationActor, readonly Role[]> = {
  unit: ['township', 'department'],
  centre: ['centre'],
  bureau: ['statistics'],
};
export const DECLARATION_ACTOR_LABELS: Record<DeclarationActor, string> = {
  unit: '企业所在乡镇或行业主管部门',
  centre: '中小企业发展中心',
  bureau: '统计局',
};

export interface DeclarationTransitionRule {
  from: DeclarationState;
  to: DeclarationState;
  by: DeclarationActor;
  label: string;
  /** A return needs its reasons. */
  commentRequired: boolean;
}

/** The state table (issue 6 item 5). Anything not listed is refused. */
export const DECLARATION_TRANSITIONS: readonly DeclarationTransitionRule[] = [
  { from: 'preparing', to: 'township_review', by: 'unit', label: '提交审核', commentRequired: false },
  { from: 'township_review', to: 'centre_review', by: 'unit', label: '审核通过', commentRequired: false },
  { from: 'township_review', to: 'returned', by: 'unit', label: '退回', commentRequired: true },
  {
    from: 'centre_review',
    to: 'submitted',
    by: 'centre',
    label: '审核通过并报统计局',
    commentRequired: false,
  },
  { from: 'centre_review', to: 'returned', by: 'centre', label: '退回', commentRequired: true },
  { from: 'submitted', to: 'entered', by: 'bureau', label: '登记已入库', commentRequired: false },
  { from: 'submitted', to: 'returned', by: 'bureau', label: '退回', commentRequired: true },
  { from: 'returned', to: 'preparing', by: 'unit', label: '重新准备材料', commentRequired: false },
];

/** Who creates a declaration: the firm's township or supervising unit. */
export const DECLARATION_CREATOR: DeclarationActor = 'unit';

export function actsAs(roles: readonly Role[], actor: DeclarationActor): boolean {
  return roles.some((r) => ACTOR_ROLES[actor].includes(r));
}

export function canCreateDeclaration(roles: readonly Role[]): boolean {
  return actsAs(roles, DECLARATION_CREATOR);
}

/** The transitions this caller may make from a state. */
export function allowedTransitions(
  state: DeclarationState,
  roles: readonly Role[],
): DeclarationTransitionRule[] {
  return DECLARATION_TRANSITIONS.filter((t) => t.from === state && actsAs(roles, t.by));
}

/** The states whose next step belongs to this caller (for the to-do list). */
export function statesAwaiting(roles: readonly Role[]): DeclarationState[] {
  return DECLARATION_STATES.filter((s) => allowedTransitions(s, roles).length > 0);
}

export type TransitionProblem = { kind: 'invalid' | 'forbidden' | 'conflict'; message: string };

/** Checks one transition against the table. Null when it may happen. */
export function checkTransition(
  from: DeclarationState,
  to: DeclarationState,
  roles: readonly Role[],
  comment: string | null,
): TransitionProblem | null {
  const rule = DECLARATION_TRANSITIONS.find((t) => t.from === from && t.to === to);
  if (!rule)
    return {
      kind: 'conflict',
      message: `申报当前为“${DECLARATION_STATE_LABELS[from]}”，不能变更为“${DECLARATION_STATE_LABELS[to]}”`,
    };
  if (!actsAs(roles, rule.by))
    return {
      kind: 'forbidden',
      message: `“${DECLARATION_STATE_LABELS[from]}”阶段的“${rule.label}”应由${DECLARATION_ACTOR_LABELS[rule.by]}办理`,
    };
  if (rule.commentRequired && !comment?.trim()) return { kind: 'invalid', message: '退回时请填写原因' };
  return null;
}

/** Open declarations: at most one per firm and year (entered is final). */
export function isOpenState(state: DeclarationState): boolean {
  return state !== 'entered';
}

// ── Inspections (domain.md §7) ───────────────────────────────────────────────────────────────────────

export const INSPECTION_KINDS = ['field', 'document'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  field: '实地踏勘',
  document: '资料审核',
};
export const INSPECTION_CONCLUSIONS = ['pass', 'fail'] as const;
export type InspectionConclusion = (typeof INSPECTION_CONCLUSIONS)[number];
export const INSPECTION_CONCLUSION_LABELS: Record<InspectionConclusion, string> = {
  pass: '通过',
  fail: '不通过',
};

export const inspectionCreateSchema = z.object({
  kind: z.enum(INSPECTION_KINDS, { error: '类型应为实地踏勘或资料审核' }),
  inspectedOn: z
    .string({ error: '请填写检查日期' })
    .trim()
    .refine(isIsoDate, '检查日期应为有效日期，如 2026-11-10'),
  inspectors: z
    .string({ error: '请填写检查人员' })
    .trim()
    .min(1, '请填写检查人员')
    .max(200, '检查人员不能超过200个字'),
  findings: z
    .string({ error: '请填写检查情况' })
    .trim()
    .min(2, '请填写检查情况')
    .max(2000, '检查情况不能超过2000个字'),
  conclusion: z.enum(INSPECTION_CONCLUSIONS, { error: '结论应为通过或不通过' }),
});
export type InspectionCreate = z.output<typeof inspectionCreateSchema>;

/**
 * The hard rule of domain.md §7: the centre approves only with a field inspection and a document review on
 * record, and the latest of each concluded 'pass'. Returns the Chinese reasons it is refused (empty = may approve).
 */
export function checkApprovalRecords(
  inspections: readonly { kind: InspectionKind; conclusion: InspectionConclusion; recordedAt: string }[],
): string[] {
  const problems: string[] = [];
  for (const kind of INSPECTION_KINDS) {
    const latest = inspections
      .filter((i) => i.kind === kind)
      .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))[0];
    if (!latest) problems.push(`缺少${INSPECTION_KIND_LABELS[kind]}记录，不能审核通过`);
    else if (latest.conclusion !== 'pass')
      problems.push(`最近一次${INSPECTION_KIND_LABELS[kind]}结论为“不通过”，不能审核通过`);
  }
  return problems;
}

// ── Materials (domain.md §5 checklist) ───────────────────────────────────────────────────────────────

export const MATERIAL_ITEMS = [
  'basic_info',
  'business_licence',
  'financial_statements',
  'vat_returns',
  'gate_photos',
  'equipment_photos',
  'project_approval',
  'output_revenue',
  'integrity_pledge',
] as const;
export type MaterialItem = (typeof MATERIAL_ITEMS)[number];
export const MATERIAL_ITEM_LABELS: Record<MaterialItem, string> = {
  basic_info: '法人单位基本情况表',
  business_licence: '营业执照',
  financial_statements: '最近一期资产负债表和利润表',
  vat_returns: '增值税纳税申报表',
  gate_photos: '厂门及企业标牌照片',
  equipment_photos: '设备运行照片',
  project_approval: '新建企业项目审批/备案文件',
  output_revenue: '12个月产值和收入',
  integrity_pledge: '统计数据真实性承诺书',
};

/** The checklist for a declaration: the project approval file only for new firms. */
export function materialChecklist(newFirm: boolean): MaterialItem[] {
  return MATERIAL_ITEMS.filter((i) => i !== 'project_approval' || newFirm);
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['pdf', 'jpg', 'png', 'xlsx', 'docx'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];
export const UPLOAD_CONTENT_TYPES: Record<UploadType, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const EXTENSIONS: Record<string, UploadType> = {
  pdf: 'pdf',
  jpg: 'jpg',
  jpeg: 'jpg',
  png: 'png',
  xlsx: 'xlsx',
  docx: 'docx',
};

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The type the content really is, by its leading bytes (an Office file is a zip with its own part names). */
export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, 'xl/')) return 'xlsx';
    if (containsAscii(bytes, 'word/')) return 'docx';
  }
  return null;
}

/**
 * Checks an upload: size, and that the name's extension and the content agree on an allowed type (a renamed
 * executable is refused). `allowed` narrows the types (inspection photos: jpg/png).
 */
export function checkUpload(
  fileName: string,
  bytes: Uint8Array,
  allowed: readonly UploadType[] = UPLOAD_TYPES,
): { ok: true; type: UploadType } | { ok: false; message: string } {
  const allowedText = allowed.join('、');
  if (bytes.length === 0) return { ok: false, message: '文件为空' };
  if (bytes.length > MAX_UPLOAD_BYTES)
    return { ok: false, message: `文件超过${MAX_UPLOAD_BYTES / 1024 / 1024}MB上限` };
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const byName = EXTENSIONS[ext];
  if (!byName || !allowed.includes(byName)) return { ok: false, message: `仅支持 ${allowedText} 格式的文件` };
  const sniffed = sniffUploadType(bytes);
  if (sniffed !== byName)
    return { ok: false, message: `文件内容与扩展名 .${ext} 不符（仅支持 ${allowedText} 格式的文件）` };
  return { ok: true, type: sniffed };
}

// ── Automatic checks ─────────────────────────────────────────────────────────────────────────────────

export const DECLARATION_CHECK_KEYS = [
  'cumulative',
  'agreement',
  'twelveMonths',
  'salesBeforeProduction',
] as const;
export type DeclarationCheckKey = (typeof DECLARATION_CHECK_KEYS)[number];
export interface DeclarationCheck {
  key: DeclarationCheckKey;
  ok: boolean;
  message: string;
}

export interface MonthFigures {
  period: string;
  /** Yuan; null where the source has no current figure for the month. */
  tax: number | null;
  statistics: number | null;
}

export interface DeclarationCheckInput {
  mode: DeclarationMode;
  /** The month before declaring (the batch's data month). */
  dataMonth: string;
  productionStartedOn: string | null;
  months: readonly MonthFigures[];
  thresholdYuan: number;
  tolerance: number;
  /** The county's revenue-of-record priority (settings `revenue.priority`; statistics first by default). */
  priority?: RevenuePriority;
}

const wan = (yuan: number) => {
  const t = formatWan(yuan);
  return `${t.endsWith('.00') ? t.slice(0, -3) : t}万元`;
};

/** Revenue of record for a month under the county's priority (revenue-of-record.ts; statistics first by default). */
export function monthRevenueOfRecord(
  m: MonthFigures,
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
): number | null {
  return pickRevenueOfRecord(m.statistics, m.tax, priority);
}

/**
 * The checks shown with a declaration (issue 6 item 5). They inform reviewers and never block a step; only
 * the inspection records do (checkApprovalRecords).
 */
export function runDeclarationChecks(input: DeclarationCheckInput): DeclarationCheck[] {
  const byPeriod = new Map(input.months.map((m) => [m.period, m]));
  const { year, month } = splitPeriod(input.dataMonth);
  const checks: DeclarationCheck[] = [];

  // 1. Cumulative revenue of record this year up to the month before declaring ≥ the scale line.
  let cumulative = 0;
  let counted = 0;
  for (let m = 1; m <= month; m++) {
    const f = byPeriod.get(periodOf(year, m));
    const v = f ? monthRevenueOfRecord(f, input.priority) : null;
    if (v !== null) {
      cumulative += v;
      counted++;
    }
  }
  const range = month === 1 ? `${year}年1月` : `${year}年1-${month}月`;
  const cumOk = cumulative >= input.thresholdYuan;
  checks.push({
    key: 'cumulative',
    ok: cumOk,
    message: `${range}累计营业收入${wan(cumulative)}（${counted}个月有数据），${cumOk ? '已达到' : '未达到'}${wan(input.thresholdYuan)}`,
  });

  // 2. Tax and statistics figures agree within the tolerance where both exist.
  const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;
  const apart: string[] = [];
  let compared = 0;
  for (const f of [...input.months].sort((a, b) => (a.period < b.period ? -1 : 1))) {
    if (f.tax === null || f.statistics === null) continue;
    compared++;
    const base = Math.max(Math.abs(f.tax), Math.abs(f.statistics));
    const diff = base === 0 ? 0 : Math.abs(f.statistics - f.tax) / base;
    if (diff > input.tolerance + 1e-9)
      apart.push(`${f.period} 统计${wan(f.statistics)}、税务${wan(f.tax)}，相差${pct(diff)}`);
  }
  checks.push({
    key: 'agreement',
    ok: apart.length === 0,
    message:
      compared === 0
        ? '没有同时具备税务和统计数据的月份，无法比对'
        : apart.length === 0
          ? `${compared}个月税务与统计数据相差均在${pct(input.tolerance)}以内`
          : `税务与统计数据相差超过${pct(input.tolerance)}：${apart.join('；')}`,
  });

  // 3. Twelve months of data (annual entry: the year's figures become next year's comparison base).
  if (input.mode === 'annual') {
    const missing: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const p = addMonths(input.dataMonth, -i);
      const f = byPeriod.get(p);
      if (!f || monthRevenueOfRecord(f, input.priority) === null) missing.push(p);
    }
    const from = addMonths(input.dataMonth, -11);
    checks.push({
      key: 'twelveMonths',
      ok: missing.length === 0,
      message:
        missing.length === 0
          ? `${from}至${input.dataMonth}共12个月数据齐全`
          : `${from}至${input.dataMonth}缺少${missing.length}个月数据：${missing.join('、')}`,
    });
  }

  // 4. No sales before production started.
  if (!input.productionStartedOn) {
    checks.push({ key: 'salesBeforeProduction', ok: true, message: '未登记投产日期，未核对投产前销售' });
  } else {
    const startMonth = input.productionStartedOn.slice(0, 7);
    const early = input.months
      .filter((f) => f.period < startMonth && (monthRevenueOfRecord(f, input.priority) ?? 0) > 0)
      .map((f) => `${f.period} ${wan(monthRevenueOfRecord(f, input.priority) ?? 0)}`)
      .sort();
    checks.push({
      key: 'salesBeforeProduction',
      ok: early.length === 0,
      message:
        early.length === 0
          ? `投产日期${input.productionStartedOn}之前无销售收入`
          : `投产日期${input.productionStartedOn}之前有销售收入：${early.join('；')}`,
    });
  }
  return checks;
}

/** The periods whose figures the checks read: from January of the year before the data month's year. */
export function checkPeriodRange(dataMonth: string): { from: string; to: string } {
  return { from: periodOf(splitPeriod(dataMonth).year - 1, 1), to: dataMonth };
}

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────────

export const declarationCreateSchema = z.object({
  enterpriseId: z.coerce.number({ error: '请选择企业' }).int().positive('请选择企业'),
  year: z.coerce.number({ error: '年份应为整数' }).int().min(2000).max(2100),
  mode: z.enum(DECLARATION_MODES, { error: '申报方式应为月度入库或年度入库' }),
  /** An annual batch key of the year's calendar, or the month `YYYY-MM` for a monthly declaration. */
  batch: z.string({ error: '请选择批次' }).trim().min(1, '请选择批次').max(20),
});
export type DeclarationCreate = z.output<typeof declarationCreateSchema>;

export const declarationTransitionSchema = z.object({
  to: z.enum(DECLARATION_STATES, { error: '目标状态不正确' }),
  comment: z
    .string()
    .trim()
    .max(1000, '意见不能超过1000个字')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  /** For `entered`: what the bureau approved. */
  entry: z
    .object({
      approvalDate: z
        .string({ error: '请填写批准日期' })
        .trim()
        .refine(isIsoDate, '批准日期应为有效日期，如 2026-12-15'),
      effectivePeriod: z
        .string({ error: '请填写生效期间' })
        .trim()
        .refine(isPeriod, '生效期间应为 YYYY-MM 格式的有效月份，如 2026-12'),
    })
    .optional(),
});
export type DeclarationTransitionInput = z.output<typeof declarationTransitionSchema>;
