// Account administration by the security administrator: create, edit roles and unit, disable, reset
// passwords and unlock — inside the administrator's own tree of units; every change audited.
import {
  type AdminUserView,
  accountUpdateNeedsConfirmation,
  checkPassword,
  checkRoleAssignment,
  type PendingAccountChange,
  ROLE_LABELS,
  type Role,
  type UnitKind,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { revokeUserSessions } from '../../platform/auth/session.repository.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { createUser } from '../auth/auth.service.js';
import {
  countUsersUnder,
  findUserUnder,
  listUsersUnder,
  type UserFilter,
  type UserRow,
  updateUserRow,
} from '../auth/user.repository.js';
import { findUnitById, type OrgUnitRow } from '../org/org.repository.js';
import { workingRootPath } from '../org/org.service.js';
import { getSecuritySettings } from '../settings/settings.service.js';
import { requestAccountChange } from './account-change.service.js';

/** A change to an auditor account waits for the system administrator (account-change.service.ts). */
export type PendingResult = PendingAccountChange;
export const isPending = (r: object): r is PendingResult => 'pending' in r;

function toView(user: UserRow, unit: OrgUnitRow, now: Date): AdminUserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    roleLabels: user.roles.map((r) => ROLE_LABELS[r as Role] ?? r),
    unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
    disabled: user.disabled,
    locked: !!user.lockedUntil && user.lockedUntil > now,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    createdAt: user.createdAt.toISOString(),
  };
}

function snapshot(u: UserRow) {
  return {
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    roles: u.roles,
    disabled: u.disabled,
  };
}

async function unitInTree(db: Db, ctx: RequestContext, unitId: number): Promise<OrgUnitRow> {
  const unit = await findUnitById(db, unitId);
  if (!unit?.path.startsWith(workingRootPath(ctx))) throw invalid('unitId', '单位不存在或不在管理范围内');
  return unit;
}

function assertRoles(roles: Role[], unit: OrgUnitRow) {
  const problems = checkRoleAssignment(roles, unit.kind as UnitKind);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ path: 'roles', message })),
    );
}

export async function listUsers(
  db: Db,
  ctx: RequestContext,
  filter: UserFilter,
  page: number,
  pageSize: number,
) {
  const root = workingRootPath(ctx);
  const [rows, total] = await Promise.all([
    listUsersUnder(db, root, filter, pageSize, (page - 1) * pageSize),
    countUsersUnder(db, root, filter),
  ]);
  return { items: rows.map((r) => toView(r.user, r.unit, ctx.now)), total, page, pageSize };
}

export async function adminCreateUser(
  db: Db,
  ctx: RequestContext,
  input: { username: string; displayName: string; unitId: number; roles: Role[]; password: string },
): Promise<AdminUserView | PendingResult> {
  const unit = await unitInTree(db, ctx, input.unitId);
  assertRoles(input.roles, unit);
  if (input.roles.includes('auditor')) {
    // The password given is dropped: the confirming system administrator sets the temporary one.
    return requestAccountChange(db, ctx, {
      kind: 'create',
      userId: null,
      username: input.username,
      payload: {
        username: input.username,
        displayName: input.displayName,
        unitId: unit.id,
        roles: input.roles,
      },
    });
  }
  const user = await createUser(db, ctx, { ...input, mustChangePassword: true });
  return toView(user, unit, ctx.now);
}

export async function adminUpdateUser(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { displayName: string; unitId: number; roles: Role[]; disabled: boolean },
): Promise<AdminUserView | PendingResult> {
  const found = await findUserUnder(db, workingRootPath(ctx), id);
  if (!found) throw notFound('用户');
  const unit = await unitInTree(db, ctx, input.unitId);
  assertRoles(input.roles, unit);
  if (id === ctx.actor?.id) {
    const same =
      input.roles.length === found.user.roles.length &&
      input.roles.every((r) => found.user.roles.includes(r));
    if (!same) throw invalid('roles', '不能修改自己的角色');
    if (input.disabled) throw invalid('disabled', '不能停用自己的账号');
  }
  const confirm = accountUpdateNeedsConfirmation(
    { roles: found.user.roles as Role[], disabled: found.user.disabled },
    input,
  );
  if (confirm)
    return requestAccountChange(db, ctx, {
      kind: confirm,
      userId: id,
      username: found.user.username,
      payload: { ...input },
    });
  return db.transaction(async (tx) => {
    const after = await updateUserRow(tx, id, input);
    let revoked = 0;
    const rolesChanged =
      input.roles.join(',') !== found.user.roles.join(',') || input.unitId !== found.user.unitId;
    if (input.disabled || rolesChanged) revoked = await revokeUserSessions(tx, id, ctx.now);
    await recordAudit(tx, ctx, {
      action: input.disabled && !found.user.disabled ? 'user.disable' : 'user.update',
      entityType: 'user',
      entityId: id,
      before: snapshot(found.user),
      after: { ...snapshot(after), sessionsRevoked: revoked },
    });
    return toView(after, unit, ctx.now);
  });
}

/** A reset sets a temporary password the user must change at next sign-in; their sessions end. */
export async function adminResetPassword(
  db: Db,
  ctx: RequestContext,
  id: number,
  password: string,
): Promise<AdminUserView | PendingResult> {
  const found = await findUserUnder(db, workingRootPath(ctx), id);
  if (!found) throw notFound('用户');
  if (found.user.roles.includes('auditor'))
    return requestAccountChange(db, ctx, {
      kind: 'reset_password',
      userId: id,
      username: found.user.username,
      payload: {},
    });
  const settings = await getSecuritySettings(db);
  const problems = checkPassword(password, found.user.username, settings.password);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ path: 'password', message })),
    );
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const after = await updateUserRow(tx, id, {
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: ctx.now,
      failedAttempts: 0,
      lockedUntil: null,
    });
    const revoked = await revokeUserSessions(tx, id, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'user.password.reset',
      entityType: 'user',
      entityId: id,
      after: { sessionsRevoked: revoked },
    });
    return toView(after, found.unit, ctx.now);
  });
}

export async function adminUnlockUser(db: Db, ctx: RequestContext, id: number) {
  const found = await findUserUnder(db, workingRootPath(ctx), id);
  if (!found) throw notFound('用户');
  return db.transaction(async (tx) => {
    const after = await updateUserRow(tx, id, { failedAttempts: 0, lockedUntil: null });
    await recordAudit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id });
    return toView(after, found.unit, ctx.now);
  });
}

/** A user who lost their authenticator: the second factor is removed and must be bound again at next sign-in. */
export async function adminResetTotp(
  db: Db,
  ctx: RequestContext,
  id: number,
): Promise<AdminUserView | PendingResult> {
  const found = await findUserUnder(db, workingRootPath(ctx), id);
  if (!found) throw notFound('用户');
  if (found.user.roles.includes('auditor'))
    return requestAccountChange(db, ctx, {
      kind: 'reset_totp',
      userId: id,
      username: found.user.username,
      payload: {},
    });
  return db.transaction(async (tx) => {
    const after = await updateUserRow(tx, id, { totpSecret: null, totpEnabled: false });
    const revoked = await revokeUserSessions(tx, id, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'user.totp.reset',
      entityType: 'user',
      entityId: id,
      after: { sessionsRevoked: revoked },
    });
    return toView(after, found.unit, ctx.now);
  });
}
