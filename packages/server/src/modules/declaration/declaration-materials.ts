// Materials and inspection records of a declaration: uploads (checked type, sha256, versioned), the
// inspections (实地踏勘, 资料审核) and their photos, downloads, and the unit the centre assigns to inspect.
import { createHash } from 'node:crypto';
import {
  actsAs,
  checkInspectionAssignment,
  checkInspectionRecorder,
  checkUpload,
  type InspectionCreate,
  isNewFirm,
  MATERIAL_ITEM_LABELS,
  type MaterialItem,
  materialChecklist,
  UPLOAD_CONTENT_TYPES,
  type UploadType,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import {
  type DeclarationListRow,
  findFileContent,
  findInspection,
  findUnit,
  insertFile,
  insertInspection,
  lockDeclaration,
  updateDeclarationRow,
} from './declaration.repository.js';
import { assertEditable } from './declaration-checks.js';
import { getDeclaration, getInScope } from './declaration-detail.js';
import type { DeclarationDetail, FileView } from './declaration-views.js';

/** Materials and inspection records change only before the centre hands the file to the bureau. */

async function storeFile(
  tx: Executor,
  ctx: RequestContext,
  d: { id: number; enterpriseId: number },
  target: { item: MaterialItem | null; inspectionId: number | null },
  fileName: string,
  bytes: Buffer,
  allowed?: readonly UploadType[],
): Promise<FileView> {
  const checked = checkUpload(fileName, bytes, allowed);
  if (!checked.ok) throw invalid('file', checked.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = await insertFile(tx, {
    declarationId: d.id,
    item: target.item,
    inspectionId: target.inspectionId,
    fileName,
    fileType: checked.type,
    size: bytes.length,
    sha256,
    bytes,
    uploadedBy: ctx.actor?.id ?? null,
    uploadedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: target.item ? 'declaration.material' : 'declaration.photo',
    entityType: 'declaration',
    entityId: d.id,
    enterpriseId: d.enterpriseId,
    after: { fileId: row.id, ...target, version: row.version, fileName, size: bytes.length, sha256 },
  });
  return {
    id: row.id,
    version: row.version,
    fileName,
    fileType: checked.type,
    size: bytes.length,
    sha256,
    uploadedAt: ctx.now.toISOString(),
    uploadedByName: ctx.actor?.displayName ?? null,
  };
}

export async function uploadMaterial(
  db: Db,
  ctx: RequestContext,
  id: number,
  item: MaterialItem,
  fileName: string,
  bytes: Buffer,
): Promise<FileView> {
  const found = await getInScope(db, ctx, id);
  const items = materialChecklist(
    isNewFirm(found.productionStartedOn, found.d.year) || found.d.mode === 'monthly',
  );
  if (!items.includes(item)) throw invalid('item', `该申报的材料清单不含“${MATERIAL_ITEM_LABELS[item]}”`);
  return db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    assertEditable(d.state);
    return storeFile(tx, ctx, d, { item, inspectionId: null }, fileName, bytes);
  });
}

/** 实地踏勘 and 资料审核: the centre or the unit it assigned, never the declaring unit (403 with the reason). */
function assertMayInspect(ctx: RequestContext, r: DeclarationListRow): void {
  const problem = checkInspectionRecorder(
    { roles: ctx.actor?.roles ?? [], unitId: ctx.actor?.unit.id ?? null },
    { declaringUnitId: r.declaringUnitId, inspectionUnitId: r.d.inspectionUnitId },
  );
  if (problem) throw forbidden(problem);
}

export async function recordInspection(db: Db, ctx: RequestContext, id: number, input: InspectionCreate) {
  assertMayInspect(ctx, await getInScope(db, ctx, id, { assigned: true }));
  const inspectionId = await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    assertEditable(d.state);
    const row = await insertInspection(tx, {
      declarationId: id,
      ...input,
      recordedBy: ctx.actor?.id ?? null,
      recordedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'declaration.inspection',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      after: row,
    });
    return row.id;
  });
  const detail = await getDeclaration(db, ctx, id);
  return detail.inspections.find((i) => i.id === inspectionId)!;
}

export async function uploadInspectionPhoto(
  db: Db,
  ctx: RequestContext,
  id: number,
  inspectionId: number,
  fileName: string,
  bytes: Buffer,
): Promise<FileView> {
  assertMayInspect(ctx, await getInScope(db, ctx, id, { assigned: true }));
  return db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    const inspection = await findInspection(tx, id, inspectionId);
    if (!inspection) throw notFound('检查记录');
    assertEditable(d.state);
    return storeFile(tx, ctx, d, { item: null, inspectionId }, fileName, bytes, ['jpg', 'png']);
  });
}

export async function downloadFile(db: Db, ctx: RequestContext, id: number, fileId: number) {
  await getInScope(db, ctx, id, { assigned: true });
  const file = await findFileContent(db, id, fileId);
  if (!file) throw notFound('文件');
  return {
    fileName: file.fileName,
    contentType: UPLOAD_CONTENT_TYPES[file.fileType as UploadType] ?? 'application/octet-stream',
    bytes: file.bytes,
  };
}

/** The centre assigns (or clears) the unit that records the inspections; never the declaring unit. */
export async function assignInspectionUnit(
  db: Db,
  ctx: RequestContext,
  id: number,
  unitId: number | null,
): Promise<DeclarationDetail> {
  const found = await getInScope(db, ctx, id);
  if (!actsAs(ctx.actor?.roles ?? [], 'centre')) throw forbidden('检查单位由中小企业发展中心指派');
  if (unitId !== null) {
    const unit = await findUnit(db, unitId);
    if (!unit) throw invalid('unitId', '检查单位不存在');
    const problem = checkInspectionAssignment(unit, found.declaringUnitId);
    if (problem) throw new AppError('CONFLICT', problem, [{ path: 'unitId', message: problem }]);
  }
  await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    assertEditable(d.state);
    await updateDeclarationRow(tx, id, { inspectionUnitId: unitId, updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: 'declaration.inspection_unit',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { inspectionUnitId: d.inspectionUnitId },
      after: { inspectionUnitId: unitId },
    });
  });
  return getDeclaration(db, ctx, id);
}
