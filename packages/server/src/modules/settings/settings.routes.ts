import {
  businessSettingsListSchema,
  businessSettingsQuerySchema,
  businessSettingsSavedSchema,
  businessSettingsUpdateSchema,
  importLimitsSchema,
  securitySettingsSchema,
} from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { listBusinessSettings, updateBusinessSettings } from './business-settings.service.js';
import { getImportLimits, putImportLimits } from './import-limits.js';
import { getSecuritySettings, putSetting } from './settings.service.js';

const tags = ['系统设置'];

export function settingsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings/business',
      {
        config: { access: 'settings:manage' },
        schema: {
          tags,
          summary:
            '业务设置：规上标准、培育库规则、收入口径、计数口径、申报日历、行业主管规则、通报文头与文号',
          querystring: businessSettingsQuerySchema,
          response: { 200: businessSettingsListSchema },
        },
      },
      async (request) => listBusinessSettings(db, request.ctx, request.query.year),
    );

    app.put(
      '/settings/business',
      {
        config: { access: 'settings:manage' },
        schema: {
          tags,
          summary: '修改业务设置（金额以元为单位；按年度的设置写入所选年度；逐项留痕）',
          body: businessSettingsUpdateSchema,
          response: { 200: businessSettingsSavedSchema },
        },
      },
      async (request) => updateBusinessSettings(db, request.ctx, request.body),
    );

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

    // Import limits (import-limits.ts): the system administrator's business setting.
    app.get(
      '/settings/imports',
      {
        config: { access: 'settings:manage' },
        schema: {
          tags,
          summary: '导入限制（行数、列数、单元格、解压大小、上传频率）',
          response: { 200: importLimitsSchema },
        },
      },
      async () => getImportLimits(db),
    );

    app.put(
      '/settings/imports',
      {
        config: { access: 'settings:manage' },
        schema: {
          tags,
          summary: '修改导入限制',
          body: importLimitsSchema,
          response: { 200: importLimitsSchema },
        },
      },
      async (request) => {
        await db.transaction((tx) => putImportLimits(tx, request.ctx, request.body));
        return getImportLimits(db);
      },
    );
  };
}
