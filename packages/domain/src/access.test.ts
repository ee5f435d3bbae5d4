import { describe, expect, it } from 'vitest';
import {
  PERMISSIONS,
  type Permission,
  permissionsOf,
  REVENUE_SOURCE_LABELS,
  REVENUE_SOURCE_UNITS,
  REVENUE_SOURCES,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLE_UNIT_KINDS,
  ROLES,
  revenueWritePermission,
  scopeKindForUnit,
} from './access.js';
import { UNIT_KINDS } from './org.js';

const has = (role: (typeof ROLES)[number], p: Permission) => ROLE_PERMISSIONS[role].includes(p);
const isReadOnly = (p: string) => !/write|manage|allocate/.test(p);
const holders = (p: Permission) => ROLES.filter((r) => has(r, p));

describe('permission catalogue', () => {
  it('has unique permissions, every role declared, and only catalogue permissions in roles', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      expect(new Set(perms).size, role).toBe(perms.length);
      for (const p of perms) expect(PERMISSIONS, `${role}: ${p}`).toContain(p);
    }
  });

  it('every permission is held by some role', () => {
    for (const p of PERMISSIONS) expect(holders(p).length, p).toBeGreaterThan(0);
  });
});

describe('三权分立 — separation of the three administrators', () => {
  const POWERS = {
    system: ['settings:manage'],
    security: ['user:manage', 'org:manage', 'security:manage'],
    audit: ['audit:read'],
  } as const satisfies Record<string, readonly Permission[]>;

  it('the system administrator runs the system but cannot read the audit trail or manage accounts', () => {
    expect(has('sysadmin', 'settings:manage')).toBe(true);
    for (const p of ['audit:read', 'user:manage', 'security:manage', 'org:manage'] as const) {
      expect(has('sysadmin', p), p).toBe(false);
    }
  });

  it('the security administrator manages accounts, units and the security policy, not the system or the trail', () => {
    for (const p of POWERS.security) expect(has('secadmin', p), p).toBe(true);
    expect(has('secadmin', 'audit:read')).toBe(false);
    expect(has('secadmin', 'settings:manage')).toBe(false);
  });

  it('the auditor only reads', () => {
    expect(has('auditor', 'audit:read')).toBe(true);
    for (const p of ROLE_PERMISSIONS.auditor) expect(isReadOnly(p), p).toBe(true);
  });

  it('each power sits with exactly one administrator', () => {
    for (const p of POWERS.system) expect(holders(p), p).toEqual(['sysadmin']);
    for (const p of POWERS.security) expect(holders(p), p).toEqual(['secadmin']);
    for (const p of POWERS.audit) expect(holders(p), p).toEqual(['auditor']);
  });

  it('no role holds two of the three powers', () => {
    for (const role of ROLES) {
      const powers = Object.entries(POWERS).filter(([, perms]) => perms.some((p) => has(role, p)));
      expect(powers.length, role).toBeLessThanOrEqual(1);
    }
  });

  it('the administrators see no enterprise, revenue or target data', () => {
    for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
      for (const p of ROLE_PERMISSIONS[role])
        expect(p, role).not.toMatch(/^(enterprise|revenue|target|directory):/);
    }
  });

  it('each pair of administrator roles still lacks the third power', () => {
    expect(permissionsOf(['sysadmin', 'secadmin'])).not.toContain('audit:read');
    expect(permissionsOf(['sysadmin', 'auditor'])).not.toContain('user:manage');
    expect(permissionsOf(['secadmin', 'auditor'])).not.toContain('settings:manage');
  });
});

describe('business roles', () => {
  it('township, department and centre cannot write tax, statistics or electricity figures', () => {
    for (const role of ['township', 'department', 'centre'] as const) {
      for (const p of [
        'revenue:write:tax',
        'revenue:write:statistics',
        'revenue:write:electricity',
      ] as const) {
        expect(has(role, p), `${role}: ${p}`).toBe(false);
      }
    }
  });

  it('tax figures are written only by the tax bureau, statistics figures only by the statistics bureau', () => {
    expect(holders('revenue:write:tax')).toEqual(['tax']);
    expect(holders('revenue:write:statistics')).toEqual(['statistics']);
  });

  it('leader and city are read-only and can read the business data', () => {
    for (const role of ['leader', 'city'] as const) {
      for (const p of ROLE_PERMISSIONS[role]) expect(isReadOnly(p), `${role}: ${p}`).toBe(true);
      for (const p of ['enterprise:read', 'revenue:read', 'target:read'] as const)
        expect(has(role, p), p).toBe(true);
    }
  });

  it('only the centre allocates targets', () => {
    expect(holders('target:allocate')).toEqual(['centre']);
  });

  it('every role that writes business data can also read it', () => {
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      if (perms.some((p) => p.startsWith('revenue:write'))) expect(perms, role).toContain('revenue:read');
      if (perms.includes('enterprise:write')) expect(perms, role).toContain('enterprise:read');
    }
  });
});

describe('permissionsOf', () => {
  it('is empty for no roles', () => {
    expect(permissionsOf([])).toEqual([]);
  });

  it('unions roles without duplicates, in catalogue order', () => {
    const both = permissionsOf(['township', 'tax']);
    expect(new Set(both).size).toBe(both.length);
    expect(both).toEqual(PERMISSIONS.filter((p) => has('township', p) || has('tax', p)));
    expect(permissionsOf(['tax', 'township'])).toEqual(both);
    expect(permissionsOf(['leader', 'leader'])).toEqual(PERMISSIONS.filter((p) => has('leader', p)));
  });

  it('ignores an unknown role instead of throwing', () => {
    expect(permissionsOf(['leader', 'ghost' as never])).toEqual(permissionsOf(['leader']));
  });
});

describe('scopeKindForUnit', () => {
  it.each([
    ['province', 'subtree'],
    ['city', 'subtree'],
    ['county', 'subtree'],
    ['township', 'township'],
    ['zone', 'supervising'],
    ['department', 'supervising'],
    ['centre', 'subtree'],
    ['bureau', 'subtree'],
  ] as const)('%s → %s', (kind, scope) => {
    expect(scopeKindForUnit(kind)).toBe(scope);
  });

  it('covers every unit kind', () => {
    for (const kind of UNIT_KINDS)
      expect(['subtree', 'township', 'supervising']).toContain(scopeKindForUnit(kind));
  });
});

describe('roles, units and revenue sources', () => {
  it('every role has a Chinese label and at least one allowed unit kind from UNIT_KINDS', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toMatch(/\p{Script=Han}/u);
      expect(ROLE_UNIT_KINDS[role].length, role).toBeGreaterThan(0);
      for (const kind of ROLE_UNIT_KINDS[role]) expect(UNIT_KINDS).toContain(kind);
    }
  });

  it('township and department staff sit in their own kind of unit', () => {
    expect(ROLE_UNIT_KINDS.township).toEqual(['township']);
    expect(ROLE_UNIT_KINDS.department).toEqual(['zone', 'department']);
    expect(ROLE_UNIT_KINDS.tax).toEqual(['bureau']);
    expect(ROLE_UNIT_KINDS.statistics).toEqual(['bureau']);
  });

  it('each revenue source has a write permission in the catalogue, a Chinese label and a unit', () => {
    for (const source of REVENUE_SOURCES) {
      expect(PERMISSIONS).toContain(revenueWritePermission(source));
      expect(revenueWritePermission(source)).toBe(`revenue:write:${source}`);
      expect(REVENUE_SOURCE_LABELS[source]).toMatch(/\p{Script=Han}/u);
    }
    expect(REVENUE_SOURCE_UNITS).toEqual({
      tax: 'yuan',
      statistics: 'yuan',
      self: 'yuan',
      electricity: 'kWh',
    });
  });
});
