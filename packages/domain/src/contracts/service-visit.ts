// 走访 visits (server modules/visit): who, when, which firm, why, what was found, files, and the requests
// raised. Voided visits stay listed with their mark and never count.
import { z } from 'zod';
import { VISIT_PURPOSES } from '../service.js';
import { firmRefFields, idParams, paged, pageQuery, yearField } from './common.js';

const isoDate = (what: string) =>
  z.string({ error: `${what}应为 YYYY-MM-DD` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为 YYYY-MM-DD`);
const positiveId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const visitOfficialInputSchema = z.object({
  userId: z.number({ error: '人员账号编号应为正整数' }).int().positive().nullable().optional(),
  name: z
    .string({ error: '请填写走访人员姓名' })
    .trim()
    .min(1, '请填写走访人员姓名')
    .max(20, '姓名最多20个字'),
  unitId: z.number({ error: '请选择走访人员的单位' }).int().positive('请选择走访人员的单位'),
});
export const visitRequestInputSchema = z.object({
  category: z.string({ error: '请选择诉求类别' }).trim().min(1, '请选择诉求类别'),
  title: z
    .string({ error: '请填写诉求标题' })
    .trim()
    .min(2, '诉求标题至少2个字')
    .max(50, '诉求标题最多50个字'),
  detail: z
    .string({ error: '请填写诉求内容' })
    .trim()
    .min(2, '诉求内容至少2个字')
    .max(2000, '诉求内容最多2000个字'),
});

/** POST /visits */
export const visitCreateSchema = z.object({
  enterpriseId: z.number({ error: '请选择企业' }).int().positive('请选择企业'),
  visitedOn: isoDate('走访日期'),
  purpose: z.enum(VISIT_PURPOSES, { error: '请选择走访目的' }),
  findings: z
    .string({ error: '请填写走访情况' })
    .trim()
    .min(2, '走访情况至少2个字')
    .max(2000, '走访情况最多2000个字'),
  officials: z
    .array(visitOfficialInputSchema, { error: '请填写走访人员' })
    .min(1, '至少一名走访人员')
    .max(10, '最多10名走访人员'),
  requests: z.array(visitRequestInputSchema).max(10, '一次走访最多提出10项诉求').optional(),
});
export type VisitCreate = z.output<typeof visitCreateSchema>;

const visitFilterFields = z.object({
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
  year: yearField.optional(),
  purpose: z.enum(VISIT_PURPOSES, { error: '走访目的不正确' }).optional(),
  /** A unit that took part (one of the officials' units, or the recording unit). */
  unitId: positiveId('单位编号应为正整数').optional(),
  official: z.string().trim().max(20, '人员姓名最多20个字').optional(),
  q: z.string().trim().max(50, '企业名称或代码最多50个字').optional(),
  enterpriseId: positiveId('企业编号应为正整数').optional(),
});
const dateOrder = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to;
const dateOrderIssue = { path: ['to'], message: '结束日期不能早于开始日期' };
/** GET /visits/export */
export const visitFilterQuery = visitFilterFields.refine(dateOrder, dateOrderIssue);
export type VisitFilterQuery = z.output<typeof visitFilterQuery>;
/** The list's fields without the cross-field rule (the web's list state extends it). */
export const visitListFields = visitFilterFields.extend(pageQuery.shape);
/** GET /visits */
export const visitListQuery = visitListFields.refine(dateOrder, dateOrderIssue);
export type VisitListQuery = z.output<typeof visitListQuery>;

export const visitOfficialSchema = z.object({
  userId: z.number().nullable(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
});

export const visitSchema = z.object({
  id: z.number(),
  ...firmRefFields,
  visitedOn: z.string(),
  purpose: z.enum(VISIT_PURPOSES),
  purposeLabel: z.string(),
  findings: z.string(),
  officials: z.array(visitOfficialSchema),
  recordedUnitId: z.number(),
  recordedUnitName: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  requestCount: z.number(),
  fileCount: z.number(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type VisitView = z.output<typeof visitSchema>;
export const visitPageSchema = paged(visitSchema);

export const visitFileSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  fileType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
});
export type VisitFile = z.output<typeof visitFileSchema>;

/** GET /visits/:id — with files, the requests raised, and what the caller may do. */
export const visitDetailSchema = visitSchema.extend({
  files: z.array(visitFileSchema),
  requests: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      categoryLabel: z.string(),
      state: z.string(),
      stateLabel: z.string(),
    }),
  ),
  mayVoid: z.boolean(),
  mayUpload: z.boolean(),
});
export type VisitDetail = z.output<typeof visitDetailSchema>;

/** POST /visits/:id/void */
export const visitVoidSchema = z.object({
  reason: z
    .string({ error: '请填写作废原因' })
    .trim()
    .min(2, '作废原因至少2个字')
    .max(500, '作废原因最多500个字'),
});
export const visitFileParams = idParams.extend({ fileId: positiveId('文件编号应为正整数') });

/** GET /enterprises/:id/visits */
export const enterpriseVisitsQuery = z.object({
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
});
/** GET /enterprises/:id/recent-visits — the firm's visits by any unit in the RECENT_VISIT_DAYS before `on`. */
export const recentVisitsQuery = z.object({ on: isoDate('走访日期') });
export const visitListSchema = z.object({ items: z.array(visitSchema) });
export const recentVisitsSchema = z.object({ from: z.string(), to: z.string(), items: z.array(visitSchema) });
export type RecentVisits = z.output<typeof recentVisitsSchema>;
