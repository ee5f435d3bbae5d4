// A declaration as the caller sees it: the detail with the steps the caller may take and why a step is
// blocked, and the scope check every declaration route starts with (out of scope: 404, audited).
import {
  actsAs,
  allowedTransitions,
  blockingChecks,
  CHECK_STATUS_LABELS,
  type CheckStatus,
  canWithdraw,
  checkApprovalRecords,
  checkInspectionRecorder,
  checkOverride,
  checkReviewSeparation,
  DECLARATION_CHECK_LABELS,
  DECLARATION_STATE_LABELS,
  type DeclarationCheckKey,
  type DeclarationState,
  defaultEffectivePeriod,
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_KIND_LABELS,
  type InspectionConclusion,
  type InspectionKind,
  MATERIAL_ITEM_LABELS,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import {
  type DeclarationListRow,
  declarationFirmUnscoped,
  findDeclaration,
  listFiles,
  listInspections,
  listOverrides,
  listTransitions,
} from './declaration.repository.js';
import { checklistOf, computeChecks, EDITABLE } from './declaration-checks.js';
import { type DeclarationDetail, toFileView, toView } from './declaration-views.js';

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
export async function getInScope(
  db: Executor,
  ctx: RequestContext,
  id: number,
  opts: { assigned?: boolean } = {},
): Promise<DeclarationListRow> {
  const found = await findDeclaration(db, ctx.scope, id, opts);
  if (found) return found;
  const firmId = await declarationFirmUnscoped(db, id);
  if (firmId !== null) await assertInScope(db, ctx, firmId); // audits the attempt, throws 404
  throw notFound('申报');
}

export async function getDeclaration(db: Db, ctx: RequestContext, id: number): Promise<DeclarationDetail> {
  const own = await findDeclaration(db, ctx.scope, id);
  if (own) return buildDetail(db, ctx, own);
  // Read by the assigned inspecting unit: no steps offered (its users act on it only by inspecting).
  return buildDetail(db, ctx, await getInScope(db, ctx, id, { assigned: true }), { inspectOnly: true });
}
