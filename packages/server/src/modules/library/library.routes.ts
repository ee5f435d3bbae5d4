import {
  LEGAL_FORM_LABELS,
  type LegalForm,
  LIBRARIES,
  LIBRARY_LABELS,
  libraryMembershipChangeSchema,
  OPERATING_STATUSES,
  operatingStatusChangeSchema,
  PATHWAY_LABELS,
  PATHWAYS,
  pathwayChangeSchema,
  TIERS,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { buildWorkbook } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import {
  changeMembership,
  type LibraryMemberView,
  listAllOfLibrary,
  listFirmLibraries,
  listLibrary,
  listUnreported,
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

const wan = (yuan: string | null) => (yuan === null ? null : Math.round(Number(yuan) / 100) / 100);

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
        const library = request.params.library;
        const { items, year: y } = await listAllOfLibrary(db, request.ctx, library, request.query);
        const title = `${y}年${LIBRARY_LABELS[library]}`;
        const buffer = await buildWorkbook<LibraryMemberView>(
          title,
          [
            { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
            { header: '企业名称', width: 36, value: (r) => r.name },
            { header: '法人类型', value: (r) => LEGAL_FORM_LABELS[r.legalForm as LegalForm] ?? r.legalForm },
            { header: '行业代码', value: (r) => r.industryCode },
            { header: '所属乡镇', value: (r) => r.townshipName },
            { header: '行业主管单位', width: 18, value: (r) => r.supervisingUnitName },
            {
              header: `${y - 1}年营业收入（万元）`,
              width: 20,
              numFmt: '#,##0.00',
              value: (r) => wan(r.priorYearRevenue),
            },
            {
              header: `${y}年累计营业收入（万元）`,
              width: 22,
              numFmt: '#,##0.00',
              value: (r) => wan(r.ytdRevenue),
            },
            { header: '累计月数', value: (r) => r.ytdMonths },
            {
              header: '预计全年（万元）',
              width: 18,
              numFmt: '#,##0.00',
              value: (r) => wan(r.projectedRevenue),
            },
            { header: '升规路径', value: (r) => (r.pathway ? PATHWAY_LABELS[r.pathway] : '') },
            { header: '梯队', value: (r) => r.tier ?? '' },
            { header: '入库原因', width: 60, value: (r) => r.reasons.join('；') },
            { header: '人工调整', value: (r) => (r.manual ? '是' : '') },
            { header: '入库时间', width: 20, value: (r) => r.since.slice(0, 10) },
          ],
          items,
        );
        return sendWorkbook(reply, buffer, title);
      },
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
