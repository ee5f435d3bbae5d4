// The only SQL of 督导: supervisions, their rectification items and their files (service_files, owner kind
// 'supervision'). A supervision concerns units, not firms: who sees it is decided by `SupervisionVisibility`
// (the county's bodies see their county's, a township or department those of its own unit).
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { orgUnits, users } from '../../db/schema.js';
import { type serviceFiles, supervisionItems, supervisions } from '../../db/schema-service.js';
import { findServiceFile, insertServiceFile, listServiceFiles } from '../service/service-files.repository.js';

export type SupervisionDbRow = typeof supervisions.$inferSelect;
export type SupervisionItemDbRow = typeof supervisionItems.$inferSelect;

/** Units under a path (the county's bodies), or one unit: supervised, or owner of one of the items. */
export type SupervisionVisibility =
  | { kind: 'subtree'; path: string }
  | { kind: 'unit'; unitId: number }
  | { kind: 'none' };

const unit = alias(orgUnits, 'unit');
const recorder = alias(users, 'recorder');
const closer = alias(users, 'closer');

export interface SupervisionFilter {
  unitId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  state?: 'open' | 'awaiting' | 'closed' | undefined;
  overdueItems?: boolean | undefined;
  today: string;
  id?: number | undefined;
}

function visible(v: SupervisionVisibility): SQL {
  switch (v.kind) {
    case 'subtree':
      return v.path === '' ? sql`true` : sql`${unit.path} like ${`${v.path}%`}`;
    case 'unit':
      return sql`(${supervisions.unitId} = ${v.unitId} or exists (select 1 from ${supervisionItems} i
        where i.supervision_id = ${supervisions.id} and i.owner_unit_id = ${v.unitId}))`;
    case 'none':
      return sql`false`;
  }
}

const openItems = sql<number>`(select count(*)::int from ${supervisionItems} i
  where i.supervision_id = ${supervisions.id} and i.closed_at is null)`;
const overdueOf = (today: string) => sql<number>`(select count(*)::int from ${supervisionItems} i
  where i.supervision_id = ${supervisions.id} and i.closed_at is null and i.due_on < ${today}::date)`;

function conditions(v: SupervisionVisibility, f: SupervisionFilter): SQL {
  const c: SQL[] = [visible(v)];
  if (f.id) c.push(eq(supervisions.id, f.id));
  if (f.unitId)
    c.push(sql`(${supervisions.unitId} = ${f.unitId} or exists (select 1 from ${supervisionItems} i
      where i.supervision_id = ${supervisions.id} and i.owner_unit_id = ${f.unitId}))`);
  if (f.from) c.push(sql`${supervisions.heldOn} >= ${f.from}::date`);
  if (f.to) c.push(sql`${supervisions.heldOn} <= ${f.to}::date`);
  if (f.state === 'closed') c.push(sql`${supervisions.closedAt} is not null`);
  if (f.state === 'open') c.push(and(isNull(supervisions.closedAt), sql`${openItems} > 0`)!);
  if (f.state === 'awaiting') c.push(and(isNull(supervisions.closedAt), sql`${openItems} = 0`)!);
  if (f.overdueItems === true) c.push(sql`${overdueOf(f.today)} > 0`);
  if (f.overdueItems === false) c.push(sql`${overdueOf(f.today)} = 0`);
  return and(...c)!;
}

export interface SupervisionListRow {
  s: SupervisionDbRow;
  unitName: string;
  items: number;
  openItems: number;
  overdueItems: number;
  nextDueOn: string | null;
  recordedByName: string | null;
  closedByName: string | null;
}

export async function listSupervisionRows(
  db: Executor,
  v: SupervisionVisibility,
  f: SupervisionFilter,
  page: { limit: number; offset: number },
): Promise<SupervisionListRow[]> {
  const rows = await db
    .select({
      s: supervisions,
      unitName: unit.name,
      items: sql<number>`(select count(*)::int from ${supervisionItems} i where i.supervision_id = ${supervisions.id})`,
      openItems,
      overdueItems: overdueOf(f.today),
      nextDueOn: sql<string | null>`(select min(i.due_on)::text from ${supervisionItems} i
        where i.supervision_id = ${supervisions.id} and i.closed_at is null)`,
      recordedByName: recorder.displayName,
      closedByName: closer.displayName,
    })
    .from(supervisions)
    .innerJoin(unit, eq(unit.id, supervisions.unitId))
    .leftJoin(recorder, eq(recorder.id, supervisions.recordedBy))
    .leftJoin(closer, eq(closer.id, supervisions.closedBy))
    .where(conditions(v, f))
    .orderBy(desc(supervisions.heldOn), desc(supervisions.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((r) => ({
    ...r,
    items: Number(r.items),
    openItems: Number(r.openItems),
    overdueItems: Number(r.overdueItems),
  }));
}

export async function countSupervisions(
  db: Executor,
  v: SupervisionVisibility,
  f: SupervisionFilter,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisions)
    .innerJoin(unit, eq(unit.id, supervisions.unitId))
    .where(conditions(v, f));
  return Number(rows[0]?.n ?? 0);
}

/** Whether a supervision exists at all (ignoring who may see it): 404 either way, this only tells tests apart. */
export async function supervisionExists(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: supervisions.id })
    .from(supervisions)
    .where(eq(supervisions.id, id))
    .limit(1);
  return rows.length > 0;
}

const itemOwner = alias(orgUnits, 'item_owner');
const itemCloser = alias(users, 'item_closer');
export function listItems(db: Executor, supervisionId: number) {
  return db
    .select({ i: supervisionItems, ownerUnitName: itemOwner.name, closedByName: itemCloser.displayName })
    .from(supervisionItems)
    .innerJoin(itemOwner, eq(itemOwner.id, supervisionItems.ownerUnitId))
    .leftJoin(itemCloser, eq(itemCloser.id, supervisionItems.closedBy))
    .where(eq(supervisionItems.supervisionId, supervisionId))
    .orderBy(asc(supervisionItems.dueOn), asc(supervisionItems.id));
}

/** Open items owned by a unit (with their supervision's unit), for the to-do list. */
export function listOpenItemsOwnedBy(db: Executor, unitId: number) {
  return db
    .select({ i: supervisionItems, unitName: unit.name })
    .from(supervisionItems)
    .innerJoin(supervisions, eq(supervisions.id, supervisionItems.supervisionId))
    .innerJoin(unit, eq(unit.id, supervisions.unitId))
    .where(
      and(
        eq(supervisionItems.ownerUnitId, unitId),
        isNull(supervisionItems.closedAt),
        isNull(supervisions.closedAt),
      ),
    )
    .orderBy(asc(supervisionItems.dueOn));
}

export async function lockSupervision(tx: Executor, id: number): Promise<SupervisionDbRow | null> {
  const rows = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function insertSupervision(
  tx: Executor,
  row: typeof supervisions.$inferInsert,
): Promise<SupervisionDbRow> {
  const rows = await tx.insert(supervisions).values(row).returning();
  return rows[0]!;
}

export async function insertItems(tx: Executor, rows: (typeof supervisionItems.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(supervisionItems).values(rows).returning();
}

export async function findItem(tx: Executor, supervisionId: number, itemId: number) {
  const rows = await tx
    .select()
    .from(supervisionItems)
    .where(and(eq(supervisionItems.id, itemId), eq(supervisionItems.supervisionId, supervisionId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function closeItem(
  tx: Executor,
  itemId: number,
  set: { closedAt: Date; closedBy: number; closureNote: string },
): Promise<SupervisionItemDbRow | null> {
  const rows = await tx
    .update(supervisionItems)
    .set(set)
    .where(and(eq(supervisionItems.id, itemId), isNull(supervisionItems.closedAt)))
    .returning();
  return rows[0] ?? null;
}

export async function countOpenItems(tx: Executor, supervisionId: number): Promise<number> {
  const rows = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisionItems)
    .where(and(eq(supervisionItems.supervisionId, supervisionId), isNull(supervisionItems.closedAt)));
  return Number(rows[0]?.n ?? 0);
}

export async function markSupervisionClosed(tx: Executor, id: number, at: Date, by: number) {
  await tx.update(supervisions).set({ closedAt: at, closedBy: by }).where(eq(supervisions.id, id));
}

export async function findUnits(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
}

// ---------------------------------------------------------------- files

// Files: service_files under the owner kind 'supervision' (service/service-files.repository.ts).
export const listSupervisionFiles = (db: Executor, id: number) => listServiceFiles(db, 'supervision', id);
export const insertSupervisionFile = (
  db: Executor,
  row: Omit<typeof serviceFiles.$inferInsert, 'ownerKind'>,
) => insertServiceFile(db, 'supervision', row);
export const findSupervisionFile = (db: Executor, id: number, fileId: number) =>
  findServiceFile(db, 'supervision', id, fileId);
