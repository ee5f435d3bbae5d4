// Supplier figures are facts: a correction adds a version with a reason; nothing is edited in place.
import {
  figurePeriodLabel,
  quarterEndPeriod,
  quarterOfPeriod,
  type RevenueFactCreate,
  type RevenueFactView,
  type RevenueSource,
  revenueWritePermission,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { type AfterCommit, withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { forbidden, invalid } from '../../platform/errors.js';
import { assertInScope, lockFirmIn } from '../enterprise/enterprise.access.js';
import { librariesAfterCommit } from '../library/library-recompute.js';
import {
  findCurrentFact,
  findQuarterFact,
  insertFact,
  listRevenueFacts,
  type RevenueFactRow,
  supersedeFact,
} from './revenue.repository.js';

function toView(f: RevenueFactRow, recordedByName: string | null): RevenueFactView {
  return {
    id: f.id,
    period: f.period,
    months: f.months,
    // The column is text; only REVENUE_SOURCES get in (revenueFactCreateSchema, the import).
    source: f.source as RevenueSource,
    value: Number(f.value).toFixed(2),
    version: f.version,
    isCurrent: f.isCurrent,
    reason: f.reason,
    recordedAt: f.recordedAt.toISOString(),
    recordedByName,
    importBatchId: f.importBatchId,
  };
}

export async function listFacts(db: Db, ctx: RequestContext, enterpriseId: number, year?: number) {
  const rows = await listRevenueFacts(db, ctx.scope, enterpriseId, year);
  // Tell "no figures" from "not yours": both must look the same from outside the scope.
  if (rows.length === 0) await assertInScope(db, ctx, enterpriseId);
  return rows.map((r) => toView(r.fact, r.recordedByName));
}

export async function addFact(db: Db, ctx: RequestContext, enterpriseId: number, input: RevenueFactCreate) {
  if (!ctx.permissions.has(revenueWritePermission(input.source))) {
    await recordAudit(db, ctx, {
      action: 'access.denied',
      entityType: 'revenue_fact',
      enterpriseId,
      after: { permission: revenueWritePermission(input.source) },
    });
    throw forbidden('没有录入该来源数据的权限（税务、统计数据由对应部门报送）');
  }
  await assertInScope(db, ctx, enterpriseId);
  return withTransaction(db, (tx, afterCommit) => addFactIn(tx, ctx, enterpriseId, input, afterCommit));
}

/** The transaction-scoped core: a new figure or a corrected version, audited; libraries after commit. */
export async function addFactIn(
  tx: Executor,
  ctx: RequestContext,
  enterpriseId: number,
  input: RevenueFactCreate,
  afterCommit: AfterCommit,
): Promise<RevenueFactView> {
  await lockFirmIn(tx, ctx, enterpriseId);
  const { year, quarter } = quarterOfPeriod(input.period);
  const quarterFact = await findQuarterFact(tx, enterpriseId, quarterEndPeriod(year, quarter), input.source);
  if (quarterFact) {
    // A month inside a quarter the same source filed quarterly would count twice (revenue-of-record.ts).
    throw invalid(
      'period',
      `${figurePeriodLabel(quarterFact.period, 3)}已有该来源的季度数据，不能再录入其中的月度数据`,
    );
  }
  const current = await findCurrentFact(tx, enterpriseId, input.period, input.source);
  const value = input.value.toFixed(2);
  if (current) {
    if (!input.reason) throw invalid('reason', '该期间已有数据，更正时请填写更正原因');
    if (Number(current.value).toFixed(2) === value) throw invalid('value', '更正后的数值与现有数值相同');
    await supersedeFact(tx, current.id);
  }
  const fact = await insertFact(tx, {
    enterpriseId,
    period: input.period,
    source: input.source,
    value,
    version: (current?.version ?? 0) + 1,
    reason: input.reason ?? null,
    importBatchId: null,
    recordedBy: ctx.actor?.id ?? null,
    recordedAt: ctx.now,
  });
  await recordAudit(tx, ctx, {
    action: current ? 'revenue.correct' : 'revenue.create',
    entityType: 'revenue_fact',
    entityId: fact.id,
    enterpriseId,
    before: current ? { id: current.id, value: current.value, version: current.version } : null,
    after: {
      period: fact.period,
      source: fact.source,
      value: fact.value,
      version: fact.version,
      reason: fact.reason,
    },
  });
  librariesAfterCommit(afterCommit, ctx, [enterpriseId]);
  return toView(fact, ctx.actor?.displayName ?? null);
}
