// Visits (走访, docs/domain.md §6): who went, when, to which firm, why, what they found, the files and the
// requests raised. Recording writes the visit, its officials, each request (raiseRequestIn) and the audit
// record in one transaction. A visit recorded in error is voided with a reason by the recording unit or the
// centre; voided visits stay listed with their mark and never count.
import { createHash } from 'node:crypto';
import {
  checkUpload,
  checkVisitDate,
  chinaDate,
  REQUEST_STATE_LABELS,
  type RecentVisits,
  type RequestState,
  recentVisitsFrom,
  UPLOAD_CONTENT_TYPES,
  type UploadType,
  VISIT_PURPOSE_LABELS,
  type VisitCreate,
  type VisitDetail,
  type VisitFile,
  type VisitFilterQuery,
  type VisitListQuery,
  type VisitPurpose,
  type VisitView,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import { raiseRequestIn } from '../request/request-raise.js';
import {
  countVisits,
  findUnitsByIds,
  findUsersByIds,
  findVisit,
  findVisitFileContent,
  insertOfficials,
  insertVisit,
  insertVisitFile,
  listVisitFiles,
  listVisitRequests,
  listVisitRows,
  lockVisit,
  markVisitVoided,
  type VisitFilter,
  type VisitListRow,
  visitFirmUnscoped,
} from './visit.repository.js';

/** The unit kinds whose officials go on visits (the county's working units, not the county or the city). */
const OFFICIAL_UNIT_KINDS = ['township', 'zone', 'department', 'centre', 'bureau'];

export function toVisitView(r: VisitListRow): VisitView {
  const v = r.v;
  const purpose = v.purpose as VisitPurpose;
  return {
    id: v.id,
    enterpriseId: v.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    visitedOn: v.visitedOn,
    purpose,
    purposeLabel: VISIT_PURPOSE_LABELS[purpose] ?? v.purpose,
    findings: v.findings,
    officials: r.officials.map((o) => ({
      userId: o.userId ?? null,
      name: o.name,
      unitId: o.unitId,
      unitName: o.unitName,
    })),
    recordedUnitId: v.recordedUnitId,
    recordedUnitName: r.recordedUnitName,
    recordedByName: r.recordedByName,
    recordedAt: v.recordedAt.toISOString(),
    requestCount: r.requestCount,
    fileCount: r.fileCount,
    voided: v.voidedAt !== null,
    voidedAt: v.voidedAt?.toISOString() ?? null,
    voidedByName: r.voidedByName,
    voidReason: v.voidReason,
  };
}

function filterOf(q: VisitFilterQuery): VisitFilter {
  return {
    from: q.from,
    to: q.to,
    year: q.year,
    purpose: q.purpose,
    unitId: q.unitId,
    official: q.official,
    q: q.q,
    enterpriseId: q.enterpriseId,
  };
}

export async function listVisits(db: Db, ctx: RequestContext, q: VisitListQuery) {
  const filter = filterOf(q);
  const rows = await listVisitRows(db, ctx.scope, filter, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const total = await countVisits(db, ctx.scope, filter);
  return { items: rows.map(toVisitView), total, page: q.page, pageSize: q.pageSize };
}

export async function listAllVisits(db: Db, ctx: RequestContext, q: VisitFilterQuery): Promise<VisitView[]> {
  const rows = await listVisitRows(db, ctx.scope, filterOf(q), { limit: 100_000, offset: 0 });
  return rows.map(toVisitView);
}

/** A firm's visits (voided ones included, marked), newest first. */
export async function listEnterpriseVisits(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<{ items: VisitView[] }> {
  await assertInScope(db, ctx, enterpriseId);
  const rows = await listVisitRows(
    db,
    ctx.scope,
    { enterpriseId, from: q.from, to: q.to },
    { limit: 1000, offset: 0 },
  );
  return { items: rows.map(toVisitView) };
}

/**
 * The firm's valid visits by any unit in the RECENT_VISIT_DAYS before `on` (and on that day): what the form
 * shows before a new visit is recorded, so units do not call on a firm unaware of each other.
 */
export async function listRecentVisits(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  on: string,
): Promise<RecentVisits> {
  await assertInScope(db, ctx, enterpriseId);
  const from = recentVisitsFrom(on);
  const rows = await listVisitRows(
    db,
    ctx.scope,
    { enterpriseId, from, to: on, validOnly: true },
    { limit: 200, offset: 0 },
  );
  return { from, to: on, items: rows.map(toVisitView) };
}

/** The visit in the caller's scope, or 404 (an out-of-scope attempt on an existing visit is audited). */
async function getInScope(db: Db, ctx: RequestContext, id: number): Promise<VisitListRow> {
  const found = await findVisit(db, ctx.scope, id);
  if (found) return found;
  const firmId = await visitFirmUnscoped(db, id);
  if (firmId !== null) await assertInScope(db, ctx, firmId);
  throw notFound('走访记录');
}

const isCentre = (ctx: RequestContext) => ctx.actor?.roles.includes('centre') ?? false;

/** Voiding: the recording unit or the centre. */
function mayVoid(ctx: RequestContext, r: VisitListRow): boolean {
  if (!ctx.actor || !ctx.permissions.has('service:write')) return false;
  return isCentre(ctx) || ctx.actor.unit.id === r.v.recordedUnitId;
}

/** Files: the recording unit, a unit that took part, or the centre, while the visit stands. */
function mayUpload(ctx: RequestContext, r: VisitListRow): boolean {
  if (!ctx.actor || !ctx.permissions.has('service:write') || r.v.voidedAt) return false;
  const unitId = ctx.actor.unit.id;
  return isCentre(ctx) || unitId === r.v.recordedUnitId || r.officials.some((o) => o.unitId === unitId);
}

function fileView(f: {
  id: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedByName: string;
}): VisitFile {
  return { ...f, uploadedAt: f.uploadedAt.toISOString() };
}

export async function getVisit(db: Db, ctx: RequestContext, id: number): Promise<VisitDetail> {
  const r = await getInScope(db, ctx, id);
  const [files, requests] = [await listVisitFiles(db, id), await listVisitRequests(db, id)];
  return {
    ...toVisitView(r),
    files: files.map(fileView),
    requests: requests.map((q) => ({
      ...q,
      stateLabel: REQUEST_STATE_LABELS[q.state as RequestState] ?? q.state,
    })),
    mayVoid: mayVoid(ctx, r) && r.v.voidedAt === null,
    mayUpload: mayUpload(ctx, r),
  };
}

async function checkOfficials(db: Db, officials: VisitCreate['officials']): Promise<void> {
  const units = new Map(
    (await findUnitsByIds(db, [...new Set(officials.map((o) => o.unitId))])).map((u) => [u.id, u]),
  );
  const userIds = officials.flatMap((o) => (o.userId ? [o.userId] : []));
  const accounts = new Map((await findUsersByIds(db, [...new Set(userIds)])).map((u) => [u.id, u]));
  officials.forEach((o, i) => {
    const unit = units.get(o.unitId);
    if (!unit || !OFFICIAL_UNIT_KINDS.includes(unit.kind))
      throw invalid(`officials.${i}.unitId`, `第${i + 1}名走访人员的单位不正确`);
    if (o.userId) {
      const user = accounts.get(o.userId);
      if (!user || user.unitId !== o.unitId)
        throw invalid(`officials.${i}.userId`, `第${i + 1}名走访人员的账号不属于所选单位`);
    }
  });
  const seen = new Set<string>();
  officials.forEach((o, i) => {
    const key = `${o.unitId}:${o.name}`;
    if (seen.has(key)) throw invalid(`officials.${i}.name`, `走访人员“${o.name}”重复`);
    seen.add(key);
  });
}

export async function recordVisit(db: Db, ctx: RequestContext, input: VisitCreate): Promise<VisitDetail> {
  const actor = ctx.actor;
  if (!actor) throw forbidden('需要登录用户');
  const dateProblem = checkVisitDate(input.visitedOn, chinaDate(ctx.now));
  if (dateProblem) throw invalid('visitedOn', dateProblem);
  await assertInScope(db, ctx, input.enterpriseId);
  await checkOfficials(db, input.officials);
  const id = await withTransaction(db, async (tx) => {
    const firm = await lockFirmIn(tx, ctx, input.enterpriseId);
    const visit = await insertVisit(tx, {
      enterpriseId: firm.id,
      visitedOn: input.visitedOn,
      purpose: input.purpose,
      findings: input.findings,
      recordedBy: actor.id,
      recordedUnitId: actor.unit.id,
      recordedAt: ctx.now,
    });
    await insertOfficials(
      tx,
      input.officials.map((o) => ({
        visitId: visit.id,
        userId: o.userId ?? null,
        name: o.name,
        unitId: o.unitId,
      })),
    );
    const requestIds: number[] = [];
    for (const [i, r] of (input.requests ?? []).entries()) {
      const raised = await raiseRequestIn(tx, ctx, firm.id, r, {
        visitId: visit.id,
        path: `requests.${i}.category`,
      });
      requestIds.push(raised.id);
    }
    await recordAudit(tx, ctx, {
      action: 'visit.record',
      entityType: 'visit',
      entityId: visit.id,
      enterpriseId: firm.id,
      after: {
        visitedOn: visit.visitedOn,
        purpose: visit.purpose,
        findings: visit.findings,
        officials: input.officials,
        requestIds,
      },
    });
    return visit.id;
  });
  return getVisit(db, ctx, id);
}

export async function voidVisit(
  db: Db,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<VisitDetail> {
  const found = await getInScope(db, ctx, id);
  if (!mayVoid(ctx, found)) throw forbidden('只有登记走访的单位或县中小企业发展中心可以作废该走访记录');
  await withTransaction(db, async (tx) => {
    await lockFirmIn(tx, ctx, found.v.enterpriseId);
    const v = await lockVisit(tx, id);
    if (!v) throw notFound('走访记录');
    const voided = await markVisitVoided(tx, id, {
      voidedAt: ctx.now,
      voidedBy: ctx.actor!.id,
      voidReason: reason,
    });
    if (!voided) throw new AppError('CONFLICT', '该走访记录已作废');
    await recordAudit(tx, ctx, {
      action: 'visit.void',
      entityType: 'visit',
      entityId: id,
      enterpriseId: v.enterpriseId,
      before: { voidedAt: null },
      after: { voidedAt: ctx.now, voidReason: reason },
    });
  });
  return getVisit(db, ctx, id);
}

export async function uploadVisitFile(
  db: Db,
  ctx: RequestContext,
  id: number,
  fileName: string,
  bytes: Buffer,
): Promise<VisitFile> {
  const found = await getInScope(db, ctx, id);
  if (found.v.voidedAt) throw new AppError('CONFLICT', '该走访记录已作废，不能再上传附件');
  if (!mayUpload(ctx, found)) throw forbidden('只有参与走访的单位或县中小企业发展中心可以上传附件');
  const checked = checkUpload(fileName, bytes);
  if (!checked.ok) throw invalid('file', checked.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileId = await withTransaction(db, async (tx) => {
    const v = await lockVisit(tx, id);
    if (!v || v.voidedAt) throw new AppError('CONFLICT', '该走访记录已作废，不能再上传附件');
    const row = await insertVisitFile(tx, {
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
      action: 'visit.file',
      entityType: 'visit',
      entityId: id,
      enterpriseId: v.enterpriseId,
      after: { fileId: row.id, fileName, fileType: checked.type, size: bytes.length, sha256 },
    });
    return row.id;
  });
  const files = await listVisitFiles(db, id);
  return fileView(files.find((f) => f.id === fileId)!);
}

export async function downloadVisitFile(db: Db, ctx: RequestContext, id: number, fileId: number) {
  await getInScope(db, ctx, id);
  const file = await findVisitFileContent(db, id, fileId);
  if (!file) throw notFound('文件');
  return {
    fileName: file.fileName,
    contentType: UPLOAD_CONTENT_TYPES[file.fileType as UploadType] ?? 'application/octet-stream',
    bytes: file.bytes,
  };
}
