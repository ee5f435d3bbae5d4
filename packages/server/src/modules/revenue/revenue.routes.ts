import { revenueFactCreateSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { addFact, listFacts } from './revenue.service.js';

const factSchema = z.object({
  id: z.number(),
  period: z.string(),
  /** 1 = a month; 3 = the calendar quarter ending at `period`. */
  months: z.number(),
  source: z.string(),
  value: z.string(),
  version: z.number(),
  isCurrent: z.boolean(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  importBatchId: z.number().nullable(),
});
const tags = ['月度数据'];
const idParams = z.object({ id: z.coerce.number().int().positive() });

export function revenueRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/enterprises/:id/revenue',
      {
        config: { access: 'revenue:read', cacheable: true },
        schema: {
          tags,
          summary: '企业月度数据（含全部版本）',
          params: idParams,
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: z.object({ items: z.array(factSchema) }) },
        },
      },
      async (request) => ({ items: await listFacts(db, request.ctx, request.params.id, request.query.year) }),
    );

    app.post(
      '/enterprises/:id/revenue',
      {
        // The route needs sign-in; the service checks the per-source permission (revenue:write:<source>).
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '录入或更正月度数据（更正生成新版本）',
          params: idParams,
          body: revenueFactCreateSchema,
          response: { 201: z.object({ item: factSchema }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ item: await addFact(db, request.ctx, request.params.id, request.body) }),
    );
  };
}
