// The review list over HTTP: the centre and the auditor (review:read), in their data scope.
import { reviewFilterQuery, reviewListQuery, reviewListSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportReviewItems } from './review.export.js';
import { listReviewItems } from './review.service.js';

const tags = ['复核清单'];

export function reviewRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/review',
      {
        config: { access: 'review:read' },
        schema: {
          tags,
          summary: '复核清单：未经申报的入库、生效期间异常、核对例外处理、撤回的申报（谁、何时、为何）',
          querystring: reviewListQuery,
          response: { 200: reviewListSchema },
        },
      },
      async (request) => listReviewItems(db, request.ctx, request.query),
    );

    app.get(
      '/review/export',
      {
        config: { access: 'review:read' },
        schema: { tags, summary: '导出复核清单（Excel）', querystring: reviewFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportReviewItems(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );
  };
}
