// The service-work settings in force (业务设置, group service): the working-day calendar with the
// administrator's additions, the request categories with their deadlines, and the help-plan time limit.
// Read here only; written through the business-settings service (audited).
import {
  DEFAULT_HELP_PLAN_WORKDAYS,
  DEFAULT_REQUEST_CATEGORIES,
  type RequestCategory,
  requestCategoriesSchema,
  type WorkdayAdditions,
  type WorkdayCalendar,
  workdayAdditionsSchema,
} from '@shenggui/domain';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { findSetting } from '../settings/settings.repository.js';

export const WORKDAYS_SETTING = 'service.workdays';
export const REQUEST_CATEGORIES_SETTING = 'service.requestCategories';
export const HELP_PLAN_DAYS_SETTING = 'service.helpPlanDays';

/** The calendar: the `chinese-days` schedule plus the administrator's additions for every year set. */
export async function loadWorkdayCalendar(db: Executor): Promise<WorkdayCalendar> {
  const stored = await findSetting(db, WORKDAYS_SETTING);
  const additions: Record<number, WorkdayAdditions> = {};
  if (stored && typeof stored === 'object' && !Array.isArray(stored))
    for (const [year, value] of Object.entries(stored as Record<string, unknown>)) {
      const parsed = workdayAdditionsSchema.safeParse(value);
      if (/^\d{4}$/.test(year) && parsed.success) additions[Number(year)] = parsed.data;
    }
  return { additions };
}

/** The request categories (the built-in list until the county edits it). */
export async function loadRequestCategories(db: Executor): Promise<RequestCategory[]> {
  const parsed = requestCategoriesSchema.safeParse(await findSetting(db, REQUEST_CATEGORIES_SETTING));
  return parsed.success ? parsed.data : [...DEFAULT_REQUEST_CATEGORIES];
}

/** Working days within which an at-risk firm's help plan is due. */
export async function loadHelpPlanDays(db: Executor): Promise<number> {
  const parsed = z
    .number()
    .int()
    .min(1)
    .max(60)
    .safeParse(await findSetting(db, HELP_PLAN_DAYS_SETTING));
  return parsed.success ? parsed.data : DEFAULT_HELP_PLAN_WORKDAYS;
}
