import {
  firmLibraryHistorySchema,
  idParams,
  libraryFilterQuery,
  libraryListQuery,
  libraryListSchema,
  libraryMembershipChangeSchema,
  libraryParams,
  libraryRecomputeResultSchema,
  libraryRecomputeSchema,
  libraryYearQuery,
  libraryYearsSchema,
  operatingStatusChangeSchema,
  pathwayChangeSchema,
  pathwaySetSchema,
  unreportedListSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
          querystring: libraryListQuery,
          response: { 200: libraryListSchema },
        },
      },
      async (request) => listLibrary(db, request.ctx, request.params.library, request.query),
    );

    app.get(
      '/libraries/:library/export',
      {
        config: { access: 'enterprise:read' },
        schema: {
          tags,
          summary: '导出库名单（Excel）',
          params: libraryParams,
          querystring: libraryFilterQuery,
        },
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
          response: { 200: libraryYearsSchema },
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
          body: libraryRecomputeSchema,
          response: { 200: libraryRecomputeResultSchema },
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
          response: { 200: firmLibraryHistorySchema },
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
          querystring: libraryYearQuery,
          response: { 200: firmLibraryHistorySchema },
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
          response: { 200: pathwaySetSchema },
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
          response: { 200: firmLibraryHistorySchema },
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
          querystring: libraryYearQuery,
          response: { 200: unreportedListSchema },
        },
      },
      async (request) => listUnreported(db, request.ctx, request.query.year),
    );
  };
}
