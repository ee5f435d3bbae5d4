// Imports over HTTP. The file travels as the raw request body (application/octet-stream) with the kind,
// file name, source and year in the query: no multipart dependency, and the body limit is this plugin's own.
import {
  chinaDayEnd,
  chinaDayStart,
  type ImportBatch,
  importApplyResultSchema,
  importBatchListSchema,
  importJobStatusSchema,
  importPreviewSchema,
  importTicketField,
  importTokenParams,
  pageQuery,
  previewLineFilterQuery,
  previewLinesPageSchema,
  previewLinesQuery,
  REVENUE_SOURCE_LABELS,
  REVENUE_SOURCES,
  type RevenueSource,
  yearField,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { RateLimiter } from '../../platform/auth/rate-limit.js';
import { AppError } from '../../platform/errors.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import { WorkQueue } from '../../platform/work-queue.js';
import { getImportLimits } from '../settings/import-limits.js';
import { embeddedDatabase } from './import.repository.js';
import {
  applyImport,
  exportPreviewRows,
  getErrorWorkbook,
  getTemplate,
  listImports,
  listPreviewRows,
  MAX_IMPORT_BYTES,
  previewImport,
} from './import.service.js';
import { ImportJobs, type JobUpdate } from './import-jobs.js';
import { findImportKind, IMPORT_KINDS } from './import-kinds.js';
import { moneyUnitOf } from './sheet-layout.js';

const tags = ['数据导入'];
const unitField = z
  .enum(['yuan', 'wan', '元', '万元'], { error: '金额单位应为 yuan（元）或 wan（万元）' })
  .transform((u) => moneyUnitOf(u)!);
const kinds = IMPORT_KINDS.map((k) => k.kind) as [string, ...string[]];
const kindField = z.enum(kinds, { error: `导入类型应为 ${kinds.join('、')}` });
const historyFilter = z.object({
  kind: kindField.optional(),
  source: z.enum(REVENUE_SOURCES).optional(),
  from: z.iso.date({ error: '开始日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '结束日期格式应为 YYYY-MM-DD' }).optional(),
});
type HistoryFilter = z.infer<typeof historyFilter>;

/** Dates are the county's calendar days (UTC+8): `to` includes its whole day. */
function batchFilter({ from, to, ...rest }: HistoryFilter) {
  return {
    ...rest,
    from: from ? chinaDayStart(from) : undefined,
    to: to ? chinaDayEnd(to) : undefined,
  };
}

function summaryCount(item: ImportBatch, key: string): number | null {
  const v = item.summary?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const invalidFile = (message: string) => new AppError('VALIDATION', message, [{ path: 'file', message }]);

export interface ImportRouteOptions {
  /** The queue parses and applies wait in; by default one at a time on the embedded database, two on PostgreSQL. */
  queue?: WorkQueue;
}

export function importRoutes(db: Db, opts: ImportRouteOptions = {}): FastifyPluginAsyncZod {
  return async (app) => {
    const queue = opts.queue ?? new WorkQueue(embeddedDatabase(db) ? 1 : 2);
    const jobs = new ImportJobs();
    const uploads = new RateLimiter(60_000);

    /** Runs a parse or an apply in the queue, telling the job's ticket (if any) where it stands. */
    const queued = async <T>(
      ticket: string | undefined,
      userId: number | null,
      running: 'reading' | 'applying',
      job: (update: JobUpdate | null) => Promise<T>,
    ): Promise<T> => {
      const update = jobs.track(ticket, userId);
      try {
        const result = await queue.run(
          () => job(update),
          (position) =>
            update?.(position === 0 ? { state: running, position } : { state: 'queued', position }),
        );
        update?.({ state: 'done', position: 0 });
        return result;
      } catch (e) {
        update?.({ state: 'failed', position: 0 });
        throw e;
      }
    };

    // The file is read into one buffer of its declared length as it arrives (no list of chunks concatenated
    // at the end, which briefly held every upload twice), and refused at once when it says it is too large.
    app.addContentTypeParser(
      'application/octet-stream',
      { bodyLimit: MAX_IMPORT_BYTES },
      (request, payload, done) => {
        const tooLarge = () => invalidFile(`文件过大：最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
        const declared = Number(request.headers['content-length']);
        const sized = Number.isInteger(declared) && declared >= 0;
        if (sized && declared > MAX_IMPORT_BYTES) {
          done(tooLarge(), undefined);
          payload.resume();
          return;
        }
        const chunks: Buffer[] = [];
        const body = sized ? Buffer.allocUnsafe(declared) : null;
        let received = 0;
        let failed = false;
        payload.on('data', (chunk: Buffer) => {
          if (failed) return;
          if (received + chunk.length > (body ? body.length : MAX_IMPORT_BYTES)) {
            failed = true;
            done(tooLarge(), undefined);
            return;
          }
          if (body) chunk.copy(body, received);
          else chunks.push(chunk);
          received += chunk.length;
        });
        payload.on('end', () => {
          if (failed) return;
          if (body && received !== body.length) done(invalidFile('上传不完整，请重新上传'), undefined);
          else done(null, body ?? Buffer.concat(chunks));
        });
        payload.on('error', (e) => {
          if (!failed) {
            failed = true;
            done(e, undefined);
          }
        });
      },
    );

    app.post(
      '/imports/preview',
      {
        // Which permission depends on the kind and the source: the service checks it.
        config: { access: 'authenticated' },
        bodyLimit: MAX_IMPORT_BYTES,
        // Before the body is read: a user over the upload rate is refused without buffering the file.
        onRequest: async (request) => {
          const { uploadsPerMinute } = await getImportLimits(db);
          const key = String(request.ctx.actor?.id ?? request.ip);
          if (!uploads.hit(key, uploadsPerMinute, Date.now())) {
            throw new AppError(
              'RATE_LIMITED',
              `上传过于频繁：每人每分钟最多上传 ${uploadsPerMinute} 个文件，请稍后再试`,
            );
          }
        },
        schema: {
          tags,
          summary:
            '上传文件并预览导入结果（文件作为请求体，application/octet-stream；ticket 可用于查询排队位置与解析进度）',
          querystring: z.object({
            ticket: importTicketField.optional(),
            kind: kindField,
            fileName: z.string().trim().min(1, '请提供文件名').max(255, '文件名过长'),
            source: z.enum(REVENUE_SOURCES, { error: '来源应为税务、统计、自报或用电' }).optional(),
            year: z.coerce.number().int().min(1990).max(2100).optional(),
            /** For a money sheet that states no unit: 元 or 万元 (a unit stated in the sheet wins). */
            unit: unitField.optional(),
          }),
          response: { 200: importPreviewSchema },
        },
      },
      async (request) => {
        const body = request.body as unknown;
        if (!Buffer.isBuffer(body)) {
          throw new AppError('VALIDATION', '请以 application/octet-stream 上传文件内容', [
            { path: 'file', message: '请以 application/octet-stream 上传文件内容' },
          ]);
        }
        const { ticket, ...query } = request.query;
        return queued(ticket, request.ctx.actor?.id ?? null, 'reading', (update) =>
          previewImport(db, request.ctx, {
            ...query,
            bytes: body,
            onProgress: update
              ? (p) => update(p.phase === 'done' ? { state: 'checking', rows: p.rows } : { rows: p.rows })
              : undefined,
          }),
        );
      },
    );

    app.get(
      '/imports/status/:ticket',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '上传或导入任务的进度：排队位置（1 = 下一个）与已读取的行数',
          params: z.object({ ticket: importTicketField }),
          response: { 200: importJobStatusSchema },
        },
      },
      async (request) => {
        const status = jobs.get(request.params.ticket, request.ctx.actor?.id ?? null);
        if (!status) throw new AppError('NOT_FOUND', '任务不存在或已结束');
        return status;
      },
    );

    app.post(
      '/imports/:token/apply',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '确认导入（一个事务；默认有错误行则不导入任何数据）',
          params: importTokenParams,
          body: z.object({
            skipInvalid: z.boolean({ error: '是否跳过错误行应为是或否' }).default(false),
            /** Required when the sheet states no money unit: 元 or 万元. */
            unit: unitField.optional(),
            ticket: importTicketField.optional(),
          }),
          response: { 200: importApplyResultSchema },
        },
      },
      async (request) =>
        queued(request.body.ticket, request.ctx.actor?.id ?? null, 'applying', () =>
          applyImport(db, request.ctx, {
            token: request.params.token,
            skipInvalid: request.body.skipInvalid,
            unit: request.body.unit,
          }),
        ),
    );

    app.get(
      '/imports/:token/rows',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary:
            '导入预览明细：每行的企业、期间、来源与将写入的数值（更正显示原值→新值），可按状态、企业筛选',
          params: importTokenParams,
          querystring: previewLinesQuery,
          response: { 200: previewLinesPageSchema },
        },
      },
      async (request) => listPreviewRows(db, request.ctx, request.params.token, request.query),
    );

    app.get(
      '/imports/:token/rows.xlsx',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '导出导入预览明细（Excel，按筛选）',
          params: importTokenParams,
          querystring: previewLineFilterQuery,
        },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportPreviewRows(
          db,
          request.ctx,
          request.params.token,
          request.query,
        );
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/imports/:token/errors.xlsx',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '下载带错误说明的原表', params: importTokenParams },
      },
      async (request, reply) => {
        const { buffer, baseName } = await getErrorWorkbook(db, request.ctx, request.params.token);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/imports/templates/:kind.xlsx',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '下载导入模板（标题为本县和计划年度，默认当年）',
          params: z.object({ kind: kindField }),
          querystring: z.object({ year: yearField.optional() }),
        },
      },
      async (request, reply) => {
        const { buffer, baseName } = await getTemplate(
          db,
          request.ctx,
          request.params.kind,
          request.query.year,
        );
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/imports',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '导入记录（按数据范围）',
          querystring: historyFilter.extend(pageQuery.shape),
          response: { 200: importBatchListSchema },
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listImports(db, request.ctx, { ...batchFilter(filter), page, pageSize });
      },
    );

    app.get(
      '/imports/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出导入记录（Excel，按数据范围）', querystring: historyFilter },
      },
      async (request, reply) => {
        const { items } = await listImports(db, request.ctx, {
          ...batchFilter(request.query),
          page: 1,
          pageSize: 10_000,
        });
        const count = (header: string, key: string) => ({
          header,
          value: (r: ImportBatch) => summaryCount(r, key),
        });
        const buffer = await buildWorkbook<ImportBatch>(
          '导入记录',
          [
            { header: '批次', value: (r) => r.id },
            { header: '类型', value: (r) => findImportKind(r.kind)?.label ?? r.kind },
            {
              header: '来源',
              value: (r) =>
                r.source ? (REVENUE_SOURCE_LABELS[r.source as RevenueSource] ?? r.source) : null,
            },
            { header: '文件名', width: 36, value: (r) => r.fileName },
            { header: '导入人', value: (r) => r.createdByName },
            { header: '单位', width: 20, value: (r) => r.unitName },
            {
              header: '导入时间',
              width: 22,
              value: (r) => new Date(r.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
            },
            count('总行数（行）', 'rows'),
            count('新增（条）', 'imported'),
            count('更新（条）', 'updated'),
            count('未变（条）', 'unchanged'),
            count('跳过（行）', 'invalid'),
            { header: 'SHA-256', width: 66, value: (r) => r.sha256 },
          ],
          items,
        );
        return sendWorkbook(reply, buffer, '导入记录');
      },
    );
  };
}
