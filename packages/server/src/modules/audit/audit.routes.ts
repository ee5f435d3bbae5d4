import { chinaDayEnd, chinaDayStart } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { type AuditCheckpointer, takeCheckpoint } from '../../platform/audit-checkpoint.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import { listAudit, verifyAudit } from './audit.service.js';

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .optional();
const query = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  actor: z.string().trim().max(64).optional(),
  enterprise: z.string().trim().max(100).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(64).optional(),
  from: dateParam,
  to: dateParam,
});
type Query = z.output<typeof query>;

/** Dates are whole days in China Standard Time: `to` includes its day. */
function toFilter(q: Query) {
  return {
    actor: q.actor,
    enterprise: q.enterprise,
    enterpriseId: q.enterpriseId,
    action: q.action,
    from: q.from ? chinaDayStart(q.from) : undefined,
    to: q.to ? chinaDayEnd(q.to) : undefined,
  };
}

const itemSchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
const tags = ['审计'];

const rangeSchema = z.object({
  where: z.enum(['head', 'middle', 'tail']),
  fromId: z.number(),
  toId: z.number(),
});

export function auditRoutes(db: Db, checkpointer?: AuditCheckpointer): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: '查询审计记录（审计管理员）',
          querystring: query,
          response: {
            200: z.object({
              items: z.array(itemSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) =>
        listAudit(db, request.ctx, toFilter(request.query), request.query.page, request.query.pageSize),
    );

    app.get(
      '/audit/export',
      { config: { access: 'audit:read' }, schema: { tags, summary: '导出审计记录', querystring: query } },
      async (request, reply) => {
        const { items } = await listAudit(db, request.ctx, toFilter(request.query), 1, 50_000);
        type Item = (typeof items)[number];
        const buffer = await buildWorkbook<Item>(
          '审计记录',
          [
            { header: '编号', value: (r) => r.id },
            {
              header: '时间',
              width: 22,
              value: (r) => new Date(r.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
            },
            { header: '操作', width: 18, value: (r) => r.actionLabel },
            { header: '操作代码', width: 22, value: (r) => r.action },
            { header: '操作人', value: (r) => r.actorName ?? r.actorUsername ?? '系统' },
            { header: '单位', width: 20, value: (r) => r.actorUnitName },
            {
              header: '对象',
              width: 20,
              value: (r) => [r.entityType, r.entityId].filter(Boolean).join(' #'),
            },
            { header: '企业', width: 30, value: (r) => r.enterpriseName },
            { header: '变更前', width: 40, value: (r) => (r.before ? JSON.stringify(r.before) : null) },
            { header: '变更后', width: 40, value: (r) => (r.after ? JSON.stringify(r.after) : null) },
            { header: 'IP', value: (r) => r.ip },
            { header: '请求编号', width: 38, value: (r) => r.requestId },
          ],
          items,
        );
        return sendWorkbook(reply, buffer, '审计记录');
      },
    );

    app.get(
      '/audit/verify',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: '校验审计记录链',
          response: {
            200: z.object({
              ok: z.boolean(),
              count: z.number(),
              algorithm: z.string(),
              firstId: z.number().nullable(),
              lastId: z.number().nullable(),
              broken: z.object({ id: z.number(), reason: z.enum(['hash', 'link']) }).nullable(),
              missing: z.array(rangeSchema),
              missingCount: z.number(),
              checkpoint: z
                .object({
                  at: z.string(),
                  lastId: z.number().nullable(),
                  count: z.number(),
                  reason: z.string(),
                })
                .nullable(),
              checkpointInvalid: z.boolean(),
            }),
          },
        },
      },
      async () => verifyAudit(db, checkpointer?.file),
    );

    app.get(
      '/audit/checkpoint',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: '下载签名的审计检查点（离线保存，可用 shenggui audit verify --checkpoint 比对）',
        },
      },
      async (request, reply) => {
        // Written to the file beside the key as well, so the copy downloaded is never ahead of it.
        const cp = checkpointer
          ? await checkpointer.write('download')
          : await takeCheckpoint(db, null, 'download', request.ctx.now);
        const name = `audit-checkpoint-${cp.at.slice(0, 19).replaceAll(':', '')}.json`;
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(`${JSON.stringify(cp, null, 1)}\n`);
      },
    );
  };
}
