// 督导 (docs/domain.md §6): the centre supervises a township, the zone, a department or a bureau on a day, writes
// its findings and the rectification items (what, owner unit and person, deadline). The owner unit reports
// each item rectified; the centre may close an item too, and only the centre closes the supervision, once
// every item is closed — the supervised unit never closes its own supervision. Files (minutes, photos,
// rectification reports) go to service_files. Every change is audited in its transaction.
import { createHash } from 'node:crypto';
import {
  checkUpload,
  chinaDate,
  daysBetween,
  type ServiceFile,
  SUPERVISED_UNIT_KINDS,
  SUPERVISION_ITEM_STATE_LABELS,
  SUPERVISION_STATE_LABELS,
  type SupervisionCreate,
  type SupervisionDetail,
  type SupervisionFilterQuery,
  type SupervisionListQuery,
  type SupervisionRow,
  supervisionState,
  type TodoItem,
  UPLOAD_CONTENT_TYPES,
  type UploadType,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { findUnitById } from '../org/org.repository.js';
import {
  closeItem,
  countOpenItems,
  countSupervisions,
  findItem,
  findSupervisionFile,
  findUnits,
  insertItems,
  insertSupervision,
  insertSupervisionFile,
  listItems,
  listOpenItemsOwnedBy,
  listSupervisionFiles,
  listSupervisionRows,
  lockSupervision,
  markSupervisionClosed,
  type SupervisionFilter,
  type SupervisionListRow,
  type SupervisionVisibility,
  supervisionExists,
} from './supervision.repository.js';

const SUPERVISION = '督导记录';
/** Open items due within this many days are on the owner unit's to-do list. */
export const SUPERVISION_ITEM_SOON_DAYS = 7;

const isCentre = (ctx: RequestContext) => ctx.permissions.has('service:manage');

/** Who sees which supervisions: the county's bodies (county scope) all of theirs; a unit its own. */
function visibilityOf(ctx: RequestContext): SupervisionVisibility {
  if (ctx.scope.kind === 'subtree') return { kind: 'subtree', path: ctx.scope.path };
  if (ctx.scope.kind === 'none' || !ctx.actor) return { kind: 'none' };
  return { kind: 'unit', unitId: ctx.actor.unit.id };
}

function rowOf(r: SupervisionListRow): SupervisionRow {
  const state = supervisionState(r.s.closedAt !== null, r.openItems);
  return {
    id: r.s.id,
    unitId: r.s.unitId,
    unitName: r.unitName,
    heldOn: r.s.heldOn,
    findings: r.s.findings,
    items: r.items,
    openItems: r.openItems,
    overdueItems: r.overdueItems,
    nextDueOn: r.nextDueOn,
    state,
    stateLabel: SUPERVISION_STATE_LABELS[state],
    recordedByName: r.recordedByName,
    recordedAt: r.s.recordedAt.toISOString(),
    closedAt: r.s.closedAt?.toISOString() ?? null,
  };
}

function filterOf(ctx: RequestContext, q: SupervisionFilterQuery): SupervisionFilter {
  return { ...q, today: chinaDate(ctx.now) };
}

export async function listSupervisions(db: Db, ctx: RequestContext, q: SupervisionListQuery) {
  const v = visibilityOf(ctx);
  const f = filterOf(ctx, q);
  const [rows, total] = await Promise.all([
    listSupervisionRows(db, v, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countSupervisions(db, v, f),
  ]);
  return { items: rows.map(rowOf), total, page: q.page, pageSize: q.pageSize };
}

export async function listAllSupervisions(db: Db, ctx: RequestContext, q: SupervisionFilterQuery) {
  const rows = await listSupervisionRows(db, visibilityOf(ctx), filterOf(ctx, q), {
    limit: 100_000,
    offset: 0,
  });
  return rows.map(rowOf);
}

/** The supervision as the caller may see it, or 404. */
async function getVisible(db: Executor, ctx: RequestContext, id: number): Promise<SupervisionListRow> {
  const rows = await listSupervisionRows(
    db,
    visibilityOf(ctx),
    { id, today: chinaDate(ctx.now) },
    { limit: 1, offset: 0 },
  );
  if (rows[0]) return rows[0];
  if (await supervisionExists(db, id))
    await recordAudit(db, ctx, {
      action: 'access.out_of_scope',
      entityType: 'supervision',
      entityId: id,
      after: { scope: ctx.scope.kind },
    });
  throw notFound(SUPERVISION);
}

export async function getSupervision(
  db: Executor,
  ctx: RequestContext,
  id: number,
): Promise<SupervisionDetail> {
  const r = await getVisible(db, ctx, id);
  const today = chinaDate(ctx.now);
  const [items, files] = await Promise.all([listItems(db, id), listSupervisionFiles(db, id)]);
  const closed = r.s.closedAt !== null;
  const myUnit = ctx.actor?.unit.id;
  const writer = ctx.permissions.has('service:write');
  return {
    ...rowOf(r),
    itemList: items.map(({ i, ownerUnitName, closedByName }) => {
      const state = i.closedAt ? 'closed' : 'open';
      return {
        id: i.id,
        description: i.description,
        ownerUnitId: i.ownerUnitId,
        ownerUnitName,
        ownerName: i.ownerName,
        dueOn: i.dueOn,
        state,
        stateLabel: SUPERVISION_ITEM_STATE_LABELS[state],
        overdue: !i.closedAt && today > i.dueOn,
        closedAt: i.closedAt?.toISOString() ?? null,
        closedByName,
        closureNote: i.closureNote,
        canClose: !closed && !i.closedAt && writer && (isCentre(ctx) || i.ownerUnitId === myUnit),
      };
    }),
    files: files.map(fileView),
    closedByName: r.closedByName,
    canClose: !closed && isCentre(ctx) && r.openItems === 0,
    canUpload:
      !closed &&
      writer &&
      mayUpload(
        ctx,
        r.s.unitId,
        items.map((x) => x.i.ownerUnitId),
      ),
  };
}

function fileView(f: {
  id: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedByName?: string | null;
}): ServiceFile {
  return {
    id: f.id,
    fileName: f.fileName,
    fileType: f.fileType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
    uploadedByName: f.uploadedByName ?? null,
  };
}

/** The centre, the supervised unit or an item's owner unit attach files (minutes, rectification proof). */
function mayUpload(ctx: RequestContext, unitId: number, ownerUnitIds: number[]): boolean {
  const mine = ctx.actor?.unit.id;
  return isCentre(ctx) || mine === unitId || (mine !== undefined && ownerUnitIds.includes(mine));
}

/** A unit the centre supervises or assigns an item to: of its county, of a supervised kind (or the centre). */
function checkUnit(
  ctx: RequestContext,
  u: { kind: string; path: string } | undefined | null,
  path: string,
  message: string,
  kinds: readonly string[],
): void {
  const inCounty = ctx.scope.kind === 'subtree' && u?.path.startsWith(ctx.scope.path);
  if (!u || !inCounty || !kinds.includes(u.kind)) throw invalid(path, message);
}

/** POST /supervisions (the centre; the route requires service:manage). */
export async function createSupervision(
  db: Db,
  ctx: RequestContext,
  input: SupervisionCreate,
): Promise<SupervisionDetail> {
  const today = chinaDate(ctx.now);
  if (input.heldOn > today) throw invalid('heldOn', `督导日期不能晚于今天（${today}）`);
  const id = await withTransaction(db, async (tx) => {
    const supervised = await findUnitById(tx, input.unitId);
    checkUnit(
      ctx,
      supervised,
      'unitId',
      '被督导单位应为本县的乡镇、开发区、主管部门或部门单位',
      SUPERVISED_UNIT_KINDS,
    );
    const ownerIds = [...new Set(input.items.map((i) => i.ownerUnitId ?? input.unitId))];
    const owners = new Map((await findUnits(tx, ownerIds)).map((u) => [u.id, u]));
    input.items.forEach((item, n) => {
      checkUnit(
        ctx,
        owners.get(item.ownerUnitId ?? input.unitId),
        `items.${n}.ownerUnitId`,
        `第${n + 1}条整改事项的责任单位应为本县的乡镇、开发区、部门或中心`,
        [...SUPERVISED_UNIT_KINDS, 'centre'],
      );
      if (item.dueOn < input.heldOn)
        throw invalid(`items.${n}.dueOn`, `第${n + 1}条整改事项的期限不能早于督导日期`);
    });
    const s = await insertSupervision(tx, {
      unitId: input.unitId,
      heldOn: input.heldOn,
      findings: input.findings,
      recordedBy: ctx.actor!.id,
      recordedAt: ctx.now,
    });
    const items = await insertItems(
      tx,
      input.items.map((i) => ({
        supervisionId: s.id,
        description: i.description,
        ownerUnitId: i.ownerUnitId ?? input.unitId,
        ownerName: i.ownerName,
        dueOn: i.dueOn,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'supervision.create',
      entityType: 'supervision',
      entityId: s.id,
      after: {
        unitId: s.unitId,
        heldOn: s.heldOn,
        findings: s.findings,
        items: items.map((i) => ({
          id: i.id,
          description: i.description,
          ownerUnitId: i.ownerUnitId,
          ownerName: i.ownerName,
          dueOn: i.dueOn,
        })),
      },
    });
    return s.id;
  });
  return getSupervision(db, ctx, id);
}

/** POST /supervisions/:id/items/:itemId/close — the item's owner unit reports it rectified (or the centre). */
export async function closeSupervisionItem(
  db: Db,
  ctx: RequestContext,
  id: number,
  itemId: number,
  note: string,
): Promise<SupervisionDetail> {
  await getVisible(db, ctx, id);
  await withTransaction(db, async (tx) => {
    const s = await lockSupervision(tx, id);
    if (!s) throw notFound(SUPERVISION);
    const item = await findItem(tx, id, itemId);
    if (!item) throw notFound('整改事项');
    if (!isCentre(ctx) && ctx.actor?.unit.id !== item.ownerUnitId)
      throw forbidden('只有整改责任单位或县中小企业发展中心可以办结该整改事项');
    if (s.closedAt) throw new AppError('CONFLICT', '该督导已办结');
    const closed = await closeItem(tx, itemId, {
      closedAt: ctx.now,
      closedBy: ctx.actor!.id,
      closureNote: note,
    });
    if (!closed) throw new AppError('CONFLICT', '该整改事项已办结');
    await recordAudit(tx, ctx, {
      action: 'supervision.item_close',
      entityType: 'supervision',
      entityId: id,
      before: { itemId, closedAt: null },
      after: { itemId, closedAt: ctx.now.toISOString(), closureNote: note },
    });
  });
  return getSupervision(db, ctx, id);
}

/** POST /supervisions/:id/close — the centre only (route: service:manage), once every item is closed. */
export async function closeSupervision(db: Db, ctx: RequestContext, id: number): Promise<SupervisionDetail> {
  await getVisible(db, ctx, id);
  if (!isCentre(ctx)) throw forbidden('督导只能由县中小企业发展中心确认办结');
  await withTransaction(db, async (tx) => {
    const s = await lockSupervision(tx, id);
    if (!s) throw notFound(SUPERVISION);
    if (s.closedAt) throw new AppError('CONFLICT', '该督导已办结');
    const open = await countOpenItems(tx, id);
    if (open > 0) throw new AppError('CONFLICT', `还有${open}条整改事项未办结，不能办结督导`);
    await markSupervisionClosed(tx, id, ctx.now, ctx.actor!.id);
    await recordAudit(tx, ctx, {
      action: 'supervision.close',
      entityType: 'supervision',
      entityId: id,
      before: { closedAt: null },
      after: { closedAt: ctx.now.toISOString() },
    });
  });
  return getSupervision(db, ctx, id);
}

/** POST /supervisions/:id/files — pdf/jpg/png/docx/xlsx up to 10 MB (the declarations' upload check). */
export async function uploadSupervisionFile(
  db: Db,
  ctx: RequestContext,
  id: number,
  fileName: string,
  bytes: Buffer,
): Promise<ServiceFile> {
  await getVisible(db, ctx, id);
  const checked = checkUpload(fileName, bytes);
  if (!checked.ok) throw invalid('file', checked.message);
  return withTransaction(db, async (tx) => {
    const s = await lockSupervision(tx, id);
    if (!s) throw notFound(SUPERVISION);
    const owners = (await listItems(tx, id)).map((x) => x.i.ownerUnitId);
    if (!mayUpload(ctx, s.unitId, owners))
      throw forbidden('只有县中小企业发展中心、被督导单位或整改责任单位可以上传督导材料');
    if (s.closedAt) throw new AppError('CONFLICT', '该督导已办结，不能再上传材料');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const row = await insertSupervisionFile(tx, {
      ownerId: id,
      fileName,
      fileType: checked.type,
      size: bytes.length,
      sha256,
      bytes,
      uploadedBy: ctx.actor!.id,
      uploadedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'supervision.file',
      entityType: 'supervision',
      entityId: id,
      after: { fileId: row.id, fileName, size: bytes.length, sha256 },
    });
    return fileView({ ...row, uploadedByName: ctx.actor?.displayName ?? null });
  });
}

export async function downloadSupervisionFile(db: Db, ctx: RequestContext, id: number, fileId: number) {
  await getVisible(db, ctx, id);
  const f = await findSupervisionFile(db, id, fileId);
  if (!f) throw notFound('文件');
  return {
    fileName: f.fileName,
    contentType: UPLOAD_CONTENT_TYPES[f.fileType as UploadType] ?? 'application/octet-stream',
    bytes: f.bytes,
  };
}

/**
 * To-do: the open rectification items owned by the caller's unit that are due within
 * SUPERVISION_ITEM_SOON_DAYS or overdue; for the centre, the supervisions whose items are all closed and
 * that wait for its confirmation.
 */
export async function supervisionTodoItems(db: Db, ctx: RequestContext): Promise<TodoItem[]> {
  if (!ctx.actor || !ctx.permissions.has('service:write')) return [];
  const today = chinaDate(ctx.now);
  const items: TodoItem[] = [];
  for (const { i, unitName } of await listOpenItemsOwnedBy(db, ctx.actor.unit.id)) {
    const days = daysBetween(today, i.dueOn);
    if (days > SUPERVISION_ITEM_SOON_DAYS) continue;
    items.push({
      kind: 'supervision',
      title: `督导整改（${unitName}）：${i.description}${days < 0 ? `（已逾期${-days}天）` : ''}`,
      due: i.dueOn,
      link: `/service/supervisions/${i.supervisionId}`,
      count: null,
    });
  }
  if (isCentre(ctx)) {
    const awaiting = await listSupervisionRows(
      db,
      visibilityOf(ctx),
      { state: 'awaiting', today },
      { limit: 200, offset: 0 },
    );
    for (const r of awaiting)
      items.push({
        kind: 'supervision',
        title: `督导（${r.unitName}，${r.s.heldOn}）整改事项已全部办结，待确认办结`,
        due: null,
        link: `/service/supervisions/${r.s.id}`,
        count: null,
      });
  }
  return items;
}
