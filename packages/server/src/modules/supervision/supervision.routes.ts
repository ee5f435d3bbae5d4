// 督导 over HTTP: the centre records a supervision (service:manage) and closes it once every rectification
// item is closed; the items' owner units report them rectified (service:write). Files travel as the raw body
// (application/octet-stream) with the file name in the query, like the declarations' materials.
import {
  idParams,
  MAX_UPLOAD_BYTES,
  serviceFileSchema,
  supervisionCreateSchema,
  supervisionDetailSchema,
  supervisionFileParams,
  supervisionFilterQuery,
  supervisionItemCloseSchema,
  supervisionItemParams,
  supervisionListQuery,
  supervisionPageSchema,
  uploadFileNameQuery,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { acceptFileUploads, sendWorkbook, uploadedFile } from '../../platform/http.js';
import { exportSupervisions } from './supervision.export.js';
import {
  closeSupervision,
  closeSupervisionItem,
  createSupervision,
  downloadSupervisionFile,
  getSupervision,
  listSupervisions,
  uploadSupervisionFile,
} from './supervision.service.js';

const tags = ['督导'];

export function supervisionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    acceptFileUploads(app, MAX_UPLOAD_BYTES);

    app.get(
      '/supervisions',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '督导记录（县级单位看全部；乡镇、部门看本单位被督导或负责整改的）',
          querystring: supervisionListQuery,
          response: { 200: supervisionPageSchema },
        },
      },
      async (request) => listSupervisions(db, request.ctx, request.query),
    );

    app.get(
      '/supervisions/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出督导记录（Excel）', querystring: supervisionFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportSupervisions(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/supervisions/:id',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '督导详情（整改事项、材料）',
          params: idParams,
          response: { 200: supervisionDetailSchema },
        },
      },
      async (request) => getSupervision(db, request.ctx, request.params.id),
    );

    app.post(
      '/supervisions',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '记录督导（县中小企业发展中心）：被督导单位、日期、发现与整改事项',
          body: supervisionCreateSchema,
          response: { 201: supervisionDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createSupervision(db, request.ctx, request.body)),
    );

    app.post(
      '/supervisions/:id/items/:itemId/close',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '整改事项办结（整改责任单位报告整改情况；中心也可确认）',
          params: supervisionItemParams,
          body: supervisionItemCloseSchema,
          response: { 200: supervisionDetailSchema },
        },
      },
      async (request) =>
        closeSupervisionItem(db, request.ctx, request.params.id, request.params.itemId, request.body.note),
    );

    app.post(
      '/supervisions/:id/close',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '确认督导办结（县中小企业发展中心；整改事项须全部办结）',
          params: idParams,
          body: z.object({}).optional(),
          response: { 200: supervisionDetailSchema },
        },
      },
      async (request) => closeSupervision(db, request.ctx, request.params.id),
    );

    app.post(
      '/supervisions/:id/files',
      {
        config: { access: 'service:write' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: '上传督导材料（pdf/jpg/png/docx/xlsx，文件作为请求体，application/octet-stream）',
          params: idParams,
          querystring: uploadFileNameQuery,
          response: { 201: serviceFileSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await uploadSupervisionFile(
              db,
              request.ctx,
              request.params.id,
              request.query.fileName,
              uploadedFile(request.body),
            ),
          ),
    );

    app.get(
      '/supervisions/:id/files/:fileId',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '下载督导材料', params: supervisionFileParams },
      },
      async (request, reply) => {
        const f = await downloadSupervisionFile(db, request.ctx, request.params.id, request.params.fileId);
        const name = encodeURIComponent(f.fileName);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${name}`)
          .send(f.bytes);
      },
    );
  };
}
