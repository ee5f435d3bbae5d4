// Manual decisions (docs/domain.md §4): "add" keeps a firm in a library for the year whatever the rules say,
// "remove" keeps it out, "reset" hands it back to the rules; a recompute never undoes an active decision.
// Also the chosen pathway and the operating status, each audited.
import {
  LIBRARY_LABELS,
  type LibraryMembershipChange,
  type OperatingStatusChange,
  PATHWAY_LABELS,
  type PathwayChange,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { assertInScope } from '../enterprise/enterprise.access.js';
import {
  closeMemberships,
  findActiveOverride,
  findOpenMembership,
  insertMemberships,
  insertOperatingStatus,
  insertOverride,
  insertPathwayChoice,
  listPathwayChoices,
  lockLibraries,
  revokeOverride,
} from './library.repository.js';
import { listFirmLibraries } from './library-reads.js';
import { librariesAfterCommit, recomputeIn } from './library-recompute.js';
// ── Manual decisions ──────────────────────────────────────────────────────────────────────────────────

export async function changeMembership(db: Db, ctx: RequestContext, input: LibraryMembershipChange) {
  const { enterpriseId, year, library, action, reason } = input;
  await assertInScope(db, ctx, enterpriseId);
  const by = ctx.actor?.id ?? null;
  return db.transaction(async (tx) => {
    await lockLibraries(tx);
    const active = await findActiveOverride(tx, enterpriseId, year, library);
    const open = await findOpenMembership(tx, enterpriseId, year, library);
    const label = LIBRARY_LABELS[library];
    if (action === 'add') {
      if (active?.mode === 'include') throw new AppError('CONFLICT', `该企业已人工纳入${label}`);
      if (active) await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `人工纳入：${reason}` });
      await insertOverride(tx, {
        enterpriseId,
        year,
        library,
        mode: 'include',
        reason,
        createdBy: by,
        createdAt: ctx.now,
      });
      // A rule entry becomes a manual one: the rule stay ends, the manual stay begins.
      if (open)
        await closeMemberships(tx, [{ id: open.id, reason: `转为人工纳入：${reason}` }], { at: ctx.now, by });
      await insertMemberships(tx, [
        {
          enterpriseId,
          year,
          library,
          enteredAt: ctx.now,
          enteredRule: null,
          enteredReason: `人工纳入：${reason}`,
          enteredBy: by,
          manual: true,
        },
      ]);
    } else if (action === 'remove') {
      if (active?.mode === 'exclude') throw new AppError('CONFLICT', `该企业已人工移出${label}`);
      if (active) await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `人工移出：${reason}` });
      await insertOverride(tx, {
        enterpriseId,
        year,
        library,
        mode: 'exclude',
        reason,
        createdBy: by,
        createdAt: ctx.now,
      });
      if (open)
        await closeMemberships(tx, [{ id: open.id, reason: `人工移出：${reason}` }], { at: ctx.now, by });
    } else {
      if (!active) throw invalid('action', `该企业在${label}没有人工调整，无需恢复`);
      await revokeOverride(tx, active.id, { at: ctx.now, by, reason: `恢复按规则认定：${reason}` });
      if (open?.manual)
        await closeMemberships(tx, [{ id: open.id, reason: `恢复按规则认定：${reason}` }], {
          at: ctx.now,
          by,
        });
    }
    await recordAudit(tx, ctx, {
      action: `library.membership.${action}`,
      entityType: 'library_membership',
      entityId: `${year}:${library}`,
      enterpriseId,
      before: active ? { override: active.mode, reason: active.reason } : null,
      after: { year, library, action, reason },
    });
    // Let the rules speak for the firm at once (a reset may put it straight back in, by rule).
    await recomputeIn(tx, ctx, { year, enterpriseIds: [enterpriseId] });
    return listFirmLibraries(tx, ctx, enterpriseId, year);
  });
}

export async function setPathway(db: Db, ctx: RequestContext, enterpriseId: number, input: PathwayChange) {
  await assertInScope(db, ctx, enterpriseId);
  return db.transaction(async (tx) => {
    const before = await listPathwayChoices(tx, ctx.scope, [enterpriseId], input.year);
    const row = await insertPathwayChoice(tx, {
      enterpriseId,
      year: input.year,
      pathway: input.pathway,
      reason: input.reason,
      setBy: ctx.actor?.id ?? null,
      setAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'library.pathway.set',
      entityType: 'pathway',
      entityId: row.id,
      enterpriseId,
      before: before.has(enterpriseId) ? { pathway: before.get(enterpriseId) } : null,
      after: { year: input.year, pathway: input.pathway, reason: input.reason },
    });
    return {
      year: input.year,
      pathway: input.pathway,
      pathwayLabel: PATHWAY_LABELS[input.pathway],
      reason: input.reason,
      setAt: row.setAt.toISOString(),
    };
  });
}

export async function setOperatingStatus(
  db: Db,
  ctx: RequestContext,
  enterpriseId: number,
  input: OperatingStatusChange,
) {
  await assertInScope(db, ctx, enterpriseId);
  await withTransaction(db, async (tx, afterCommit) => {
    const row = await insertOperatingStatus(tx, {
      enterpriseId,
      status: input.status,
      since: input.since,
      reason: input.reason,
      recordedBy: ctx.actor?.id ?? null,
      recordedAt: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'enterprise.operating_status.set',
      entityType: 'enterprise',
      entityId: enterpriseId,
      enterpriseId,
      after: { id: row.id, status: input.status, since: input.since, reason: input.reason },
    });
    // A fact the rules read: the answer below already shows the recompute that ran after the commit.
    librariesAfterCommit(afterCommit, ctx, [enterpriseId]);
  });
  return listFirmLibraries(db, ctx, enterpriseId);
}
