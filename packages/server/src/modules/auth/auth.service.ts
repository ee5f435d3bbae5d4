// Sign-in with username and password (argon2id), server-side sessions, lockout after repeated failures.
import type { Role } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { DEFAULT_SESSION_POLICY } from '../../platform/auth/access.js';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { insertSession, revokeSession } from '../../platform/auth/session.repository.js';
import { newToken, tokenId } from '../../platform/auth/tokens.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findUnitById } from '../org/org.repository.js';
import { clearLoginFailures, findUserByUsername, insertUser, setLoginFailure } from './user.repository.js';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

const BAD_CREDENTIALS = '用户名或密码错误';

export async function login(
  db: Db,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent: string | null },
  lockout: LockoutPolicy = DEFAULT_LOCKOUT,
): Promise<{ token: string; user: UserView }> {
  const found = await findUserByUsername(db, input.username);
  if (!found) {
    await verifyPassword(await dummyHash(), input.password);
    await recordAudit(db, ctx, {
      action: 'auth.login.failed',
      entityType: 'user',
      after: { username: input.username },
    });
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const { user, unit } = found;
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await recordAudit(db, ctx, { action: 'auth.login.locked', entityType: 'user', entityId: user.id });
    throw new AppError(
      'LOCKED',
      `账号已锁定，请于 ${Math.ceil((user.lockedUntil.getTime() - ctx.now.getTime()) / 60_000)} 分钟后重试`,
    );
  }
  if (user.disabled) throw new AppError('UNAUTHENTICATED', '账号已停用，请联系安全管理员');
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failures = user.failedAttempts + 1;
    const lock =
      failures >= lockout.maxFailures ? new Date(ctx.now.getTime() + lockout.lockMinutes * 60_000) : null;
    await db.transaction(async (tx) => {
      await setLoginFailure(tx, user.id, lock ? 0 : failures, lock);
      await recordAudit(
        tx,
        { ...ctx },
        {
          action: lock ? 'auth.lockout' : 'auth.login.failed',
          entityType: 'user',
          entityId: user.id,
          after: { failures },
        },
      );
    });
    if (lock)
      throw new AppError(
        'LOCKED',
        `连续${lockout.maxFailures}次密码错误，账号已锁定${lockout.lockMinutes}分钟`,
      );
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const token = newToken();
  await db.transaction(async (tx) => {
    if (user.failedAttempts > 0 || user.lockedUntil) await clearLoginFailures(tx, user.id);
    await insertSession(tx, {
      id: tokenId(token),
      userId: user.id,
      now: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + DEFAULT_SESSION_POLICY.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(
      tx,
      { ...ctx, actor: null },
      { action: 'auth.login', entityType: 'user', entityId: user.id },
    );
  });
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      mustChangePassword: user.mustChangePassword,
      unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind },
    },
  };
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  mustChangePassword: boolean;
  unit: { id: number; code: string; name: string; kind: string };
}

export async function logout(db: Db, ctx: RequestContext, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSession(tx, tokenId(token), ctx.now);
    await recordAudit(tx, ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: ctx.actor?.id ?? null,
    });
  });
}

export function describeMe(ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const scope = ctx.scope;
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      mustChangePassword: actor.mustChangePassword,
      unit: { id: actor.unit.id, code: actor.unit.code, name: actor.unit.name, kind: actor.unit.kind },
    },
    permissions: [...ctx.permissions],
    scope: { kind: scope.kind, unitId: scope.kind === 'none' ? null : scope.unitId },
  };
}

/** Creates a user (command line, demo set-up; the administration pages come with the identity slice). */
export async function createUser(
  db: Db,
  ctx: RequestContext,
  input: {
    username: string;
    displayName: string;
    password: string;
    unitId: number;
    roles: Role[];
    mustChangePassword: boolean;
  },
) {
  const unit = await findUnitById(db, input.unitId);
  if (!unit) throw new AppError('VALIDATION', '单位不存在', [{ path: 'unitId', message: '单位不存在' }]);
  if (await findUserByUsername(db, input.username)) {
    throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, [
      { path: 'username', message: '用户名已存在' },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, passwordHash, now: ctx.now });
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { username: user.username, unitId: user.unitId, roles: user.roles },
    });
    return user;
  });
}
