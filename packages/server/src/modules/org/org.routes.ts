import { UNIT_KINDS } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { createUnit, listUnits, renameUnit } from './org.service.js';

const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.number().nullable(),
});

export function orgRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/org/units',
      {
        config: { access: 'org:read', cacheable: true },
        schema: {
          tags: ['组织'],
          summary: '本县（或本市）组织机构',
          response: { 200: z.object({ items: z.array(unitSchema) }) },
        },
      },
      async (request) => ({ items: await listUnits(db, request.ctx) }),
    );

    app.post(
      '/org/units',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['组织'],
          summary: '新增单位（安全管理员）',
          body: z.object({
            code: z
              .string()
              .trim()
              .regex(/^[0-9A-Z]{6,12}$/, '单位代码为6–12位数字或大写字母'),
            name: z.string().trim().min(2, '单位名称至少2个字').max(50, '单位名称不能超过50个字'),
            kind: z.enum(UNIT_KINDS, { error: '单位类型不正确' }),
            parentId: z.number().int().positive(),
          }),
          response: { 201: unitSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await createUnit(db, request.ctx, request.body)),
    );

    app.put(
      '/org/units/:id',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['组织'],
          summary: '修改单位名称',
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({
            name: z.string().trim().min(2, '单位名称至少2个字').max(50, '单位名称不能超过50个字'),
          }),
          response: { 200: unitSchema },
        },
      },
      async (request) => renameUnit(db, request.ctx, request.params.id, request.body.name),
    );
  };
}
