// 进度通报: list, issue (the centre), download as issued (.docx, .pdf where LibreOffice is installed) and a
// numberless preview of today's figures.
import {
  idParams,
  issueNoticeSchema,
  noticeListQuery,
  noticePreviewQuery,
  type ProgressNotice,
  progressNoticeListSchema,
  progressNoticeSchema,
} from '@shenggui/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import { convertToPdf } from './notice.pdf.js';
import { renderProgressNotice } from './notice.render.js';
import {
  buildNoticeInput,
  getNoticeInput,
  issueProgressNotice,
  listProgressNotices,
} from './notice.service.js';

const tags = ['进度通报'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name safe on every system: no path or reserved characters. */
export function documentFileName(docNumber: string, title: string, ext: 'docx' | 'pdf'): string {
  const base = [docNumber, title]
    .filter(Boolean)
    .join(' ')
    .replace(/[\\/:*?"<>|\r\n]+/g, '_');
  return `${base || '进度通报'}.${ext}`;
}

/** Sends a document with a Chinese file name (RFC 5987) and an ASCII fallback, as platform/http.ts does. */
function sendDocument(reply: FastifyReply, buffer: Buffer, fileName: string, type: string) {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1);
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="notice.${ext}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(buffer);
}

export function noticeRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notices',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '进度通报列表',
          querystring: noticeListQuery,
          response: { 200: progressNoticeListSchema },
        },
      },
      async (request) => ({ items: await listProgressNotices(db, request.query.year) }),
    );

    app.get(
      '/notices/export',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '导出进度通报列表（Excel）',
          querystring: noticeListQuery,
        },
      },
      async (request, reply) => {
        const items = await listProgressNotices(db, request.query.year);
        const buffer = await buildWorkbook<ProgressNotice>(
          '进度通报',
          [
            { header: '年度', value: (n) => n.year },
            { header: '期号', value: (n) => n.seq },
            { header: '文号', width: 24, value: (n) => n.docNumber },
            { header: '标题', width: 40, value: (n) => n.title },
            { header: '截至日期', width: 12, value: (n) => n.asOf },
            { header: '印发人', value: (n) => n.createdByName },
            {
              header: '印发时间',
              width: 22,
              value: (n) => new Date(n.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
            },
          ],
          items,
        );
        return sendWorkbook(reply, buffer, '进度通报');
      },
    );

    app.post(
      '/notices',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '印发进度通报（按年度顺序编号）',
          body: issueNoticeSchema,
          response: { 201: progressNoticeSchema },
        },
      },
      async (request, reply) => {
        const { input: _input, ...notice } = await issueProgressNotice(db, request.ctx, request.body);
        return reply.status(201).send(notice);
      },
    );

    app.get(
      '/notices/preview.docx',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '预览进度通报（不编号、不登记）',
          querystring: noticePreviewQuery,
        },
      },
      async (request, reply) => {
        const input = await buildNoticeInput(db, request.ctx, {
          year: request.query.year,
          asOf: request.query.asOf,
        });
        const buffer = await renderProgressNotice(input);
        return sendDocument(reply, buffer, documentFileName('', `（预览）${input.title}`, 'docx'), DOCX);
      },
    );

    app.get(
      '/notices/:id/document.docx',
      {
        config: { access: 'target:read' },
        schema: { tags, summary: '下载进度通报（Word）', params: idParams },
      },
      async (request, reply) => {
        const { input, docNumber, title } = await getNoticeInput(db, request.params.id);
        const buffer = await renderProgressNotice(input);
        return sendDocument(reply, buffer, documentFileName(docNumber, title, 'docx'), DOCX);
      },
    );

    app.get(
      '/notices/:id/document.pdf',
      {
        config: { access: 'target:read' },
        schema: { tags, summary: '下载进度通报（PDF，需服务器安装 LibreOffice）', params: idParams },
      },
      async (request, reply) => {
        const { input, docNumber, title } = await getNoticeInput(db, request.params.id);
        const pdf = await convertToPdf(await renderProgressNotice(input));
        if (!pdf) {
          return reply.status(503).send({
            error: {
              code: 'UNAVAILABLE',
              message: '服务器未安装 LibreOffice，无法生成 PDF，请下载 Word 版本',
            },
            requestId: request.id,
          });
        }
        return sendDocument(reply, pdf, documentFileName(docNumber, title, 'pdf'), 'application/pdf');
      },
    );
  };
}
