import {
  idParams,
  revenueFactCreatedSchema,
  revenueFactCreateSchema,
  revenueFactListSchema,
  revenueFactsQuerySchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { addFact, listFacts } from './revenue.service.js';

const tags = ['月度数据'];

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
          querystring: revenueFactsQuerySchema,
          response: { 200: revenueFactListSchema },
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
          response: { 201: revenueFactCreatedSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ item: await addFact(db, request.ctx, request.params.id, request.body) }),
    );
  };
}
