import {
  enterpriseCreateSchema,
  enterpriseDetailQuerySchema,
  enterpriseDetailSchema,
  enterpriseListQuerySchema,
  enterpriseListSchema,
  enterpriseUpdateSchema,
  idParams,
  scaleChangeSchema,
  supervisingSuggestionQuerySchema,
  supervisingSuggestionSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportEnterprises } from './enterprise.export.js';
import {
  changeScaleStatus,
  createEnterprise,
  getEnterprise,
  listEnterprises,
  suggestSupervising,
  updateEnterprise,
} from './enterprise.service.js';

const tags = ['企业库'];

export function enterpriseRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/enterprises',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '企业列表（按数据范围）',
          querystring: enterpriseListQuerySchema,
          response: { 200: enterpriseListSchema },
        },
      },
      async (request) => listEnterprises(db, request.ctx, request.query),
    );

    app.get(
      '/enterprises/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出企业列表（Excel）', querystring: enterpriseListQuerySchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportEnterprises(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/enterprises/supervising-suggestion',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '按行业与属地建议行业主管单位',
          querystring: supervisingSuggestionQuerySchema,
          response: { 200: supervisingSuggestionSchema },
        },
      },
      async (request) => suggestSupervising(db, request.ctx, request.query),
    );

    app.get(
      '/enterprises/:id',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '企业详情',
          params: idParams,
          querystring: enterpriseDetailQuerySchema,
          response: { 200: enterpriseDetailSchema },
        },
      },
      async (request) => getEnterprise(db, request.ctx, request.params.id, request.query.revenueYear),
    );

    app.post(
      '/enterprises',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '登记企业',
          body: enterpriseCreateSchema,
          response: { 201: enterpriseDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createEnterprise(db, request.ctx, request.body)),
    );

    app.put(
      '/enterprises/:id',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '修改企业信息',
          params: idParams,
          body: enterpriseUpdateSchema,
          response: { 200: enterpriseDetailSchema },
        },
      },
      async (request) => updateEnterprise(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/enterprises/:id/scale',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '变更规模状态（记录历史）',
          params: idParams,
          body: scaleChangeSchema,
          response: { 200: enterpriseDetailSchema },
        },
      },
      async (request) => changeScaleStatus(db, request.ctx, request.params.id, request.body),
    );
  };
}
