// Shapes shared by the server (validation of every request) and the web (forms use the same rules).
// Messages are Chinese: they reach the official at the form and the clerk reading the API's 400.
import { z } from 'zod';
import { REVENUE_SOURCES } from './access.js';
import { CREDIT_CODE_MESSAGES, checkCreditCode, normalizeCreditCode } from './credit-code.js';
import { findIndustry, isIndustrialClass, normalizeIndustryCode } from './industry.js';
import { FIRST_PERIOD, isIsoDate, isPeriod, isPeriodInRange, lastPeriod } from './period.js';
import { SCALE_STATUSES } from './scale.js';

export const LEGAL_FORMS = ['enterprise', 'individual', 'other'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  enterprise: '企业法人',
  individual: '个体工商户',
  other: '其他',
};

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), `${label}应为有效日期，格式如 2024-05-22`);

export const creditCodeField = z
  .string({ error: '请填写统一社会信用代码' })
  .transform(normalizeCreditCode)
  .refine((v) => v.length > 0, '请填写统一社会信用代码');

export const industryCodeField = z
  .string({ error: '请选择行业代码' })
  .transform(normalizeIndustryCode)
  .superRefine((code, ctx) => {
    if (code === '') ctx.addIssue({ code: 'custom', message: '请选择行业代码' });
    else if (!findIndustry(code))
      ctx.addIssue({
        code: 'custom',
        message: `行业代码 ${code} 不在 GB/T 4754-2017 采矿业、制造业、电力燃气水行业中`,
      });
    else if (!isIndustrialClass(code))
      ctx.addIssue({ code: 'custom', message: `行业代码应细化到4位小类，${code} 不是小类` });
  });

export const periodField = z
  .string({ error: '请填写期间' })
  .trim()
  .refine(isPeriod, '期间应为 YYYY-MM 格式的有效月份，如 2024-11')
  .refine((v) => !isPeriod(v) || isPeriodInRange(v), {
    error: () => `期间应在 ${FIRST_PERIOD} 至 ${lastPeriod()} 之间`,
  });

const enterpriseFields = {
  name: z
    .string({ error: '请填写企业名称' })
    .trim()
    .min(2, '企业名称至少2个字')
    .max(100, '企业名称不能超过100个字'),
  legalForm: z.enum(LEGAL_FORMS, { error: '法人类型应为企业法人、个体工商户或其他' }),
  industryCode: industryCodeField,
  townshipId: z.number({ error: '请选择所属乡镇' }).int().positive('请选择所属乡镇'),
  supervisingUnitId: z.number({ error: '请选择行业主管单位' }).int().positive().optional().nullable(),
  /** Located in the county's development zone: the zone is then the default supervising unit. */
  inZone: z.boolean({ error: '是否位于开发区应为是或否' }).optional().default(false),
  address: optionalText(200, '地址'),
  foundedOn: optionalDate('成立日期'),
  productionStartedOn: optionalDate('投产日期'),
  contactName: optionalText(50, '联系人'),
  contactPhone: optionalText(30, '联系电话').refine(
    (v) => v === null || /^[0-9+\-() ]{5,30}$/.test(v),
    '联系电话只能包含数字、空格和 + - ( )',
  ),
};

function checkDates(
  v: { foundedOn: string | null; productionStartedOn: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.foundedOn && v.productionStartedOn && v.productionStartedOn < v.foundedOn) {
    ctx.addIssue({ code: 'custom', path: ['productionStartedOn'], message: '投产日期不能早于成立日期' });
  }
}

export const enterpriseCreateSchema = z
  .object({
    creditCode: creditCodeField,
    /** A legacy code failing only the check character is accepted when the user confirms it (and stays flagged). */
    confirmLegacyCode: z.boolean({ error: '确认为历史代码应为是或否' }).optional().default(false),
    ...enterpriseFields,
    scaleStatus: z.enum(SCALE_STATUSES, { error: '规模状态应为规上或规下' }).default('below'),
  })
  .superRefine((v, ctx) => {
    const check = checkCreditCode(v.creditCode);
    if (!check.ok && check.problem && !(check.problem === 'checksum' && v.confirmLegacyCode)) {
      const message =
        check.problem === 'checksum'
          ? `${CREDIT_CODE_MESSAGES.checksum}；如确为早期发放的代码，请勾选“确认为历史代码”后保存`
          : CREDIT_CODE_MESSAGES[check.problem];
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message });
    }
    checkDates(v, ctx);
  });
export type EnterpriseCreateInput = z.input<typeof enterpriseCreateSchema>;
export type EnterpriseCreate = z.output<typeof enterpriseCreateSchema>;

export const enterpriseUpdateSchema = z.object(enterpriseFields).superRefine(checkDates);
export type EnterpriseUpdateInput = z.input<typeof enterpriseUpdateSchema>;
export type EnterpriseUpdate = z.output<typeof enterpriseUpdateSchema>;

export const scaleChangeSchema = z.object({
  status: z.enum(SCALE_STATUSES, { error: '规模状态应为规上或规下' }),
  effectivePeriod: periodField,
  reason: z.string().trim().min(2, '请填写变更原因').max(500, '原因不能超过500个字'),
});
export type ScaleChange = z.output<typeof scaleChangeSchema>;

export const ENTERPRISE_SORTS = ['name', 'creditCode', 'industryCode', 'revenue', 'updatedAt'] as const;

const intParam = (min: number, max: number, label: string) =>
  z.coerce
    .number({ error: `${label}应为${min}到${max}之间的整数` })
    .int()
    .min(min)
    .max(max);
const optionalId = z.coerce.number({ error: '单位编号应为正整数' }).int().positive().optional();
const optionalWan = z.coerce
  .number({ error: '营业收入范围应为数字（万元）' })
  .min(0, '营业收入不能为负数')
  .optional();

export const enterpriseListQuerySchema = z
  .object({
    page: intParam(1, 100_000, '页码').default(1),
    pageSize: intParam(1, 200, '每页条数').default(20),
    sort: z.enum(ENTERPRISE_SORTS, { error: '排序字段不正确' }).default('name'),
    order: z.enum(['asc', 'desc'], { error: '排序方向应为 asc 或 desc' }).default('asc'),
    q: z.string({ error: '搜索词应为文字' }).trim().max(100, '搜索词不能超过100个字').optional(),
    townshipId: optionalId,
    supervisingUnitId: optionalId,
    industry: z
      .string()
      .trim()
      .regex(/^[BCD]?\d{0,4}$/, '行业代码格式不正确')
      .optional(),
    scaleStatus: z.enum(SCALE_STATUSES, { error: '规模状态应为规上或规下' }).optional(),
    /** The year whose revenue of record is shown and filtered on. */
    revenueYear: intParam(2000, 2100, '年度').optional(),
    revenueMinWan: optionalWan,
    revenueMaxWan: optionalWan,
  })
  .refine(
    (v) =>
      v.revenueMinWan === undefined || v.revenueMaxWan === undefined || v.revenueMinWan <= v.revenueMaxWan,
    {
      path: ['revenueMaxWan'],
      message: '营业收入上限不能小于下限',
    },
  );
export type EnterpriseListQuery = z.output<typeof enterpriseListQuerySchema>;

export const revenueValueField = z
  .number({ error: '数值应为数字' })
  .finite('数值应为有限数字')
  .min(0, '数值不能为负数')
  .max(1e13, '数值过大')
  .refine((v) => {
    // Tolerance grows with magnitude: 67108864.01 * 100 is 6710886401.000001 in floating point.
    const fen = v * 100;
    return Math.abs(fen - Math.round(fen)) <= Math.max(1e-6, 2 * Number.EPSILON * Math.abs(fen));
  }, '数值最多保留两位小数');

export const revenueFactCreateSchema = z.object({
  period: periodField,
  source: z.enum(REVENUE_SOURCES, { error: '来源应为税务、统计、自报或用电' }),
  /** Yuan for money sources, kWh for electricity. */
  value: revenueValueField,
  /** Required when a figure for the same firm, period and source exists: a correction is a new version. */
  reason: z.string().trim().max(500, '原因不能超过500个字').optional(),
});
export type RevenueFactCreate = z.output<typeof revenueFactCreateSchema>;

export const loginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256),
  /** The 6-digit TOTP code, for accounts with a second factor. */
  totp: z
    .string({ error: '动态口令应为6位数字' })
    .trim()
    .regex(/^\d{6}$/, '动态口令应为6位数字')
    .optional(),
});
