import {
  idParams,
  requestAcceptSchema,
  requestDetailSchema,
  requestEvaluateSchema,
  requestFilterSchema,
  requestListQuerySchema,
  requestPageSchema,
  requestRaiseSchema,
  requestReasonSchema,
  requestReplySchema,
  requestResolveSchema,
  requestRouteSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportRequests } from './request.export.js';
import { getRequest, listRequests, raiseRequest, stepRequest } from './request.service.js';

const tags = ['服务工作'];
const detail = { 200: requestDetailSchema };

export function requestRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/requests',
      {
        config: { access: 'service:read', cacheable: true },
        schema: {
          tags,
          summary: '诉求列表（企业在数据范围内，或分派给本单位、由本单位提出；亮灯按今天计算）',
          querystring: requestListQuerySchema,
          response: { 200: requestPageSchema },
        },
      },
      async (request) => listRequests(db, request.ctx, request.query),
    );

    app.get(
      '/requests/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出诉求（Excel）', querystring: requestFilterSchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportRequests(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/requests/:id',
      {
        // Not cached: the actions offered depend on the caller, not only on their unit.
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '诉求详情：时限与亮灯、办理过程、当前用户可执行的操作',
          params: idParams,
          response: detail,
        },
      },
      async (request) => getRequest(db, request.ctx, request.params.id),
    );

    app.post(
      '/requests',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '提出诉求（待中心分派）',
          body: requestRaiseSchema,
          response: { 201: requestDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await raiseRequest(db, request.ctx, request.body)),
    );

    app.post(
      '/requests/:id/route',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '分派诉求到承办单位（中心；按类别确定受理、答复、办结时限）',
          params: idParams,
          body: requestRouteSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'route', ...request.body }),
    );

    app.post(
      '/requests/:id/accept',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '受理诉求（承办单位）',
          params: idParams,
          body: requestAcceptSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'accept', ...request.body }),
    );

    app.post(
      '/requests/:id/reply',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '答复办理进展（承办单位）',
          params: idParams,
          body: requestReplySchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'reply', ...request.body }),
    );

    app.post(
      '/requests/:id/resolve',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '办结诉求并填写办理结果（承办单位）',
          params: idParams,
          body: requestResolveSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'resolve', ...request.body }),
    );

    app.post(
      '/requests/:id/return',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '退回中心重新分派（承办单位，须说明原因）',
          params: idParams,
          body: requestReasonSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'return', ...request.body }),
    );

    app.post(
      '/requests/:id/unsolvable',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '认定无法解决（中心，须说明原因）',
          params: idParams,
          body: requestReasonSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'unsolvable', ...request.body }),
    );

    app.post(
      '/requests/:id/evaluate',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '记录企业评价（由提出诉求的人员记录）',
          params: idParams,
          body: requestEvaluateSchema,
          response: detail,
        },
      },
      async (request) =>
        stepRequest(db, request.ctx, request.params.id, { action: 'evaluate', ...request.body }),
    );
  };
}
