// Resolves the caller once per request (session → user → unit → permissions and data scope) and enforces
// the access every route must declare. A route without a declared access stops the server at start.

// request.cookies and reply.clearCookie come from the cookie plugin's type augmentation.
import type {} from '@fastify/cookie';
import {
  type DataScope,
  type Permission,
  permissionsOf,
  type Role,
  requiresTotp,
  type SecuritySettings,
  scopeKindForUnit,
  type UnitKind,
} from '@shenggui/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit.js';
import type { Clock } from '../clock.js';
import type { Actor, RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import type { ReadCache } from '../read-cache.js';
import { findSessionWithUser, revokeSession, touchSession } from './session.repository.js';
import { csrfMatches, tokenId } from './tokens.js';

export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Reachable while the user must first change the password or enrol a second factor. */
    allowRestricted?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const SESSION_COOKIE = 'sg_session';
export const CSRF_COOKIE = 'sg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** County-level bodies (centre, bureaus) see their whole county: their scope root is the parent. */
export function scopeFor(unit: { id: number; kind: UnitKind; path: string }): DataScope {
  const kind = scopeKindForUnit(unit.kind);
  if (kind === 'township') return { kind, unitId: unit.id };
  if (kind === 'supervising') return { kind, unitId: unit.id };
  const own = ['province', 'city', 'county'].includes(unit.kind);
  const path = own ? unit.path : unit.path.replace(/[^/]+\/$/, '');
  return { kind: 'subtree', unitId: unit.id, path };
}

/** Why a signed-in user may do nothing but fix their account first (MLPS: forced change, second factor). */
export function restrictionOf(
  user: { mustChangePassword: boolean; passwordChangedAt: Date; totpEnabled: boolean; roles: Role[] },
  settings: SecuritySettings,
  now: Date,
): 'password' | 'totp' | null {
  if (user.mustChangePassword) return 'password';
  const maxAge = settings.password.maxAgeDays;
  if (maxAge > 0 && now.getTime() - user.passwordChangedAt.getTime() > maxAge * 86_400_000) return 'password';
  if (requiresTotp(user.roles, settings) && !user.totpEnabled) return 'totp';
  return null;
}

// Roles → permission set, computed once per combination (the catalogue is static).
const permissionSets = new Map<string, ReadonlySet<Permission>>();
function permissionSetOf(roles: Role[]): ReadonlySet<Permission> {
  const key = roles.join(',');
  let set = permissionSets.get(key);
  if (!set) {
    set = new Set(permissionsOf(roles));
    permissionSets.set(key, set);
  }
  return set;
}

function anonymous(request: FastifyRequest, now: Date): RequestContext {
  return {
    actor: null,
    permissions: new Set(),
    scope: { kind: 'none' },
    requestId: request.id,
    ip: request.ip,
    now,
  };
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every /api/v1 route with its declared access: the access-matrix test walks this list. */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declared.get(app) ?? [];
}

export function registerAccess(
  app: FastifyInstance,
  deps: {
    db: Db;
    clock: Clock;
    /** The session limits in force (the settings slice reads them): the platform imports no module. */
    securitySettings: (db: Db) => Promise<SecuritySettings>;
    cache?: ReadCache | undefined;
  },
): void {
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access permission`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const now = deps.clock.now();
    request.ctx = anonymous(request, now);
    if (!request.url.startsWith('/api/v1')) return;
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access) return; // unknown route: the 404 handler answers

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const id = tokenId(token);
      type Found = Awaited<ReturnType<typeof findSessionWithUser>>;
      let found = deps.cache?.getSession<Found>(id, now.getTime()) ?? null;
      if (!found) {
        found = await findSessionWithUser(deps.db, id);
        if (found) deps.cache?.putSession(id, found, now.getTime());
      }
      if (found) {
        const settings = await deps.securitySettings(deps.db);
        const { session, user, unit } = found;
        const idleMs = settings.session.idleMinutes * 60_000;
        const absoluteMs = settings.session.absoluteHours * 3_600_000;
        const expired =
          now.getTime() - session.lastSeenAt.getTime() > idleMs ||
          now.getTime() - session.createdAt.getTime() >= absoluteMs ||
          now >= session.expiresAt;
        if (user.disabled || expired) {
          await revokeSession(deps.db, id, now);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          if (access !== 'public') throw new AppError('UNAUTHENTICATED', '登录已超时，请重新登录');
        } else {
          // Write last-seen at most once a minute: reads should not all turn into writes.
          if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
            await touchSession(deps.db, id, now);
            session.lastSeenAt = now;
          }
          const roles = user.roles as Role[];
          const actor: Actor = {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            roles,
            mustChangePassword: user.mustChangePassword,
            restriction: restrictionOf({ ...user, roles }, settings, now),
            sessionId: id,
            unit: {
              id: unit.id,
              code: unit.code,
              name: unit.name,
              kind: unit.kind as UnitKind,
              path: unit.path,
            },
          };
          request.ctx = {
            actor,
            permissions: permissionSetOf(roles),
            scope: scopeFor(actor.unit),
            requestId: request.id,
            ip: request.ip,
            now,
          };
        }
      }
    }

    if (access === 'public') return;
    const actor = request.ctx.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // The header must carry this session's own token (tokens.ts csrfTokenFor), not just echo a cookie.
      const header = request.headers[CSRF_HEADER];
      if (!token || !csrfMatches(token, typeof header === 'string' ? header : undefined))
        throw new AppError('FORBIDDEN', '请求校验失败（CSRF），请刷新页面后重试');
    }
    if (actor.restriction && !config.allowRestricted) {
      throw new AppError(
        'FORBIDDEN',
        actor.restriction === 'password'
          ? '请先修改密码后再继续操作'
          : '请先绑定动态口令（双因素认证）后再继续操作',
        [{ path: 'restriction', message: actor.restriction }],
      );
    }
    if (access !== 'authenticated' && !request.ctx.permissions.has(access)) {
      await recordAudit(deps.db, request.ctx, {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url}`,
        after: { permission: access, url: request.url },
      });
      throw new AppError('FORBIDDEN', '没有执行此操作的权限');
    }
  });
}

/** For services: throws unless the caller holds the permission (routes check too; services re-check fine-grained ones). */
export function assertPermission(ctx: RequestContext, permission: Permission, message?: string): void {
  if (!ctx.permissions.has(permission)) throw new AppError('FORBIDDEN', message ?? '没有执行此操作的权限');
}
