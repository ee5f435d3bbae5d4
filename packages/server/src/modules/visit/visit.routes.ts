// Visits over HTTP. Files travel as the raw body (application/octet-stream) with the name in the query,
// like declaration materials; the body limit is this plugin's own.
import {
  enterpriseVisitsQuery,
  idParams,
  MAX_UPLOAD_BYTES,
  recentVisitsQuery,
  recentVisitsSchema,
  uploadFileNameQuery,
  visitCreateSchema,
  visitDetailSchema,
  visitFileParams,
  visitFileSchema,
  visitFilterQuery,
  visitListQuery,
  visitListSchema,
  visitPageSchema,
  visitVoidSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { acceptFileUploads, sendWorkbook, uploadedFile } from '../../platform/http.js';
import { exportVisits } from './visit.export.js';
import {
  downloadVisitFile,
  getVisit,
  listEnterpriseVisits,
  listRecentVisits,
  listVisits,
  recordVisit,
  uploadVisitFile,
  voidVisit,
} from './visit.service.js';

const tags = ['走访'];

export function visitRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    acceptFileUploads(app, MAX_UPLOAD_BYTES);

    app.get(
      '/visits',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '走访记录（按数据范围；含已作废，标明）',
          querystring: visitListQuery,
          response: { 200: visitPageSchema },
        },
      },
      async (request) => listVisits(db, request.ctx, request.query),
    );

    app.get(
      '/visits/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出走访记录（Excel）', querystring: visitFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportVisits(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.post(
      '/visits',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '登记走访（可同时提出诉求）',
          body: visitCreateSchema,
          response: { 201: visitDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await recordVisit(db, request.ctx, request.body)),
    );

    app.get(
      '/visits/:id',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '走访详情（人员、附件、提出的诉求）',
          params: idParams,
          response: { 200: visitDetailSchema },
        },
      },
      async (request) => getVisit(db, request.ctx, request.params.id),
    );

    app.post(
      '/visits/:id/void',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '作废走访记录（登记单位或中心；须填原因）',
          params: idParams,
          body: visitVoidSchema,
          response: { 200: visitDetailSchema },
        },
      },
      async (request) => voidVisit(db, request.ctx, request.params.id, request.body.reason),
    );

    app.post(
      '/visits/:id/files',
      {
        config: { access: 'service:write' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: '上传走访附件（jpg/png/pdf/docx/xlsx，10MB以内，文件作为请求体）',
          params: idParams,
          querystring: uploadFileNameQuery,
          response: { 201: visitFileSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await uploadVisitFile(
              db,
              request.ctx,
              request.params.id,
              request.query.fileName,
              uploadedFile(request.body),
            ),
          ),
    );

    app.get(
      '/visits/:id/files/:fileId',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '下载走访附件', params: visitFileParams },
      },
      async (request, reply) => {
        const f = await downloadVisitFile(db, request.ctx, request.params.id, request.params.fileId);
        const name = encodeURIComponent(f.fileName);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${name}`)
          .send(f.bytes);
      },
    );

    app.get(
      '/enterprises/:id/visits',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '企业的走访记录（含已作废）',
          params: idParams,
          querystring: enterpriseVisitsQuery,
          response: { 200: visitListSchema },
        },
      },
      async (request) => listEnterpriseVisits(db, request.ctx, request.params.id, request.query),
    );

    app.get(
      '/enterprises/:id/recent-visits',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '企业在指定日期前30天内的走访（任何单位；登记走访前提示）',
          params: idParams,
          querystring: recentVisitsQuery,
          response: { 200: recentVisitsSchema },
        },
      },
      async (request) => listRecentVisits(db, request.ctx, request.params.id, request.query.on),
    );
  };
}
