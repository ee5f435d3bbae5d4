import { securitySettingsSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { getSecuritySettings, putSetting } from './settings.service.js';

const tags = ['系统设置'];

export function settingsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/security',
      {
        config: { access: 'security:manage' },
        schema: { tags, summary: '安全设置（等级保护）', response: { 200: securitySettingsSchema } },
      },
      async () => getSecuritySettings(db),
    );

    app.put(
      '/settings/security',
      {
        config: { access: 'security:manage' },
        schema: {
          tags,
          summary: '修改安全设置（含三级等保开关）',
          body: securitySettingsSchema,
          response: { 200: securitySettingsSchema },
        },
      },
      async (request) => {
        await db.transaction((tx) => putSetting(tx, request.ctx, 'security', request.body));
        return getSecuritySettings(db);
      },
    );
  };
}
