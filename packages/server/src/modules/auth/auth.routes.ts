import {
  firstAdminSchema,
  loginResultSchema,
  loginSchema,
  meSchema,
  metaSchema,
  passwordChangeSchema,
  sessionListSchema,
  totpEnableSchema,
  totpSetupSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/access.js';
import { RateLimiter } from '../../platform/auth/rate-limit.js';
import { csrfTokenFor } from '../../platform/auth/tokens.js';
import { AppError } from '../../platform/errors.js';
import { findUnitByCode } from '../org/org.repository.js';
import {
  getCountyCode,
  getDemo,
  getScaleThreshold,
  getSecuritySettings,
} from '../settings/settings.service.js';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  describeMe,
  listOwnSessions,
  login,
  logout,
  recordLoginRefused,
  revokeOwnSessions,
  startTotpEnrolment,
} from './auth.service.js';
import { createFirstAdministrator, needsFirstAdministrator } from './first-admin.service.js';

const tags = ['登录与账号'];
// Reachable by a user who must first change the password or enrol TOTP.
const restricted = { access: 'authenticated' as const, allowRestricted: true };

export function authRoutes(db: Db, opts: { secureCookies: boolean; version: string }): FastifyPluginAsyncZod {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: opts.secureCookies };
  const limiter = new RateLimiter();
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        // A sign-in refused before the service saw it (malformed body, bad text, too many attempts) is
        // still a failed sign-in: audited here (the service audits the ones it refuses itself).
        onError: async (request, _reply, error) => {
          const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
          if (![400, 413, 415, 429].includes(status)) return;
          await recordLoginRefused(
            db,
            request.ctx,
            request.body,
            status === 429 ? 'rate_limited' : 'malformed',
          );
        },
        schema: {
          tags,
          summary: '用户名密码登录',
          body: loginSchema,
          response: { 200: loginResultSchema },
        },
      },
      async (request, reply) => {
        const settings = await getSecuritySettings(db);
        if (!limiter.hit(request.ip, settings.loginRatePerMinute, request.ctx.now.getTime())) {
          throw new AppError('RATE_LIMITED', '登录尝试过于频繁，请一分钟后再试');
        }
        const { token, user } = await login(db, request.ctx, {
          ...request.body,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true });
        reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...cookieBase, httpOnly: false });
        return { user };
      },
    );

    app.post(
      '/auth/logout',
      { config: restricted, schema: { tags, summary: '退出登录' } },
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
        config: restricted,
        schema: { tags, summary: '当前用户、权限与数据范围', response: { 200: meSchema } },
      },
      async (request) => describeMe(db, request.ctx),
    );

    app.post(
      '/me/password',
      {
        config: restricted,
        schema: { tags, summary: '修改本人密码（其他会话随之退出）', body: passwordChangeSchema },
      },
      async (request, reply) => {
        await changeOwnPassword(db, request.ctx, request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/me/sessions',
      {
        config: restricted,
        schema: {
          tags,
          summary: '本人的登录会话',
          response: { 200: sessionListSchema },
        },
      },
      async (request) => ({ items: await listOwnSessions(db, request.ctx) }),
    );

    app.post(
      '/me/sessions/revoke-all',
      { config: restricted, schema: { tags, summary: '退出所有设备（含当前）' } },
      async (request, reply) => {
        await revokeOwnSessions(db, request.ctx);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.post(
      '/me/totp/setup',
      {
        config: restricted,
        schema: {
          tags,
          summary: '生成动态口令密钥',
          response: { 200: totpSetupSchema },
        },
      },
      async (request) => startTotpEnrolment(db, request.ctx),
    );

    app.post(
      '/me/totp/enable',
      {
        config: restricted,
        schema: {
          tags,
          summary: '验证并启用动态口令',
          body: totpEnableSchema,
        },
      },
      async (request, reply) => {
        await confirmTotpEnrolment(db, request.ctx, request.body.code);
        return reply.status(204).send();
      },
    );

    app.post(
      '/setup/first-admin',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '首次运行：创建第一个安全管理员（仅在没有任何用户时可用）',
          body: firstAdminSchema,
        },
      },
      async (request, reply) => {
        await createFirstAdministrator(db, request.ctx, request.body);
        return reply.status(201).send({ ok: true });
      },
    );

    app.get(
      '/meta',
      {
        config: { access: 'public', cacheable: true },
        schema: {
          tags,
          summary: '系统信息（演示模式、演示账号、首次运行）',
          response: { 200: metaSchema },
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
          needsFirstAdmin: await needsFirstAdministrator(db),
          securityLevel: (await getSecuritySettings(db)).level,
          version: opts.version,
        };
      },
    );
  };
}
