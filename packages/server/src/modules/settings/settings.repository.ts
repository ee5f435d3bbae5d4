import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema.js';

export async function findSetting(db: Executor, key: string): Promise<unknown | null> {
  const rows = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return rows[0]?.value ?? null;
}

export async function upsertSetting(
  db: Executor,
  key: string,
  value: unknown,
  now: Date,
): Promise<unknown | null> {
  const before = await findSetting(db, key);
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
  return before;
}
