import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { targets } from '../../db/schema.js';

export type TargetRow = typeof targets.$inferSelect;

/** Inserts or replaces one target; returns the previous value for the audit record. */
export async function upsertTarget(
  db: Executor,
  row: { year: number; unitId: number; dimension: string; target: number; now: Date },
): Promise<number | null> {
  const before = await db
    .select({ target: targets.target })
    .from(targets)
    .where(
      and(eq(targets.year, row.year), eq(targets.unitId, row.unitId), eq(targets.dimension, row.dimension)),
    )
    .limit(1);
  await db
    .insert(targets)
    .values({
      year: row.year,
      unitId: row.unitId,
      dimension: row.dimension,
      target: row.target,
      updatedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [targets.year, targets.unitId, targets.dimension],
      set: { target: row.target, updatedAt: row.now },
    });
  return before[0]?.target ?? null;
}

/** Every target of a year (all dimensions). */
export function listTargets(db: Executor, year: number): Promise<TargetRow[]> {
  return db.select().from(targets).where(eq(targets.year, year));
}

/** Removes a unit's target of a year (the whole-allocation PUT left the unit out); returns the old value. */
export async function deleteTarget(
  db: Executor,
  row: { year: number; unitId: number; dimension: string },
): Promise<number | null> {
  const rows = await db
    .delete(targets)
    .where(
      and(eq(targets.year, row.year), eq(targets.unitId, row.unitId), eq(targets.dimension, row.dimension)),
    )
    .returning({ target: targets.target });
  return rows[0]?.target ?? null;
}
