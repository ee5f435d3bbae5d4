// Coverage of the libraries over HTTP: the unit × library table and the firms not reached yet.
import {
  coverageQuerySchema,
  coverageSchema,
  unreachedFilterSchema,
  unreachedListQuerySchema,
  unreachedPageSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportUnreached } from './coverage.export.js';
import { listUnreachedFirms, serviceCoverage } from './coverage.service.js';

const tags = ['培训宣讲'];

export function coverageRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/service/coverage',
      {
        config: { access: 'service:read', cacheable: true },
        schema: {
          tags,
          summary:
            '各库服务覆盖率：各乡镇（属地）、开发区与各主管部门（行业主管）及全县合计，已走访或参训企业数/在库企业数',
          querystring: coverageQuerySchema,
          response: { 200: coverageSchema },
        },
      },
      async (request) => serviceCoverage(db, request.ctx, request.query),
    );

    app.get(
      '/service/coverage/unreached',
      {
        config: { access: 'service:read', cacheable: true },
        schema: {
          tags,
          summary: '尚未覆盖的在库企业（含包联单位与包联人、最近一次走访或参训日期）',
          querystring: unreachedListQuerySchema,
          response: { 200: unreachedPageSchema },
        },
      },
      async (request) => listUnreachedFirms(db, request.ctx, request.query),
    );

    app.get(
      '/service/coverage/unreached/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出尚未覆盖的在库企业（Excel）', querystring: unreachedFilterSchema },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportUnreached(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );
  };
}
