import type { DataScope, Permission, Role, UnitKind } from '@shenggui/domain';

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  /** Set when the user must change the password or enrol TOTP before doing anything else. */
  restriction: 'password' | 'totp' | null;
  /** The hashed id of the current session. */
  sessionId: string;
  unit: { id: number; code: string; name: string; kind: UnitKind; path: string };
}

/** What a service needs to know about the caller: who, what they may do, which data they see. */
export interface RequestContext {
  actor: Actor | null;
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
  requestId: string | null;
  ip: string | null;
  now: Date;
}

/** The context of the command line and of start-up jobs: the whole database, no user. */
export function systemContext(now: Date): RequestContext {
  return {
    actor: null,
    permissions: new Set(),
    scope: { kind: 'subtree', unitId: 0, path: '' },
    requestId: null,
    ip: null,
    now,
  };
}
