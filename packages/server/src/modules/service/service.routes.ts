// Service work's shared answers: the settings every service form reads.
import { calendarKnows, currentPlanYear, serviceSettingsSchema } from '@shenggui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { loadHelpPlanDays, loadRequestCategories, loadWorkdayCalendar } from './service-settings.js';

export function serviceRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/service/settings',
      {
        config: { access: 'service:read' },
        schema: {
          tags: ['服务工作'],
          summary: '服务工作设置：诉求类别与时限、帮扶方案时限、工作日历是否已载入',
          response: { 200: serviceSettingsSchema },
        },
      },
      async (request) => {
        const year = currentPlanYear(request.ctx.now);
        const cal = await loadWorkdayCalendar(db);
        return {
          categories: await loadRequestCategories(db),
          helpPlanWorkdays: await loadHelpPlanDays(db),
          year,
          calendarKnowsYear: calendarKnows(cal, year),
          calendarKnowsNextYear: calendarKnows(cal, year + 1),
        };
      },
    );
  };
}
