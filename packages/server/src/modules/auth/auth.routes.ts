import { loginSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/access.js';
import { newToken } from '../../platform/auth/tokens.js';
import { findUnitByCode } from '../org/org.repository.js';
import {
  demoAccountSchema,
  getCountyCode,
  getDemo,
  getScaleThreshold,
} from '../settings/settings.service.js';
import { describeMe, login, logout } from './auth.service.js';

const meSchema = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    mustChangePassword: z.boolean(),
    unit: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() }),
  }),
  permissions: z.array(z.string()),
  scope: z.object({ kind: z.string(), unitId: z.number().nullable() }),
});

export function authRoutes(db: Db, opts: { secureCookies: boolean; version: string }): FastifyPluginAsyncZod {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: opts.secureCookies };
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['登录'],
          summary: '用户名密码登录',
          body: loginSchema,
          response: { 200: meSchema.pick({ user: true }) },
        },
      },
      async (request, reply) => {
        const { token, user } = await login(db, request.ctx, {
          ...request.body,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true });
        reply.setCookie(CSRF_COOKIE, newToken(), { ...cookieBase, httpOnly: false });
        return { user };
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'authenticated' }, schema: { tags: ['登录'], summary: '退出登录' } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(db, request.ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['登录'], summary: '当前用户、权限与数据范围', response: { 200: meSchema } },
      },
      async (request) => describeMe(request.ctx),
    );

    app.get(
      '/meta',
      {
        config: { access: 'public' },
        schema: {
          tags: ['登录'],
          summary: '系统信息（演示模式、演示账号）',
          response: {
            200: z.object({
              demo: z.boolean(),
              demoAccounts: z.array(demoAccountSchema),
              countyName: z.string().nullable(),
              scaleThresholdYuan: z.number(),
              version: z.string(),
            }),
          },
        },
      },
      async () => {
        const demo = await getDemo(db);
        const countyCode = await getCountyCode(db);
        const county = countyCode ? await findUnitByCode(db, `${countyCode}000000`) : null;
        return {
          demo: demo.enabled,
          demoAccounts: demo.enabled ? demo.accounts : [],
          countyName: county?.name ?? null,
          scaleThresholdYuan: await getScaleThreshold(db),
          version: opts.version,
        };
      },
    );
  };
}
