// 包联 leads (server modules/lead): each firm in a library has one lead unit and a named lead official,
// assigned by the centre; the suggestion is domain suggestLeadUnit (service.ts).
import { z } from 'zod';
import { LIBRARIES } from '../libraries.js';
import { firmRefFields, paged, pageQuery, yearField } from './common.js';

const optionalId = (message: string) =>
  z.coerce.number({ error: message }).int(message).positive(message).optional();

/** GET /leads/export — the firms in any library of the year (default: the plan year in progress). */
export const leadFilterQuery = z.object({
  year: yearField.optional(),
  library: z.enum(LIBRARIES, { error: '库应为 base、cultivation、near 或 atRisk' }).optional(),
  hasLead: z.enum(['yes', 'no'], { error: '是否已包联应为 yes 或 no' }).optional(),
  leadUnitId: optionalId('包联单位编号应为正整数'),
  townshipId: optionalId('乡镇编号应为正整数'),
  supervisingUnitId: optionalId('行业主管单位编号应为正整数'),
  q: z.string().trim().max(50, '企业名称或代码最多50个字').optional(),
});
export type LeadFilterQuery = z.output<typeof leadFilterQuery>;
/** GET /leads */
export const leadListQuery = leadFilterQuery.extend(pageQuery.shape);
export type LeadListQuery = z.output<typeof leadListQuery>;

/** A firm's lead: the unit, the named official (with their account when they have one), since when. */
export const leadSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  userId: z.number().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  assignedAt: z.string(),
  assignedByName: z.string().nullable(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
});
export type LeadView = z.output<typeof leadSchema>;

export const leadSuggestionSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  basis: z.enum(['supervising', 'township']),
  reason: z.string(),
});

export const leadRowSchema = z.object({
  ...firmRefFields,
  libraries: z.array(z.object({ library: z.enum(LIBRARIES), label: z.string() })),
  lead: leadSchema.nullable(),
  suggested: leadSuggestionSchema,
});
export type LeadRow = z.output<typeof leadRowSchema>;
export const leadPageSchema = paged(leadRowSchema).extend({ year: z.number() });
export type LeadPage = z.output<typeof leadPageSchema>;

/** PUT /enterprises/:id/lead (the centre) */
export const leadAssignSchema = z.object({
  leadUnitId: z.number({ error: '请选择包联单位' }).int().positive('请选择包联单位'),
  leadUserId: z.number({ error: '包联人账号编号应为正整数' }).int().positive().nullable().optional(),
  leadName: z
    .string({ error: '请填写包联人姓名' })
    .trim()
    .min(1, '请填写包联人姓名')
    .max(20, '包联人姓名最多20个字'),
  leadPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{5,20}$/, '联系电话应为5到20位数字（可含短横线）')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
});
export type LeadAssign = z.output<typeof leadAssignSchema>;

/** GET /enterprises/:id/lead — current lead, the suggestion and every earlier lead (newest first). */
export const enterpriseLeadSchema = z.object({
  enterpriseId: z.number(),
  current: leadSchema.nullable(),
  suggested: leadSuggestionSchema,
  history: z.array(leadSchema),
});
export type EnterpriseLead = z.output<typeof enterpriseLeadSchema>;

/** POST /leads/assign-suggested (the centre): each firm gets its suggested unit. */
export const leadAssignSuggestedSchema = z.object({
  enterpriseIds: z
    .array(z.number().int().positive('企业编号应为正整数'), { error: '请选择企业' })
    .min(1, '请至少选择一家企业')
    .max(500, '一次最多分配500家企业'),
});
export const leadAssignSuggestedResultSchema = z.object({
  assigned: z.number(),
  /** Already led by the suggested unit: left as they are. */
  unchanged: z.number(),
  refused: z.array(z.object({ enterpriseId: z.number(), enterpriseName: z.string(), reason: z.string() })),
});
export type LeadAssignSuggestedResult = z.output<typeof leadAssignSuggestedResultSchema>;
