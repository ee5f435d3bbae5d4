// The declaration calendar of a year (docs/domain.md §7): read through the settings service, the one reader
// of the stored setting, and written through the business-settings service, the one writer.

import type { DeclarationCalendar } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { updateBusinessSettings } from '../settings/business-settings.service.js';
import { DECLARATION_CALENDAR_KEY, getDeclarationCalendarSetting } from '../settings/settings.service.js';

/** Settings key: `{ "2026": DeclarationCalendar, … }`; a year without its own calendar gets the defaults. */
export const DECLARATION_CALENDAR_SETTING = DECLARATION_CALENDAR_KEY;

/** The calendar of a year: read by the settings service, the one reader of the stored setting. */
export async function getDeclarationCalendar(db: Executor, year: number): Promise<DeclarationCalendar> {
  return getDeclarationCalendarSetting(db, year);
}

/**
 * The centre sets a year's calendar: the same write as the 业务设置 page and `settings set declaration.calendar`
 * (one audit action, `settings.update`; the plan year's libraries recomputed after commit).
 */
export async function putDeclarationCalendar(
  db: Db,
  ctx: RequestContext,
  year: number,
  calendar: DeclarationCalendar,
): Promise<DeclarationCalendar> {
  await updateBusinessSettings(db, ctx, { year, values: { [DECLARATION_CALENDAR_SETTING]: calendar } });
  return getDeclarationCalendar(db, year);
}
