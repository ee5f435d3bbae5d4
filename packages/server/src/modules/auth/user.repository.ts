import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits, users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Executor, username: string) {
  const rows = await db
    .select({ user: users, unit: orgUnits })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(eq(users.username, username))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertUser(
  db: Executor,
  row: {
    username: string;
    displayName: string;
    passwordHash: string;
    unitId: number;
    roles: string[];
    mustChangePassword: boolean;
    now: Date;
  },
): Promise<UserRow> {
  const rows = await db
    .insert(users)
    .values({
      username: row.username,
      displayName: row.displayName,
      passwordHash: row.passwordHash,
      unitId: row.unitId,
      roles: row.roles,
      mustChangePassword: row.mustChangePassword,
      passwordChangedAt: row.now,
      createdAt: row.now,
    })
    .returning();
  return rows[0]!;
}

export async function setLoginFailure(
  db: Executor,
  id: number,
  failedAttempts: number,
  lockedUntil: Date | null,
) {
  await db.update(users).set({ failedAttempts, lockedUntil }).where(eq(users.id, id));
}

export async function clearLoginFailures(db: Executor, id: number) {
  await db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, id));
}
