// Security settings to MLPS 2.0 level 2 (GB/T 22239-2019), with the level-3 controls behind one switch:
// at level 3 the three administrator roles must use a TOTP second factor.
import { z } from 'zod';
import { ROLE_LABELS, ROLE_UNIT_KINDS, ROLES, type Role } from './access.js';
import type { UnitKind } from './org.js';

export const securitySettingsSchema = z.object({
  level: z.union([z.literal(2), z.literal(3)]),
  password: z.object({
    minLength: z.number().int().min(8, '密码最短长度不能低于8位').max(64),
    /** Of: lower case, upper case, digits, other characters. */
    minClasses: z.number().int().min(2).max(4),
    /** 0 = passwords do not expire. */
    maxAgeDays: z.number().int().min(0).max(3650),
  }),
  lockout: z.object({
    maxFailures: z.number().int().min(3).max(20),
    lockMinutes: z.number().int().min(1).max(1440),
  }),
  session: z.object({
    idleMinutes: z.number().int().min(5).max(240),
    absoluteHours: z.number().int().min(1).max(72),
  }),
  /** Sign-in attempts per client address per minute. */
  loginRatePerMinute: z.number().int().min(3).max(1000),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  level: 2,
  password: { minLength: 8, minClasses: 3, maxAgeDays: 0 },
  lockout: { maxFailures: 5, lockMinutes: 15 },
  session: { idleMinutes: 30, absoluteHours: 12 },
  loginRatePerMinute: 20,
};

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export function requiresTotp(roles: readonly Role[], settings: SecuritySettings): boolean {
  return settings.level === 3 && roles.some((r) => ADMIN_ROLES.includes(r));
}

/** Problems with a proposed password, in Chinese; empty when it passes. */
export function checkPassword(
  password: string,
  username: string,
  policy: SecuritySettings['password'],
): string[] {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度至少${policy.minLength}位`);
  if (password.length > 128) problems.push('密码长度不能超过128位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码应包含小写字母、大写字母、数字、特殊字符中的至少${policy.minClasses}类`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不能包含用户名');
  return problems;
}

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(256),
  newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(256),
});

const roleList = z
  .array(z.enum(ROLES, { error: '角色不正确' }))
  .min(1, '请至少选择一个角色')
  .max(3);

export const userCreateSchema = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名为3–32位字母、数字、下划线、点或横线，以字母开头'),
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字'),
  unitId: z.number({ error: '请选择单位' }).int().positive('请选择单位'),
  roles: roleList,
  /** The initial password; the user must change it at first sign-in. */
  password: z.string({ error: '请填写初始密码' }).min(1, '请填写初始密码').max(128),
});

export const userUpdateSchema = z.object({
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不能超过50个字'),
  unitId: z.number({ error: '请选择单位' }).int().positive('请选择单位'),
  roles: roleList,
  disabled: z.boolean(),
});

/** Problems with a set of roles on a unit: 三权分立 (one administrator role, never mixed with work roles). */
export function checkRoleAssignment(roles: readonly Role[], unitKind: UnitKind): string[] {
  const problems: string[] = [];
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) problems.push('系统管理员、安全管理员、审计管理员三者互斥，一个账号只能担任其一');
  if (admin.length > 0 && admin.length < roles.length)
    problems.push('管理员角色不能与业务角色同时授予同一账号');
  for (const r of roles) {
    if (!ROLE_UNIT_KINDS[r].includes(unitKind))
      problems.push(`“${ROLE_LABELS[r]}”角色不能授予该类单位的用户`);
  }
  return problems;
}

/**
 * 三权分立 without a back door: the security administrator manages accounts, but an account that can
 * read the audit trail is created, granted the auditor role, given a new password or second factor, or
 * re-enabled only when the system administrator confirms (and sets the temporary password), or from the
 * server's command line. So the security administrator never holds a credential that reads the trail.
 */
export const ACCOUNT_CHANGE_KINDS = ['create', 'grant', 'reset_password', 'reset_totp', 'enable'] as const;
export type AccountChangeKind = (typeof ACCOUNT_CHANGE_KINDS)[number];
export const ACCOUNT_CHANGE_LABELS: Record<AccountChangeKind, string> = {
  create: '创建审计管理员账号',
  grant: '授予审计管理员角色',
  reset_password: '重置审计管理员密码',
  reset_totp: '重置审计管理员动态口令',
  enable: '重新启用审计管理员账号',
};
/** The kinds whose confirmation sets a temporary password (chosen by the confirmer, not the requester). */
export const ACCOUNT_CHANGE_SETS_PASSWORD: readonly AccountChangeKind[] = [
  'create',
  'grant',
  'reset_password',
];

/** Which confirmation an update of a user needs, if any (null: the security administrator may apply it). */
export function accountUpdateNeedsConfirmation(
  before: { roles: readonly Role[]; disabled: boolean },
  after: { roles: readonly Role[]; disabled: boolean },
): AccountChangeKind | null {
  const auditorAfter = after.roles.includes('auditor');
  if (auditorAfter && !before.roles.includes('auditor')) return 'grant';
  if (auditorAfter && before.disabled && !after.disabled) return 'enable';
  return null;
}

export const accountChangeConfirmSchema = z.object({
  /** The temporary password, set by the confirming system administrator (must be changed at first sign-in). */
  password: z.string().max(128).optional(),
});
export const accountChangeRejectSchema = z.object({
  reason: z
    .string({ error: '请填写驳回理由' })
    .trim()
    .min(2, '请填写驳回理由')
    .max(200, '理由不能超过200个字'),
});
