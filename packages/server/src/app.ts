// Builds the Fastify app: platform plugins first, then module routes under /api/v1. No listen here.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from './db/client.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { declarationRoutes } from './modules/declaration/declaration.routes.js';
import { directoryRoutes } from './modules/directory/directory.routes.js';
import { enterpriseRoutes } from './modules/enterprise/enterprise.routes.js';
import { importRoutes } from './modules/import/import.routes.js';
import { libraryRoutes } from './modules/library/library.routes.js';
import { serviceRoutes } from './modules/service/service.routes.js';

// --- imports: service requests ---

// --- imports: help plans and supervision ---
import { helpPlanRoutes } from './modules/help-plan/help-plan.routes.js';

// --- imports: visits and leads ---
import { leadRoutes } from './modules/lead/lead.routes.js';
import { noticeRoutes } from './modules/notice/notice.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { progressRoutes } from './modules/progress/progress.routes.js';
import { requestRoutes } from './modules/request/request.routes.js';
import { revenueRoutes } from './modules/revenue/revenue.routes.js';
import { reviewRoutes } from './modules/review/review.routes.js';
// --- imports: training and coverage ---
import { coverageRoutes } from './modules/service-coverage/coverage.routes.js';
// --- imports: service overview and timeline ---
import { serviceOverviewRoutes } from './modules/service-overview/overview.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { getSecuritySettings } from './modules/settings/settings.service.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { targetRoutes } from './modules/target/target.routes.js';
import { todoRoutes } from './modules/todo/todo.routes.js';
import { trainingRoutes } from './modules/training/training.routes.js';
import { userRoutes } from './modules/user/user.routes.js';
import { visitRoutes } from './modules/visit/visit.routes.js';
import type { AuditCheckpointer } from './platform/audit-checkpoint.js';
import { registerAccess } from './platform/auth/access.js';
import { type Clock, systemClock } from './platform/clock.js';
import { registerErrorHandler } from './platform/errors.js';
import { ReadCache, registerReadCacheGeneration, registerResponseCache } from './platform/read-cache.js';
import { registerTextGuard } from './platform/text-guard.js';
import { VERSION } from './version.js';

export interface AppOptions {
  db: Db;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  secureCookies?: boolean;
  /** In-memory read caches; only where this process is the only writer (the embedded database). */
  readCache?: boolean;
  /** The built web app (packages/web/dist); served with an SPA fallback when present. */
  webDist?: string | undefined;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); default none. */
  trustedProxies?: string[] | undefined;
  /** Writes the signed audit checkpoint the auditor downloads and `audit verify` compares with. */
  checkpointer?: AuditCheckpointer | undefined;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // One log line per request (below) instead of Fastify's two: logging is a large share of a cached answer.
    logController: new LogController({ disableRequestLogging: true }),
    // Only named proxies may say who the client is: otherwise anyone could forge X-Forwarded-For to
    // dodge the sign-in rate limit or put a false address in the audit trail.
    trustProxy: opts.trustedProxies && opts.trustedProxies.length > 0 ? opts.trustedProxies : false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) {
      // The API docs page needs inline scripts of its own.
      if (k === 'content-security-policy' && request.url.startsWith('/api/docs')) continue;
      reply.header(k, v);
    }
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '升规通 API',
        description: '小升规工作平台接口。金额单位：元；期间格式：YYYY-MM。',
        version: VERSION,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sg_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app, opts.webDist && existsSync(opts.webDist) ? opts.webDist : undefined);
  const cache = opts.readCache ? new ReadCache() : undefined;
  if (cache) registerReadCacheGeneration(app, cache);
  registerAccess(app, { db: opts.db, clock, cache, securitySettings: getSecuritySettings });
  registerTextGuard(app);
  if (cache) registerResponseCache(app, cache);

  await app.register(
    async (api) => {
      await api.register(
        authRoutes(opts.db, { secureCookies: opts.secureCookies ?? false, version: VERSION }),
      );
      await api.register(orgRoutes(opts.db));
      await api.register(enterpriseRoutes(opts.db));
      await api.register(revenueRoutes(opts.db));
      await api.register(importRoutes(opts.db));
      await api.register(targetRoutes(opts.db));
      await api.register(directoryRoutes(opts.db));
      await api.register(progressRoutes(opts.db));
      await api.register(noticeRoutes(opts.db));
      await api.register(libraryRoutes(opts.db));
      await api.register(serviceRoutes(opts.db));
      // --- routes: service requests ---
      await api.register(requestRoutes(opts.db));

      // --- routes: visits and leads ---
      await api.register(leadRoutes(opts.db));
      await api.register(visitRoutes(opts.db));

      // --- routes: help plans and supervision ---
      await api.register(helpPlanRoutes(opts.db));
      await api.register(supervisionRoutes(opts.db));

      // --- routes: training and coverage ---
      await api.register(trainingRoutes(opts.db));
      await api.register(coverageRoutes(opts.db));

      // --- routes: service overview and timeline ---
      await api.register(serviceOverviewRoutes(opts.db));

      await api.register(declarationRoutes(opts.db));
      await api.register(reviewRoutes(opts.db));
      await api.register(todoRoutes(opts.db));
      await api.register(userRoutes(opts.db));
      await api.register(auditRoutes(opts.db, opts.checkpointer));
      await api.register(settingsRoutes(opts.db));
    },
    { prefix: '/api/v1' },
  );

  if (opts.webDist && existsSync(opts.webDist)) {
    await app.register(fastifyStatic, { root: opts.webDist, wildcard: false, index: ['index.html'] });
  }
  return app;
}
