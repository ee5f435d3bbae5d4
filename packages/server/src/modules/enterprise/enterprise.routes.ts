import {
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterpriseUpdateSchema,
  industryCodeField,
  scaleChangeSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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

const viewSchema = z.object({
  id: z.number(),
  creditCode: z.string(),
  creditCodeFlagged: z.boolean(),
  name: z.string(),
  legalForm: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  inZone: z.boolean(),
  scaleStatus: z.string(),
  revenue: z.string().nullable(),
  revenueSource: z.enum(['statistics', 'tax']).nullable(),
  revenueLabel: z.string().nullable(),
  updatedAt: z.string(),
});
const detailSchema = viewSchema.extend({
  address: z.string().nullable(),
  foundedOn: z.string().nullable(),
  productionStartedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  revenueYear: z.number(),
  scaleHistory: z.array(
    z.object({
      status: z.string(),
      effectivePeriod: z.string(),
      reason: z.string(),
      changedAt: z.string(),
      changedByName: z.string().nullable(),
    }),
  ),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
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
          response: {
            200: z.object({
              items: z.array(viewSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              revenueYear: z.number(),
            }),
          },
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
          querystring: z.object({
            industryCode: industryCodeField,
            townshipId: z.coerce.number().int().positive(),
            inZone: z
              .enum(['true', 'false'])
              .optional()
              .transform((v) => v === 'true'),
          }),
          response: { 200: z.object({ unitId: z.number(), unitName: z.string(), reason: z.string() }) },
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
          querystring: z.object({ revenueYear: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: detailSchema },
        },
      },
      async (request) => getEnterprise(db, request.ctx, request.params.id, request.query.revenueYear),
    );

    app.post(
      '/enterprises',
      {
        config: { access: 'enterprise:write' },
        schema: { tags, summary: '登记企业', body: enterpriseCreateSchema, response: { 201: detailSchema } },
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
          response: { 200: detailSchema },
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
          response: { 200: detailSchema },
        },
      },
      async (request) => changeScaleStatus(db, request.ctx, request.params.id, request.body),
    );
  };
}
