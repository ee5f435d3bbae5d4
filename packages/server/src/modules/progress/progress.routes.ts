import {
  countingRuleSchema,
  countingRuleView,
  decidingFirmListSchema,
  decidingQuery,
  progressAsOfQuery,
  progressCumulativeSchema,
  progressFirmListSchema,
  progressFirmsQuery,
  progressQuery,
  progressReportSchema,
  yearParams,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { getCountingRule, setCountingRule } from './counting-rule.service.js';
import { exportProgress } from './progress.export.js';
import {
  getCumulative,
  getProgressReport,
  listDecidingFirms,
  listProgressEnterprises,
} from './progress.service.js';

const tags = ['净增进度'];

export function progressRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/progress',
      {
        config: { access: 'target:read', cacheable: true },
        schema: {
          tags,
          summary: '净增进度：全县与两个维度各单位的入库、退库、净增、目标、剩余与排名（截至某日）',
          querystring: progressQuery,
          response: { 200: progressReportSchema },
        },
      },
      async (request) => getProgressReport(db, request.ctx, request.query),
    );

    app.get(
      '/progress/export',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '导出净增进度排名（Excel：属地、行业主管两个维度各一张工作表）',
          querystring: progressQuery,
        },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportProgress(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/progress/:year/enterprises',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '进度数字背后的企业（按数据范围）',
          params: yearParams,
          querystring: progressFirmsQuery,
          response: { 200: progressFirmListSchema },
        },
      },
      async (request) =>
        listProgressEnterprises(db, request.ctx, { year: request.params.year, ...request.query }),
    );

    app.get(
      '/progress/:year/cumulative',
      {
        config: { access: 'target:read', cacheable: true },
        schema: {
          tags,
          summary: '全县逐月累计入库、退库与净增（折线图）',
          params: yearParams,
          querystring: progressAsOfQuery,
          response: { 200: progressCumulativeSchema },
        },
      },
      async (request) => getCumulative(db, request.ctx, { year: request.params.year, ...request.query }),
    );

    app.get(
      '/progress/:year/deciding',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '决定目标能否完成的企业：尚未入库（或可能退库）且概率在20%–80%之间的企业（按数据范围）',
          params: yearParams,
          querystring: decidingQuery,
          response: { 200: decidingFirmListSchema },
        },
      },
      async (request) => listDecidingFirms(db, request.ctx, { year: request.params.year, ...request.query }),
    );

    app.get(
      '/settings/counting-rule/:year',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '年度计数规则：以批准日期或生效期间计入年度，及截止日期',
          params: yearParams,
          response: { 200: countingRuleView },
        },
      },
      async (request) => getCountingRule(db, request.params.year),
    );

    app.put(
      '/settings/counting-rule/:year',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '设置年度计数规则（审计）',
          params: yearParams,
          body: countingRuleSchema,
          response: { 200: countingRuleView },
        },
      },
      async (request) => setCountingRule(db, request.ctx, request.params.year, request.body),
    );
  };
}
