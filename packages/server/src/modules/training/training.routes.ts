// Training and publicity events over HTTP. Files (a sign-in sheet, a material) travel as the raw request body
// (application/octet-stream) with the file name in the query, like the imports and declaration materials.
import {
  attendanceCreateSchema,
  attendanceParams,
  attendanceSchema,
  idParams,
  okResponse,
  signinImportQuery,
  signinImportResultSchema,
  TRAINING_FILE_MAX_BYTES,
  trainingCreateSchema,
  trainingDetailSchema,
  trainingFileNameQuery,
  trainingFileParams,
  trainingFileSchema,
  trainingFilterSchema,
  trainingListQuerySchema,
  trainingPageSchema,
  trainingSchema,
  trainingUpdateSchema,
  trainingVoidSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { RateLimiter } from '../../platform/auth/rate-limit.js';
import { AppError } from '../../platform/errors.js';
import { acceptFileUploads, sendWorkbook, uploadedFile } from '../../platform/http.js';
import { getImportLimits } from '../settings/import-limits.js';
import { importSigninSheet } from './signin-import.js';
import { exportTrainings } from './training.export.js';
import {
  addAttendance,
  createTraining,
  deleteAttendance,
  downloadTrainingFile,
  getTraining,
  listTrainings,
  updateTraining,
  uploadTrainingFile,
  voidTraining,
} from './training.service.js';

const tags = ['培训宣讲'];

export function trainingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Sign-in sheets are parsed in a worker like any import: the same uploads-per-minute setting applies.
    const uploads = new RateLimiter(60_000);
    acceptFileUploads(app, TRAINING_FILE_MAX_BYTES);

    app.get(
      '/trainings',
      {
        config: { access: 'service:read', cacheable: true },
        schema: {
          tags,
          summary: '培训宣讲活动（按日期、形式、主办单位、主题、年度筛选；含签到企业数与干部人数）',
          querystring: trainingListQuerySchema,
          response: { 200: trainingPageSchema },
        },
      },
      async (request) => listTrainings(db, request.ctx, request.query),
    );

    app.get(
      '/trainings/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出培训宣讲活动（Excel）', querystring: trainingFilterSchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportTrainings(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/trainings/:id',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '培训详情与签到名单（数据范围外企业的签到记录只计数、不显示）',
          params: idParams,
          response: { 200: trainingDetailSchema },
        },
      },
      async (request) => getTraining(db, request.ctx, request.params.id),
    );

    app.post(
      '/trainings',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '登记培训宣讲活动（主办单位为本单位；县中小企业发展中心可指定主办单位）',
          body: trainingCreateSchema,
          response: { 201: trainingSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createTraining(db, request.ctx, request.body)),
    );

    app.put(
      '/trainings/:id',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '修改培训（主办单位或县中小企业发展中心）',
          params: idParams,
          body: trainingUpdateSchema,
          response: { 200: trainingSchema },
        },
      },
      async (request) => updateTraining(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/trainings/:id/void',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '作废培训（主办单位或县中小企业发展中心，须填写原因）',
          params: idParams,
          body: trainingVoidSchema,
          response: { 200: trainingSchema },
        },
      },
      async (request) => voidTraining(db, request.ctx, request.params.id, request.body.reason),
    );

    app.post(
      '/trainings/:id/attendance',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '登记签到：企业（数据范围内）及参会人，或干部及其单位',
          params: idParams,
          body: attendanceCreateSchema,
          response: { 201: attendanceSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addAttendance(db, request.ctx, request.params.id, request.body)),
    );

    app.delete(
      '/trainings/:id/attendance/:rowId',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '删除误登记的签到记录（留痕）',
          params: attendanceParams,
          response: { 200: okResponse },
        },
      },
      async (request) => deleteAttendance(db, request.ctx, request.params.id, request.params.rowId),
    );

    app.post(
      '/trainings/:id/attendance/import',
      {
        config: { access: 'service:write' },
        bodyLimit: TRAINING_FILE_MAX_BYTES,
        // Before the body is read: a user over the upload rate is refused without buffering the file.
        onRequest: async (request) => {
          const { uploadsPerMinute } = await getImportLimits(db);
          const key = String(request.ctx.actor?.id ?? request.ip);
          if (!uploads.hit(key, uploadsPerMinute, Date.now()))
            throw new AppError(
              'RATE_LIMITED',
              `上传过于频繁：每人每分钟最多上传 ${uploadsPerMinute} 个文件，请稍后再试`,
            );
        },
        schema: {
          tags,
          summary:
            '导入签到表（xlsx/xls/csv 作为请求体；dryRun=1 仅预览匹配结果与问题，不写入；正式导入全部写入或全部不写）',
          params: idParams,
          querystring: signinImportQuery,
          response: { 200: signinImportResultSchema },
        },
      },
      async (request) =>
        importSigninSheet(db, request.ctx, request.params.id, {
          fileName: request.query.fileName,
          dryRun: request.query.dryRun,
          bytes: uploadedFile(request.body),
        }),
    );

    app.post(
      '/trainings/:id/files',
      {
        config: { access: 'service:write' },
        bodyLimit: TRAINING_FILE_MAX_BYTES,
        schema: {
          tags,
          summary: '上传培训材料（pdf/pptx/docx/xlsx/jpg/png，不超过10MB，文件作为请求体）',
          params: idParams,
          querystring: trainingFileNameQuery,
          response: { 201: trainingFileSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await uploadTrainingFile(
              db,
              request.ctx,
              request.params.id,
              request.query.fileName,
              uploadedFile(request.body),
            ),
          ),
    );

    app.get(
      '/trainings/:id/files/:fileId',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '下载培训材料', params: trainingFileParams },
      },
      async (request, reply) => {
        const f = await downloadTrainingFile(db, request.ctx, request.params.id, request.params.fileId);
        const name = encodeURIComponent(f.fileName);
        return reply
          .header('content-type', f.contentType)
          .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${name}`)
          .send(f.bytes);
      },
    );
  };
}
