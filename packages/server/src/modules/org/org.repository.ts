import { asc, eq, like } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { orgUnits } from '../../db/schema.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

/** Units are not secret inside a county; what is scoped is the firms and figures attached to them. */
export function listUnitsUnder(db: Executor, pathPrefix: string): Promise<OrgUnitRow[]> {
  return db
    .select()
    .from(orgUnits)
    .where(like(orgUnits.path, `${pathPrefix}%`))
    .orderBy(asc(orgUnits.sort), asc(orgUnits.code));
}

export async function findUnitById(db: Executor, id: number): Promise<OrgUnitRow | null> {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUnitByCode(db: Executor, code: string): Promise<OrgUnitRow | null> {
  const rows = await db.select().from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function insertUnit(
  db: Executor,
  unit: { code: string; name: string; kind: string; parentId: number | null; path: string; sort: number },
): Promise<OrgUnitRow> {
  const rows = await db.insert(orgUnits).values(unit).returning();
  return rows[0]!;
}

export async function updateUnitName(db: Executor, id: number, name: string): Promise<OrgUnitRow> {
  const rows = await db.update(orgUnits).set({ name }).where(eq(orgUnits.id, id)).returning();
  return rows[0]!;
}
