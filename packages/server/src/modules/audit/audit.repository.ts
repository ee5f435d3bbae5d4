// Reading the audit trail (writing is platform/audit.ts). Only the auditor reads it, within their tree.
import { and, desc, eq, gte, ilike, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { auditLog, enterprises, orgUnits, users } from '../../db/schema.js';

export interface AuditFilter {
  actor?: string | undefined;
  enterprise?: string | undefined;
  enterpriseId?: number | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const actorUnit = alias(orgUnits, 'actor_unit');

function conditions(pathPrefix: string, f: AuditFilter): SQL {
  // Records of actors outside the tree are hidden; records without an actor (system, failed sign-ins) show.
  const c: SQL[] = [or(sql`${auditLog.actorUnitId} is null`, like(actorUnit.path, `${pathPrefix}%`))!];
  const esc = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  if (f.actor) c.push(or(ilike(users.username, esc(f.actor)), ilike(users.displayName, esc(f.actor)))!);
  if (f.enterpriseId) c.push(eq(auditLog.enterpriseId, f.enterpriseId));
  if (f.enterprise)
    c.push(or(ilike(enterprises.name, esc(f.enterprise)), ilike(enterprises.creditCode, esc(f.enterprise)))!);
  if (f.action) c.push(like(auditLog.action, `${f.action.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  if (f.from) c.push(gte(auditLog.at, f.from));
  if (f.to) c.push(lt(auditLog.at, f.to));
  return and(...c)!;
}

function base(db: Executor) {
  return db
    .select({
      a: auditLog,
      actorUsername: users.username,
      actorName: users.displayName,
      actorUnitName: actorUnit.name,
      enterpriseName: enterprises.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(actorUnit, eq(actorUnit.id, auditLog.actorUnitId))
    .leftJoin(enterprises, eq(enterprises.id, auditLog.enterpriseId));
}

export function searchAudit(db: Executor, pathPrefix: string, f: AuditFilter, limit: number, offset: number) {
  return base(db).where(conditions(pathPrefix, f)).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
}

export async function countAudit(db: Executor, pathPrefix: string, f: AuditFilter): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(actorUnit, eq(actorUnit.id, auditLog.actorUnitId))
    .leftJoin(enterprises, eq(enterprises.id, auditLog.enterpriseId))
    .where(conditions(pathPrefix, f));
  return rows[0]?.n ?? 0;
}

/** Retention purge: the trigger lets DELETE through only for rows older than 180 days, when asked for. */
export async function deleteAuditBefore(tx: Executor, before: Date): Promise<number[]> {
  await tx.execute(sql`set local shenggui.audit_purge = 'on'`);
  const rows = await tx.delete(auditLog).where(lt(auditLog.at, before)).returning({ id: auditLog.id });
  await tx.execute(sql`set local shenggui.audit_purge = 'off'`);
  return rows.map((r) => r.id);
}
