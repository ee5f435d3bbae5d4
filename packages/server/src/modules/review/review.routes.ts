// The review list over HTTP: the centre and the auditor (review:read), in their data scope.
import { REVIEW_KINDS } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportReviewItems } from './review.export.js';
import { listReviewItems } from './review.service.js';

const filterQuery = z.object({
  kind: z.enum(REVIEW_KINDS, { error: '类别不正确' }).optional(),
  year: z.coerce.number({ error: '年份应为整数' }).int().min(2000).max(2100).optional(),
  q: z.string().trim().max(50, '关键词不能超过50个字').optional(),
});
const listQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const itemSchema = z.object({
  key: z.string(),
  kind: z.enum(REVIEW_KINDS),
  kindLabel: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  townshipName: z.string(),
  subject: z.string(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  link: z.string(),
});
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
          querystring: listQuery,
          response: {
            200: z.object({
              items: z.array(itemSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => listReviewItems(db, request.ctx, request.query),
    );

    app.get(
      '/review/export',
      {
        config: { access: 'review:read' },
        schema: { tags, summary: '导出复核清单（Excel）', querystring: filterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportReviewItems(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );
  };
}
