import {
  directoryEventCreateSchema,
  directoryEventFilterSchema,
  directoryEventListQuerySchema,
  directoryEventListSchema,
  directoryEventPageSchema,
  directoryEventSchema,
  directoryEventVoidSchema,
  idParams,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportDirectoryEvents } from './directory.export.js';
import {
  listDirectoryEvents,
  listEnterpriseDirectoryEvents,
  recordDirectoryEvent,
  voidDirectoryEvent,
} from './directory.service.js';

const tags = ['入库退库'];

export function directoryRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/directory-events',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '入库/退库记录（按数据范围；year 按该年计数规则取计入该年的记录）',
          querystring: directoryEventListQuerySchema,
          response: { 200: directoryEventPageSchema },
        },
      },
      async (request) => listDirectoryEvents(db, request.ctx, request.query),
    );

    app.get(
      '/directory-events/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出入库/退库记录（Excel）', querystring: directoryEventFilterSchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportDirectoryEvents(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/enterprises/:id/directory-events',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '企业的入库/退库记录（含已作废）',
          params: idParams,
          response: { 200: directoryEventListSchema },
        },
      },
      async (request) => listEnterpriseDirectoryEvents(db, request.ctx, request.params.id),
    );

    app.post(
      '/directory-events',
      {
        config: { access: 'directory:write' },
        schema: {
          tags,
          summary: '登记入库或退库（同时变更企业规模状态）',
          body: directoryEventCreateSchema,
          response: { 201: directoryEventSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordDirectoryEvent(db, request.ctx, request.body)),
    );

    app.post(
      '/directory-events/:id/void',
      {
        config: { access: 'directory:write' },
        schema: {
          tags,
          summary: '作废入库/退库记录（恢复企业原规模状态）',
          params: idParams,
          body: directoryEventVoidSchema,
          response: { 200: directoryEventSchema },
        },
      },
      async (request) => voidDirectoryEvent(db, request.ctx, request.params.id, request.body.reason),
    );
  };
}
