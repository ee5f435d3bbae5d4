import {
  DIRECTORY_EVENT_TYPES,
  directoryEventCreateSchema,
  directoryEventVoidSchema,
  ENTRY_MODES,
  EXIT_REASONS,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportDirectoryEvents } from './directory.export.js';
import {
  listDirectoryEvents,
  listEnterpriseDirectoryEvents,
  recordDirectoryEvent,
  voidDirectoryEvent,
} from './directory.service.js';

const eventSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  type: z.enum(DIRECTORY_EVENT_TYPES),
  typeLabel: z.string(),
  mode: z.enum(ENTRY_MODES).nullable(),
  modeLabel: z.string().nullable(),
  batch: z.string().nullable(),
  approvalDate: z.string(),
  effectivePeriod: z.string(),
  exitReason: z.enum(EXIT_REASONS).nullable(),
  exitReasonLabel: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  importBatchId: z.number().nullable(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
});

const optionalId = z.coerce.number({ error: '单位编号应为正整数' }).int().positive().optional();
const filterQuery = z.object({
  year: z.coerce.number({ error: '年份应为整数' }).int().min(2000).max(2100).optional(),
  type: z.enum(DIRECTORY_EVENT_TYPES, { error: '类型应为 entry 或 exit' }).optional(),
  townshipId: optionalId,
  supervisingUnitId: optionalId,
});
const listQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
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
          querystring: listQuery,
          response: {
            200: z.object({
              items: z.array(eventSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => listDirectoryEvents(db, request.ctx, request.query),
    );

    app.get(
      '/directory-events/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出入库/退库记录（Excel）', querystring: filterQuery },
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
          response: { 200: z.object({ items: z.array(eventSchema) }) },
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
          response: { 201: eventSchema },
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
          response: { 200: eventSchema },
        },
      },
      async (request) => voidDirectoryEvent(db, request.ctx, request.params.id, request.body.reason),
    );
  };
}
