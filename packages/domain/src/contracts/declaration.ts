// The declaration slice's HTTP contract (入库申报, docs/api.md §Declarations): list filter, the view of a
// declaration, its detail (steps, checks, materials, inspections, history), files and the batch board. The
// request bodies (create, transition, override, inspection, convert, calendar) are ../declaration.ts's.
import { z } from 'zod';
import {
  CHECK_STATUSES,
  DECLARATION_CHECK_KEYS,
  DECLARATION_MODES,
  DECLARATION_STATES,
  INSPECTION_CONCLUSIONS,
  INSPECTION_KINDS,
  MATERIAL_ITEMS,
} from '../declaration.js';
import { firmRefFields, idParams, paged, pageQuery, yearField } from './common.js';

const positiveId = (message: string) => z.coerce.number({ error: message }).int().positive(message);

/** `?year&state&batch&townshipId` of GET /declarations and its export. */
export const declarationFilterQuery = z.object({
  year: yearField.optional(),
  state: z.enum(DECLARATION_STATES, { error: '状态不正确' }).optional(),
  batch: z.string().trim().max(20).optional(),
  townshipId: positiveId('乡镇编号应为正整数').optional(),
});
export const declarationListQuery = declarationFilterQuery.extend(pageQuery.shape);
/** GET /declarations/board?year&batch */
export const declarationBoardQuery = z.object({
  year: yearField,
  batch: z.string().trim().max(20).optional(),
});
/** `?fileName=` of an upload (the file itself is the raw body). */
export const uploadFileNameQuery = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(255, '文件名过长'),
});
export const materialParams = idParams.extend({ item: z.enum(MATERIAL_ITEMS, { error: '材料项目不正确' }) });
export const inspectionPhotoParams = idParams.extend({ inspectionId: positiveId('检查记录编号应为正整数') });
export const declarationFileParams = idParams.extend({ fileId: positiveId('文件编号应为正整数') });

const viewShape = {
  id: z.number(),
  ...firmRefFields,
  year: z.number(),
  mode: z.enum(DECLARATION_MODES),
  modeLabel: z.string(),
  /** The annual batch key, or the month `YYYY-MM` of a monthly declaration. */
  batch: z.string(),
  batchName: z.string(),
  deadline: z.string(),
  /** The month before the deadline's month. */
  dataMonth: z.string(),
  state: z.enum(DECLARATION_STATES),
  stateLabel: z.string(),
  lastComment: z.string().nullable(),
  directoryEventId: z.number().nullable(),
  inspectionUnitId: z.number().nullable(),
  inspectionUnitName: z.string().nullable(),
  replacesId: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
/** A declaration as the list shows it. */
export const declarationViewSchema = z.object(viewShape);
export type DeclarationView = z.output<typeof declarationViewSchema>;
export const declarationListSchema = paged(declarationViewSchema);
export type DeclarationList = z.output<typeof declarationListSchema>;

/** One version of a material or an inspection photo (newest version first). */
export const declarationFileSchema = z.object({
  id: z.number(),
  version: z.number(),
  fileName: z.string(),
  fileType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type DeclarationFile = z.output<typeof declarationFileSchema>;

/** 实地踏勘 or 资料审核. */
export const declarationInspectionSchema = z.object({
  id: z.number(),
  kind: z.enum(INSPECTION_KINDS),
  kindLabel: z.string(),
  inspectedOn: z.string(),
  inspectors: z.string(),
  findings: z.string(),
  conclusion: z.enum(INSPECTION_CONCLUSIONS),
  conclusionLabel: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  photos: z.array(declarationFileSchema),
});
export type DeclarationInspection = z.output<typeof declarationInspectionSchema>;

/** A check as the detail shows it: the domain's DeclarationCheck with labels and the centre's override. */
export const declarationCheckViewSchema = z.object({
  key: z.enum(DECLARATION_CHECK_KEYS),
  label: z.string(),
  status: z.enum(CHECK_STATUSES),
  statusLabel: z.string(),
  /** status === 'pass' */
  ok: z.boolean(),
  /** The step this check blocks while not passed (null: informative). */
  gate: z.enum(DECLARATION_STATES).nullable(),
  message: z.string(),
  /** The centre's override of this check, if any. */
  override: z
    .object({
      reason: z.string(),
      actorName: z.string().nullable(),
      at: z.string(),
      status: z.enum(CHECK_STATUSES),
      message: z.string(),
    })
    .nullable(),
});
export type DeclarationCheckView = z.output<typeof declarationCheckViewSchema>;

export const declarationDetailSchema = z.object({
  ...viewShape,
  /** What the caller may do next; `blockedBy` names why a step cannot be taken yet (empty: it can). */
  actions: z.array(
    z.object({
      to: z.enum(DECLARATION_STATES),
      label: z.string(),
      commentRequired: z.boolean(),
      blockedBy: z.array(z.string()),
    }),
  ),
  checks: z.array(declarationCheckViewSchema),
  /** What the caller may do besides the steps. */
  can: z.object({
    override: z.boolean(),
    convert: z.boolean(),
    assignInspectionUnit: z.boolean(),
    inspect: z.boolean(),
    materials: z.boolean(),
  }),
  /** The default effective period of the entry (any other needs a reason). */
  defaultEffectivePeriod: z.string(),
  /** Why the centre cannot approve yet (missing or failed inspection records); empty when it can. */
  approvalProblems: z.array(z.string()),
  materials: z.array(
    z.object({ item: z.enum(MATERIAL_ITEMS), label: z.string(), files: z.array(declarationFileSchema) }),
  ),
  inspections: z.array(declarationInspectionSchema),
  history: z.array(
    z.object({
      id: z.number(),
      from: z.enum(DECLARATION_STATES).nullable(),
      fromLabel: z.string().nullable(),
      to: z.enum(DECLARATION_STATES),
      toLabel: z.string(),
      at: z.string(),
      actorName: z.string().nullable(),
      comment: z.string().nullable(),
    }),
  ),
});
export type DeclarationDetail = z.output<typeof declarationDetailSchema>;

/** GET /declarations/board: per batch of the year, counts and firms by state (every state listed). */
export const declarationBoardSchema = z.object({
  year: z.number(),
  batches: z.array(
    z.object({
      batch: z.string(),
      batchName: z.string(),
      mode: z.enum(DECLARATION_MODES),
      deadline: z.string(),
      total: z.number(),
      states: z.array(
        z.object({
          state: z.enum(DECLARATION_STATES),
          stateLabel: z.string(),
          count: z.number(),
          firms: z.array(
            z.object({
              declarationId: z.number(),
              enterpriseId: z.number(),
              enterpriseName: z.string(),
              townshipName: z.string(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type DeclarationBoard = z.output<typeof declarationBoardSchema>;
