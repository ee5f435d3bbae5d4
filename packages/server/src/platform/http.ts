import { chinaDate } from '@shenggui/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from './errors.js';

/** Sends an .xlsx with a Chinese file name (RFC 5987) dated with the request's China day, and an ASCII fallback. */
export function sendWorkbook(reply: FastifyReply, buffer: Buffer, baseName: string) {
  const name = encodeURIComponent(`${baseName}-${chinaDate(reply.request.ctx.now)}.xlsx`);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${name}`)
    .send(buffer);
}

/**
 * Lets a route plugin take a file as the raw request body (application/octet-stream, the file name in the
 * query string), up to `maxBytes`. Used by every upload: declaration materials, visit, training and
 * supervision files.
 */
export function acceptFileUploads(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_r, body, done) => done(null, body),
  );
}

/** The uploaded file's bytes, or a Chinese 400 when the body was not sent as a file. */
export function uploadedFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body))
    throw new AppError('VALIDATION', '请以 application/octet-stream 上传文件内容', [
      { path: 'file', message: '请以 application/octet-stream 上传文件内容' },
    ]);
  return body;
}
