// Declarations for entering the directory (入库申报, docs/domain.md §5 and §7): the calendar of monthly windows and
// annual batches, the workflow state table with who may move a declaration, the materials checklist, the
// upload type check, and the automatic checks reviewers see. The platform never submits to the national
// system: `submitted` records that the centre handed the file to the statistics bureau, and `entered`
// records the bureau's result.
import { z } from 'zod';
import type { Role } from './access.js';
import { formatWan } from './money.js';
import { addMonths, daysBetween, isIsoDate, isPeriod, periodOf, splitPeriod } from './period.js';
import {
  coveredPeriods,
  cumulativeOfRecord,
  DEFAULT_REVENUE_PRIORITY,
  type FigureSpan,
  figurePeriodKey,
  quarterEndPeriod,
  quarterOfPeriod,
  type RecordEntry,
  type RevenuePriority,
  revenueOfRecordEntries,
  type SourcedFigure,
} from './revenue-of-record.js';

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

/** One year's declaration calendar (configurable per year, docs/domain.md §5). */
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

/** Deadlines on or after `today` and at most `days` days away. */
export function upcomingDeadlines(deadlines: ResolvedBatch[], today: string, days: number): ResolvedBatch[] {
  return deadlines.filter((d) => {
    const n = daysBetween(today, d.deadline);
    return n >= 0 && n <= days;
  });
}

/**
 * A batch takes new declarations until its deadline (inclusive, China-time `today`): after it the materials
 * could no longer be due. Returns the Chinese reason a closed batch is not offered, or null while it is open.
 */
export function batchClosedReason(batch: { name: string; deadline: string }, today: string): string | null {
  return today > batch.deadline ? `${batch.name}已于${batch.deadline}截止，不再接受新的申报` : null;
}

/**
 * Whether a firm can be declared at all in a year, before a mode is chosen: the parts of checkEntryEligibility
 * that do not depend on the mode (an individual business, a firm already 规上). Where 申报 is offered.
 */
export function declarationBlockers(
  firm: Pick<EligibilityFirm, 'scaleStatus' | 'legalForm'>,
  declaredYear: number,
): EligibilityProblem[] {
  return checkEntryEligibility({ ...firm, productionStartedOn: null }, { mode: 'annual', declaredYear });
}

// ── Eligibility (the one rule: creation, every step, and the bureau's recording) ──────────────────────

/**
 * 月度入库 is only for newly opened or newly producing firms: production started on or after 1 October of
 * the year before the year the entry is declared in (docs/api.md, 入库申报). The year is the declaration's year (its
 * batch month's year) — never the effective period's, which for a December monthly declaration is already
 * the next year. Returns the earliest allowed start date.
 */
export function monthlyEntryEarliestStart(declaredYear: number): string {
  return `${declaredYear - 1}-10-01`;
}

/**
 * The year an entry recorded without a declaration was declared in: the month before its effective period
 * (a monthly entry takes effect from the month after the month it is declared in, see defaultEffectivePeriod).
 */
export function declaredYearOfEntry(effectivePeriod: string): number {
  return splitPeriod(addMonths(effectivePeriod, -1)).year;
}

/** What the rule needs to know about the firm. */
export interface EligibilityFirm {
  scaleStatus: string;
  legalForm: string;
  productionStartedOn: string | null;
}

export interface EligibilityProblem {
  path: 'enterpriseId' | 'mode';
  message: string;
}

/**
 * Whether a firm may enter the directory by this mode in this declaration year (docs/api.md, 入库申报): not already
 * 规上, not an individual business, and a monthly entry only for a firm producing since 1 October of the
 * prior year. The same function decides at creation, at every step of the workflow and when the statistics
 * bureau records the entry, so a declaration accepted at creation records unchanged if the data did not change.
 */
export function checkEntryEligibility(
  firm: EligibilityFirm,
  entry: { mode: DeclarationMode; declaredYear: number },
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  if (firm.legalForm === 'individual')
    problems.push({
      path: 'enterpriseId',
      message: '个体工商户不能入库为规上工业企业（须先“个转企”登记为企业法人）',
    });
  if (firm.scaleStatus === 'above')
    problems.push({ path: 'enterpriseId', message: '该企业已是规上企业，不能重复入库' });
  if (entry.mode === 'monthly') {
    const earliest = monthlyEntryEarliestStart(entry.declaredYear);
    if (!firm.productionStartedOn || firm.productionStartedOn < earliest)
      problems.push({
        path: 'mode',
        message: `月度入库仅限${earliest.slice(0, 4)}年10月1日以后新开业（投产）的企业（投产日期不早于${earliest}）；该企业${
          firm.productionStartedOn ? `投产日期为${firm.productionStartedOn}` : '未登记投产日期'
        }，应按年度入库申报`,
      });
  }
  return problems;
}

/** Monthly eligibility alone (the create form's hint). Returns a Chinese reason, or null when allowed. */
export function checkMonthlyEligibility(productionStartedOn: string | null, period: string): string | null {
  const problems = checkEntryEligibility(
    { scaleStatus: 'below', legalForm: 'enterprise', productionStartedOn },
    { mode: 'monthly', declaredYear: splitPeriod(period).year },
  );
  return problems[0]?.message ?? null;
}

/** A new firm for the checklist (needs the project approval / 备案 file). */
export function isNewFirm(productionStartedOn: string | null, year: number): boolean {
  return productionStartedOn !== null && productionStartedOn >= monthlyEntryEarliestStart(year);
}

/**
 * The effective period an entry takes by default (docs/api.md, 入库申报): a monthly entry from the month after the
 * month it is declared in (a December declaration from January of the next year); an annual entry from
 * January of the year after its batch's year. Which year it counts in is the counting rule's business.
 */
export function defaultEffectivePeriod(mode: DeclarationMode, year: number, batchKey: string): string {
  return mode === 'monthly' ? addMonths(batchKey, 1) : periodOf(year + 1, 1);
}

/** Any other effective period needs a written reason (at least this many characters). */
export const EFFECTIVE_REASON_MIN = 4;

/** Null when the effective period is the default or comes with a reason; else the Chinese refusal. */
export function checkEffectivePeriod(
  declaration: { mode: DeclarationMode; year: number; batch: string },
  effectivePeriod: string,
  reason: string | null | undefined,
): string | null {
  const expected = defaultEffectivePeriod(declaration.mode, declaration.year, declaration.batch);
  if (effectivePeriod === expected) return null;
  if ((reason?.trim().length ?? 0) >= EFFECTIVE_REASON_MIN) return null;
  return `该申报的生效期间应为${expected}（${DECLARATION_MODE_LABELS[declaration.mode]}默认）；填写其他生效期间${effectivePeriod}时请写明理由（至少${EFFECTIVE_REASON_MIN}个字），理由将记入审计并列入复核清单`;
}

/**
 * Why a recorded entry's or exit's effective period is unusual (for the centre's review list), or null.
 * Usual: an annual entry from January; a monthly entry from one of the two months after its approval; an
 * exit for falling below the line from January (the annual review); nothing backdated by more than a month
 * or set more than a year after its approval.
 */
export function unusualEffectivePeriod(event: {
  type: 'entry' | 'exit';
  mode: DeclarationMode | null;
  exitReason: string | null;
  approvalDate: string;
  effectivePeriod: string;
}): string | null {
  const approvalMonth = event.approvalDate.slice(0, 7);
  const month = splitPeriod(event.effectivePeriod).month;
  if (event.effectivePeriod < addMonths(approvalMonth, -1))
    return `生效期间${event.effectivePeriod}早于批准月份${approvalMonth}一个月以上（追溯生效）`;
  if (event.effectivePeriod > addMonths(approvalMonth, 13))
    return `生效期间${event.effectivePeriod}距批准日期${event.approvalDate}超过一年`;
  if (event.type === 'entry' && event.mode === 'annual' && month !== 1)
    return `年度入库的生效期间为${event.effectivePeriod}，不是1月`;
  if (
    event.type === 'entry' &&
    event.mode === 'monthly' &&
    (event.effectivePeriod < addMonths(approvalMonth, 0) ||
      event.effectivePeriod > addMonths(approvalMonth, 2))
  )
    return `月度入库的生效期间为${event.effectivePeriod}，不在批准月份${approvalMonth}之后两个月内`;
  if (event.type === 'exit' && event.exitReason === 'below_threshold' && month !== 1)
    return `因营业收入低于标准退库，生效期间为${event.effectivePeriod}，不是1月`;
  return null;
}

// ── Workflow ─────────────────────────────────────────────────────────────────────────────────────────

export const DECLARATION_STATES = [
  'preparing',
  'township_review',
  'centre_review',
  'submitted',
  'entered',
  'returned',
  'withdrawn',
] as const;
export type DeclarationState = (typeof DECLARATION_STATES)[number];
export const DECLARATION_STATE_LABELS: Record<DeclarationState, string> = {
  preparing: '准备材料',
  township_review: '乡镇/部门审核',
  centre_review: '中心审核',
  submitted: '已报统计局',
  entered: '已入库',
  returned: '退回',
  withdrawn: '已撤回',
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

/**
 * Who acts on a declaration in each open state: the same actor may withdraw it there (with a reason).
 * `entered` and `withdrawn` are final.
 */
export const STATE_ACTOR: Record<Exclude<DeclarationState, 'entered' | 'withdrawn'>, DeclarationActor> = {
  preparing: 'unit',
  returned: 'unit',
  township_review: 'unit',
  centre_review: 'centre',
  submitted: 'bureau',
};

/** The state table (docs/api.md, 入库申报). Anything not listed is refused. */
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
  ...Object.entries(STATE_ACTOR).map(([from, by]) => ({
    from: from as DeclarationState,
    to: 'withdrawn' as const,
    by,
    label: '撤回申报',
    commentRequired: true,
  })),
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
  if (rule.commentRequired && !comment?.trim())
    return { kind: 'invalid', message: to === 'withdrawn' ? '撤回申报时请填写原因' : '退回时请填写原因' };
  return null;
}

/** Open declarations: at most one per firm and year (entered and withdrawn are final). */
export function isOpenState(state: DeclarationState): boolean {
  return state !== 'entered' && state !== 'withdrawn';
}

/** Whether this caller may withdraw (or convert) a declaration in this state: whoever acts on it there. */
export function canWithdraw(state: DeclarationState, roles: readonly Role[]): boolean {
  return allowedTransitions(state, roles).some((t) => t.to === 'withdrawn');
}

// ── Separation of duties (docs/api.md, 入库申报) ──────────────────────────────────────────────────────────────

/**
 * Whoever prepares a thing never approves it: the user who created the declaration or submitted it for
 * review (any move into `township_review`) cannot pass that review. Null when the step may be taken.
 */
export function checkReviewSeparation(
  to: DeclarationState,
  actorId: number | null,
  declaration: { createdBy: number | null; history: readonly { toState: string; actorId: number | null }[] },
): string | null {
  if (to !== 'centre_review' || actorId === null) return null;
  if (declaration.createdBy === actorId)
    return '您是该申报的准备人，不能审核通过自己准备的申报；乡镇/部门审核应由本单位另一名工作人员办理';
  if (declaration.history.some((h) => h.toState === 'township_review' && h.actorId === actorId))
    return '您提交了该申报，不能审核通过自己提交的申报；乡镇/部门审核应由本单位另一名工作人员办理';
  return null;
}

/**
 * 实地踏勘 and 资料审核 are recorded by the centre, or by a unit the centre assigned to the declaration, and
 * never by the declaring unit (it would be checking itself). Null when the caller may record one.
 */
export function checkInspectionRecorder(
  caller: { roles: readonly Role[]; unitId: number | null },
  declaration: { declaringUnitId: number | null; inspectionUnitId: number | null },
): string | null {
  if (actsAs(caller.roles, 'centre')) return null;
  if (caller.unitId !== null && caller.unitId === declaration.declaringUnitId)
    return '申报单位不能记录本申报的实地踏勘或资料审核，应由中小企业发展中心或中心指派的单位办理';
  if (caller.unitId === null || caller.unitId !== declaration.inspectionUnitId)
    return '实地踏勘和资料审核由中小企业发展中心或中心指派的单位记录，您的单位未被指派检查该申报';
  return null;
}

/** The unit the centre assigns to inspect must not be the declaring unit. */
export function checkInspectionAssignment(
  unit: { id: number; kind: string },
  declaringUnitId: number | null,
): string | null {
  if (!['township', 'department', 'zone'].includes(unit.kind)) return '只能指派乡镇、部门或园区作为检查单位';
  if (unit.id === declaringUnitId) return '不能指派申报单位检查自己申报的企业';
  return null;
}

// ── Inspections (docs/api.md, 入库申报) ───────────────────────────────────────────────────────────────────────

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
 * The hard rule of docs/domain.md §7: the centre approves only with a field inspection and a document review on
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

// ── Materials (docs/domain.md §5 checklist) ───────────────────────────────────────────────────────────────

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
  'materials',
  'cumulative',
  'agreement',
  'twelveMonths',
  'salesBeforeProduction',
] as const;
export type DeclarationCheckKey = (typeof DECLARATION_CHECK_KEYS)[number];
export const DECLARATION_CHECK_LABELS: Record<DeclarationCheckKey, string> = {
  materials: '申报材料齐全',
  cumulative: '累计营业收入达到规模标准',
  agreement: '税务与统计数据一致',
  twelveMonths: '12个月数据齐全',
  salesBeforeProduction: '投产前无销售',
};

/** pass, fail, or not run (the data to run it is missing: “无法比对” is never a pass). */
export const CHECK_STATUSES = ['pass', 'fail', 'not_run'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const CHECK_STATUS_LABELS: Record<CheckStatus, string> = {
  pass: '通过',
  fail: '未通过',
  not_run: '未运行',
};

/**
 * The checks that guard the count BLOCK a step until they pass or the centre overrides them with a written
 * reason: missing materials block leaving `preparing`; revenue below the line and tax/statistics disagreement
 * block the centre's hand-over to the bureau. The others inform reviewers only.
 */
export const CHECK_GATES: Record<DeclarationCheckKey, DeclarationState | null> = {
  materials: 'township_review',
  cumulative: 'submitted',
  agreement: 'submitted',
  twelveMonths: null,
  salesBeforeProduction: null,
};
export const OVERRIDABLE_CHECKS = DECLARATION_CHECK_KEYS.filter((k) => CHECK_GATES[k] !== null);

export interface DeclarationCheck {
  key: DeclarationCheckKey;
  status: CheckStatus;
  /** status === 'pass' */
  ok: boolean;
  /** The step this check blocks while not passed (null: informative). */
  gate: DeclarationState | null;
  message: string;
}

function check(key: DeclarationCheckKey, status: CheckStatus, message: string): DeclarationCheck {
  return { key, status, ok: status === 'pass', gate: CHECK_GATES[key], message };
}

/** The materials check: every checklist item has at least one file. Names the missing ones. */
export function checkMaterials(
  checklist: readonly MaterialItem[],
  uploaded: ReadonlySet<string>,
): DeclarationCheck {
  const missing = checklist.filter((i) => !uploaded.has(i)).map((i) => MATERIAL_ITEM_LABELS[i]);
  return missing.length === 0
    ? check('materials', 'pass', `${checklist.length}项申报材料均已上传`)
    : check('materials', 'fail', `缺少${missing.length}项申报材料：${missing.join('、')}`);
}

export interface CheckOverride {
  check: DeclarationCheckKey;
  reason: string;
}

/**
 * The checks that block the step into `to`: not passed and not overridden. Returns their Chinese reasons,
 * each naming what is missing (empty = the step may happen).
 */
export function blockingChecks(
  checks: readonly DeclarationCheck[],
  to: DeclarationState,
  overrides: readonly CheckOverride[],
): string[] {
  const overridden = new Set(overrides.map((o) => o.check));
  return checks
    .filter((c) => c.gate === to && c.status !== 'pass' && !overridden.has(c.key))
    .map(
      (c) =>
        `${DECLARATION_CHECK_LABELS[c.key]}：${c.status === 'not_run' ? '未运行（' : ''}${c.message}${c.status === 'not_run' ? '）' : ''}`,
    );
}

export const OVERRIDE_REASON_MIN = 4;
export const declarationOverrideSchema = z.object({
  check: z.enum(OVERRIDABLE_CHECKS as unknown as [DeclarationCheckKey, ...DeclarationCheckKey[]], {
    error: '只能对材料、累计营业收入、税统一致三项核对作出例外处理',
  }),
  reason: z
    .string({ error: '请填写例外处理的理由' })
    .trim()
    .min(OVERRIDE_REASON_MIN, `请写明例外处理的理由（至少${OVERRIDE_REASON_MIN}个字）`)
    .max(1000, '理由不能超过1000个字'),
});
export type DeclarationOverrideInput = z.output<typeof declarationOverrideSchema>;

/** The centre overrides, and only a check that does not pass. Null when allowed. */
export function checkOverride(
  roles: readonly Role[],
  state: DeclarationState,
  current: DeclarationCheck | undefined,
  already: boolean,
): { kind: 'forbidden' | 'conflict'; message: string } | null {
  if (!actsAs(roles, 'centre'))
    return { kind: 'forbidden', message: '核对的例外处理只能由中小企业发展中心作出' };
  if (!isOpenState(state) || state === 'submitted')
    return {
      kind: 'conflict',
      message: `申报已处于“${DECLARATION_STATE_LABELS[state]}”状态，不能再作例外处理`,
    };
  if (!current || current.gate === null)
    return { kind: 'conflict', message: '该核对不阻断流转，无需例外处理' };
  if (current.status === 'pass') return { kind: 'conflict', message: '该核对已通过，无需例外处理' };
  if (already) return { kind: 'conflict', message: '该核对已有例外处理记录' };
  return null;
}

export interface MonthFigures {
  period: string;
  /** Yuan; null where the source has no current figure for the month. */
  tax: number | null;
  statistics: number | null;
  /** 3 when the source's figure at this period is a quarterly return for the quarter ending here. */
  taxMonths?: FigureSpan | undefined;
  statisticsMonths?: FigureSpan | undefined;
}

/** The revenue of record of the months and quarters of `months` (revenue-of-record.ts). */
function entriesOf(
  months: readonly MonthFigures[],
  priority: RevenuePriority = DEFAULT_REVENUE_PRIORITY,
): RecordEntry[] {
  const figures: SourcedFigure[] = [];
  for (const m of months) {
    if (m.statistics !== null)
      figures.push({
        period: m.period,
        source: 'statistics',
        value: m.statistics,
        months: m.statisticsMonths,
      });
    if (m.tax !== null) figures.push({ period: m.period, source: 'tax', value: m.tax, months: m.taxMonths });
  }
  return revenueOfRecordEntries(figures, priority);
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

/**
 * The periods where both sources have a figure to compare: a month both filed monthly, or a quarter where
 * one filed a quarterly return and the other the quarter (or all three of its months).
 */
function sourcePairs(months: readonly MonthFigures[]): { label: string; tax: number; statistics: number }[] {
  const byPeriod = new Map(months.map((m) => [m.period, m]));
  const quarterTotal = (end: string, source: 'tax' | 'statistics'): number | null => {
    const own = byPeriod.get(end);
    if (own?.[source] !== null && own?.[source] !== undefined && own[`${source}Months`] === 3)
      return own[source];
    let sum = 0;
    for (const p of coveredPeriods(end, 3)) {
      const m = byPeriod.get(p);
      const v = m?.[source];
      if (v === null || v === undefined || m?.[`${source}Months`] === 3) return null;
      sum += v;
    }
    return sum;
  };
  const out: { label: string; tax: number; statistics: number }[] = [];
  for (const f of [...months].sort((a, b) => (a.period < b.period ? -1 : 1))) {
    if (f.taxMonths === 3 || f.statisticsMonths === 3) {
      const tax = quarterTotal(f.period, 'tax');
      const statistics = quarterTotal(f.period, 'statistics');
      if (tax !== null && statistics !== null)
        out.push({ label: figurePeriodKey(f.period, 3), tax, statistics });
      continue;
    }
    if (f.tax === null || f.statistics === null) continue;
    // A month inside a quarter the other source filed quarterly is compared as part of the quarter.
    const end = byPeriod.get(
      quarterEndPeriod(quarterOfPeriod(f.period).year, quarterOfPeriod(f.period).quarter),
    );
    if (end && (end.taxMonths === 3 || end.statisticsMonths === 3)) continue;
    out.push({ label: f.period, tax: f.tax, statistics: f.statistics });
  }
  return out;
}

/**
 * The checks computed from the figures. `cumulative` and `agreement` block the hand-over to the bureau
 * (CHECK_GATES); the others inform reviewers.
 */
export function runDeclarationChecks(input: DeclarationCheckInput): DeclarationCheck[] {
  const { year, month } = splitPeriod(input.dataMonth);
  const checks: DeclarationCheck[] = [];

  // 1. Cumulative revenue of record this year up to the month before declaring ≥ the scale line. A quarterly
  // return counts once its quarter has ended by that month (revenue-of-record.ts).
  const entries = entriesOf(input.months, input.priority);
  const cum = cumulativeOfRecord(entries, year, month);
  const cumulative = cum?.value ?? 0;
  const counted = cum?.months ?? 0;
  const range = month === 1 ? `${year}年1月` : `${year}年1-${month}月`;
  const cumOk = cumulative >= input.thresholdYuan;
  checks.push(
    counted === 0
      ? check(
          'cumulative',
          'not_run',
          `${range}没有营业收入数据，无法核对是否达到${wan(input.thresholdYuan)}`,
        )
      : check(
          'cumulative',
          cumOk ? 'pass' : 'fail',
          `${range}累计营业收入${wan(cumulative)}（${counted}个月有数据），${cumOk ? '已达到' : '未达到'}${wan(input.thresholdYuan)}`,
        ),
  );

  // 2. Tax and statistics figures agree within the tolerance where both exist.
  const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;
  const apart: string[] = [];
  let compared = 0;
  for (const f of sourcePairs(input.months)) {
    compared++;
    const base = Math.max(Math.abs(f.tax), Math.abs(f.statistics));
    const diff = base === 0 ? 0 : Math.abs(f.statistics - f.tax) / base;
    if (diff > input.tolerance + 1e-9)
      apart.push(`${f.label} 统计${wan(f.statistics)}、税务${wan(f.tax)}，相差${pct(diff)}`);
  }
  checks.push(
    compared === 0
      ? check('agreement', 'not_run', '没有同时具备税务和统计数据的月份，无法比对')
      : apart.length === 0
        ? check('agreement', 'pass', `${compared}个月税务与统计数据相差均在${pct(input.tolerance)}以内`)
        : check('agreement', 'fail', `税务与统计数据相差超过${pct(input.tolerance)}：${apart.join('；')}`),
  );

  // 3. Twelve months of data (annual entry: the year's figures become next year's comparison base).
  if (input.mode === 'annual') {
    const covered = new Set(entries.flatMap((e) => coveredPeriods(e.period, e.months)));
    const missing: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const p = addMonths(input.dataMonth, -i);
      if (!covered.has(p)) missing.push(p);
    }
    const from = addMonths(input.dataMonth, -11);
    checks.push(
      missing.length === 0
        ? check('twelveMonths', 'pass', `${from}至${input.dataMonth}共12个月数据齐全`)
        : check(
            'twelveMonths',
            'fail',
            `${from}至${input.dataMonth}缺少${missing.length}个月数据：${missing.join('、')}`,
          ),
    );
  }

  // 4. No sales before production started.
  if (!input.productionStartedOn) {
    checks.push(check('salesBeforeProduction', 'not_run', '未登记投产日期，无法核对投产前销售'));
  } else {
    const startMonth = input.productionStartedOn.slice(0, 7);
    const early = entries
      .filter((e) => coveredPeriods(e.period, e.months)[0]! < startMonth && e.value > 0)
      .map((e) => `${figurePeriodKey(e.period, e.months)} ${wan(e.value)}`)
      .sort();
    checks.push(
      early.length === 0
        ? check('salesBeforeProduction', 'pass', `投产日期${input.productionStartedOn}之前无销售收入`)
        : check(
            'salesBeforeProduction',
            'fail',
            `投产日期${input.productionStartedOn}之前有销售收入：${early.join('；')}`,
          ),
    );
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
      /** Required when the effective period is not the default (checkEffectivePeriod). */
      effectivePeriodReason: z
        .string()
        .trim()
        .max(500, '理由不能超过500个字')
        .optional()
        .nullable()
        .transform((v) => (v ? v : null)),
    })
    .optional(),
});

/** Turning a monthly declaration into an annual one: the annual batch of the same year, and why. */
export const declarationConvertSchema = z.object({
  batch: z.string({ error: '请选择年度批次' }).trim().min(1, '请选择年度批次').max(20),
  reason: z
    .string({ error: '请填写转为年度入库的原因' })
    .trim()
    .min(2, '请填写转为年度入库的原因')
    .max(1000, '原因不能超过1000个字'),
});
export type DeclarationConvertInput = z.output<typeof declarationConvertSchema>;

export const inspectionUnitSchema = z.object({
  unitId: z.coerce.number({ error: '请选择检查单位' }).int().positive('请选择检查单位').nullable(),
});
export type DeclarationTransitionInput = z.output<typeof declarationTransitionSchema>;

// ── Review list (for the centre and the auditor) ────────────────────────────────────────────────────

/**
 * What the review list shows, each with who, when and why: entries recorded without a declaration, entries
 * or exits with an unusual effective period (unusualEffectivePeriod), overrides of blocking checks, and
 * withdrawn declarations.
 */
export const REVIEW_KINDS = ['direct_entry', 'unusual_period', 'override', 'withdrawn'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  direct_entry: '未经申报的入库',
  unusual_period: '生效期间异常',
  override: '核对例外处理',
  withdrawn: '撤回的申报',
};
