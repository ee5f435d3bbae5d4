import type { DeclarationCalendar } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { findSetting, upsertSetting } from '../settings/settings.repository.js';
import { DECLARATION_CALENDAR_KEY, getDeclarationCalendarSetting } from '../settings/settings.service.js';

/** Settings key: `{ "2026": DeclarationCalendar, … }`; a year without its own calendar gets the defaults. */
export const DECLARATION_CALENDAR_SETTING = DECLARATION_CALENDAR_KEY;

/** The calendar of a year: read by the settings service, the one reader of the stored setting. */
export async function getDeclarationCalendar(db: Executor, year: number): Promise<DeclarationCalendar> {
  return getDeclarationCalendarSetting(db, year);
}

export async function putDeclarationCalendar(
  db: Db,
  ctx: RequestContext,
  year: number,
  calendar: DeclarationCalendar,
): Promise<DeclarationCalendar> {
  await db.transaction(async (tx) => {
    const stored = ((await findSetting(tx, DECLARATION_CALENDAR_SETTING)) ?? {}) as Record<string, unknown>;
    const before = stored[String(year)] ?? null;
    await upsertSetting(tx, DECLARATION_CALENDAR_SETTING, { ...stored, [String(year)]: calendar }, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'declaration.calendar',
      entityType: 'setting',
      entityId: `${DECLARATION_CALENDAR_SETTING}.${year}`,
      before,
      after: calendar,
    });
  });
  return calendar;
}
