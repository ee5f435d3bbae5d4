// Training and publicity events (培训宣讲, docs/domain.md "Training and coverage"): recorded by a unit with
// service:write for itself (the centre for any unit), edited and voided by the organiser unit or the centre,
// never deleted. Attendance is by firm (in the caller's data scope) or by official (with their unit); a
// township or department reads the rows of its own firms and of officials, and only counts the others.
import { createHash } from 'node:crypto';
import {
  type AttendanceCreate,
  type AttendanceView,
  checkTrainingFile,
  normaliseOrgName,
  TRAINING_FILE_CONTENT_TYPES,
  TRAINING_KIND_LABELS,
  type TrainingCreate,
  type TrainingDetail,
  type TrainingFileType,
  type TrainingFileView,
  type TrainingFilter,
  type TrainingKind,
  type TrainingListQuery,
  type TrainingView,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import {
  type AttendanceListRow,
  attendanceFirmUnscoped,
  countTrainings,
  deleteAttendanceRow,
  findAttendance,
  findTraining,
  findTrainingFileContent,
  findUnit,
  findUserUnit,
  insertAttendance,
  insertTraining,
  insertTrainingFile,
  listAttendance,
  listAttendanceKeys,
  listTrainings as listRows,
  listTrainingFiles,
  lockTraining,
  type TrainingFilter as RepoFilter,
  type TrainingListRow,
  type TrainingRow,
  updateTrainingRow,
} from './training.repository.js';

/** Units that organise service work: not the province or the city. */
const ORGANISER_KINDS = ['county', 'township', 'zone', 'department', 'centre', 'bureau'];

export function isCentre(ctx: RequestContext): boolean {
  return ctx.actor?.roles.includes('centre') ?? false;
}

/** The organiser unit or the centre may edit, void, import a sign-in sheet and upload materials. */
export function mayManage(ctx: RequestContext, t: { organiserUnitId: number }): boolean {
  return isCentre(ctx) || (ctx.actor !== null && ctx.actor.unit.id === t.organiserUnitId);
}

/** Rows naming no firm and no unit are the organiser's and the county's to read. */
export function readsUnmatched(ctx: RequestContext, t: { organiserUnitId: number }): boolean {
  return ctx.scope.kind === 'subtree' || mayManage(ctx, t);
}

function toView(ctx: RequestContext, r: TrainingListRow): TrainingView {
  const t = r.t;
  return {
    id: t.id,
    heldOn: t.heldOn,
    topic: t.topic,
    kind: t.kind as TrainingKind,
    kindLabel: TRAINING_KIND_LABELS[t.kind as TrainingKind] ?? t.kind,
    organiserUnitId: t.organiserUnitId,
    organiserUnitName: r.organiserUnitName,
    location: t.location,
    note: t.note,
    createdByName: r.createdByName,
    createdAt: t.createdAt.toISOString(),
    voided: t.voidedAt !== null,
    voidedAt: t.voidedAt?.toISOString() ?? null,
    voidReason: t.voidReason,
    firmCount: r.firmCount,
    officialCount: r.officialCount,
    unmatchedCount: r.unmatchedCount,
    attendeeCount: r.attendeeCount,
    canManage: mayManage(ctx, t) && t.voidedAt === null && ctx.permissions.has('service:write'),
  };
}

export function toAttendanceView(r: AttendanceListRow): AttendanceView {
  const a = r.a;
  return {
    id: a.id,
    kind: a.enterpriseId !== null ? 'firm' : a.unitId !== null ? 'official' : 'unmatched',
    enterpriseId: a.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipName: r.townshipName,
    unitId: a.unitId,
    unitName: r.unitName,
    userId: a.userId,
    personName: a.personName,
    orgNameAsWritten: a.orgNameAsWritten,
    phone: a.phone,
    source: a.source === 'import' ? 'import' : 'manual',
    createdAt: a.createdAt.toISOString(),
    createdByName: r.createdByName,
  };
}

function filterOf(q: TrainingFilter): RepoFilter {
  return {
    from: q.from,
    to: q.to,
    kind: q.kind,
    organiserUnitId: q.organiserUnitId,
    q: q.q,
    year: q.year,
    includeVoided: q.voided === '1',
  };
}

export async function listTrainings(db: Db, ctx: RequestContext, q: TrainingListQuery) {
  const f = filterOf(q);
  const rows = await listRows(db, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const total = await countTrainings(db, f);
  return { items: rows.map((r) => toView(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

/** Every row of the filtered list, for export (a county holds tens of events a year). */
export async function listAllTrainings(
  db: Db,
  ctx: RequestContext,
  q: TrainingFilter,
): Promise<TrainingView[]> {
  return (await listRows(db, filterOf(q), { limit: 100_000, offset: 0 })).map((r) => toView(ctx, r));
}

async function getRow(db: Executor, id: number): Promise<TrainingListRow> {
  const found = await findTraining(db, id);
  if (!found) throw notFound('培训');
  return found;
}

export async function getTraining(db: Db, ctx: RequestContext, id: number): Promise<TrainingDetail> {
  const found = await getRow(db, id);
  const rows = await listAttendance(db, ctx.scope, id, { unmatched: readsUnmatched(ctx, found.t) });
  const files = await listTrainingFiles(db, id);
  return {
    ...toView(ctx, found),
    attendance: rows.map(toAttendanceView),
    hiddenCount: found.attendeeCount - rows.length,
    files: files.map(
      (f): TrainingFileView => ({
        ...f,
        uploadedAt: f.uploadedAt.toISOString(),
        uploadedByName: f.uploadedByName,
      }),
    ),
  };
}

async function resolveOrganiser(db: Executor, ctx: RequestContext, input: TrainingCreate): Promise<number> {
  const own = ctx.actor?.unit.id;
  if (own === undefined) throw forbidden();
  const wanted = input.organiserUnitId ?? own;
  if (wanted !== own && !isCentre(ctx))
    throw forbidden('只有县中小企业发展中心可以登记其他单位主办的培训，请选择本单位');
  if (wanted !== own) {
    const unit = await findUnit(db, wanted);
    if (!unit || !ORGANISER_KINDS.includes(unit.kind)) throw invalid('organiserUnitId', '主办单位不存在');
  }
  return wanted;
}

function snapshot(t: TrainingRow) {
  return {
    heldOn: t.heldOn,
    topic: t.topic,
    kind: t.kind,
    organiserUnitId: t.organiserUnitId,
    location: t.location,
    note: t.note,
  };
}

export async function createTraining(
  db: Db,
  ctx: RequestContext,
  input: TrainingCreate,
): Promise<TrainingView> {
  const organiserUnitId = await resolveOrganiser(db, ctx, input);
  const id = await withTransaction(db, async (tx) => {
    const row = await insertTraining(tx, {
      heldOn: input.heldOn,
      topic: input.topic,
      kind: input.kind,
      organiserUnitId,
      location: input.location,
      note: input.note,
      createdBy: ctx.actor!.id,
      createdAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'training.create',
      entityType: 'training',
      entityId: row.id,
      after: snapshot(row),
    });
    return row.id;
  });
  return toView(ctx, await getRow(db, id));
}

/** Locks the training for a change by the organiser or the centre: 404 missing, 403 another unit's, 409 voided. */
async function lockForChange(tx: Executor, ctx: RequestContext, id: number): Promise<TrainingRow> {
  const t = await lockTraining(tx, id);
  if (!t) throw notFound('培训');
  if (!mayManage(ctx, t)) throw forbidden('只有主办单位或县中小企业发展中心可以修改该培训');
  if (t.voidedAt) throw new AppError('CONFLICT', '该培训已作废，不能再修改');
  return t;
}

export async function updateTraining(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: TrainingCreate,
): Promise<TrainingView> {
  await withTransaction(db, async (tx) => {
    const before = await lockForChange(tx, ctx, id);
    // The organiser stays unless the centre moves it (a unit cannot hand its event to another).
    const organiserUnitId =
      input.organiserUnitId && input.organiserUnitId !== before.organiserUnitId
        ? await resolveOrganiser(tx, ctx, input)
        : before.organiserUnitId;
    const after = await updateTrainingRow(tx, id, {
      heldOn: input.heldOn,
      topic: input.topic,
      kind: input.kind,
      organiserUnitId,
      location: input.location,
      note: input.note,
    });
    await recordAudit(tx, ctx, {
      action: 'training.update',
      entityType: 'training',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return toView(ctx, await getRow(db, id));
}

export async function voidTraining(
  db: Db,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<TrainingView> {
  await withTransaction(db, async (tx) => {
    await lockForChange(tx, ctx, id);
    await updateTrainingRow(tx, id, { voidedAt: ctx.now, voidedBy: ctx.actor!.id, voidReason: reason });
    await recordAudit(tx, ctx, {
      action: 'training.void',
      entityType: 'training',
      entityId: id,
      before: { voidedAt: null },
      after: { voidedAt: ctx.now, voidReason: reason },
    });
  });
  return toView(ctx, await getRow(db, id));
}

/** Locks an event that still takes attendance (404 missing, 409 voided). */
async function lockOpen(tx: Executor, id: number): Promise<TrainingRow> {
  const t = await lockTraining(tx, id);
  if (!t) throw notFound('培训');
  if (t.voidedAt) throw new AppError('CONFLICT', '该培训已作废，不能再登记签到');
  return t;
}

export const personKey = (
  personName: string,
  who: { enterpriseId: number | null; unitId: number | null; org: string | null },
) =>
  `${normaliseOrgName(personName)}\u0001${
    who.enterpriseId !== null
      ? `e${who.enterpriseId}`
      : who.unitId !== null
        ? `u${who.unitId}`
        : `n${normaliseOrgName(who.org ?? '')}`
  }`;

/**
 * Adds one attendee: a firm of the caller's scope (404 otherwise) with the person who came, or an official
 * (a user, or a name with a unit). A unit that is neither the organiser nor the centre adds officials of its
 * own unit only. The same person for the same firm or unit twice is refused (409).
 */
export async function addAttendance(
  db: Db,
  ctx: RequestContext,
  trainingId: number,
  input: AttendanceCreate,
): Promise<AttendanceView> {
  if (input.enterpriseId) await assertInScope(db, ctx, input.enterpriseId);
  let unitId = input.unitId ?? null;
  const userId = input.userId ?? null;
  if (userId !== null) {
    const user = await findUserUnit(db, userId);
    if (!user) throw invalid('userId', '用户不存在');
    if (unitId !== null && unitId !== user.unitId) throw invalid('unitId', '该用户不属于所选单位');
    unitId = user.unitId;
  }
  if (unitId !== null && !(await findUnit(db, unitId))) throw invalid('unitId', '单位不存在');
  const rowId = await withTransaction(db, async (tx) => {
    const t = await lockOpen(tx, trainingId);
    if (unitId !== null && !mayManage(ctx, t) && unitId !== ctx.actor?.unit.id)
      throw forbidden('只能登记本单位的参会干部；其他单位的干部由主办单位或县中小企业发展中心登记');
    const who = {
      enterpriseId: input.enterpriseId ?? null,
      unitId: input.enterpriseId ? null : unitId,
      org: null,
    };
    const key = personKey(input.personName, who);
    const existing = await listAttendanceKeys(tx, trainingId);
    if (existing.some((e) => personKey(e.personName, { ...e, org: e.orgNameAsWritten }) === key))
      throw new AppError('CONFLICT', `${input.personName}已在该培训的签到名单中`);
    const [row] = await insertAttendance(tx, [
      {
        trainingId,
        enterpriseId: who.enterpriseId,
        unitId: who.unitId,
        userId: input.enterpriseId ? null : userId,
        personName: input.personName,
        orgNameAsWritten: null,
        phone: input.phone,
        source: 'manual',
        createdBy: ctx.actor!.id,
        createdAt: ctx.now,
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'training.attendance.add',
      entityType: 'training',
      entityId: trainingId,
      enterpriseId: row!.enterpriseId,
      after: {
        rowId: row!.id,
        personName: row!.personName,
        enterpriseId: row!.enterpriseId,
        unitId: row!.unitId,
      },
    });
    return row!.id;
  });
  const view = await findAttendance(db, ctx.scope, trainingId, rowId, { unmatched: true });
  return toAttendanceView(view!);
}

/**
 * Removes an attendance row recorded in error: the organiser, the centre, or the unit that recorded it; a
 * firm's row only within the caller's scope (404 otherwise, audited).
 */
export async function deleteAttendance(
  db: Db,
  ctx: RequestContext,
  trainingId: number,
  rowId: number,
): Promise<{ ok: true }> {
  const training = await getRow(db, trainingId);
  const found = await findAttendance(db, ctx.scope, trainingId, rowId, {
    unmatched: readsUnmatched(ctx, training.t),
  });
  if (!found) {
    const other = await attendanceFirmUnscoped(db, trainingId, rowId);
    if (other.enterpriseId !== null) await assertInScope(db, ctx, other.enterpriseId); // audits, throws 404
    throw notFound('签到记录');
  }
  await withTransaction(db, async (tx) => {
    const t = await lockOpen(tx, trainingId);
    if (!mayManage(ctx, t) && found.createdByUnitId !== ctx.actor?.unit.id)
      throw forbidden('只有主办单位、县中小企业发展中心或登记该记录的单位可以删除签到记录');
    const removed = await deleteAttendanceRow(tx, trainingId, rowId);
    if (!removed) throw notFound('签到记录');
    await recordAudit(tx, ctx, {
      action: 'training.attendance.delete',
      entityType: 'training',
      entityId: trainingId,
      enterpriseId: removed.enterpriseId,
      before: {
        rowId,
        personName: removed.personName,
        enterpriseId: removed.enterpriseId,
        unitId: removed.unitId,
        orgNameAsWritten: removed.orgNameAsWritten,
        phone: removed.phone,
        source: removed.source,
      },
    });
  });
  return { ok: true };
}

// ── Materials ─────────────────────────────────────────────────────────────────────────────────────────

export async function uploadTrainingFile(
  db: Db,
  ctx: RequestContext,
  trainingId: number,
  fileName: string,
  bytes: Buffer,
): Promise<TrainingFileView> {
  const checked = checkTrainingFile(fileName, bytes);
  if (!checked.ok) throw invalid('file', checked.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = await withTransaction(db, async (tx) => {
    await lockForChange(tx, ctx, trainingId);
    const row = await insertTrainingFile(tx, {
      ownerId: trainingId,
      fileName,
      fileType: checked.type,
      size: bytes.length,
      sha256,
      bytes,
      uploadedBy: ctx.actor!.id,
      uploadedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'training.file',
      entityType: 'training',
      entityId: trainingId,
      after: { fileId: row.id, fileName, size: bytes.length, sha256 },
    });
    return row.id;
  });
  return {
    id,
    fileName,
    fileType: checked.type,
    size: bytes.length,
    sha256,
    uploadedAt: ctx.now.toISOString(),
    uploadedByName: ctx.actor?.displayName ?? null,
  };
}

export async function downloadTrainingFile(db: Db, _ctx: RequestContext, trainingId: number, fileId: number) {
  await getRow(db, trainingId);
  const f = await findTrainingFileContent(db, trainingId, fileId);
  if (!f) throw notFound('培训材料');
  return {
    fileName: f.fileName,
    bytes: f.bytes,
    contentType: TRAINING_FILE_CONTENT_TYPES[f.fileType as TrainingFileType] ?? 'application/octet-stream',
  };
}
