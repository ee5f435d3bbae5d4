// The declaration calendar is one setting with one reader (settings.service getDeclarationCalendarSetting):
// the declaration workflow, the libraries, the board, the to-do list and the 业务设置 page all see the same
// calendar, whichever page changed it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDeclarationCalendar } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { openTestDatabase } from '../../test/harness.js';
import { getDeclarationCalendar, putDeclarationCalendar } from '../declaration/declaration.service.js';
import { getDeclarationCalendarSetting } from './settings.service.js';

const serverSrc = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the declaration calendar setting', () => {
  it('is parsed from storage in one place only: the settings service', () => {
    const readers = sources(serverSrc)
      .filter((f) => /declarationCalendarSchema\s*\.\s*(safeParse|parse)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(serverSrc, f).replaceAll('\\', '/'));
    expect(readers).toEqual(['modules/settings/settings.service.ts']);
  });

  describe('written through the declaration route, read by every reader', () => {
    let database: Awaited<ReturnType<typeof openTestDatabase>>;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => {
      await database.close();
    });

    it('gives the same calendar to the workflow and to the settings readers', async () => {
      const calendar = { ...defaultDeclarationCalendar(2031), monthlyDeadlineDay: 15 };
      await putDeclarationCalendar(
        database.db,
        systemContext(new Date('2031-01-05T02:00:00Z')),
        2031,
        calendar,
      );
      expect(await getDeclarationCalendar(database.db, 2031)).toEqual(calendar);
      expect(await getDeclarationCalendarSetting(database.db, 2031)).toEqual(calendar);
      // A year without its own calendar: the defaults, the same for both.
      expect(await getDeclarationCalendar(database.db, 2032)).toEqual(defaultDeclarationCalendar(2032));
    });
  });
});
