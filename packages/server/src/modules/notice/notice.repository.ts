import type { ProgressNotice } from '@shenggui/domain';
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { notices } from '../../db/schema-notice.js';

export type NoticeRow = typeof notices.$inferSelect;

const SEQ_LOCK = 7_274_105; // serialises number allocation per (year) across connections

/** Takes the lock that serialises number allocation (and changes of the next number) for a year. */
export async function lockNoticeYear(tx: Executor, year: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SEQ_LOCK}, ${year})`);
}

/** The highest N issued in a year under a prefix (0 when none). */
export async function findLastNoticeSeq(db: Executor, year: number, prefix: string): Promise<number> {
  const rows = await db
    .select({ last: max(notices.seq) })
    .from(notices)
    .where(and(eq(notices.year, year), eq(notices.prefix, prefix)));
  return rows[0]?.last ?? 0;
}

/**
 * The next N of 〔year〕N号 for a prefix: after the last one issued, and never below `floor` (the office's
 * configured next number, so the first notice does not take a number used before the platform). Call
 * inside the transaction that inserts the notice.
 */
export async function nextNoticeSeq(tx: Executor, year: number, prefix: string, floor = 1): Promise<number> {
  await lockNoticeYear(tx, year);
  return Math.max((await findLastNoticeSeq(tx, year, prefix)) + 1, floor);
}

export async function insertNotice(tx: Executor, row: typeof notices.$inferInsert): Promise<NoticeRow> {
  const [inserted] = await tx.insert(notices).values(row).returning();
  return inserted!;
}

export async function findNotice(db: Executor, id: number): Promise<NoticeRow | null> {
  const rows = await db.select().from(notices).where(eq(notices.id, id)).limit(1);
  return rows[0] ?? null;
}

/** A notice of the list as stored (`createdAt` a Date; the API sends ISO text). */
export type NoticeListRow = Omit<ProgressNotice, 'createdAt'> & { createdAt: Date };

export async function listNotices(db: Executor, year: number | undefined): Promise<NoticeListRow[]> {
  return db
    .select({
      id: notices.id,
      year: notices.year,
      seq: notices.seq,
      docNumber: notices.docNumber,
      title: notices.title,
      asOf: notices.asOf,
      createdAt: notices.createdAt,
      createdByName: users.displayName,
    })
    .from(notices)
    .leftJoin(users, eq(users.id, notices.createdBy))
    .where(year === undefined ? undefined : eq(notices.year, year))
    .orderBy(desc(notices.year), desc(notices.seq), desc(notices.id));
}
