// Access has two layers (docs/ARCHITECTURE.md §Access): a flat permission catalogue declared on every route,
// and a data scope resolved from the user's unit and pushed into SQL.
import type { UnitKind } from './org.js';

export const PERMISSIONS = [
  'enterprise:read',
  'enterprise:write',
  'revenue:read',
  'revenue:write:tax',
  'revenue:write:statistics',
  'revenue:write:self',
  'revenue:write:electricity',
  'org:read',
  'org:manage',
  'user:manage',
  'security:manage',
  'audit:read',
  'settings:manage',
  /** Confirms a change to an auditor account that the security administrator asked for (dual control). */
  'account:confirm',
  'target:read',
  'target:allocate',
  'directory:write',
  /** The centre's and the auditor's review list of entries and decisions that bypass the usual path. */
  'review:read',
  'library:manage',
  /** Service work (visits, requests, help plans, training, supervision) in the user's data scope. */
  'service:read',
  /** Record visits, raise requests, work on requests routed to the user's unit, keep help plans and trainings. */
  'service:write',
  /** The centre's part: assign 包联 leads, route requests, decide 无法解决, supervise units, edit categories. */
  'service:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'centre',
  'township',
  'department',
  'tax',
  'statistics',
  'leader',
  'city',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  centre: '中小企业发展中心',
  township: '乡镇工作人员',
  department: '部门工作人员',
  tax: '税务局',
  statistics: '统计局',
  leader: '县领导',
  city: '市级查看',
};

const READ: Permission[] = ['enterprise:read', 'revenue:read', 'org:read', 'target:read', 'service:read'];

/**
 * 三权分立: the system administrator runs the system (business settings) but cannot read the audit trail
 * or manage accounts; the security administrator manages accounts, roles, units and the security policy;
 * the auditor only reads the trail. No role holds two of these.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: ['org:read', 'settings:manage', 'account:confirm'],
  secadmin: ['org:read', 'org:manage', 'user:manage', 'security:manage'],
  auditor: ['org:read', 'audit:read', 'review:read'],
  centre: [
    ...READ,
    'enterprise:write',
    'revenue:write:self',
    'target:allocate',
    'directory:write',
    'review:read',
    'library:manage',
    'service:write',
    'service:manage',
  ],
  township: [...READ, 'enterprise:write', 'revenue:write:self', 'service:write'],
  department: [...READ, 'enterprise:write', 'revenue:write:self', 'service:write'],
  tax: [...READ, 'revenue:write:tax', 'service:write'],
  statistics: [
    ...READ,
    'revenue:write:statistics',
    'revenue:write:electricity',
    'directory:write',
    'service:write',
  ],
  leader: READ,
  city: READ,
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

/**
 * What data a user sees, from their unit: a whole subtree (county bodies see their county, a city its
 * counties), a township's firms (属地), or a supervising unit's firms (行业主管).
 */
export type DataScope =
  | { kind: 'subtree'; unitId: number; path: string }
  | { kind: 'township'; unitId: number }
  | { kind: 'supervising'; unitId: number }
  | { kind: 'none' };

export function scopeKindForUnit(kind: UnitKind): DataScope['kind'] {
  switch (kind) {
    case 'township':
      return 'township';
    case 'zone':
    case 'department':
      return 'supervising';
    default:
      return 'subtree';
  }
}

/** Which unit kinds a role may belong to. */
export const ROLE_UNIT_KINDS: Record<Role, readonly UnitKind[]> = {
  sysadmin: ['province', 'city', 'county', 'centre'],
  secadmin: ['province', 'city', 'county', 'centre'],
  auditor: ['province', 'city', 'county', 'centre'],
  centre: ['centre'],
  township: ['township'],
  department: ['zone', 'department'],
  tax: ['bureau'],
  statistics: ['bureau'],
  leader: ['county'],
  city: ['city', 'province'],
};

export const REVENUE_SOURCES = ['tax', 'statistics', 'self', 'electricity'] as const;
export type RevenueSource = (typeof REVENUE_SOURCES)[number];
export const REVENUE_SOURCE_LABELS: Record<RevenueSource, string> = {
  tax: '税务开票',
  statistics: '统计报表',
  self: '企业自报',
  electricity: '用电量',
};
export const REVENUE_SOURCE_UNITS: Record<RevenueSource, 'yuan' | 'kWh'> = {
  tax: 'yuan',
  statistics: 'yuan',
  self: 'yuan',
  electricity: 'kWh',
};

export function revenueWritePermission(source: RevenueSource): Permission {
  return `revenue:write:${source}`;
}
