import { targetAllocationSchema, targetsViewSchema, yearParams } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportTargets } from './target.export.js';
import { getTargets, putTargets } from './target.service.js';

const tags = ['目标任务'];
export function targetRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/targets',
      {
        config: { access: 'target:read', cacheable: true },
        schema: {
          tags,
          summary: '年度目标：市下达目标与属地、行业主管两个维度的分解',
          querystring: yearParams,
          response: { 200: targetsViewSchema },
        },
      },
      async (request) => getTargets(db, request.query.year),
    );

    app.get(
      '/targets/export',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '导出年度目标分解（Excel：汇总、属地、行业主管各一张工作表）',
          querystring: yearParams,
        },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportTargets(db, request.ctx, request.query.year);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.put(
      '/targets/:year',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '保存年度目标分解（整体替换，逐项审计）',
          params: yearParams,
          body: targetAllocationSchema,
          response: { 200: targetsViewSchema },
        },
      },
      async (request) => putTargets(db, request.ctx, request.params.year, request.body),
    );
  };
}
