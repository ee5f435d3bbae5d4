// Service work's results (GET /service/overview, its export, per official) and a firm's timeline.
import {
  idParams,
  serviceOfficialsQuery,
  serviceOfficialsSchema,
  serviceReportQuery,
  serviceReportSchema,
  timelineQuery,
  timelineSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportServiceReport } from './overview.export.js';
import { getServiceOfficials, getServiceReport } from './overview.service.js';
import { getFirmTimeline } from './timeline.service.js';

const tags = ['服务工作'];

export function serviceOverviewRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/service/overview',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '服务工作量与成效：各单位走访、诉求办理、覆盖率，逾期诉求（按数据范围）',
          querystring: serviceReportQuery,
          response: { 200: serviceReportSchema },
        },
      },
      async (request) => getServiceReport(db, request.ctx, request.query),
    );

    app.get(
      '/service/overview/officials',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '人员工作量：走访次数、走访企业、提出诉求',
          querystring: serviceOfficialsQuery,
          response: { 200: serviceOfficialsSchema },
        },
      },
      async (request) => getServiceOfficials(db, request.ctx, request.query),
    );

    app.get(
      '/service/overview/export',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '导出服务工作量（Excel：单位、逾期诉求、人员）',
          querystring: serviceReportQuery,
        },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportServiceReport(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/enterprises/:id/timeline',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '企业服务档案：数据、库内变化、包联、走访、诉求、帮扶、培训、申报、入退库（时间倒序）',
          params: idParams,
          querystring: timelineQuery,
          response: { 200: timelineSchema },
        },
      },
      async (request) => getFirmTimeline(db, request.ctx, request.params.id, request.query),
    );
  };
}
