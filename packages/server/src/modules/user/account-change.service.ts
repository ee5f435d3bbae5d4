// Dual control over accounts that read the audit trail (domain/security.ts ACCOUNT_CHANGE_KINDS): the
// security administrator asks, the system administrator confirms — and sets the temporary password, so
// the one who asked never knows it — or rejects with a reason. Every step is audited.
import {
  ACCOUNT_CHANGE_LABELS,
  ACCOUNT_CHANGE_SETS_PASSWORD,
  type AccountChangeKind,
  type AccountChangeListQuery,
  type AccountChangePayload,
  type AccountChangeStatus,
  type AccountChangeView,
  checkPassword,
  checkRoleAssignment,
  type Role,
  type UnitKind,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { assertPermission } from '../../platform/auth/access.js';
import { hashPassword } from '../../platform/auth/password.js';
import { revokeUserSessions } from '../../platform/auth/session.repository.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findUserByUsername, findUsernameById, insertUser, updateUserRow } from '../auth/user.repository.js';
import { findUnitById } from '../org/org.repository.js';
import { getSecuritySettings } from '../settings/settings.service.js';
import {
  type AccountChangeRow,
  decideAccountChange,
  findAccountChangeForUpdate,
  insertAccountChange,
  listAccountChanges,
} from './account-change.repository.js';

export function toChangeView(row: AccountChangeRow, username: string | null): AccountChangeView {
  const kind = row.kind as AccountChangeKind;
  return {
    id: row.id,
    kind,
    kindLabel: ACCOUNT_CHANGE_LABELS[kind] ?? row.kind,
    userId: row.userId,
    username,
    payload: row.payload as AccountChangePayload,
    status: row.status as AccountChangeStatus,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    needsPassword: ACCOUNT_CHANGE_SETS_PASSWORD.includes(kind),
  };
}

/** The security administrator's request: stored, audited, and nothing else changes until confirmed. */
export async function requestAccountChange(
  db: Db,
  ctx: RequestContext,
  change: { kind: AccountChangeKind; userId: number | null; username: string; payload: AccountChangePayload },
): Promise<{ pending: AccountChangeView }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return db.transaction(async (tx) => {
    const row = await insertAccountChange(tx, {
      kind: change.kind,
      userId: change.userId,
      payload: change.payload,
      requestedBy: actor.id,
      now: ctx.now,
    });
    await recordAudit(tx, ctx, {
      action: 'user.pending.request',
      entityType: 'account_change',
      entityId: row.id,
      after: { kind: change.kind, userId: change.userId, username: change.username, ...change.payload },
    });
    return { pending: toChangeView(row, change.username) };
  });
}

async function usernameOf(db: Executor, row: AccountChangeRow): Promise<string | null> {
  const payload = row.payload as AccountChangePayload;
  if (payload.username) return payload.username;
  return row.userId ? findUsernameById(db, row.userId) : null;
}

export async function listPendingAccountChanges(db: Db, ctx: RequestContext, q: AccountChangeListQuery) {
  assertPermission(ctx, 'account:confirm');
  const rows = await listAccountChanges(db, q.status, q.pageSize, (q.page - 1) * q.pageSize);
  const items = await Promise.all(rows.map(async (r) => toChangeView(r, await usernameOf(db, r))));
  return { items, page: q.page, pageSize: q.pageSize };
}

function assertRoles(roles: Role[], unitKind: string) {
  const problems = checkRoleAssignment(roles, unitKind as UnitKind);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ path: 'roles', message })),
    );
}

/** The system administrator confirms: the change applies in one transaction with its audit records. */
export async function confirmAccountChange(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { password?: string | undefined },
): Promise<AccountChangeView> {
  assertPermission(ctx, 'account:confirm');
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const peek = await db.transaction((tx) => findAccountChangeForUpdate(tx, id));
  if (!peek) throw notFound('账号变更申请');
  const kind = peek.kind as AccountChangeKind;
  const username = (await usernameOf(db, peek)) ?? '';
  let passwordHash: string | null = null;
  if (ACCOUNT_CHANGE_SETS_PASSWORD.includes(kind)) {
    if (!input.password)
      throw new AppError('VALIDATION', '请设定临时密码（由确认人设定，申请人不知道）', [
        { path: 'password', message: '请填写临时密码' },
      ]);
    const settings = await getSecuritySettings(db);
    const problems = checkPassword(input.password, username, settings.password);
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION',
        problems.join('；'),
        problems.map((message) => ({ path: 'password', message })),
      );
    passwordHash = await hashPassword(input.password);
  }
  return db.transaction(async (tx) => {
    const row = await findAccountChangeForUpdate(tx, id);
    if (!row) throw notFound('账号变更申请');
    if (row.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    if (row.requestedBy === actor.id) throw new AppError('FORBIDDEN', '不能确认自己提出的申请');
    const payload = row.payload as AccountChangePayload;
    let userId = row.userId;
    if (kind === 'create') {
      if (await findUserByUsername(tx, payload.username ?? ''))
        throw new AppError('CONFLICT', `用户名 ${payload.username} 已存在`);
      const unit = await findUnitById(tx, payload.unitId ?? 0);
      if (!unit) throw new AppError('CONFLICT', '申请中的单位已不存在');
      assertRoles(payload.roles ?? [], unit.kind);
      const user = await insertUser(tx, {
        username: payload.username ?? '',
        displayName: payload.displayName ?? '',
        passwordHash: passwordHash!,
        unitId: unit.id,
        roles: payload.roles ?? [],
        mustChangePassword: true,
        now: ctx.now,
      });
      userId = user.id;
      await recordAudit(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: { username: user.username, unitId: user.unitId, roles: user.roles, accountChange: row.id },
      });
    } else {
      if (!userId) throw notFound('用户');
      const credentials = passwordHash
        ? {
            passwordHash,
            mustChangePassword: true,
            passwordChangedAt: ctx.now,
            failedAttempts: 0,
            lockedUntil: null,
          }
        : {};
      if (kind === 'grant' || kind === 'enable') {
        const unit = await findUnitById(tx, payload.unitId ?? 0);
        if (!unit) throw new AppError('CONFLICT', '申请中的单位已不存在');
        assertRoles(payload.roles ?? [], unit.kind);
        await updateUserRow(tx, userId, {
          displayName: payload.displayName,
          unitId: payload.unitId,
          roles: payload.roles,
          disabled: payload.disabled ?? false,
          ...credentials,
        });
      } else if (kind === 'reset_password') {
        await updateUserRow(tx, userId, credentials);
      } else {
        await updateUserRow(tx, userId, { totpSecret: null, totpEnabled: false });
      }
      const revoked = kind === 'enable' ? 0 : await revokeUserSessions(tx, userId, ctx.now);
      await recordAudit(tx, ctx, {
        action:
          kind === 'reset_password'
            ? 'user.password.reset'
            : kind === 'reset_totp'
              ? 'user.totp.reset'
              : 'user.update',
        entityType: 'user',
        entityId: userId,
        after: { ...payload, sessionsRevoked: revoked, accountChange: row.id },
      });
    }
    const decided = await decideAccountChange(tx, id, {
      status: 'confirmed',
      decidedBy: actor.id,
      now: ctx.now,
      ...(userId ? { userId } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'user.pending.confirm',
      entityType: 'account_change',
      entityId: id,
      after: { kind, userId, requestedBy: row.requestedBy },
    });
    return toChangeView(decided, username);
  });
}

export async function rejectAccountChange(
  db: Db,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<AccountChangeView> {
  assertPermission(ctx, 'account:confirm');
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return db.transaction(async (tx) => {
    const row = await findAccountChangeForUpdate(tx, id);
    if (!row) throw notFound('账号变更申请');
    if (row.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    const decided = await decideAccountChange(tx, id, {
      status: 'rejected',
      decidedBy: actor.id,
      now: ctx.now,
      reason,
    });
    await recordAudit(tx, ctx, {
      action: 'user.pending.reject',
      entityType: 'account_change',
      entityId: id,
      after: { kind: row.kind, userId: row.userId, reason },
    });
    return toChangeView(decided, await usernameOf(tx, row));
  });
}
