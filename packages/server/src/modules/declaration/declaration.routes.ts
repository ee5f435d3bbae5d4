// Declarations over HTTP. Uploads travel as the raw body (application/octet-stream) with
// the file name in the query, as imports do; the body limit is this plugin's own.
import {
  declarationBoardQuery,
  declarationBoardSchema,
  declarationCalendarSchema,
  declarationConvertSchema,
  declarationCreateSchema,
  declarationDetailSchema,
  declarationFileParams,
  declarationFileSchema,
  declarationFilterQuery,
  declarationInspectionSchema,
  declarationListQuery,
  declarationListSchema,
  declarationOverrideSchema,
  declarationTransitionSchema,
  idParams,
  inspectionCreateSchema,
  inspectionPhotoParams,
  inspectionUnitSchema,
  MAX_UPLOAD_BYTES,
  materialParams,
  uploadFileNameQuery,
  yearParams,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { acceptFileUploads, sendWorkbook, uploadedFile } from '../../platform/http.js';
import { exportDeclarations } from './declaration.export.js';
import {
  assignInspectionUnit,
  convertDeclaration,
  createDeclaration,
  declarationBoard,
  downloadFile,
  getDeclaration,
  getDeclarationCalendar,
  listDeclarations,
  overrideCheck,
  putDeclarationCalendar,
  recordInspection,
  transitionDeclaration,
  uploadInspectionPhoto,
  uploadMaterial,
} from './declaration.service.js';

const tags = ['入库申报'];

export function declarationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    acceptFileUploads(app, MAX_UPLOAD_BYTES);

    app.get(
      '/settings/declaration-calendar/:year',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '入库申报日历（月度截止日、年度批次、税统比对容差）',
          params: yearParams,
          response: { 200: declarationCalendarSchema },
        },
      },
      async (request) => getDeclarationCalendar(db, request.params.year),
    );

    app.put(
      '/settings/declaration-calendar/:year',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '设置入库申报日历',
          params: yearParams,
          body: declarationCalendarSchema,
          response: { 200: declarationCalendarSchema },
        },
      },
      async (request) => putDeclarationCalendar(db, request.ctx, request.params.year, request.body),
    );

    app.get(
      '/declarations',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '入库申报列表（按数据范围）',
          querystring: declarationListQuery,
          response: { 200: declarationListSchema },
        },
      },
      async (request) => listDeclarations(db, request.ctx, request.query),
    );

    app.get(
      '/declarations/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出入库申报列表（Excel）', querystring: declarationFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportDeclarations(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/declarations/board',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '批次看板：各批次按状态的企业数和企业',
          querystring: declarationBoardQuery,
          response: { 200: declarationBoardSchema },
        },
      },
      async (request) => declarationBoard(db, request.ctx, request.query.year, request.query.batch),
    );

    app.get(
      '/declarations/:id',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '入库申报详情（自动核对、材料、检查记录、流转记录）',
          params: idParams,
          response: { 200: declarationDetailSchema },
        },
      },
      async (request) => getDeclaration(db, request.ctx, request.params.id),
    );

    app.post(
      '/declarations',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '发起入库申报（企业所在乡镇或行业主管部门）',
          body: declarationCreateSchema,
          response: { 201: declarationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createDeclaration(db, request.ctx, request.body)),
    );

    app.post(
      '/declarations/:id/transitions',
      {
        // Who may make which step is the domain's state table (by role); the route only needs a reader.
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '申报流转（提交审核、审核通过、退回、报统计局、登记已入库、撤回）',
          params: idParams,
          body: declarationTransitionSchema,
          response: { 200: declarationDetailSchema },
        },
      },
      async (request) => transitionDeclaration(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/declarations/:id/overrides',
      {
        // Only the centre overrides (the service answers 403 with the reason to anyone else).
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '对未通过（或未运行）的阻断核对作例外处理（中心，须写明理由，记入审计）',
          params: idParams,
          body: declarationOverrideSchema,
          response: { 200: declarationDetailSchema },
        },
      },
      async (request) => overrideCheck(db, request.ctx, request.params.id, request.body),
    );

    app.put(
      '/declarations/:id/inspection-unit',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '指派实地踏勘和资料审核的检查单位（中心；不能是申报单位）',
          params: idParams,
          body: inspectionUnitSchema,
          response: { 200: declarationDetailSchema },
        },
      },
      async (request) => assignInspectionUnit(db, request.ctx, request.params.id, request.body.unitId),
    );

    app.post(
      '/declarations/:id/convert',
      {
        // Like a withdrawal: whoever acts on the declaration in its state (the domain's state table).
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '月度入库申报转为年度入库（原申报撤回并保留记录，新申报复制材料）',
          params: idParams,
          body: declarationConvertSchema,
          response: { 201: declarationDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await convertDeclaration(db, request.ctx, request.params.id, request.body)),
    );

    app.post(
      '/declarations/:id/materials/:item',
      {
        config: { access: 'enterprise:write' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: '上传申报材料（文件作为请求体，application/octet-stream；每次上传新增一个版本）',
          params: materialParams,
          querystring: uploadFileNameQuery,
          response: { 201: declarationFileSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await uploadMaterial(
              db,
              request.ctx,
              request.params.id,
              request.params.item,
              request.query.fileName,
              uploadedFile(request.body),
            ),
          ),
    );

    app.post(
      '/declarations/:id/inspections',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '记录实地踏勘或资料审核',
          params: idParams,
          body: inspectionCreateSchema,
          response: { 201: declarationInspectionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordInspection(db, request.ctx, request.params.id, request.body)),
    );

    app.post(
      '/declarations/:id/inspections/:inspectionId/photos',
      {
        config: { access: 'enterprise:write' },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: '上传检查照片（jpg/png，文件作为请求体）',
          params: inspectionPhotoParams,
          querystring: uploadFileNameQuery,
          response: { 201: declarationFileSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await uploadInspectionPhoto(
              db,
              request.ctx,
              request.params.id,
              request.params.inspectionId,
              request.query.fileName,
              uploadedFile(request.body),
            ),
          ),
    );

    app.get(
      '/declarations/:id/files/:fileId',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '下载申报材料或检查照片',
          params: declarationFileParams,
        },
      },
      async (request, reply) => {
        const f = await downloadFile(db, request.ctx, request.params.id, request.params.fileId);
        const name = encodeURIComponent(f.fileName);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${name}`)
          .send(f.bytes);
      },
    );
  };
}
