import { chinaDate } from '@shenggui/domain';
import type { FastifyReply } from 'fastify';

/** Sends an .xlsx with a Chinese file name (RFC 5987) dated with the request's China day, and an ASCII fallback. */
export function sendWorkbook(reply: FastifyReply, buffer: Buffer, baseName: string) {
  const name = encodeURIComponent(`${baseName}-${chinaDate(reply.request.ctx.now)}.xlsx`);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${name}`)
    .send(buffer);
}
