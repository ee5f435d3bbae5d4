// Training and publicity events with their attendance, sign-in sheet imports and materials, and the coverage
// of the libraries (server modules/training, modules/service-coverage). The sign-in sheet rules are domain
// training.ts, re-exported here so the slice has one entry point.
import { z } from 'zod';
import { isIsoDate } from '../period.js';
import { COVERAGE_LIBRARIES, TRAINING_KINDS } from '../service.js';
import { firmRefFields, paged, pageQuery, yearField } from './common.js';

export * from '../training.js';

const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isIsoDate, `${label}应为有效日期，格式如 2024-11-20`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));
const unitIdField = (label: string) =>
  z.coerce
    .number({ error: `${label}应为正整数` })
    .int()
    .positive(`${label}应为正整数`);

// ── Trainings ─────────────────────────────────────────────────────────────────────────────────────────

/** POST /trainings and PUT /trainings/:id: the organiser is the caller's own unit unless the centre names one. */
export const trainingCreateSchema = z.object({
  heldOn: isoDate('举办日期'),
  topic: z.string({ error: '请填写主题' }).trim().min(1, '请填写主题').max(100, '主题不能超过100个字'),
  kind: z.enum(TRAINING_KINDS, { error: '形式应为专题培训、政策宣讲、现场辅导或线上培训' }),
  organiserUnitId: unitIdField('主办单位').optional().nullable(),
  location: optionalText('地点', 100),
  note: optionalText('说明', 500),
});
export type TrainingCreate = z.output<typeof trainingCreateSchema>;
export const trainingUpdateSchema = trainingCreateSchema;
export type TrainingUpdate = TrainingCreate;

export const trainingVoidSchema = z.object({
  reason: z
    .string({ error: '请填写作废原因' })
    .trim()
    .min(1, '请填写作废原因')
    .max(200, '作废原因不能超过200个字'),
});

/** GET /trainings/export; the list adds paging. Dates are the held-on day, both ends included. */
export const trainingFilterSchema = z.object({
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
  kind: z.enum(TRAINING_KINDS, { error: '形式不正确' }).optional(),
  organiserUnitId: unitIdField('主办单位').optional(),
  q: z.string().trim().max(50, '主题关键字不能超过50个字').optional(),
  year: yearField.optional(),
  /** Voided events are listed only when asked for. */
  voided: z.enum(['0', '1']).optional(),
});
export type TrainingFilter = z.output<typeof trainingFilterSchema>;
export const trainingListQuerySchema = trainingFilterSchema.extend(pageQuery.shape);
export type TrainingListQuery = z.output<typeof trainingListQuerySchema>;

export const trainingSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  topic: z.string(),
  kind: z.enum(TRAINING_KINDS),
  kindLabel: z.string(),
  organiserUnitId: z.number(),
  organiserUnitName: z.string(),
  location: z.string().nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** Attendance counts over every row (a unit sees the counts even of rows it may not read). */
  firmCount: z.number(),
  officialCount: z.number(),
  unmatchedCount: z.number(),
  attendeeCount: z.number(),
  /** May the caller edit, void, import and upload (the organiser unit or the centre). */
  canManage: z.boolean(),
});
export type TrainingView = z.output<typeof trainingSchema>;
export const trainingPageSchema = paged(trainingSchema);

export const ATTENDANCE_KINDS = ['firm', 'official', 'unmatched'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];
export const ATTENDANCE_KIND_LABELS: Record<AttendanceKind, string> = {
  firm: '企业',
  official: '干部',
  unmatched: '未匹配',
};

export const attendanceSchema = z.object({
  id: z.number(),
  kind: z.enum(ATTENDANCE_KINDS),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  creditCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  userId: z.number().nullable(),
  personName: z.string(),
  orgNameAsWritten: z.string().nullable(),
  phone: z.string().nullable(),
  source: z.enum(['manual', 'import']),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type AttendanceView = z.output<typeof attendanceSchema>;

export const trainingFileSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  fileType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type TrainingFileView = z.output<typeof trainingFileSchema>;

/** GET /trainings/:id — the rows the caller may read; the others are only counted (`hiddenCount`). */
export const trainingDetailSchema = trainingSchema.extend({
  attendance: z.array(attendanceSchema),
  hiddenCount: z.number(),
  files: z.array(trainingFileSchema),
});
export type TrainingDetail = z.output<typeof trainingDetailSchema>;

const phoneField = z
  .string()
  .trim()
  .max(30, '联系电话不能超过30个字符')
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

/** POST /trainings/:id/attendance: a firm (in the caller's scope) with who came, or an official of a unit. */
export const attendanceCreateSchema = z
  .object({
    enterpriseId: z.coerce.number({ error: '请选择企业' }).int().positive('请选择企业').optional().nullable(),
    unitId: unitIdField('单位').optional().nullable(),
    userId: unitIdField('用户').optional().nullable(),
    personName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字'),
    phone: phoneField,
  })
  .superRefine((v, c) => {
    const firm = v.enterpriseId != null;
    const official = v.unitId != null || v.userId != null;
    if (firm === official)
      c.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: '请选择参会企业，或参会干部的单位（二选一）',
      });
  });
export type AttendanceCreate = z.output<typeof attendanceCreateSchema>;

export const attendanceParams = z.object({
  id: unitIdField('编号'),
  rowId: unitIdField('签到记录编号'),
});
export const trainingFileParams = z.object({
  id: unitIdField('编号'),
  fileId: unitIdField('文件编号'),
});
export const trainingFileNameQuery = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(255, '文件名过长'),
});

// ── Sign-in sheet import ──────────────────────────────────────────────────────────────────────────────

/** POST /trainings/:id/attendance/import?fileName=&dryRun=1 (raw body): dryRun=1 previews, writes nothing. */
export const signinImportQuery = trainingFileNameQuery.extend({
  dryRun: z
    .enum(['0', '1', 'true', 'false'], { error: 'dryRun 应为 1 或 0' })
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

export const SIGNIN_MATCHES = ['firm', 'official', 'unmatched', 'duplicate', 'invalid'] as const;
export type SigninMatch = (typeof SIGNIN_MATCHES)[number];
export const SIGNIN_MATCH_LABELS: Record<SigninMatch, string> = {
  firm: '匹配企业',
  official: '匹配单位（干部）',
  unmatched: '未匹配',
  duplicate: '重复（跳过）',
  invalid: '有错误',
};
export const SIGNIN_MATCHED_BY = ['creditCode', 'name', 'normalisedName', 'unit'] as const;
export const SIGNIN_MATCHED_BY_LABELS: Record<(typeof SIGNIN_MATCHED_BY)[number], string> = {
  creditCode: '按统一社会信用代码',
  name: '按名称',
  normalisedName: '按名称（忽略空格与全半角括号）',
  unit: '按单位名称',
};

export const signinProblemSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type SigninProblem = z.output<typeof signinProblemSchema>;

export const signinRowSchema = z.object({
  /** The sheet's row number (1-based, as Excel shows it). */
  row: z.number(),
  personName: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  signedAt: z.string().nullable(),
  match: z.enum(SIGNIN_MATCHES),
  matchedBy: z.enum(SIGNIN_MATCHED_BY).nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
});
export type SigninRow = z.output<typeof signinRowSchema>;

export const signinImportResultSchema = z.object({
  dryRun: z.boolean(),
  sheetName: z.string(),
  /** The header's row number (1-based). */
  headerRow: z.number(),
  rows: z.array(signinRowSchema),
  problems: z.array(signinProblemSchema),
  counts: z.object({
    rows: z.number(),
    firms: z.number(),
    officials: z.number(),
    unmatched: z.number(),
    duplicates: z.number(),
    invalid: z.number(),
  }),
  /** Rows written (0 on a dry run). */
  written: z.number(),
});
export type SigninImportResult = z.output<typeof signinImportResultSchema>;

// ── Coverage ──────────────────────────────────────────────────────────────────────────────────────────

/** The coverage table's column names (the seed's words for the three libraries). */
export const COVERAGE_LIBRARY_LABELS: Record<(typeof COVERAGE_LIBRARIES)[number], string> = {
  cultivation: '培育库',
  near: '临规库',
  atRisk: '临退规库',
};

/** GET /service/coverage: the plan year (default: the current one) and the day it is counted to. */
export const coverageQuerySchema = z.object({
  year: yearField.optional(),
  asOf: isoDate('截至日期').optional(),
});
export type CoverageQuery = z.output<typeof coverageQuerySchema>;

export const coverageCellSchema = z.object({
  reached: z.number(),
  total: z.number(),
  /** 0–1, null when the unit has no firm in the library. */
  share: z.number().nullable(),
});
export type CoverageCell = z.output<typeof coverageCellSchema>;

export const COVERAGE_BASES = ['county', 'township', 'supervising'] as const;
export const coverageRowSchema = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  /** county: every firm in scope; township: firms by 属地; supervising: firms by 行业主管. */
  basis: z.enum(COVERAGE_BASES),
  libraries: z.object(
    Object.fromEntries(COVERAGE_LIBRARIES.map((l) => [l, coverageCellSchema])) as Record<
      (typeof COVERAGE_LIBRARIES)[number],
      typeof coverageCellSchema
    >,
  ),
});
export type CoverageRow = z.output<typeof coverageRowSchema>;

export const coverageSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  /** The county total: the sum over the townships in the caller's scope. */
  county: coverageRowSchema,
  townships: z.array(coverageRowSchema),
  /** The zone and the departments, by 行业主管 (the same firms again, cut another way). */
  supervising: z.array(coverageRowSchema),
});
export type Coverage = z.output<typeof coverageSchema>;

/** GET /service/coverage/unreached/export; the list adds paging. `unitId`: a township, the zone or a department. */
export const unreachedFilterSchema = coverageQuerySchema.extend({
  library: z.enum(COVERAGE_LIBRARIES, { error: '库应为培育库、临规库或临退规库' }),
  unitId: unitIdField('单位').optional(),
  q: z.string().trim().max(50, '关键字不能超过50个字').optional(),
});
export type UnreachedFilter = z.output<typeof unreachedFilterSchema>;
export const unreachedListQuerySchema = unreachedFilterSchema.extend(pageQuery.shape);
export type UnreachedListQuery = z.output<typeof unreachedListQuerySchema>;

export const unreachedFirmSchema = z.object({
  ...firmRefFields,
  leadUnitName: z.string().nullable(),
  leadName: z.string().nullable(),
  leadPhone: z.string().nullable(),
  /** The last visit or training attended, any year up to asOf. */
  lastContactOn: z.string().nullable(),
  lastContactKind: z.enum(['visit', 'training']).nullable(),
});
export type UnreachedFirm = z.output<typeof unreachedFirmSchema>;
export const unreachedPageSchema = paged(unreachedFirmSchema).extend({ year: z.number(), asOf: z.string() });
export type UnreachedPage = z.output<typeof unreachedPageSchema>;
