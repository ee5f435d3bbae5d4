// 稳规 help plans over HTTP: the year's at-risk firms with their plans (list, export, detail), and the plan's
// life: create, edit, review, close. Reads need service:read, changes service:write (rules in the service).
import {
  helpPlanCloseSchema,
  helpPlanCreateSchema,
  helpPlanDetailSchema,
  helpPlanFilterQuery,
  helpPlanListQuery,
  helpPlanPageSchema,
  helpPlanReviewCreateSchema,
  helpPlanUpdateSchema,
  idParams,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { sendWorkbook } from '../../platform/http.js';
import { exportHelpPlans } from './help-plan.export.js';
import {
  closeHelpPlan,
  createHelpPlan,
  getHelpPlan,
  listHelpPlans,
  reviewHelpPlan,
  updateHelpPlan,
} from './help-plan.service.js';

const tags = ['稳规帮扶'];

export function helpPlanRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/help-plans',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '某年进入临退规库的企业及其帮扶方案、方案期限与年度结果（保持规上/已退规）',
          querystring: helpPlanListQuery,
          response: { 200: helpPlanPageSchema },
        },
      },
      async (request) => listHelpPlans(db, request.ctx, request.query),
    );

    app.get(
      '/help-plans/export',
      {
        config: { access: 'service:read' },
        schema: { tags, summary: '导出稳规帮扶清单（Excel）', querystring: helpPlanFilterQuery },
      },
      async (request, reply) => {
        const { buffer, baseName } = await exportHelpPlans(db, request.ctx, request.query);
        return sendWorkbook(reply, buffer, baseName);
      },
    );

    app.get(
      '/help-plans/:id',
      {
        config: { access: 'service:read' },
        schema: {
          tags,
          summary: '帮扶方案详情（含复查记录）',
          params: idParams,
          response: { 200: helpPlanDetailSchema },
        },
      },
      async (request) => getHelpPlan(db, request.ctx, request.params.id),
    );

    app.post(
      '/help-plans',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '制定帮扶方案（企业须在该年临退规库中；每企业每年只有一个进行中的方案）',
          body: helpPlanCreateSchema,
          response: { 201: helpPlanDetailSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createHelpPlan(db, request.ctx, request.body)),
    );

    app.put(
      '/help-plans/:id',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '修改帮扶方案（责任单位、责任人、措施、复查日期）',
          params: idParams,
          body: helpPlanUpdateSchema,
          response: { 200: helpPlanDetailSchema },
        },
      },
      async (request) => updateHelpPlan(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/help-plans/:id/reviews',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '记录复查（结果、情况、下次复查日期）',
          params: idParams,
          body: helpPlanReviewCreateSchema,
          response: { 201: helpPlanDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await reviewHelpPlan(db, request.ctx, request.params.id, request.body)),
    );

    app.post(
      '/help-plans/:id/close',
      {
        config: { access: 'service:write' },
        schema: {
          tags,
          summary: '结束帮扶方案',
          params: idParams,
          body: helpPlanCloseSchema,
          response: { 200: helpPlanDetailSchema },
        },
      },
      async (request) => closeHelpPlan(db, request.ctx, request.params.id, request.body.note),
    );
  };
}
