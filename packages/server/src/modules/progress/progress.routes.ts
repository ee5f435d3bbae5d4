import { COUNTING_BASES, countingRuleSchema, isIsoDate } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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

const year = z.coerce.number({ error: '年份应为整数' }).int().min(2000, '年份不正确').max(2100, '年份不正确');
const asOf = z.string().trim().refine(isIsoDate, '截至日期应为有效日期，格式如 2024-06-30').optional();
const row = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  target: z.number().nullable(),
  entered: z.number(),
  exited: z.number(),
  net: z.number(),
  remaining: z.number().nullable(),
  rank: z.number(),
  pReachTarget: z.number().nullable(),
});
const reportSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  county: z.object({
    unitId: z.number(),
    code: z.string(),
    name: z.string(),
    cityTarget: z.number().nullable(),
    territorialTarget: z.number(),
    supervisingTarget: z.number(),
    entered: z.number(),
    exited: z.number(),
    net: z.number(),
    pReachCityTarget: z.number().nullable(),
  }),
  dimensions: z.object({ territorial: z.array(row), supervising: z.array(row) }),
});
const ruleSchema = z.object({ basis: z.enum(COUNTING_BASES), cutoff: z.string() });
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
          querystring: z.object({ year, asOf }),
          response: { 200: reportSchema },
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
          querystring: z.object({ year, asOf }),
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
          params: z.object({ year }),
          querystring: z.object({
            asOf,
            kind: z.enum(['entered', 'exited'], { error: 'kind 应为 entered 或 exited' }),
            dimension: z.enum(['territorial', 'supervising']).optional(),
            unitId: z.coerce.number().int().positive().optional(),
          }),
          response: {
            200: z.object({
              year: z.number(),
              asOf: z.string(),
              kind: z.enum(['entered', 'exited']),
              items: z.array(
                z.object({
                  id: z.number(),
                  creditCode: z.string(),
                  name: z.string(),
                  townshipId: z.number(),
                  townshipName: z.string(),
                  supervisingUnitId: z.number(),
                  supervisingUnitName: z.string(),
                  events: z.array(
                    z.object({
                      id: z.number(),
                      type: z.string(),
                      mode: z.string().nullable(),
                      batch: z.string().nullable(),
                      approvalDate: z.string(),
                      effectivePeriod: z.string(),
                      exitReason: z.string().nullable(),
                    }),
                  ),
                }),
              ),
            }),
          },
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
          params: z.object({ year }),
          querystring: z.object({ asOf }),
          response: {
            200: z.object({
              year: z.number(),
              asOf: z.string(),
              months: z.array(
                z.object({
                  period: z.string(),
                  asOf: z.string(),
                  entered: z.number(),
                  exited: z.number(),
                  net: z.number(),
                }),
              ),
              forecast: z.array(
                z.object({ period: z.string(), p10: z.number(), p50: z.number(), p90: z.number() }),
              ),
            }),
          },
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
          params: z.object({ year }),
          querystring: z.object({
            asOf,
            dimension: z.enum(['territorial', 'supervising']).optional(),
            unitId: z.coerce.number().int().positive().optional(),
          }),
          response: {
            200: z.object({
              year: z.number(),
              asOf: z.string(),
              items: z.array(
                z.object({
                  id: z.number(),
                  creditCode: z.string(),
                  name: z.string(),
                  townshipId: z.number(),
                  townshipName: z.string(),
                  supervisingUnitId: z.number(),
                  supervisingUnitName: z.string(),
                  kind: z.enum(['entry', 'exit']),
                  p: z.number(),
                  projectedRevenue: z.number().nullable(),
                  ytdRevenue: z.number().nullable(),
                  ytdMonths: z.number(),
                }),
              ),
            }),
          },
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
          params: z.object({ year }),
          response: { 200: ruleSchema },
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
          params: z.object({ year }),
          body: countingRuleSchema,
          response: { 200: ruleSchema },
        },
      },
      async (request) => setCountingRule(db, request.ctx, request.params.year, request.body),
    );
  };
}
