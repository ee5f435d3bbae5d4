// One error type and one handler: every failure leaves the API in the same envelope with a request id.
// The sendFile reply decorator's types come from @fastify/static.

import type {} from '@fastify/static';
import type { FieldIssue } from '@shenggui/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A tool the server needs is not installed (LibreOffice for PDF). */
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type { FieldIssue };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', message);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', message, [{ path, message }]);

/** Seconds a client should wait before retrying when the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached (restarting, network, closed): not the request's fault, and retrying
 * later will do. Looks through Drizzle's wrapper (`cause`) at the driver's error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code))
      return true;
    // SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutting down, cannot connect now).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    if (
      /PGlite is closed|Cannot use a pool after calling end|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
        e.message,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function issuesOf(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function registerErrorHandler(app: FastifyInstance, webDist?: string): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError, request, reply) => {
    const requestId = request.id;
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
        requestId,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: String(v.instancePath ?? '')
          .replace(/^\//, '')
          .replaceAll('/', '.'),
        message: v.message ?? '格式不正确',
      }));
      return reply.status(400).send({
        error: { code: 'VALIDATION', message: details[0]?.message ?? '请求参数不正确', details },
        requestId,
      });
    }
    if (error instanceof ZodError) {
      const details = issuesOf(error);
      return reply.status(400).send({
        error: { code: 'VALIDATION', message: details[0]?.message ?? '请求参数不正确', details },
        requestId,
      });
    }
    const fe = error as FastifyError;
    if (fe.statusCode && fe.statusCode < 500) {
      const code: ErrorCode =
        fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION';
      const message =
        fe.statusCode === 413
          ? '上传内容过大'
          : fe.statusCode === 415
            ? '不支持的内容类型'
            : '请求格式不正确';
      return reply.status(fe.statusCode).send({ error: { code, message }, requestId });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: 'UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' }, requestId });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' }, requestId });
  });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET gets its page.
    if (webDist && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html', webDist);
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: '接口不存在' }, requestId: request.id });
  });
}
