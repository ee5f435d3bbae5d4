// Requests (诉求) to closure (server modules/request): the list with its filters, one request with its
// deadlines, steps and the actions the caller may take now, raising and the steps' bodies.
import { z } from 'zod';
import {
  LIGHTS,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  type RequestState,
  RUNNING_DEADLINE_LABELS,
  SATISFACTIONS,
} from '../service.js';
import { firmRefFields, paged, pageQuery } from './common.js';

const RUNNING_KINDS = Object.keys(RUNNING_DEADLINE_LABELS) as ['route', 'accept', 'reply', 'close'];
const optionalId = (what: string) =>
  z.coerce
    .number({ error: `${what}应为正整数` })
    .int(`${what}应为正整数`)
    .positive(`${what}应为正整数`)
    .optional();

/** `state=pending,inProgress`: one state or several, comma-separated. */
const statesField = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const parts = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !(REQUEST_STATES as readonly string[]).includes(p));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `状态“${bad.join('、')}”不存在，可选：${REQUEST_STATES.join('、')}`,
      });
      return z.NEVER;
    }
    return parts as RequestState[];
  })
  .optional();

export const REQUEST_SORTS = ['raised', 'due', 'overdue'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** GET /requests/export: the filters of the list (lights from the server's today). */
export const requestFilterSchema = z.object({
  state: statesField,
  light: z.enum(LIGHTS, { error: '亮灯应为 green、yellow 或 red' }).optional(),
  category: z
    .string()
    .trim()
    .max(20, '类别代码最多20位')
    .optional()
    .transform((v) => v || undefined),
  enterpriseId: optionalId('企业编号'),
  ownerUnitId: optionalId('承办单位编号'),
  raisedUnitId: optionalId('提出单位编号'),
  /** The official who raised it (the to-do's link to one's own requests awaiting evaluation). */
  raisedById: optionalId('提出人编号'),
  /** Firm name or credit code (part of it). */
  q: z
    .string()
    .trim()
    .max(60, '搜索词最多60个字')
    .optional()
    .transform((v) => v || undefined),
  /** The year the request was raised (in China). */
  year: z.coerce.number({ error: '年度应为2000到2100之间的整数' }).int().min(2000).max(2100).optional(),
  overdueOnly: z
    .enum(['true', 'false'], { error: '只看逾期应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
  /** raised: newest first; due: the running deadline soonest first; overdue: longest overdue first. */
  sort: z.enum(REQUEST_SORTS, { error: '排序应为 raised、due 或 overdue' }).default('raised'),
  order: z.enum(['asc', 'desc'], { error: '顺序应为 asc 或 desc' }).default('desc'),
});
export type RequestFilterQuery = z.output<typeof requestFilterSchema>;

/** GET /requests */
export const requestListQuerySchema = requestFilterSchema.extend(pageQuery.shape);
export type RequestListQuery = z.output<typeof requestListQuerySchema>;

/** A request as lists show it: the firm, the category, the state, who owns it, the running deadline's light. */
export const requestItemSchema = z.object({
  id: z.number(),
  ...firmRefFields,
  category: z.string(),
  categoryLabel: z.string(),
  title: z.string(),
  state: z.enum(REQUEST_STATES),
  stateLabel: z.string(),
  ownerUnitId: z.number().nullable(),
  ownerUnitName: z.string().nullable(),
  raisedById: z.number(),
  raisedByName: z.string(),
  raisedUnitId: z.number(),
  raisedUnitName: z.string(),
  raisedAt: z.string(),
  /** The deadline running now (null once finished), its light on the server's today and days past it. */
  runningKind: z.enum(RUNNING_KINDS).nullable(),
  runningKindLabel: z.string().nullable(),
  dueOn: z.string().nullable(),
  light: z.enum(LIGHTS).nullable(),
  daysOverdue: z.number(),
  closedAt: z.string().nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  satisfactionLabel: z.string().nullable(),
});
export type RequestItem = z.output<typeof requestItemSchema>;

export const requestPageSchema = paged(requestItemSchema);
export type RequestPage = z.output<typeof requestPageSchema>;

/** One step of a request (append-only). */
export const requestEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.enum(REQUEST_ACTIONS),
  label: z.string(),
  toState: z.enum(REQUEST_STATES),
  actorName: z.string(),
  unitName: z.string(),
  note: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
});
export type RequestEvent = z.output<typeof requestEventSchema>;

/** One deadline with its light today (null light: met, or not running). */
export const requestDeadlineSchema = z.object({
  kind: z.enum(RUNNING_KINDS),
  label: z.string(),
  dueOn: z.string(),
  /** When the step was done (null: not yet). */
  doneAt: z.string().nullable(),
  /** The light while it runs; for a done step, whether it was met on time. */
  light: z.enum(LIGHTS).nullable(),
  onTime: z.boolean().nullable(),
  running: z.boolean(),
});

/** The steps after raising (domain REQUEST_TRANSITIONS). */
export const REQUEST_STEP_ACTIONS = [
  'route',
  'accept',
  'reply',
  'resolve',
  'return',
  'unsolvable',
  'evaluate',
] as const;
export type RequestStepAction = (typeof REQUEST_STEP_ACTIONS)[number];

/** GET /requests/:id */
export const requestDetailSchema = requestItemSchema.extend({
  detail: z.string(),
  visitId: z.number().nullable(),
  waitingSince: z.string(),
  firstRoutedAt: z.string().nullable(),
  routedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  answer: z.string().nullable(),
  decidedByName: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  evaluatedByName: z.string().nullable(),
  evaluationNote: z.string().nullable(),
  deadlines: z.array(requestDeadlineSchema),
  events: z.array(requestEventSchema),
  /** The steps the caller may take now (state, role and unit allow them). */
  actions: z.array(z.enum(REQUEST_STEP_ACTIONS)),
});
export type RequestDetail = z.output<typeof requestDetailSchema>;

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}最多${max}个字`);

/** POST /requests */
export const requestRaiseSchema = z.object({
  enterpriseId: z.number({ error: '请选择企业' }).int().positive('请选择企业'),
  category: z.string({ error: '请选择诉求类别' }).trim().min(1, '请选择诉求类别'),
  title: text('诉求标题', 100),
  detail: text('诉求内容', 2000),
});
export type RequestRaise = z.output<typeof requestRaiseSchema>;

/** POST /requests/:id/route */
export const requestRouteSchema = z.object({
  ownerUnitId: z.number({ error: '请选择承办单位' }).int().positive('请选择承办单位'),
});
/** POST /requests/:id/accept */
export const requestAcceptSchema = z.object({
  note: z.string().trim().max(500, '说明最多500个字').optional(),
});
/** POST /requests/:id/reply */
export const requestReplySchema = z.object({ note: text('答复内容', 2000) });
/** POST /requests/:id/resolve */
export const requestResolveSchema = z.object({ answer: text('办理结果', 2000) });
/** POST /requests/:id/return and /unsolvable */
export const requestReasonSchema = z.object({ reason: text('原因', 1000) });
/** POST /requests/:id/evaluate */
export const requestEvaluateSchema = z.object({
  satisfaction: z.enum(SATISFACTIONS, { error: '请选择评价：满意、基本满意或不满意' }),
  note: z.string().trim().max(500, '评价说明最多500个字').optional(),
});
export type RequestEvaluate = z.output<typeof requestEvaluateSchema>;
