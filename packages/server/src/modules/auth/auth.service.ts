// Sign-in (argon2id, optional TOTP), server-side sessions, lockout, password changes and the user's own
// sessions. Thresholds come from the security settings (MLPS level 2 defaults; level 3 adds TOTP).
import {
  checkPassword,
  type Me,
  type Role,
  requiresTotp,
  type SessionInfo,
  type SessionUser,
  type TotpSetup,
  type UnitKind,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { restrictionOf } from '../../platform/auth/access.js';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import {
  insertSession,
  listLiveSessions,
  revokeSession,
  revokeUserSessions,
} from '../../platform/auth/session.repository.js';
import { newToken, tokenId } from '../../platform/auth/tokens.js';
import { checkTotp, decryptSecret, encryptSecret, newTotpSecret, totpUri } from '../../platform/auth/totp.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findUnitById } from '../org/org.repository.js';
import { getSecuritySettings } from '../settings/settings.service.js';
import {
  clearLoginFailures,
  findUserByUsername,
  insertUser,
  setLoginFailure,
  updateUserRow,
} from './user.repository.js';

const BAD_CREDENTIALS = '用户名或密码错误';

export async function login(
  db: Db,
  ctx: RequestContext,
  input: { username: string; password: string; totp?: string | undefined; userAgent: string | null },
): Promise<{ token: string; user: SessionUser }> {
  const settings = await getSecuritySettings(db);
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
  const who = { userId: user.id, unitId: unit.id };
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await recordAudit(db, ctx, {
      action: 'auth.login.locked',
      entityType: 'user',
      entityId: user.id,
      actor: who,
    });
    const minutes = Math.ceil((user.lockedUntil.getTime() - ctx.now.getTime()) / 60_000);
    throw new AppError('LOCKED', `账号已锁定，请于 ${minutes} 分钟后重试，或联系安全管理员解锁`);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) {
    const failures = user.failedAttempts + 1;
    const { maxFailures, lockMinutes } = settings.lockout;
    const lock = failures >= maxFailures ? new Date(ctx.now.getTime() + lockMinutes * 60_000) : null;
    await db.transaction(async (tx) => {
      await setLoginFailure(tx, user.id, lock ? 0 : failures, lock);
      await recordAudit(tx, ctx, {
        action: lock ? 'auth.lockout' : 'auth.login.failed',
        entityType: 'user',
        entityId: user.id,
        after: { username: user.username, failures },
        actor: who,
      });
    });
    if (lock) throw new AppError('LOCKED', `连续${maxFailures}次密码错误，账号已锁定${lockMinutes}分钟`);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  if (user.disabled) {
    await recordAudit(db, ctx, {
      action: 'auth.login.disabled',
      entityType: 'user',
      entityId: user.id,
      actor: who,
    });
    throw new AppError('UNAUTHENTICATED', '账号已停用，请联系安全管理员');
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) {
      throw new AppError('UNAUTHENTICATED', '请输入动态口令', [
        { path: 'totp', message: '请输入6位动态口令' },
      ]);
    }
    if (!checkTotp(decryptSecret(user.totpSecret), input.totp, ctx.now)) {
      await recordAudit(db, ctx, {
        action: 'auth.totp.failed',
        entityType: 'user',
        entityId: user.id,
        actor: who,
      });
      throw new AppError('UNAUTHENTICATED', '动态口令不正确', [{ path: 'totp', message: '动态口令不正确' }]);
    }
  }
  const token = newToken();
  await db.transaction(async (tx) => {
    if (user.failedAttempts > 0 || user.lockedUntil) await clearLoginFailures(tx, user.id);
    await insertSession(tx, {
      id: tokenId(token),
      userId: user.id,
      now: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + settings.session.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(tx, ctx, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { username: user.username },
      actor: who,
    });
  });
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles as Role[],
      mustChangePassword:
        restrictionOf({ ...user, roles: user.roles as Role[] }, settings, ctx.now) === 'password',
      unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind as UnitKind },
    },
  };
}

/** A sign-in refused before the credentials were checked: the name tried, made printable and short. */
export async function recordLoginRefused(
  db: Db,
  ctx: RequestContext,
  body: unknown,
  reason: 'malformed' | 'rate_limited',
): Promise<void> {
  const raw = (body as { username?: unknown } | null)?.username;
  const username =
    typeof raw === 'string'
      ? raw.replace(/\0|[\uD800-\uDFFF]/g, '\uFFFD').slice(0, 64)
      : raw === undefined
        ? null
        : '(非文本)';
  await recordAudit(db, ctx, {
    action: 'auth.login.failed',
    entityType: 'user',
    after: { username, reason },
  });
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

export async function describeMe(db: Db, ctx: RequestContext): Promise<Me> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const settings = await getSecuritySettings(db);
  const found = await findUserByUsername(db, actor.username);
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      mustChangePassword: actor.restriction === 'password',
      unit: { id: actor.unit.id, code: actor.unit.code, name: actor.unit.name, kind: actor.unit.kind },
    },
    permissions: [...ctx.permissions],
    scope: { kind: ctx.scope.kind, unitId: ctx.scope.kind === 'none' ? null : ctx.scope.unitId },
    restriction: actor.restriction,
    totp: { enabled: found?.user.totpEnabled ?? false, required: requiresTotp(actor.roles, settings) },
    passwordPolicy: settings.password,
  };
}

function assertPasswordAllowed(
  password: string,
  username: string,
  policy: Parameters<typeof checkPassword>[2],
) {
  const problems = checkPassword(password, username, policy);
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ path: 'newPassword', message })),
    );
  }
}

/** The user changes their own password: the other sessions end, this one stays. */
export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const found = await findUserByUsername(db, actor.username);
  if (!found) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(found.user.passwordHash, input.currentPassword))) {
    await recordAudit(db, ctx, { action: 'auth.password.failed', entityType: 'user', entityId: actor.id });
    throw new AppError('VALIDATION', '当前密码不正确', [
      { path: 'currentPassword', message: '当前密码不正确' },
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [
      { path: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
  }
  const settings = await getSecuritySettings(db);
  assertPasswordAllowed(input.newPassword, actor.username, settings.password);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUserRow(tx, actor.id, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: ctx.now,
    });
    const revoked = await revokeUserSessions(tx, actor.id, ctx.now, actor.sessionId);
    await recordAudit(tx, ctx, {
      action: 'auth.password.change',
      entityType: 'user',
      entityId: actor.id,
      after: { otherSessionsRevoked: revoked },
    });
  });
}

export async function listOwnSessions(db: Db, ctx: RequestContext): Promise<SessionInfo[]> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const rows = await listLiveSessions(db, actor.id, ctx.now);
  return rows.map((s) => ({
    id: s.id.slice(0, 12),
    current: s.id === actor.sessionId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

/** 退出所有设备: every session of the user ends, this one too. */
export async function revokeOwnSessions(db: Db, ctx: RequestContext): Promise<number> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return db.transaction(async (tx) => {
    const n = await revokeUserSessions(tx, actor.id, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'auth.sessions.revoke',
      entityType: 'user',
      entityId: actor.id,
      after: { revoked: n },
    });
    return n;
  });
}

/** Starts TOTP enrolment: a new secret, stored encrypted but not yet enabled. */
export async function startTotpEnrolment(db: Db, ctx: RequestContext): Promise<TotpSetup> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await updateUserRow(tx, actor.id, { totpSecret: encryptSecret(secret), totpEnabled: false });
    await recordAudit(tx, ctx, { action: 'auth.totp.enrol', entityType: 'user', entityId: actor.id });
  });
  return { secret, uri: totpUri(secret, actor.username) };
}

export async function confirmTotpEnrolment(db: Db, ctx: RequestContext, code: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const found = await findUserByUsername(db, actor.username);
  if (!found?.user.totpSecret)
    throw new AppError('VALIDATION', '请先生成动态口令密钥', [{ path: 'code', message: '请先生成密钥' }]);
  if (!checkTotp(decryptSecret(found.user.totpSecret), code, ctx.now)) {
    throw new AppError('VALIDATION', '动态口令不正确', [
      { path: 'code', message: '动态口令不正确，请核对手机时间' },
    ]);
  }
  await db.transaction(async (tx) => {
    await updateUserRow(tx, actor.id, { totpEnabled: true });
    await recordAudit(tx, ctx, { action: 'auth.totp.enable', entityType: 'user', entityId: actor.id });
  });
}

/** Creates a user (command line, first administrator, demo set-up, the security administrator's page). */
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
  const settings = await getSecuritySettings(db);
  const problems = checkPassword(input.password, input.username, settings.password);
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ path: 'password', message })),
    );
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

/**
 * `shenggui user reset-password`: from the server's command line, for any account including an auditor's
 * (whoever runs it already holds the data folder or the database owner's credentials). Audited.
 */
export async function resetPasswordFromConsole(
  db: Db,
  ctx: RequestContext,
  username: string,
  password: string,
) {
  const found = await findUserByUsername(db, username);
  if (!found)
    throw new AppError('VALIDATION', `用户不存在：${username}`, [
      { path: 'username', message: '用户不存在' },
    ]);
  const settings = await getSecuritySettings(db);
  assertPasswordAllowed(password, username, settings.password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await updateUserRow(tx, found.user.id, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: ctx.now,
      failedAttempts: 0,
      lockedUntil: null,
    });
    const revoked = await revokeUserSessions(tx, user.id, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'user.password.reset',
      entityType: 'user',
      entityId: user.id,
      after: { sessionsRevoked: revoked, via: 'console' },
    });
    return user;
  });
}
