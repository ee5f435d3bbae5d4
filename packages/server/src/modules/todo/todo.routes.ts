import { todoListSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { listTodo } from './todo.service.js';

export function todoRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/todo',
      {
        // Every user has a list; what is on it follows the user's permissions, roles and scope.
        config: { access: 'authenticated' },
        schema: {
          tags: ['待办'],
          summary: '我的待办：申报截止、待我办理的申报、达规未入统（中心）',
          response: { 200: todoListSchema },
        },
      },
      async (request) => listTodo(db, request.ctx),
    );
  };
}
