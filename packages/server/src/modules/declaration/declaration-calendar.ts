// The declaration calendar of a year (docs/domain.md §7): read through the settings service, the one reader
// of the stored setting; the centre's edit is audited and the plan year's libraries recomputed after commit.

import type { DeclarationCalendar } from '@shenggui/domain';
import { currentPlanYear } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';

import { librariesAfterCommit } from '../library/library-recompute.js';
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
  await withTransaction(db, async (tx, afterCommit) => {
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
    // The library rules read the plan year's calendar (as when it is set on the business-settings page).
    if (year === currentPlanYear(ctx.now)) librariesAfterCommit(afterCommit, ctx, null);
  });
  return calendar;
}
