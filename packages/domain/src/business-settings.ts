// The business settings a county's system administrator edits (业务设置): one catalogue for the web page,
// the API and `shenggui settings get|set`. Each key says what it means, whether it is per year, and the
// shape of its stored value; money is stored in yuan and entered and shown in 万元 (docs/CODE_STYLE.md).
import { z } from 'zod';
import { isCutoff } from './counting.js';
import { declarationCalendarSchema } from './declaration.js';
import { formatWan } from './money.js';
import { COUNTING_BASES } from './progress.js';
import { REVENUE_PRIORITIES, REVENUE_PRIORITY_LABELS } from './revenue-of-record.js';
import { requestCategoriesSchema } from './service.js';
import { supervisingRuleSchema } from './supervising.js';
import { workdayAdditionsSchema } from './workdays.js';

export const SETTING_GROUPS = [
  'scale',
  'libraries',
  'counting',
  'declaration',
  'supervising',
  'notice',
  'service',
] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];
export const SETTING_GROUP_LABELS: Record<SettingGroup, string> = {
  scale: '规模标准与收入口径',
  libraries: '培育库规则',
  counting: '计数口径',
  declaration: '申报日历',
  supervising: '行业主管认定规则',
  notice: '进度通报（文头与文号）',
  service: '服务工作（诉求时限、帮扶、工作日）',
};

/** money: yuan stored, 万元 at the edges; ratio: 0–1; percent: 0–100; monthDay: MM-DD; json: an object. */
export type SettingKind = 'money' | 'int' | 'percent' | 'ratio' | 'enum' | 'monthDay' | 'text' | 'json';

/** 'none': one value for the county; 'optional': a default plus per-year values; 'required': per year only. */
export type SettingYearMode = 'none' | 'optional' | 'required';

export interface BusinessSettingDef {
  key: string;
  group: SettingGroup;
  label: string;
  help: string;
  kind: SettingKind;
  year: SettingYearMode;
  options?: readonly { value: string; label: string }[];
  /** The stored value's shape (after the edge conversion). */
  schema: z.ZodType;
}

const MM_DD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const money = z.number({ error: '应为金额' }).positive('应大于0').max(1e12, '金额过大');
const ratio = z.number({ error: '应为0到1之间的数' }).min(0, '不能小于0').max(1, '不能大于1');
const int = (min: number, max: number) =>
  z
    .number({ error: `应为${min}到${max}的整数` })
    .int(`应为${min}到${max}的整数`)
    .min(min, `不能小于${min}`)
    .max(max, `不能大于${max}`);
const text = (max: number) =>
  z.string({ error: '应为文字' }).trim().min(1, '不能为空').max(max, `不能超过${max}个字`);

const lib = (
  field: string,
  label: string,
  help: string,
  kind: SettingKind,
  schema: z.ZodType,
  options?: BusinessSettingDef['options'],
): BusinessSettingDef => ({
  key: `library.${field}`,
  group: 'libraries',
  label,
  help: `${help}可按年度设置；不指定年度时为各年默认值。`,
  kind,
  year: 'optional',
  schema,
  ...(options ? { options } : {}),
});

const notice = (field: string, label: string, help: string, max: number): BusinessSettingDef => ({
  key: `notice.${field}`,
  group: 'notice',
  label,
  help,
  kind: 'text',
  year: 'none',
  schema: text(max),
});

export const BUSINESS_SETTINGS: readonly BusinessSettingDef[] = [
  {
    key: 'scale.threshold',
    group: 'scale',
    label: '规上标准（年主营业务收入）',
    help: '工业企业年主营业务收入达到该金额为规模以上（现行2000万元）。单位：万元。',
    kind: 'money',
    year: 'none',
    schema: money,
  },
  {
    key: 'revenue.priority',
    group: 'scale',
    label: '收入口径',
    help: '每月取哪一来源的数字作为营业收入：统计优先（缺统计时用税务），或税务优先。培育库、申报核对、预测、进度与导出均按此口径。',
    kind: 'enum',
    year: 'none',
    schema: z.enum(REVENUE_PRIORITIES, { error: '应为 statistics-first 或 tax-first' }),
    options: REVENUE_PRIORITIES.map((v) => ({ value: v, label: REVENUE_PRIORITY_LABELS[v] })),
  },
  lib(
    'base',
    '基础信息库门槛（上年营业收入）',
    '上年营业收入达到该金额的规下工业企业进入基础信息库。单位：万元。',
    'money',
    money,
  ),
  lib(
    'cultivation',
    '培育库门槛（上年营业收入）',
    '上年营业收入达到该金额的规下工业企业进入培育库。单位：万元。',
    'money',
    money,
  ),
  lib(
    'nearLow',
    '临规企业下限（上年营业收入）',
    '上年营业收入在该金额与规上标准之间的进入临规名单。单位：万元。',
    'money',
    money,
  ),
  lib(
    'newFirmSince',
    '新建企业起算日（上年 MM-DD）',
    '上年该日及以后投产的企业视为新建企业（可月度入库、适用新建有望升规）。',
    'monthDay',
    z.string().regex(MM_DD, '应为 MM-DD 格式，如 10-01'),
  ),
  lib(
    'reEntryYears',
    '退库再升规：回看年数',
    '在该年数内退库的企业可列入培育库（注销、迁出除外）。',
    'int',
    int(0, 10),
  ),
  lib(
    'reEntryProspect',
    '退库再升规：前景依据',
    '按上年营业收入，或按预测全年营业收入，与下面的金额比较。',
    'enum',
    z.enum(['prior_year', 'forecast'], { error: '应为 prior_year 或 forecast' }),
    [
      { value: 'prior_year', label: '上年营业收入' },
      { value: 'forecast', label: '预测全年营业收入' },
    ],
  ),
  lib('reEntryMin', '退库再升规：前景金额', '前景依据达到该金额才列入培育库。单位：万元。', 'money', money),
  lib(
    'reachedLookbackYears',
    '达规未入统：回看年数',
    '回看已结束的年度数，任一年营业收入达到规上标准而未入统即列入培育库。',
    'int',
    int(1, 10),
  ),
  lib(
    'atRiskDropPct',
    '临退规：同比下降幅度（%）',
    '规上企业本年累计营业收入同比下降超过该百分比列入临退规。',
    'percent',
    z.number({ error: '应为0到100的数' }).min(0, '不能小于0').max(100, '不能大于100'),
  ),
  lib(
    'reachP',
    '临规/新建有望升规：达标概率',
    '预测全年达到规上标准的概率不低于该值（0-1）。',
    'ratio',
    ratio,
  ),
  lib('belowP', '临退规：跌破概率', '预测全年低于规上标准的概率不低于该值（0-1）。', 'ratio', ratio),
  lib(
    'tierAP',
    'A梯队：当前批次达标概率',
    '在尚未截止的申报批次核对月前达标的概率不低于该值为A梯队（0-1）。',
    'ratio',
    ratio,
  ),
  lib('tierBP', 'B梯队：全年达标概率', '全年达标概率不低于该值为B梯队（0-1），其余为C梯队。', 'ratio', ratio),
  {
    key: 'counting.basis',
    group: 'counting',
    label: '计数依据',
    help: '入库、退库按批准日期还是生效期间计入年度（按年度设置）。',
    kind: 'enum',
    year: 'required',
    schema: z.enum(COUNTING_BASES, { error: '应为 approval 或 effective' }),
    options: [
      { value: 'approval', label: '批准日期' },
      { value: 'effective', label: '生效期间' },
    ],
  },
  {
    key: 'counting.cutoff',
    group: 'counting',
    label: '计数截止日（MM-DD）',
    help: '该日之后的入库、退库计入下一年（按年度设置）。',
    kind: 'monthDay',
    year: 'required',
    schema: z.string().refine(isCutoff, '应为 MM-DD 格式的有效日期（不含2月29日），如 12-31'),
  },
  {
    key: 'declaration.calendar',
    group: 'declaration',
    label: '申报日历',
    help: '月度截止日、年度批次及其截止日期、材料准备开始日、税务与统计数据一致性容差（按年度设置，JSON）。',
    kind: 'json',
    year: 'required',
    schema: declarationCalendarSchema,
  },
  {
    key: 'supervising.rule',
    group: 'supervising',
    label: '行业主管认定规则',
    help: '开发区企业是否优先归开发区、按行业代码前缀指定主管部门、其余归口部门（JSON）。',
    kind: 'json',
    year: 'none',
    schema: supervisingRuleSchema,
  },
  notice(
    'issuerMark',
    '发文机关标志',
    '通报首页红色文头，如“盂县促进中小企业发展工作领导小组办公室文件”。',
    40,
  ),
  notice('issuer', '发文机关署名', '通报落款与印发机关。', 40),
  notice('docNumberPrefix', '发文字号前缀', '文号为“前缀〔年份〕序号号”，如 盂促企组办发〔2024〕7号。', 40),
  notice('recipients', '主送机关', '通报主送单位。', 200),
  {
    ...notice('cc', '抄送', '抄送单位，可为空。', 200),
    schema: z.string({ error: '应为文字' }).trim().max(200, '不能超过200个字'),
  },
  notice('printer', '印发机关', '版记中的印发机关。', 40),
  {
    key: 'notice.nextNumber',
    group: 'notice',
    label: '下一个文号序号',
    help: '该年度下一份通报使用的序号（按年度设置）。用于接续本单位已使用的文号；不能小于或等于已印发的序号。',
    kind: 'int',
    year: 'required',
    schema: int(1, 99_999),
  },
  {
    key: 'service.requestCategories',
    group: 'service',
    label: '诉求类别与办理时限',
    help: '诉求类别（代码、名称）及受理、答复、办结时限（工作日，自分派之日起算；办结自首次分派起算）。停用的类别不再用于新诉求（JSON）。',
    kind: 'json',
    year: 'none',
    schema: requestCategoriesSchema,
  },
  {
    key: 'service.helpPlanDays',
    group: 'service',
    label: '稳规帮扶方案时限（工作日）',
    help: '企业进入临退规库后，应在该工作日数内制定帮扶方案；逾期列入中心待办。',
    kind: 'int',
    year: 'none',
    schema: int(1, 60),
  },
  {
    key: 'service.workdays',
    group: 'service',
    label: '节假日与调休补充',
    help: '国务院办公厅公布当年节假日安排后，若系统内置日历尚未收录，在此补充：holidays 为放假日期，workdays 为调休上班日期（按年度设置，JSON）。',
    kind: 'json',
    year: 'required',
    schema: workdayAdditionsSchema,
  },
];

export const BUSINESS_SETTING_KEYS = BUSINESS_SETTINGS.map((d) => d.key);

export function findBusinessSetting(key: string): BusinessSettingDef | undefined {
  return BUSINESS_SETTINGS.find((d) => d.key === key);
}

/** A Chinese message naming the setting: 「规上标准（年主营业务收入）」（scale.threshold）：应大于0. */
export function settingError(def: BusinessSettingDef, message: string): string {
  return `「${def.label}」（${def.key}）：${message}`;
}

export type ParsedSetting = { ok: true; value: unknown } | { ok: false; message: string };

/** Checks a stored value (yuan for money) against the key's shape. */
export function checkSettingValue(def: BusinessSettingDef, value: unknown): ParsedSetting {
  const r = def.schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}：` : '';
  return { ok: false, message: settingError(def, `${where}${issue?.message ?? '取值不正确'}`) };
}

/**
 * Reads a value typed on the command line: money in 万元, numbers, an option's value or its Chinese label,
 * JSON for the object settings. Returns the stored value, or a Chinese message naming the key.
 */
export function parseSettingInput(def: BusinessSettingDef, input: string): ParsedSetting {
  const raw = input.trim();
  let value: unknown = raw;
  if (def.kind === 'money' || def.kind === 'int' || def.kind === 'percent' || def.kind === 'ratio') {
    const n = Number(raw.replace(/,/g, ''));
    if (raw === '' || !Number.isFinite(n))
      return { ok: false, message: settingError(def, `“${input}”不是数字`) };
    value = def.kind === 'money' ? Math.round(n * 1_000_000) / 100 : n;
  } else if (def.kind === 'enum') {
    value = def.options?.find((o) => o.value === raw || o.label === raw)?.value ?? raw;
    if (!def.options?.some((o) => o.value === value))
      return {
        ok: false,
        message: settingError(def, `应为 ${def.options?.map((o) => `${o.value}（${o.label}）`).join('、')}`),
      };
  } else if (def.kind === 'json') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, message: settingError(def, '应为 JSON 格式') };
    }
  }
  return checkSettingValue(def, value);
}

/** A stored value as text: money in 万元, an option with its label, objects as JSON. */
export function formatSettingValue(def: BusinessSettingDef, value: unknown): string {
  if (value === null || value === undefined) return '（未设置）';
  if (def.kind === 'money' && typeof value === 'number')
    return `${formatWan(value).replace(/\.00$/, '')}万元`;
  if (def.kind === 'enum') {
    const o = def.options?.find((x) => x.value === value);
    return o ? `${o.value}（${o.label}）` : String(value);
  }
  if (def.kind === 'json') return JSON.stringify(value);
  if (def.kind === 'percent') return `${value}%`;
  return String(value);
}

/** One setting as the API answers it: the value in force for the year asked and where it comes from. */
export const businessSettingViewSchema = z.object({
  key: z.string(),
  group: z.enum(SETTING_GROUPS),
  label: z.string(),
  help: z.string(),
  kind: z.enum(['money', 'int', 'percent', 'ratio', 'enum', 'monthDay', 'text', 'json']),
  year: z.enum(['none', 'optional', 'required']),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  value: z.unknown(),
  /** 'year': set for this year; 'default': the county's value for every year; 'builtin': nobody set it. */
  source: z.enum(['year', 'default', 'builtin']),
  display: z.string(),
});
export type BusinessSettingView = z.infer<typeof businessSettingViewSchema>;

export const businessSettingsUpdateSchema = z.object({
  /** Per-year keys are written for this year; 'optional' keys without a year are the default for all years. */
  year: z.number().int().min(2000).max(2100).optional(),
  values: z
    .record(z.string().max(60), z.unknown())
    .refine((v) => Object.keys(v).length <= 60, '一次最多修改60项'),
});
export type BusinessSettingsUpdate = z.infer<typeof businessSettingsUpdateSchema>;

export const businessSettingChangeSchema = z.object({
  key: z.string(),
  label: z.string(),
  year: z.number().nullable(),
  before: z.string(),
  after: z.string(),
});
export type BusinessSettingChange = z.infer<typeof businessSettingChangeSchema>;
