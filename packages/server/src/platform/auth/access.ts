// Resolves the caller once per request (session → user → unit → permissions and data scope) and enforces
// the permission every route must declare. A route without a declared permission stops the server at start.
import {
  type DataScope,
  type Permission,
  permissionsOf,
  type Role,
  scopeKindForUnit,
  type UnitKind,
} from '@shenggui/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Actor, RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { findSessionWithUser, revokeSession, touchSession } from './session.repository.js';
import { tokenId } from './tokens.js';

export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const SESSION_COOKIE = 'sg_session';
export const CSRF_COOKIE = 'sg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

/** County-level bodies (centre, bureaus) see their whole county: their scope root is the parent. */
export function scopeFor(unit: { id: number; kind: UnitKind; path: string }): DataScope {
  const kind = scopeKindForUnit(unit.kind);
  if (kind === 'township') return { kind, unitId: unit.id };
  if (kind === 'supervising') return { kind, unitId: unit.id };
  const own = ['province', 'city', 'county'].includes(unit.kind);
  const path = own ? unit.path : unit.path.replace(/[^/]+\/$/, '');
  return { kind: 'subtree', unitId: unit.id, path };
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

export function registerAccess(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; policy?: SessionPolicy },
): void {
  const policy = deps.policy ?? DEFAULT_SESSION_POLICY;

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access permission`);
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const now = deps.clock.now();
    request.ctx = anonymous(request, now);
    if (!request.url.startsWith('/api/v1')) return;
    const access = request.routeOptions.config?.access;
    if (!access) return; // 404 handler

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const id = tokenId(token);
      const found = await findSessionWithUser(deps.db, id);
      if (found) {
        const { session, user, unit } = found;
        const idleExpired = now.getTime() - session.lastSeenAt.getTime() > policy.idleMinutes * 60_000;
        if (user.disabled || idleExpired || now >= session.expiresAt) {
          await revokeSession(deps.db, id, now);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          if (access !== 'public') throw new AppError('UNAUTHENTICATED', '登录已超时，请重新登录');
        } else {
          // Write last-seen at most once a minute: reads should not turn into writes.
          if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(deps.db, id, now);
          const roles = user.roles as Role[];
          const actor: Actor = {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            roles,
            mustChangePassword: user.mustChangePassword,
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
            permissions: new Set(permissionsOf(roles)),
            scope: scopeFor(actor.unit),
            requestId: request.id,
            ip: request.ip,
            now,
          };
        }
      }
    }

    if (access === 'public') return;
    if (!request.ctx.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      if (!cookie || header !== cookie)
        throw new AppError('FORBIDDEN', '请求校验失败（CSRF），请刷新页面后重试');
    }
    if (access !== 'authenticated' && !request.ctx.permissions.has(access)) {
      throw new AppError('FORBIDDEN', '没有执行此操作的权限');
    }
  });
}

/** For services: throws unless the caller holds the permission (routes check too; services re-check fine-grained ones). */
export function assertPermission(ctx: RequestContext, permission: Permission, message?: string): void {
  if (!ctx.permissions.has(permission)) throw new AppError('FORBIDDEN', message ?? '没有执行此操作的权限');
}
