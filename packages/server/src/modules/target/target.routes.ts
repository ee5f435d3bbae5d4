import { targetAllocationSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { buildWorkbookSheets, type ExportColumn, sheetOf } from '../../platform/excel.js';
import { sendWorkbook } from '../../platform/http.js';
import { getTargets, putTargets, type TargetUnitView } from './target.service.js';

const unitRow = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  target: z.number().nullable(),
});
const targetsSchema = z.object({
  year: z.number(),
  cityTarget: z.number().nullable(),
  territorial: z.array(unitRow),
  supervising: z.array(unitRow),
  sums: z.object({ territorial: z.number(), supervising: z.number() }),
  warnings: z.array(z.string()),
});
const year = z.coerce.number({ error: '年份应为整数' }).int().min(2000, '年份不正确').max(2100, '年份不正确');
const tags = ['目标任务'];
const unitColumns: ExportColumn<TargetUnitView>[] = [
  { header: '单位代码', width: 14, value: (r) => r.code },
  { header: '单位', width: 22, value: (r) => r.name },
  { header: '目标（户）', value: (r) => r.target },
];
const summaryColumns: ExportColumn<{ item: string; value: number | null }>[] = [
  { header: '项目', width: 22, value: (r) => r.item },
  { header: '数值（户）', value: (r) => r.value },
];

export function targetRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/targets',
      {
        config: { access: 'target:read', cacheable: true },
        schema: {
          tags,
          summary: '年度目标：市下达目标与属地、行业主管两个维度的分解',
          querystring: z.object({ year }),
          response: { 200: targetsSchema },
        },
      },
      async (request) => getTargets(db, request.query.year),
    );

    app.get(
      '/targets/export',
      {
        config: { access: 'target:read' },
        schema: {
          tags,
          summary: '导出年度目标分解（Excel：汇总、属地、行业主管各一张工作表）',
          querystring: z.object({ year }),
        },
      },
      async (request, reply) => {
        const view = await getTargets(db, request.query.year);
        const buffer = await buildWorkbookSheets([
          sheetOf('汇总', summaryColumns, [
            { item: '市下达目标', value: view.cityTarget },
            { item: '属地维度分解合计', value: view.sums.territorial },
            { item: '行业主管维度分解合计', value: view.sums.supervising },
          ]),
          sheetOf('属地维度', unitColumns, view.territorial),
          sheetOf('行业主管维度', unitColumns, view.supervising),
        ]);
        return sendWorkbook(reply, buffer, `目标任务-${view.year}年`);
      },
    );

    app.put(
      '/targets/:year',
      {
        config: { access: 'target:allocate' },
        schema: {
          tags,
          summary: '保存年度目标分解（整体替换，逐项审计）',
          params: z.object({ year }),
          body: targetAllocationSchema,
          response: { 200: targetsSchema },
        },
      },
      async (request) => putTargets(db, request.ctx, request.params.year, request.body),
    );
  };
}
