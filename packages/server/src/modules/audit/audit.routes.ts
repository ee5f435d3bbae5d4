import {
  type AuditQuery,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
  chinaDayEnd,
  chinaDayStart,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { type AuditCheckpointer, takeCheckpoint } from '../../platform/audit-checkpoint.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import { listAudit, verifyAudit } from './audit.service.js';

/** Dates are whole days in China Standard Time: `to` includes its day. */
function toFilter(q: AuditQuery) {
  return {
    actor: q.actor,
    enterprise: q.enterprise,
    enterpriseId: q.enterpriseId,
    action: q.action,
    from: q.from ? chinaDayStart(q.from) : undefined,
    to: q.to ? chinaDayEnd(q.to) : undefined,
  };
}

const tags = ['审计'];

export function auditRoutes(db: Db, checkpointer?: AuditCheckpointer): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: '查询审计记录（审计管理员）',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema },
        },
      },
      async (request) =>
        listAudit(db, request.ctx, toFilter(request.query), request.query.page, request.query.pageSize),
    );

    app.get(
      '/audit/export',
      {
        config: { access: 'audit:read' },
        schema: { tags, summary: '导出审计记录', querystring: auditQuerySchema },
      },
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
          response: { 200: auditVerifySchema },
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
