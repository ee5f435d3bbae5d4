import { idParams, unitCreateSchema, unitListSchema, unitRenameSchema, unitSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { createUnit, listUnits, renameUnit } from './org.service.js';

export function orgRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/org/units',
      {
        config: { access: 'org:read', cacheable: true },
        schema: {
          tags: ['组织'],
          summary: '本县（或本市）组织机构',
          response: { 200: unitListSchema },
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
          body: unitCreateSchema,
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
          params: idParams,
          body: unitRenameSchema,
          response: { 200: unitSchema },
        },
      },
      async (request) => renameUnit(db, request.ctx, request.params.id, request.body.name),
    );
  };
}
