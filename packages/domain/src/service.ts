// Service work with firms (docs/domain.md §服务工作): 包联 leads, visits (走访), requests (诉求) to closure with
// working-day deadlines and lights (亮灯), 稳规 help plans, training and publicity, and the centre's
// supervision (督导) of units. Pure rules and the words for them; the server stores, the web shows.
import { z } from 'zod';
import { addDays, daysBetween } from './period.js';
import { addWorkdays, type WorkdayCalendar } from './workdays.js';

// ---------------------------------------------------------------- visits
export const VISIT_PURPOSES = [
  'policy',
  'survey',
  'declaration',
  'retention',
  'relief',
  'supervision',
  'other',
] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABELS: Record<VisitPurpose, string> = {
  policy: '政策宣讲',
  survey: '摸底调研',
  declaration: '申报辅导',
  retention: '稳规帮扶',
  relief: '纾困解难',
  supervision: '督导检查',
  other: '其他',
};
/** The form shows the firm's other visits in this many days before the visit, by any unit. */
export const RECENT_VISIT_DAYS = 30;

/** How far back a visit may be recorded (days before today); a visit is never dated in the future. */
export const VISIT_MAX_AGE_DAYS = 366;

/** The problem with a visit's date as a Chinese message, or null: not after today, at most a year back. */
export function checkVisitDate(visitedOn: string, today: string): string | null {
  if (visitedOn > today) return `走访日期不能晚于今天（${today}）`;
  if (daysBetween(visitedOn, today) > VISIT_MAX_AGE_DAYS)
    return `走访日期不能早于一年前（${addDays(today, -VISIT_MAX_AGE_DAYS)}）`;
  return null;
}

// ---------------------------------------------------------------- 包联 leads
/** The unit kinds that supervise firms by industry (行业主管): the zone and the county's departments. */
const LEAD_SUPERVISING_KINDS: readonly string[] = ['zone', 'department'];
/** The unit kinds a firm's lead may belong to. */
export const LEAD_UNIT_KINDS = ['township', 'zone', 'department', 'centre'] as const;

export type LeadBasis = 'supervising' | 'township';
export interface LeadSuggestion {
  unitId: number;
  unitName: string;
  basis: LeadBasis;
  reason: string;
}

/**
 * The suggested 包联 unit of a firm (docs/domain.md §6): the firm's 行业主管 unit when that is a department or
 * the zone — the unit that knows its industry and answers most of its requests — otherwise its township
 * (属地). The centre may assign any other unit; the suggestion only fills the default.
 */
export function suggestLeadUnit(firm: {
  township: { id: number; name: string };
  supervising: { id: number; name: string; kind: string } | null;
}): LeadSuggestion {
  const s = firm.supervising;
  if (s && LEAD_SUPERVISING_KINDS.includes(s.kind))
    return { unitId: s.id, unitName: s.name, basis: 'supervising', reason: `行业主管单位${s.name}包联` };
  return {
    unitId: firm.township.id,
    unitName: firm.township.name,
    basis: 'township',
    reason: `无行业主管部门，由属地${firm.township.name}包联`,
  };
}

// ---------------------------------------------------------------- requests
/** A request category with its deadlines in working days, counted from routing (受理, 答复, 办结). */
export const requestCategorySchema = z.object({
  code: z
    .string({ error: '应为类别代码' })
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, '类别代码应为小写字母开头的字母、数字或短横线（最多20位）'),
  label: z.string({ error: '应为类别名称' }).trim().min(1, '类别名称不能为空').max(20, '类别名称最多20个字'),
  acceptDays: z.number().int('应为整数').min(1, '受理时限至少1个工作日').max(30, '受理时限最多30个工作日'),
  replyDays: z.number().int('应为整数').min(1, '答复时限至少1个工作日').max(60, '答复时限最多60个工作日'),
  closeDays: z.number().int('应为整数').min(1, '办结时限至少1个工作日').max(250, '办结时限最多250个工作日'),
  /** A category no longer offered for new requests; old requests keep it. */
  retired: z.boolean().default(false),
});
export type RequestCategory = z.output<typeof requestCategorySchema>;

export const requestCategoriesSchema = z
  .array(requestCategorySchema)
  .min(1, '至少一个类别')
  .max(40, '最多40个类别')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `类别代码“${c.code}”重复` });
      seen.add(c.code);
      if (c.acceptDays > c.replyDays || c.replyDays > c.closeDays)
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `“${c.label}”的时限应满足 受理 ≤ 答复 ≤ 办结`,
        });
    });
  });

const category = (code: string, label: string): RequestCategory => ({
  code,
  label,
  acceptDays: 1,
  replyDays: 3,
  closeDays: 10,
  retired: false,
});
/** The standard list (用地, 用电, 融资, 用工, 审批, 政策兑现, 市场, 其他); the county edits it in 业务设置. */
export const DEFAULT_REQUEST_CATEGORIES: readonly RequestCategory[] = [
  category('land', '用地'),
  category('power', '用电'),
  category('finance', '融资'),
  category('labour', '用工'),
  category('approval', '审批'),
  category('policy', '政策兑现'),
  category('market', '市场'),
  category('other', '其他'),
];

/** The centre routes a new (or returned) request within this many working days. */
export const ROUTE_WORKDAYS = 1;

export const REQUEST_STATES = [
  'submitted',
  'pending',
  'inProgress',
  'resolved',
  'evaluated',
  'returned',
  'unsolvable',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  submitted: '待分派',
  pending: '待受理',
  inProgress: '办理中',
  resolved: '已办结',
  evaluated: '已评价',
  returned: '已退回',
  unsolvable: '无法解决',
};
/** States in which the request is finished: nobody owes the firm anything more. */
export const REQUEST_FINAL_STATES: readonly RequestState[] = ['resolved', 'evaluated', 'unsolvable'];
export const isRequestOpen = (s: RequestState) => !REQUEST_FINAL_STATES.includes(s);

export const REQUEST_ACTIONS = [
  'raise',
  'route',
  'accept',
  'reply',
  'resolve',
  'return',
  'unsolvable',
  'evaluate',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  raise: '提出诉求',
  route: '分派',
  accept: '受理',
  reply: '答复进展',
  resolve: '办结',
  return: '退回',
  unsolvable: '认定无法解决',
  evaluate: '企业评价',
};

/**
 * Who may take an action: 'centre' (the 中小企业发展中心, which routes and decides 无法解决), 'owner' (a user of
 * the unit the request is routed to), 'raiser' (the official who raised it, who records the firm's
 * evaluation). The unit that raised a request never routes it unless it is the centre itself.
 */
export type RequestActor = 'centre' | 'owner' | 'raiser';
export const REQUEST_TRANSITIONS: Record<
  Exclude<RequestAction, 'raise'>,
  { from: readonly RequestState[]; to: RequestState; by: RequestActor; needsText: boolean }
> = {
  route: { from: ['submitted', 'returned'], to: 'pending', by: 'centre', needsText: false },
  accept: { from: ['pending'], to: 'inProgress', by: 'owner', needsText: false },
  reply: { from: ['inProgress'], to: 'inProgress', by: 'owner', needsText: true },
  resolve: { from: ['inProgress'], to: 'resolved', by: 'owner', needsText: true },
  return: { from: ['pending', 'inProgress'], to: 'returned', by: 'owner', needsText: true },
  unsolvable: {
    from: ['submitted', 'pending', 'inProgress', 'returned'],
    to: 'unsolvable',
    by: 'centre',
    needsText: true,
  },
  evaluate: { from: ['resolved'], to: 'evaluated', by: 'raiser', needsText: false },
};

export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};
/** Satisfaction rate: 满意 and 基本满意 over all evaluations. */
export function satisfactionRate(counts: Record<Satisfaction, number>): number | null {
  const all = counts.satisfied + counts.basic + counts.unsatisfied;
  return all === 0 ? null : (counts.satisfied + counts.basic) / all;
}

/** Deadlines fixed when a request is routed (ISO dates: the due day's end is the deadline). */
export interface RequestDeadlines {
  acceptDue: string;
  replyDue: string;
  closeDue: string;
}

/**
 * Deadlines from the routing day: accept and reply count from this routing; the close deadline counts from
 * the first routing, so returning a request to the centre never restarts the firm's wait.
 */
export function requestDeadlines(
  cal: WorkdayCalendar,
  cat: Pick<RequestCategory, 'acceptDays' | 'replyDays' | 'closeDays'>,
  routedOn: string,
  firstRoutedOn: string = routedOn,
): RequestDeadlines {
  return {
    acceptDue: addWorkdays(cal, routedOn, cat.acceptDays),
    replyDue: addWorkdays(cal, routedOn, cat.replyDays),
    closeDue: addWorkdays(cal, firstRoutedOn, cat.closeDays),
  };
}

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/**
 * 亮灯 for one deadline on `today`: red once the due day has passed, yellow when the due day is today or the
 * next working day, green otherwise.
 */
export function lightFor(cal: WorkdayCalendar, dueOn: string, today: string): Light {
  if (today > dueOn) return 'red';
  if (dueOn <= addWorkdays(cal, today, 1)) return 'yellow';
  return 'green';
}

/** The facts of a request that decide which deadline is running. */
export interface RequestClock {
  state: RequestState;
  /** The day it was raised, or returned to the centre (the routing clock starts again). */
  waitingSince: string;
  deadlines: RequestDeadlines | null;
  repliedOn: string | null;
}

export type RunningDeadline = 'route' | 'accept' | 'reply' | 'close';
export const RUNNING_DEADLINE_LABELS: Record<RunningDeadline, string> = {
  route: '分派',
  accept: '受理',
  reply: '答复',
  close: '办结',
};

/** The deadline that is running for an open request, or null for a finished one. */
export function runningDeadline(
  cal: WorkdayCalendar,
  r: RequestClock,
): { kind: RunningDeadline; dueOn: string } | null {
  switch (r.state) {
    case 'submitted':
    case 'returned':
      return { kind: 'route', dueOn: addWorkdays(cal, r.waitingSince, ROUTE_WORKDAYS) };
    case 'pending':
      return r.deadlines ? { kind: 'accept', dueOn: r.deadlines.acceptDue } : null;
    case 'inProgress': {
      if (!r.deadlines) return null;
      if (!r.repliedOn && r.deadlines.replyDue < r.deadlines.closeDue)
        return { kind: 'reply', dueOn: r.deadlines.replyDue };
      return { kind: 'close', dueOn: r.deadlines.closeDue };
    }
    default:
      return null;
  }
}

export interface RequestLight {
  light: Light;
  kind: RunningDeadline;
  dueOn: string;
  /** Calendar days past the due day (0 when not overdue). */
  daysOverdue: number;
}

/** The light of an open request on `today`; null when finished. */
export function requestLight(cal: WorkdayCalendar, r: RequestClock, today: string): RequestLight | null {
  const running = runningDeadline(cal, r);
  if (!running) return null;
  const light = lightFor(cal, running.dueOn, today);
  return { light, ...running, daysOverdue: Math.max(0, daysBetween(running.dueOn, today)) };
}

/** Whether a finished request was closed by its close deadline. */
export function closedOnTime(deadlines: RequestDeadlines | null, closedOn: string): boolean {
  return !deadlines || closedOn <= deadlines.closeDue;
}

/** The median of numbers (null for none), rounded to one decimal. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

/** Days from raising to closing, in calendar days with one decimal (instants). */
export function daysToClose(raisedAt: Date, closedAt: Date): number {
  return Math.round(((closedAt.getTime() - raisedAt.getTime()) / 86_400_000) * 10) / 10;
}

// ---------------------------------------------------------------- 稳规 help plans
/** Working days after a firm enters the 临退规 library within which its help plan is due (configurable). */
export const DEFAULT_HELP_PLAN_WORKDAYS = 5;
export const HELP_OUTCOMES = ['improving', 'stable', 'worsening', 'resolved'] as const;
export type HelpOutcome = (typeof HELP_OUTCOMES)[number];
export const HELP_OUTCOME_LABELS: Record<HelpOutcome, string> = {
  improving: '好转',
  stable: '持平',
  worsening: '恶化',
  resolved: '风险解除',
};
/** What became of an at-risk firm when the year closed. */
export const RETENTION_RESULTS = ['stayed', 'left', 'open'] as const;
export type RetentionResult = (typeof RETENTION_RESULTS)[number];
export const RETENTION_RESULT_LABELS: Record<RetentionResult, string> = {
  stayed: '保持规上',
  left: '已退规',
  open: '年度未结束',
};

/** The day a help plan is due for a firm that entered the 临退规 library on `enteredOn`. */
export function helpPlanDue(cal: WorkdayCalendar, enteredOn: string, workdays: number): string {
  return addWorkdays(cal, enteredOn, workdays);
}

// ---------------------------------------------------------------- training and publicity
export const TRAINING_KINDS = ['course', 'briefing', 'onsite', 'online'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  course: '专题培训',
  briefing: '政策宣讲',
  onsite: '现场辅导',
  online: '线上培训',
};

/** The libraries whose coverage is tracked (a firm is reached by a visit or a training attended this year). */
export const COVERAGE_LIBRARIES = ['cultivation', 'near', 'atRisk'] as const;
export type CoverageLibrary = (typeof COVERAGE_LIBRARIES)[number];

export interface CoverageCount {
  reached: number;
  total: number;
}
/** Share reached, 0–1; null when the unit has no firm in that library. */
export function coverageShare(c: CoverageCount): number | null {
  return c.total === 0 ? null : c.reached / c.total;
}
/** The coverage of several disjoint groups together (sums, never an average of shares). */
export function sumCoverage(parts: readonly CoverageCount[]): CoverageCount {
  return parts.reduce((a, p) => ({ reached: a.reached + p.reached, total: a.total + p.total }), {
    reached: 0,
    total: 0,
  });
}

// ---------------------------------------------------------------- 督导
export const SUPERVISION_ITEM_STATES = ['open', 'closed'] as const;
export type SupervisionItemState = (typeof SUPERVISION_ITEM_STATES)[number];
export const SUPERVISION_ITEM_STATE_LABELS: Record<SupervisionItemState, string> = {
  open: '整改中',
  closed: '已整改',
};

// ---------------------------------------------------------------- timeline
export const TIMELINE_KINDS = [
  'figure',
  'library',
  'visit',
  'request',
  'helpPlan',
  'training',
  'declaration',
  'directory',
  'lead',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  figure: '营收数据',
  library: '培育库',
  visit: '走访',
  request: '诉求',
  helpPlan: '稳规帮扶',
  training: '培训宣讲',
  declaration: '入库申报',
  directory: '入库退库',
  lead: '包联',
};

/** The first day of the window of "recent" visits shown before a new one is recorded. */
export function recentVisitsFrom(visitOn: string): string {
  return addDays(visitOn, -RECENT_VISIT_DAYS);
}
