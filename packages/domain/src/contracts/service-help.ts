// 稳规 help plans for at-risk firms and the centre's supervision (督导) of units (server modules/help-plan and
// modules/supervision). The list's derived words (plan state, retention result) are decided here as pure
// functions so that the server and the web agree on them.
import { z } from 'zod';
import { isIsoDate } from '../period.js';
import {
  HELP_OUTCOMES,
  type HelpOutcome,
  RETENTION_RESULTS,
  type RetentionResult,
  SUPERVISION_ITEM_STATES,
} from '../service.js';
import { firmRefFields, paged, pageQuery, yearField } from './common.js';

const dateOf = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isIsoDate, `${label}应为有效日期，格式如 2026-11-20`);
const positiveId = (label: string) =>
  z.coerce
    .number({ error: `${label}应为正整数` })
    .int(`${label}应为正整数`)
    .positive(`${label}应为正整数`);
const optionalId = (label: string) => positiveId(label).optional();
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多${max}个字`);
const flag = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

// ---------------------------------------------------------------- help plans

/**
 * Where an at-risk firm's help stands: no plan yet and not yet due ('none'), no plan past its due day
 * ('overdue'), a plan in force ('active'), a plan closed ('closed').
 */
export const HELP_PLAN_STATES = ['none', 'overdue', 'active', 'closed'] as const;
export type HelpPlanState = (typeof HELP_PLAN_STATES)[number];
export const HELP_PLAN_STATE_LABELS: Record<HelpPlanState, string> = {
  none: '无方案',
  overdue: '无方案（逾期）',
  active: '帮扶中',
  closed: '已结束',
};

/** The help state of a firm on `today`: the plan decides when there is one; else the due day. */
export function helpPlanState(plan: { closed: boolean } | null, dueOn: string, today: string): HelpPlanState {
  if (plan) return plan.closed ? 'closed' : 'active';
  return today > dueOn ? 'overdue' : 'none';
}

/**
 * What became of an at-risk firm in a year: 'left' when it left the directory for that year — an exit the
 * board counts in the year, or the annual revision's exit in effect from the next January — else 'stayed'
 * once the year is closed (past its cut-off), else 'open'.
 */
export function retentionResult(leftInYear: boolean, yearClosed: boolean): RetentionResult {
  if (leftInYear) return 'left';
  return yearClosed ? 'stayed' : 'open';
}

/** A review is due when its day is at most this many calendar days ahead (or past). */
export const HELP_REVIEW_SOON_DAYS = 3;

const helpPlanListFilterShape = {
  year: yearField,
  state: z.enum(HELP_PLAN_STATES, { error: '状态应为 none、overdue、active 或 closed' }).optional(),
  result: z.enum(RETENTION_RESULTS, { error: '结果应为 stayed、left 或 open' }).optional(),
  /** A township or supervising unit (the firm's), or the plan's owner unit. */
  unitId: optionalId('单位编号'),
  /** Plans whose review day has passed. */
  reviewOverdue: flag,
  q: z.string().trim().max(100, '搜索内容最多100个字').optional(),
};
/** GET /help-plans/export */
export const helpPlanFilterQuery = z.object(helpPlanListFilterShape);
export type HelpPlanFilterQuery = z.output<typeof helpPlanFilterQuery>;
/** GET /help-plans */
export const helpPlanListQuery = helpPlanFilterQuery.extend(pageQuery.shape);
export type HelpPlanListQuery = z.output<typeof helpPlanListQuery>;

/** The plan as a list row shows it. */
export const helpPlanBriefSchema = z.object({
  id: z.number(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
  ownerUserId: z.number().nullable(),
  ownerName: z.string(),
  measures: z.string(),
  reviewOn: z.string(),
  reviewOverdue: z.boolean(),
  reviews: z.number(),
  lastOutcome: z.enum(HELP_OUTCOMES).nullable(),
  lastOutcomeLabel: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
});
export type HelpPlanBrief = z.output<typeof helpPlanBriefSchema>;

/** One at-risk firm of the year with its plan (the latest: the open one, else the last closed). */
export const helpPlanRowSchema = z.object({
  ...firmRefFields,
  year: z.number(),
  /** The day the firm first entered the 临退规 library that year. */
  enteredOn: z.string(),
  /** Whether it is still in the library (its last stay is open). */
  inLibrary: z.boolean(),
  dueOn: z.string(),
  state: z.enum(HELP_PLAN_STATES),
  stateLabel: z.string(),
  result: z.enum(RETENTION_RESULTS),
  resultLabel: z.string(),
  plan: helpPlanBriefSchema.nullable(),
});
export type HelpPlanRow = z.output<typeof helpPlanRowSchema>;

/** 帮扶N家，保持规上X家，退规Y家，无方案Z家 (of the year, in the caller's scope, before the state filters). */
export const helpPlanSummarySchema = z.object({
  atRisk: z.number(),
  withPlan: z.number(),
  withoutPlan: z.number(),
  overdue: z.number(),
  stayed: z.number(),
  left: z.number(),
  open: z.number(),
});
export type HelpPlanSummary = z.output<typeof helpPlanSummarySchema>;

export const helpPlanPageSchema = paged(helpPlanRowSchema).extend({
  year: z.number(),
  /** Past the year's counting cut-off: the results are final. */
  yearClosed: z.boolean(),
  cutoff: z.string(),
  helpPlanWorkdays: z.number(),
  summary: helpPlanSummarySchema,
});
export type HelpPlanPage = z.output<typeof helpPlanPageSchema>;

/** POST /help-plans */
export const helpPlanCreateSchema = z.object({
  enterpriseId: positiveId('企业编号'),
  year: yearField,
  ownerUnitId: positiveId('责任单位'),
  ownerUserId: positiveId('责任人账号').nullable().optional(),
  ownerName: text('责任人', 40),
  measures: text('帮扶措施', 2000),
  reviewOn: dateOf('复查日期'),
});
export type HelpPlanCreate = z.output<typeof helpPlanCreateSchema>;

/** PUT /help-plans/:id */
export const helpPlanUpdateSchema = helpPlanCreateSchema.pick({
  ownerUnitId: true,
  ownerUserId: true,
  ownerName: true,
  measures: true,
  reviewOn: true,
});
export type HelpPlanUpdate = z.output<typeof helpPlanUpdateSchema>;

/** POST /help-plans/:id/reviews */
export const helpPlanReviewCreateSchema = z.object({
  reviewedOn: dateOf('复查日期'),
  outcome: z.enum(HELP_OUTCOMES, { error: '复查结果应为 好转、持平、恶化 或 风险解除' }),
  note: text('复查情况', 2000),
  nextReviewOn: dateOf('下次复查日期').nullable().optional(),
});
export type HelpPlanReviewCreate = z.output<typeof helpPlanReviewCreateSchema>;

/** POST /help-plans/:id/close */
export const helpPlanCloseSchema = z.object({ note: text('结束说明', 2000) });

export const helpPlanReviewSchema = z.object({
  id: z.number(),
  reviewedOn: z.string(),
  outcome: z.enum(HELP_OUTCOMES),
  outcomeLabel: z.string(),
  note: z.string(),
  nextReviewOn: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type HelpPlanReview = z.output<typeof helpPlanReviewSchema>;

/** GET /help-plans/:id */
export const helpPlanDetailSchema = helpPlanRowSchema.extend({
  plan: helpPlanBriefSchema,
  createdByName: z.string().nullable(),
  closedByName: z.string().nullable(),
  reviewList: z.array(helpPlanReviewSchema),
  /** Whether the caller may edit, review or close it (the centre, or a user of the owner unit). */
  canAct: z.boolean(),
});
export type HelpPlanDetail = z.output<typeof helpPlanDetailSchema>;

export type { HelpOutcome, RetentionResult };

// ---------------------------------------------------------------- 督导

/** The kinds of unit the centre supervises. */
export const SUPERVISED_UNIT_KINDS = ['township', 'zone', 'department', 'bureau'] as const;

export const supervisionItemCreateSchema = z.object({
  description: text('整改事项', 500),
  /** Default: the supervised unit. */
  ownerUnitId: positiveId('整改责任单位').optional(),
  ownerName: text('整改责任人', 40),
  dueOn: dateOf('整改期限'),
});

/** POST /supervisions */
export const supervisionCreateSchema = z.object({
  unitId: positiveId('被督导单位'),
  heldOn: dateOf('督导日期'),
  findings: text('督导发现', 2000),
  items: z.array(supervisionItemCreateSchema).max(30, '整改事项最多30条').default([]),
});
export type SupervisionCreate = z.output<typeof supervisionCreateSchema>;

export const SUPERVISION_STATES = ['open', 'awaiting', 'closed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  open: '整改中',
  awaiting: '待中心确认',
  closed: '已办结',
};
/** A supervision is closed by the centre; before that it waits for its items, then for the centre. */
export function supervisionState(closed: boolean, openItems: number): SupervisionState {
  if (closed) return 'closed';
  return openItems > 0 ? 'open' : 'awaiting';
}

const supervisionFilterShape = {
  unitId: optionalId('单位编号'),
  from: dateOf('开始日期').optional(),
  to: dateOf('结束日期').optional(),
  /** open: some item still open · awaiting: every item closed, the centre has not closed it · closed */
  state: z.enum(SUPERVISION_STATES, { error: '状态应为 open、awaiting 或 closed' }).optional(),
  overdueItems: flag,
};
/** GET /supervisions/export */
export const supervisionFilterQuery = z.object(supervisionFilterShape);
export type SupervisionFilterQuery = z.output<typeof supervisionFilterQuery>;
/** GET /supervisions */
export const supervisionListQuery = supervisionFilterQuery.extend(pageQuery.shape);
export type SupervisionListQuery = z.output<typeof supervisionListQuery>;

export const supervisionItemSchema = z.object({
  id: z.number(),
  description: z.string(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  state: z.enum(SUPERVISION_ITEM_STATES),
  stateLabel: z.string(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  closureNote: z.string().nullable(),
  /** Whether the caller may close it (a user of its owner unit, or the centre). */
  canClose: z.boolean(),
});
export type SupervisionItem = z.output<typeof supervisionItemSchema>;

export const supervisionRowSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  heldOn: z.string(),
  findings: z.string(),
  items: z.number(),
  openItems: z.number(),
  overdueItems: z.number(),
  nextDueOn: z.string().nullable(),
  state: z.enum(SUPERVISION_STATES),
  stateLabel: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type SupervisionRow = z.output<typeof supervisionRowSchema>;
export const supervisionPageSchema = paged(supervisionRowSchema);

export const serviceFileSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  fileType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type ServiceFile = z.output<typeof serviceFileSchema>;

/** GET /supervisions/:id */
export const supervisionDetailSchema = supervisionRowSchema.extend({
  itemList: z.array(supervisionItemSchema),
  files: z.array(serviceFileSchema),
  closedByName: z.string().nullable(),
  /** The centre may close it now (every item closed). */
  canClose: z.boolean(),
  canUpload: z.boolean(),
});
export type SupervisionDetail = z.output<typeof supervisionDetailSchema>;

/** POST /supervisions/:id/items/:itemId/close */
export const supervisionItemParams = z.object({
  id: positiveId('督导编号'),
  itemId: positiveId('整改事项编号'),
});
export const supervisionItemCloseSchema = z.object({ note: text('整改情况', 2000) });
export const supervisionFileParams = z.object({
  id: positiveId('督导编号'),
  fileId: positiveId('文件编号'),
});
