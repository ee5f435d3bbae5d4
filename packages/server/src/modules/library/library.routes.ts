import {
  LIBRARIES,
  libraryMembershipChangeSchema,
  OPERATING_STATUSES,
  operatingStatusChangeSchema,
  PATHWAYS,
  pathwayChangeSchema,
  TIERS,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportLibrary } from './library.export.js';
import {
  changeMembership,
  listFirmLibraries,
  listLibrary,
  listLibraryYears,
  listUnreported,
  recomputeLibraryYear,
  setOperatingStatus,
  setPathway,
} from './library.service.js';

const tags = ['培育库'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const libraryParams = z.object({ library: z.enum(LIBRARIES) });
const year = z.coerce.number().int().min(2000).max(2100);

const filterSchema = z.object({
  year: year.optional(),
  townshipId: z.coerce.number().int().positive().optional(),
  supervisingUnitId: z.coerce.number().int().positive().optional(),
  tier: z.enum(TIERS).optional(),
  pathway: z.enum(PATHWAYS).optional(),
  q: z.string().trim().max(100).optional(),
});
const listQuery = filterSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const memberSchema = z.object({
  enterpriseId: z.number(),
  creditCode: z.string(),
  name: z.string(),
  legalForm: z.string(),
  industryCode: z.string(),
  scaleStatus: z.string(),
  townshipId: z.number(),
  townshipName: z.string(),
  supervisingUnitId: z.number(),
  supervisingUnitName: z.string(),
  priorYearRevenue: z.string().nullable(),
  priorYearLabel: z.string().nullable(),
  ytdRevenue: z.string().nullable(),
  ytdMonths: z.number(),
  taxYtd: z.string().nullable(),
  projectedRevenue: z.string().nullable(),
  pReachYear: z.number().nullable(),
  pBelowYearEnd: z.number().nullable(),
  reasons: z.array(z.string()),
  rule: z.string().nullable(),
  manual: z.boolean(),
  pathway: z.enum(PATHWAYS).nullable(),
  pathwaySuggested: z.enum(PATHWAYS).nullable(),
  pathwayChosen: z.boolean(),
  tier: z.enum(TIERS).nullable(),
  since: z.string(),
});

const historySchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      year: z.number(),
      library: z.enum(LIBRARIES),
      current: z.boolean(),
      manual: z.boolean(),
      enteredAt: z.string(),
      enteredRule: z.string().nullable(),
      enteredReason: z.string(),
      enteredByName: z.string().nullable(),
      leftAt: z.string().nullable(),
      leftReason: z.string().nullable(),
      leftByName: z.string().nullable(),
    }),
  ),
  pathways: z.array(
    z.object({
      year: z.number(),
      pathway: z.enum(PATHWAYS),
      reason: z.string(),
      setAt: z.string(),
      setByName: z.string().nullable(),
    }),
  ),
  operatingStatus: z.array(
    z.object({
      status: z.enum(OPERATING_STATUSES),
      since: z.string(),
      reason: z.string(),
      recordedAt: z.string(),
      recordedByName: z.string().nullable(),
    }),
  ),
});

export function libraryRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/libraries/:library',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '培育库名单（基础库、培育库、临规、临退规；按数据范围）',
          params: libraryParams,
          querystring: listQuery,
          response: {
            200: z.object({
              items: z.array(memberSchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              year: z.number(),
              library: z.enum(LIBRARIES),
              frozen: z.object({ asOf: z.string(), frozenAt: z.string(), reason: z.string() }).nullable(),
            }),
          },
        },
      },
      async (request) => listLibrary(db, request.ctx, request.params.library, request.query),
    );

    app.get(
      '/libraries/:library/export',
      {
        config: { access: 'enterprise:read' },
        schema: { tags, summary: '导出库名单（Excel）', params: libraryParams, querystring: filterSchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportLibrary(
          db,
          request.ctx,
          request.params.library,
          request.query,
        );
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/libraries/years',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '有名单的年度（当年与往年；往年名单按年度截止日固化）',
          response: {
            200: z.object({
              current: z.number(),
              items: z.array(
                z.object({
                  year: z.number(),
                  current: z.boolean(),
                  frozen: z
                    .object({
                      asOf: z.string(),
                      frozenAt: z.string(),
                      members: z.number(),
                      reason: z.string(),
                    })
                    .nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => listLibraryYears(db, request.ctx),
    );

    app.post(
      '/libraries/recompute',
      {
        config: { access: 'library:manage' },
        schema: {
          tags,
          summary: '重新计算某年度的库名单（当年按今日；往年按年度截止日并固化；须填写原因，留痕）',
          body: z.object({
            year,
            reason: z.string().trim().min(2, '请填写原因（至少2个字）').max(500, '原因不能超过500个字'),
          }),
          response: {
            200: z.object({
              year: z.number(),
              asOf: z.string(),
              evaluated: z.number(),
              entered: z.number(),
              left: z.number(),
              members: z.number(),
              frozen: z.boolean(),
            }),
          },
        },
      },
      async (request) => recomputeLibraryYear(db, request.ctx, request.body),
    );

    app.post(
      '/libraries/memberships',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '人工调整库成员（纳入、移出、恢复按规则认定；须填写原因）',
          body: libraryMembershipChangeSchema,
          response: { 200: historySchema },
        },
      },
      async (request) => changeMembership(db, request.ctx, request.body),
    );

    app.get(
      '/enterprises/:id/libraries',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '企业的入库、出库历史（含原因）、升规路径与生产经营状态',
          params: idParams,
          querystring: z.object({ year: year.optional() }),
          response: { 200: historySchema },
        },
      },
      async (request) => listFirmLibraries(db, request.ctx, request.params.id, request.query.year),
    );

    app.put(
      '/enterprises/:id/pathway',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '指定企业的升规路径（按年度，须填写原因）',
          params: idParams,
          body: pathwayChangeSchema,
          response: {
            200: z.object({
              year: z.number(),
              pathway: z.enum(PATHWAYS),
              pathwayLabel: z.string(),
              reason: z.string(),
              setAt: z.string(),
            }),
          },
        },
      },
      async (request) => setPathway(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/enterprises/:id/operating-status',
      {
        config: { access: 'enterprise:write' },
        schema: {
          tags,
          summary: '登记生产经营状态（正常、停产、半停产）',
          params: idParams,
          body: operatingStatusChangeSchema,
          response: { 200: historySchema },
        },
      },
      async (request) => setOperatingStatus(db, request.ctx, request.params.id, request.body),
    );

    app.get(
      '/todo/unreported',
      {
        config: { access: 'enterprise:read', cacheable: true },
        schema: {
          tags,
          summary: '待办：达规未入统（规下企业本年税务口径收入已达规模标准）',
          querystring: z.object({ year: year.optional() }),
          response: {
            200: z.object({
              year: z.number(),
              threshold: z.string(),
              items: z.array(
                z.object({
                  enterpriseId: z.number(),
                  creditCode: z.string(),
                  name: z.string(),
                  legalForm: z.string(),
                  industryCode: z.string(),
                  townshipId: z.number(),
                  townshipName: z.string(),
                  supervisingUnitId: z.number(),
                  supervisingUnitName: z.string(),
                  taxRevenue: z.string(),
                  taxMonths: z.number(),
                  lastPeriod: z.string(),
                  statisticsRevenue: z.string().nullable(),
                  pathway: z.enum(PATHWAYS),
                  reason: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => listUnreported(db, request.ctx, request.query.year),
    );
  };
}
