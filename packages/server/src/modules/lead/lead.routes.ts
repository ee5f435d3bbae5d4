// 包联 leads over HTTP: the list of library firms with their leads (and export), a firm's lead and history,
// and the centre's assignments.
import {
  enterpriseLeadSchema,
  idParams,
  leadAssignSchema,
  leadAssignSuggestedResultSchema,
  leadAssignSuggestedSchema,
  leadFilterQuery,
  leadListQuery,
  leadPageSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportLeads } from './lead.export.js';
import { assignLead, assignSuggestedLeads, getEnterpriseLead, listLeads } from './lead.service.js';

const tags = ['包联'];

export function leadRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/leads',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '在库企业的包联（默认当年；按数据范围），含建议包联单位',
          querystring: leadListQuery,
          response: { 200: leadPageSchema },
        },
      },
      async (request) => listLeads(db, request.ctx, request.query),
    );

    app.get(
      '/leads/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出在库企业包联（Excel）', querystring: leadFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportLeads(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.post(
      '/leads/assign-suggested',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '按建议为所选企业指定包联（中心；最多500家，无可用账号的单位列出）',
          body: leadAssignSuggestedSchema,
          response: { 200: leadAssignSuggestedResultSchema },
        },
      },
      async (request) => assignSuggestedLeads(db, request.ctx, request.body.enterpriseIds),
    );

    app.get(
      '/enterprises/:id/lead',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '企业的包联（当前、建议与历史）',
          params: idParams,
          response: { 200: enterpriseLeadSchema },
        },
      },
      async (request) => getEnterpriseLead(db, request.ctx, request.params.id),
    );

    app.put(
      '/enterprises/:id/lead',
      {
        config: { access: 'service:manage' },
        schema: {
          tags,
          summary: '指定企业的包联单位和包联人（中心；原包联结束，历史保留）',
          params: idParams,
          body: leadAssignSchema,
          response: { 200: enterpriseLeadSchema },
        },
      },
      async (request) => assignLead(db, request.ctx, request.params.id, request.body),
    );
  };
}
