// The only SQL on users. Users are managed by the security administrator within their own tree of units.
import { and, asc, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
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

export async function findUsernameById(db: Executor, id: number): Promise<string | null> {
  const rows = await db.select({ username: users.username }).from(users).where(eq(users.id, id)).limit(1);
  return rows[0]?.username ?? null;
}

/** A user whose unit lies under the given path (the administrator's tree). */
export async function findUserUnder(db: Executor, pathPrefix: string, id: number) {
  const rows = await db
    .select({ user: users, unit: orgUnits })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.id, id), like(orgUnits.path, `${pathPrefix}%`)))
    .limit(1);
  return rows[0] ?? null;
}

export async function countUsers(db: Executor): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return rows[0]?.n ?? 0;
}

export interface UserFilter {
  q?: string | undefined;
  unitId?: number | undefined;
  role?: string | undefined;
  disabled?: boolean | undefined;
}

function userConditions(pathPrefix: string, f: UserFilter): SQL {
  const c: SQL[] = [like(orgUnits.path, `${pathPrefix}%`)];
  if (f.q) {
    const p = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    c.push(or(ilike(users.username, p), ilike(users.displayName, p))!);
  }
  if (f.unitId) c.push(eq(users.unitId, f.unitId));
  if (f.role) c.push(sql`${f.role} = any(${users.roles})`);
  if (f.disabled !== undefined) c.push(eq(users.disabled, f.disabled));
  return and(...c)!;
}

export function listUsersUnder(
  db: Executor,
  pathPrefix: string,
  f: UserFilter,
  limit: number,
  offset: number,
) {
  return db
    .select({ user: users, unit: orgUnits })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(userConditions(pathPrefix, f))
    .orderBy(asc(orgUnits.sort), asc(users.username))
    .limit(limit)
    .offset(offset);
}

export async function countUsersUnder(db: Executor, pathPrefix: string, f: UserFilter): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(userConditions(pathPrefix, f));
  return rows[0]?.n ?? 0;
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

export async function updateUserRow(
  db: Executor,
  id: number,
  patch: Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const rows = await db.update(users).set(patch).where(eq(users.id, id)).returning();
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
