import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { listUnits } from './org.service.js';

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
        config: { access: 'org:read' },
        schema: {
          tags: ['组织'],
          summary: '本县（或本市）组织机构',
          response: { 200: z.object({ items: z.array(unitSchema) }) },
        },
      },
      async (request) => ({ items: await listUnits(db, request.ctx) }),
    );
  };
}
