// The only SQL on pending auditor-account changes (dual control, domain/security.ts).
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accountChanges } from '../../db/schema-accounts.js';

export type AccountChangeRow = typeof accountChanges.$inferSelect;

export async function insertAccountChange(
  db: Executor,
  row: { kind: string; userId: number | null; payload: unknown; requestedBy: number; now: Date },
): Promise<AccountChangeRow> {
  const rows = await db
    .insert(accountChanges)
    .values({
      kind: row.kind,
      userId: row.userId,
      payload: row.payload,
      requestedBy: row.requestedBy,
      requestedAt: row.now,
    })
    .returning();
  return rows[0]!;
}

/** Locks the row: two confirmations of one change cannot both apply. */
export async function findAccountChangeForUpdate(db: Executor, id: number) {
  const rows = await db.select().from(accountChanges).where(eq(accountChanges.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export function listAccountChanges(db: Executor, status: string | undefined, limit: number, offset: number) {
  const c: SQL[] = [];
  if (status) c.push(eq(accountChanges.status, status));
  return db
    .select()
    .from(accountChanges)
    .where(c.length ? and(...c) : undefined)
    .orderBy(desc(accountChanges.id))
    .limit(limit)
    .offset(offset);
}

export async function decideAccountChange(
  db: Executor,
  id: number,
  patch: {
    status: 'confirmed' | 'rejected';
    decidedBy: number;
    now: Date;
    reason?: string | null;
    userId?: number;
  },
): Promise<AccountChangeRow> {
  const rows = await db
    .update(accountChanges)
    .set({
      status: patch.status,
      decidedBy: patch.decidedBy,
      decidedAt: patch.now,
      reason: patch.reason ?? null,
      ...(patch.userId ? { userId: patch.userId } : {}),
    })
    .where(eq(accountChanges.id, id))
    .returning();
  return rows[0]!;
}
