// Declarations for entering the directory (docs/domain.md §5, §7). The state table, the
// checklist and the checks are domain rules; this service loads, locks, writes the history row and the
// audit record in one transaction. Recording `entered` creates the directory entry through the directory
// service inside the same transaction: when the entry is refused, the declaration stays `submitted` and
// keeps the reason. The platform never submits anything to the national system.
import { createHash } from 'node:crypto';
import {
  actsAs,
  allowedTransitions,
  blockingChecks,
  CHECK_STATUS_LABELS,
  type CheckStatus,
  canCreateDeclaration,
  canWithdraw,
  checkApprovalRecords,
  checkEffectivePeriod,
  checkEntryEligibility,
  checkInspectionAssignment,
  checkInspectionRecorder,
  checkMaterials,
  checkOverride,
  checkPeriodRange,
  checkReviewSeparation,
  checkTransition,
  checkUpload,
  DECLARATION_CHECK_LABELS,
  DECLARATION_MODE_LABELS,
  DECLARATION_STATE_LABELS,
  DECLARATION_STATES,
  type DeclarationCalendar,
  type DeclarationCheck,
  type DeclarationCheckKey,
  type DeclarationConvertInput,
  type DeclarationCreate,
  type DeclarationMode,
  type DeclarationOverrideInput,
  type DeclarationState,
  type DeclarationTransitionInput,
  defaultEffectivePeriod,
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_KIND_LABELS,
  type InspectionConclusion,
  type InspectionCreate,
  type InspectionKind,
  isNewFirm,
  isOpenState,
  MATERIAL_ITEM_LABELS,
  type MaterialItem,
  materialChecklist,
  resolveBatch,
  runDeclarationChecks,
  UPLOAD_CONTENT_TYPES,
  type UploadType,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { recordDirectoryEvent } from '../directory/directory.service.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import { lockEnterprise } from '../enterprise/enterprise.repository.js';
import { findSetting, upsertSetting } from '../settings/settings.repository.js';
import {
  DECLARATION_CALENDAR_KEY,
  getDeclarationCalendarSetting,
  getRevenuePriority,
  getScaleThreshold,
} from '../settings/settings.service.js';
import {
  copyMaterialFiles,
  countDeclarations,
  type DeclarationFilter,
  type DeclarationListRow,
  declarationFirmUnscoped,
  type FileMeta,
  findDeclaration,
  findFileContent,
  findInspection,
  findOpenDeclaration,
  findUnit,
  insertDeclaration,
  insertFile,
  insertInspection,
  insertOverride,
  insertTransition,
  listDeclarationRows,
  listFiles,
  listInspections,
  listMonthFigures,
  listOverrides,
  listTransitions,
  lockDeclaration,
  updateDeclarationRow,
} from './declaration.repository.js';

// ── Calendar ─────────────────────────────────────────────────────────────────────────────────────────

/** Settings key: `{ "2026": DeclarationCalendar, … }`; a year without its own calendar gets the defaults. */
export const DECLARATION_CALENDAR_SETTING = DECLARATION_CALENDAR_KEY;

/** The calendar of a year: read by the settings service, the one reader of the stored setting. */
export async function getDeclarationCalendar(db: Executor, year: number): Promise<DeclarationCalendar> {
  return getDeclarationCalendarSetting(db, year);
}

export async function putDeclarationCalendar(
  db: Db,
  ctx: RequestContext,
  year: number,
  calendar: DeclarationCalendar,
): Promise<DeclarationCalendar> {
  await db.transaction(async (tx) => {
    const stored = ((await findSetting(tx, DECLARATION_CALENDAR_SETTING)) ?? {}) as Record<string, unknown>;
    const before = stored[String(year)] ?? null;
    await upsertSetting(tx, DECLARATION_CALENDAR_SETTING, { ...stored, [String(year)]: calendar }, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'declaration.calendar',
      entityType: 'setting',
      entityId: `${DECLARATION_CALENDAR_SETTING}.${year}`,
      before,
      after: calendar,
    });
  });
  return calendar;
}

// ── Views ────────────────────────────────────────────────────────────────────────────────────────────

export interface DeclarationView {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  townshipId: number;
  townshipName: string;
  supervisingUnitId: number;
  supervisingUnitName: string;
  year: number;
  mode: DeclarationMode;
  modeLabel: string;
  batch: string;
  batchName: string;
  deadline: string;
  dataMonth: string;
  state: DeclarationState;
  stateLabel: string;
  lastComment: string | null;
  directoryEventId: number | null;
  inspectionUnitId: number | null;
  inspectionUnitName: string | null;
  replacesId: number | null;
  createdAt: string;
  updatedAt: string;
}

export function toView(r: DeclarationListRow): DeclarationView {
  const d = r.d;
  const mode = d.mode as DeclarationMode;
  const state = d.state as DeclarationState;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    supervisingUnitId: r.supervisingUnitId,
    supervisingUnitName: r.supervisingUnitName,
    year: d.year,
    mode,
    modeLabel: DECLARATION_MODE_LABELS[mode] ?? d.mode,
    batch: d.batch,
    batchName: d.batchName,
    deadline: d.deadline,
    dataMonth: d.dataMonth,
    state,
    stateLabel: DECLARATION_STATE_LABELS[state] ?? d.state,
    lastComment: d.lastComment,
    directoryEventId: d.directoryEventId,
    inspectionUnitId: d.inspectionUnitId,
    inspectionUnitName: r.inspectionUnitName,
    replacesId: d.replacesId,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export interface FileView {
  id: number;
  version: number;
  fileName: string;
  fileType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedByName: string | null;
}

function toFileView(f: FileMeta): FileView {
  return {
    id: f.id,
    version: f.version,
    fileName: f.fileName,
    fileType: f.fileType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
    uploadedByName: f.uploadedByName,
  };
}

export interface CheckView extends DeclarationCheck {
  statusLabel: string;
  label: string;
  /** The centre's override of this check, if any. */
  override: {
    reason: string;
    actorName: string | null;
    at: string;
    status: CheckStatus;
    message: string;
  } | null;
}

export interface DeclarationDetail extends DeclarationView {
  /** What the caller may do next; `blockedBy` names why a step cannot be taken yet (empty: it can). */
  actions: { to: DeclarationState; label: string; commentRequired: boolean; blockedBy: string[] }[];
  checks: CheckView[];
  /** What the caller may do besides the steps. */
  can: {
    override: boolean;
    convert: boolean;
    assignInspectionUnit: boolean;
    inspect: boolean;
    materials: boolean;
  };
  /** The default effective period of the entry (any other needs a reason). */
  defaultEffectivePeriod: string;
  /** Why the centre cannot approve yet (missing or failed inspection records); empty when it can. */
  approvalProblems: string[];
  materials: { item: MaterialItem; label: string; files: FileView[] }[];
  inspections: {
    id: number;
    kind: InspectionKind;
    kindLabel: string;
    inspectedOn: string;
    inspectors: string;
    findings: string;
    conclusion: InspectionConclusion;
    conclusionLabel: string;
    recordedAt: string;
    recordedByName: string | null;
    photos: FileView[];
  }[];
  history: {
    id: number;
    from: DeclarationState | null;
    fromLabel: string | null;
    to: DeclarationState;
    toLabel: string;
    at: string;
    actorName: string | null;
    comment: string | null;
  }[];
}

function checklistOf(r: DeclarationListRow): MaterialItem[] {
  return materialChecklist(isNewFirm(r.productionStartedOn, r.d.year) || r.d.mode === 'monthly');
}

/** Every check of a declaration: the materials, then the checks from the figures. */
async function computeChecks(db: Executor, r: DeclarationListRow): Promise<DeclarationCheck[]> {
  const files = await listFiles(db, r.d.id);
  const uploaded = new Set(files.filter((f) => f.item !== null).map((f) => f.item as string));
  return [checkMaterials(checklistOf(r), uploaded), ...(await computeFigureChecks(db, r))];
}

async function computeFigureChecks(db: Executor, r: DeclarationListRow): Promise<DeclarationCheck[]> {
  const calendar = await getDeclarationCalendar(db, r.d.year);
  const range = checkPeriodRange(r.d.dataMonth);
  const rows = await listMonthFigures(db, r.d.enterpriseId, range.from, range.to);
  return runDeclarationChecks({
    mode: r.d.mode as DeclarationMode,
    dataMonth: r.d.dataMonth,
    productionStartedOn: r.productionStartedOn,
    months: rows.map((m) => ({
      period: m.period,
      tax: m.tax === null ? null : Number(m.tax),
      statistics: m.statistics === null ? null : Number(m.statistics),
      taxMonths: Number(m.taxMonths) === 3 ? 3 : 1,
      statisticsMonths: Number(m.statisticsMonths) === 3 ? 3 : 1,
    })),
    thresholdYuan: await getScaleThreshold(db),
    tolerance: calendar.agreementTolerance,
    priority: await getRevenuePriority(db),
  });
}

async function inspectionRecords(db: Executor, id: number) {
  const rows = await listInspections(db, id);
  return rows.map((r) => ({
    kind: r.i.kind as InspectionKind,
    conclusion: r.i.conclusion as InspectionConclusion,
    recordedAt: r.i.recordedAt.toISOString(),
  }));
}

async function buildDetail(
  db: Executor,
  ctx: RequestContext,
  r: DeclarationListRow,
  opts: { inspectOnly?: boolean } = {},
): Promise<DeclarationDetail> {
  const id = r.d.id;
  const [transitions, inspections, files, checks, overrides] = [
    await listTransitions(db, id),
    await listInspections(db, id),
    await listFiles(db, id),
    await computeChecks(db, r),
    await listOverrides(db, id),
  ];
  const view = toView(r);
  const roles = ctx.actor?.roles ?? [];
  const items = checklistOf(r);
  const approvalProblems = checkApprovalRecords(
    inspections.map((i) => ({
      kind: i.i.kind as InspectionKind,
      conclusion: i.i.conclusion as InspectionConclusion,
      recordedAt: i.i.recordedAt.toISOString(),
    })),
  );
  const overrideInputs = overrides.map(({ o }) => ({
    check: o.checkKey as DeclarationCheckKey,
    reason: o.reason,
  }));
  const history = transitions.map(({ t }) => ({ toState: t.toState, actorId: t.actorId }));
  const blockedBy = (to: DeclarationState): string[] => {
    const out = blockingChecks(checks, to, overrideInputs);
    if (to === 'submitted') out.push(...approvalProblems);
    const separation = checkReviewSeparation(to, ctx.actor?.id ?? null, {
      createdBy: r.d.createdBy,
      history,
    });
    if (separation) out.push(separation);
    return out;
  };
  const inspectCaller = { roles, unitId: ctx.actor?.unit.id ?? null };
  const inspectTarget = { declaringUnitId: r.declaringUnitId, inspectionUnitId: r.d.inspectionUnitId };
  return {
    ...view,
    actions: (opts.inspectOnly ? [] : allowedTransitions(view.state, roles)).map((t) => ({
      to: t.to,
      label: t.label,
      commentRequired: t.commentRequired,
      blockedBy: blockedBy(t.to),
    })),
    checks: checks.map((c) => {
      const o = overrides.find((x) => x.o.checkKey === c.key);
      return {
        ...c,
        statusLabel: CHECK_STATUS_LABELS[c.status],
        label: DECLARATION_CHECK_LABELS[c.key],
        override: o
          ? {
              reason: o.o.reason,
              actorName: o.actorName,
              at: o.o.at.toISOString(),
              status: o.o.checkStatus as CheckStatus,
              message: o.o.checkMessage,
            }
          : null,
      };
    }),
    can: {
      override:
        actsAs(roles, 'centre') &&
        checks.some(
          (c) =>
            checkOverride(
              roles,
              view.state,
              c,
              overrides.some((o) => o.o.checkKey === c.key),
            ) === null,
        ),
      convert: !opts.inspectOnly && view.mode === 'monthly' && canWithdraw(view.state, roles),
      materials:
        !opts.inspectOnly &&
        EDITABLE.includes(view.state) &&
        (actsAs(roles, 'unit') || actsAs(roles, 'centre')),
      assignInspectionUnit: actsAs(roles, 'centre') && EDITABLE.includes(view.state),
      inspect:
        EDITABLE.includes(view.state) && checkInspectionRecorder(inspectCaller, inspectTarget) === null,
    },
    defaultEffectivePeriod: defaultEffectivePeriod(view.mode, view.year, view.batch),
    approvalProblems,
    materials: items.map((item) => ({
      item,
      label: MATERIAL_ITEM_LABELS[item],
      files: files.filter((f) => f.item === item).map(toFileView),
    })),
    inspections: inspections.map(({ i, recordedByName }) => ({
      id: i.id,
      kind: i.kind as InspectionKind,
      kindLabel: INSPECTION_KIND_LABELS[i.kind as InspectionKind] ?? i.kind,
      inspectedOn: i.inspectedOn,
      inspectors: i.inspectors,
      findings: i.findings,
      conclusion: i.conclusion as InspectionConclusion,
      conclusionLabel: INSPECTION_CONCLUSION_LABELS[i.conclusion as InspectionConclusion] ?? i.conclusion,
      recordedAt: i.recordedAt.toISOString(),
      recordedByName,
      photos: files.filter((f) => f.inspectionId === i.id).map(toFileView),
    })),
    history: transitions.map(({ t, actorName }) => ({
      id: t.id,
      from: (t.fromState as DeclarationState | null) ?? null,
      fromLabel: t.fromState
        ? (DECLARATION_STATE_LABELS[t.fromState as DeclarationState] ?? t.fromState)
        : null,
      to: t.toState as DeclarationState,
      toLabel: DECLARATION_STATE_LABELS[t.toState as DeclarationState] ?? t.toState,
      at: t.at.toISOString(),
      actorName,
      comment: t.comment,
    })),
  };
}

/**
 * The declaration in the caller's scope; out of scope answers 404 and the attempt is audited. `assigned`: a
 * unit the centre assigned to inspect it may also read it and record inspections (and do nothing else).
 */
async function getInScope(
  db: Executor,
  ctx: RequestContext,
  id: number,
  opts: { assigned?: boolean } = {},
): Promise<DeclarationListRow> {
  const found = await findDeclaration(db, ctx.scope, id, opts);
  if (found) return found;
  const firmId = await declarationFirmUnscoped(db, id);
  if (firmId !== null) await assertInScope(db as Db, ctx, firmId); // audits the attempt, throws 404
  throw notFound('申报');
}

export async function getDeclaration(db: Db, ctx: RequestContext, id: number): Promise<DeclarationDetail> {
  const own = await findDeclaration(db, ctx.scope, id);
  if (own) return buildDetail(db, ctx, own);
  // Read by the assigned inspecting unit: no steps offered (its users act on it only by inspecting).
  return buildDetail(db, ctx, await getInScope(db, ctx, id, { assigned: true }), { inspectOnly: true });
}

// ── Lists ────────────────────────────────────────────────────────────────────────────────────────────

export interface DeclarationListQuery extends DeclarationFilter {
  page: number;
  pageSize: number;
}

export async function listDeclarations(db: Db, ctx: RequestContext, q: DeclarationListQuery) {
  const { page, pageSize, ...filter } = q;
  const [rows, total] = await Promise.all([
    listDeclarationRows(db, ctx.scope, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    countDeclarations(db, ctx.scope, filter),
  ]);
  return { items: rows.map(toView), total, page, pageSize };
}

export async function listAllDeclarations(db: Db, ctx: RequestContext, filter: DeclarationFilter) {
  const rows = await listDeclarationRows(db, ctx.scope, filter, { limit: 100_000, offset: 0 });
  return rows.map(toView);
}

/** The batch board: per batch of the year, counts and firms by state. */
export async function declarationBoard(db: Db, ctx: RequestContext, year: number, batch?: string) {
  const calendar = await getDeclarationCalendar(db, year);
  const rows = await listAllDeclarations(db, ctx, { year, batch });
  const keys = new Map<
    string,
    { batch: string; batchName: string; mode: DeclarationMode; deadline: string }
  >();
  // The annual batches show even when empty; monthly batches appear once a declaration uses them.
  for (const b of calendar.batches)
    if (!batch || b.key === batch)
      keys.set(b.key, { batch: b.key, batchName: b.name, mode: 'annual', deadline: b.deadline });
  for (const r of rows)
    if (!keys.has(r.batch))
      keys.set(r.batch, { batch: r.batch, batchName: r.batchName, mode: r.mode, deadline: r.deadline });
  const batches = [...keys.values()]
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0))
    .map((b) => {
      const mine = rows.filter((r) => r.batch === b.batch);
      return {
        ...b,
        total: mine.length,
        states: DECLARATION_STATES.map((state) => {
          const firms = mine.filter((r) => r.state === state);
          return {
            state,
            stateLabel: DECLARATION_STATE_LABELS[state],
            count: firms.length,
            firms: firms.map((r) => ({
              declarationId: r.id,
              enterpriseId: r.enterpriseId,
              enterpriseName: r.enterpriseName,
              townshipName: r.townshipName,
            })),
          };
        }),
      };
    });
  return { year, batches };
}

// ── Create ───────────────────────────────────────────────────────────────────────────────────────────

/** The one entry rule (domain checkEntryEligibility): at creation and at every forward step. 409 when refused. */
function assertEligible(
  firm: { scaleStatus: string; legalForm: string; productionStartedOn: string | null },
  mode: DeclarationMode,
  year: number,
): void {
  const problems = checkEntryEligibility(firm, { mode, declaredYear: year });
  if (problems.length > 0)
    throw new AppError(
      'CONFLICT',
      problems.map((p) => p.message).join('；'),
      problems.map(({ path, message }) => ({ path, message })),
    );
}

export async function createDeclaration(
  db: Db,
  ctx: RequestContext,
  input: DeclarationCreate,
): Promise<DeclarationDetail> {
  await assertInScope(db, ctx, input.enterpriseId);
  if (!canCreateDeclaration(ctx.actor?.roles ?? []))
    throw forbidden('入库申报由企业所在乡镇或行业主管部门发起');
  const calendar = await getDeclarationCalendar(db, input.year);
  const batch = resolveBatch(calendar, input.year, input.mode, input.batch);
  if (!batch)
    throw invalid(
      'batch',
      input.mode === 'monthly'
        ? `月度入库的批次应为${input.year}年内的月份，如 ${input.year}-11`
        : `${input.year}年申报日历中没有批次“${input.batch}”`,
    );
  const id = await db.transaction(async (tx) => {
    const firm = await lockEnterprise(tx, ctx.scope, input.enterpriseId);
    if (!firm) throw notFound('企业');
    assertEligible(firm, input.mode, input.year);
    const open = await findOpenDeclaration(tx, firm.id, input.year);
    if (open)
      throw new AppError('CONFLICT', `该企业${input.year}年已有一份进行中的入库申报（编号${open.id}）`, [
        { path: 'enterpriseId', message: `该企业${input.year}年已有一份进行中的入库申报` },
      ]);
    const row = await insertDeclaration(tx, {
      enterpriseId: firm.id,
      year: input.year,
      mode: input.mode,
      batch: batch.key,
      batchName: batch.name,
      deadline: batch.deadline,
      dataMonth: batch.dataMonth,
      state: 'preparing',
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertTransition(tx, {
      declarationId: row.id,
      fromState: null,
      toState: 'preparing',
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment: null,
    });
    await recordAudit(tx, ctx, {
      action: 'declaration.create',
      entityType: 'declaration',
      entityId: row.id,
      enterpriseId: firm.id,
      after: row,
    });
    return row.id;
  });
  return getDeclaration(db, ctx, id);
}

// ── Transitions ──────────────────────────────────────────────────────────────────────────────────────

const STEP_REFUSED: Partial<Record<DeclarationState, string>> = {
  township_review: '不能提交审核',
  submitted: '不能审核通过并报统计局',
};

export async function transitionDeclaration(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationTransitionInput,
): Promise<DeclarationDetail> {
  const found = await getInScope(db, ctx, id);
  const roles = ctx.actor?.roles ?? [];
  const precheck = checkTransition(found.d.state as DeclarationState, input.to, roles, input.comment);
  if (precheck?.kind === 'forbidden') throw forbidden(precheck.message);
  if (input.to === 'entered' && !input.entry) throw invalid('entry', '登记已入库时请填写批准日期和生效期间');
  if (input.to === 'entered' && input.entry) {
    const problem = checkEffectivePeriod(
      { mode: found.d.mode as DeclarationMode, year: found.d.year, batch: found.d.batch },
      input.entry.effectivePeriod,
      input.entry.effectivePeriodReason,
    );
    if (problem) throw invalid('entry.effectivePeriodReason', problem);
  }

  let refused: AppError | null = null;
  await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    const from = d.state as DeclarationState;
    const problem = checkTransition(from, input.to, roles, input.comment);
    if (problem) {
      const code =
        problem.kind === 'forbidden' ? 'FORBIDDEN' : problem.kind === 'invalid' ? 'VALIDATION' : 'CONFLICT';
      throw new AppError(code, problem.message, [
        { path: problem.kind === 'invalid' ? 'comment' : 'to', message: problem.message },
      ]);
    }
    // Whoever prepared or submitted the declaration never passes its review (docs/api.md, 入库申报).
    const separation = checkReviewSeparation(input.to, ctx.actor?.id ?? null, {
      createdBy: d.createdBy,
      history: (await listTransitions(tx, id)).map(({ t }) => ({ toState: t.toState, actorId: t.actorId })),
    });
    if (separation) throw new AppError('FORBIDDEN', separation, [{ path: 'to', message: separation }]);
    const forward = input.to !== 'returned' && input.to !== 'withdrawn';
    if (forward) {
      // The one entry rule at every forward step: a firm whose data changed is stopped where it stands.
      const current = await findDeclaration(tx, ctx.scope, id);
      if (!current) throw notFound('申报');
      if (input.to !== 'entered')
        assertEligible(
          {
            scaleStatus: current.scaleStatus,
            legalForm: current.legalForm,
            productionStartedOn: current.productionStartedOn,
          },
          d.mode as DeclarationMode,
          d.year,
        );
      // Checks that guard the count block until they pass or the centre overrides them with a reason.
      const blocked = blockingChecks(
        await computeChecks(tx, current),
        input.to,
        (await listOverrides(tx, id)).map(({ o }) => ({
          check: o.checkKey as DeclarationCheckKey,
          reason: o.reason,
        })),
      );
      if (blocked.length > 0)
        throw new AppError(
          'CONFLICT',
          `${STEP_REFUSED[input.to] ?? '不能办理此步'}：${blocked.join('；')}`,
          blocked.map((message) => ({ path: 'checks', message })),
        );
    }
    // docs/domain.md §7: no approval without a field inspection and a document review on record.
    if (input.to === 'submitted') {
      const problems = checkApprovalRecords(await inspectionRecords(tx, id));
      if (problems.length > 0)
        throw new AppError(
          'CONFLICT',
          problems.join('；'),
          problems.map((message) => ({ path: 'inspections', message })),
        );
    }
    let directoryEventId: number | null = null;
    if (input.to === 'entered' && input.entry) {
      // The directory entry is recorded inside this transaction (a savepoint): refused, it rolls back alone
      // and the declaration stays submitted with the reason.
      try {
        const reason = input.entry.effectivePeriodReason;
        const unusual =
          input.entry.effectivePeriod !== defaultEffectivePeriod(d.mode as DeclarationMode, d.year, d.batch);
        const event = await recordDirectoryEvent(
          tx as unknown as Db,
          ctx,
          {
            enterpriseId: d.enterpriseId,
            type: 'entry',
            mode: d.mode as DeclarationMode,
            batch: d.batchName,
            approvalDate: input.entry.approvalDate,
            effectivePeriod: input.entry.effectivePeriod,
            exitReason: null,
            note: `入库申报${d.id}${input.comment ? `：${input.comment}` : ''}${
              unusual && reason ? `；生效期间${input.entry.effectivePeriod}的理由：${reason}` : ''
            }`,
          },
          { declaredYear: d.year },
        );
        directoryEventId = event.id;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused = err;
        const reason = `登记入库未成功：${err.message}`;
        await updateDeclarationRow(tx, id, { lastComment: reason, updatedAt: ctx.now });
        await recordAudit(tx, ctx, {
          action: 'declaration.entry_refused',
          entityType: 'declaration',
          entityId: id,
          enterpriseId: d.enterpriseId,
          before: { state: from },
          after: { state: from, reason, entry: input.entry },
        });
        return;
      }
    }
    const lastComment =
      input.to === 'returned' || input.to === 'withdrawn'
        ? input.comment
        : input.to === 'preparing'
          ? d.lastComment
          : null;
    await updateDeclarationRow(tx, id, {
      state: input.to,
      lastComment,
      updatedAt: ctx.now,
      ...(directoryEventId !== null ? { directoryEventId } : {}),
    });
    const t = await insertTransition(tx, {
      declarationId: id,
      fromState: from,
      toState: input.to,
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment: input.comment,
    });
    await recordAudit(tx, ctx, {
      action: `declaration.${input.to}`,
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { state: from },
      after: {
        state: input.to,
        comment: input.comment,
        transitionId: t.id,
        directoryEventId,
        entry: input.entry ?? null,
      },
    });
  });
  if (refused) throw refused;
  return getDeclaration(db, ctx, id);
}

// ── Materials and inspections ────────────────────────────────────────────────────────────────────────

/** Materials and inspection records change only before the centre hands the file to the bureau. */
const EDITABLE: readonly DeclarationState[] = ['preparing', 'returned', 'township_review', 'centre_review'];

function assertEditable(state: string): void {
  if (!EDITABLE.includes(state as DeclarationState))
    throw new AppError(
      'CONFLICT',
      `申报已处于“${DECLARATION_STATE_LABELS[state as DeclarationState] ?? state}”状态，不能再补充材料或检查记录`,
    );
}

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

// ── Overrides, inspection unit, conversion ──────────────────────────────────────────────────────────

/**
 * The centre overrides a failing (or not-run) blocking check with a written reason: the override row and
 * the audit record in one transaction; it shows on the declaration and in the review list.
 */
export async function overrideCheck(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationOverrideInput,
): Promise<DeclarationDetail> {
  await getInScope(db, ctx, id);
  await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    const current = await findDeclaration(tx, ctx.scope, id);
    if (!current) throw notFound('申报');
    const checks = await computeChecks(tx, current);
    const existing = await listOverrides(tx, id);
    const c = checks.find((x) => x.key === input.check);
    const problem = checkOverride(
      ctx.actor?.roles ?? [],
      d.state as DeclarationState,
      c,
      existing.some(({ o }) => o.checkKey === input.check),
    );
    if (problem)
      throw new AppError(problem.kind === 'forbidden' ? 'FORBIDDEN' : 'CONFLICT', problem.message, [
        { path: 'check', message: problem.message },
      ]);
    const row = await insertOverride(tx, {
      declarationId: id,
      checkKey: input.check,
      checkStatus: c!.status,
      checkMessage: c!.message,
      reason: input.reason,
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
    });
    await updateDeclarationRow(tx, id, { updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: 'declaration.override',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { check: input.check, status: c!.status, message: c!.message },
      after: { overrideId: row.id, check: input.check, reason: input.reason },
    });
  });
  return getDeclaration(db, ctx, id);
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

/**
 * Turns a monthly declaration into an annual one of the same year: the monthly one is withdrawn with the
 * reason (its history kept), and a new annual one starts in `preparing` with the materials copied, in one
 * transaction. Whoever may act on the declaration in its state may do it (as for a withdrawal).
 */
export async function convertDeclaration(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: DeclarationConvertInput,
): Promise<DeclarationDetail> {
  const found = await getInScope(db, ctx, id);
  const roles = ctx.actor?.roles ?? [];
  const state = found.d.state as DeclarationState;
  if (found.d.mode !== 'monthly') throw new AppError('CONFLICT', '只有月度入库申报可以转为年度入库');
  if (!canWithdraw(state, roles))
    throw isOpenState(state)
      ? forbidden(`“${DECLARATION_STATE_LABELS[state]}”阶段的申报只能由当前办理方转为年度入库`)
      : new AppError('CONFLICT', `申报已处于“${DECLARATION_STATE_LABELS[state]}”状态，不能转为年度入库`);
  const calendar = await getDeclarationCalendar(db, found.d.year);
  const batch = resolveBatch(calendar, found.d.year, 'annual', input.batch);
  if (!batch) throw invalid('batch', `${found.d.year}年申报日历中没有年度批次“${input.batch}”`);
  const newId = await db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw notFound('申报');
    if (d.state !== found.d.state) throw new AppError('CONFLICT', '申报状态已变化，请刷新后重试');
    const firm = await lockEnterprise(tx, ctx.scope, d.enterpriseId);
    if (!firm) throw notFound('企业');
    assertEligible(firm, 'annual', d.year);
    const comment = `转为年度入库（${batch.name}）：${input.reason}`;
    await updateDeclarationRow(tx, id, { state: 'withdrawn', lastComment: comment, updatedAt: ctx.now });
    await insertTransition(tx, {
      declarationId: id,
      fromState: d.state,
      toState: 'withdrawn',
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment,
    });
    const row = await insertDeclaration(tx, {
      enterpriseId: d.enterpriseId,
      year: d.year,
      mode: 'annual',
      batch: batch.key,
      batchName: batch.name,
      deadline: batch.deadline,
      dataMonth: batch.dataMonth,
      state: 'preparing',
      // The preparer stays the preparer: separation of duties follows the declaration, not the conversion.
      createdBy: d.createdBy,
      inspectionUnitId: d.inspectionUnitId,
      replacesId: d.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await insertTransition(tx, {
      declarationId: row.id,
      fromState: null,
      toState: 'preparing',
      actorId: ctx.actor?.id ?? null,
      at: ctx.now,
      comment: `由月度入库申报${d.id}转为年度入库：${input.reason}`,
    });
    await copyMaterialFiles(tx, d.id, row.id);
    await recordAudit(tx, ctx, {
      action: 'declaration.convert',
      entityType: 'declaration',
      entityId: id,
      enterpriseId: d.enterpriseId,
      before: { state: d.state, mode: d.mode, batch: d.batch },
      after: {
        state: 'withdrawn',
        replacedBy: row.id,
        mode: 'annual',
        batch: batch.key,
        reason: input.reason,
      },
    });
    return row.id;
  });
  return getDeclaration(db, ctx, newId);
}
