// The only SQL of the review list: directory events with the declaration that created them (if any),
// overrides of blocking checks, and withdrawals. Every query goes through the firm's data scope.
import type { DataScope } from '@shenggui/domain';
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { enterprises, orgUnits, users } from '../../db/schema.js';
import { declarationOverrides, declarations, declarationTransitions } from '../../db/schema-declaration.js';
import { directoryEvents } from '../../db/schema-progress.js';
import { enterpriseInScope } from '../../db/scope.js';

const township = alias(orgUnits, 'township');

const firmColumns = {
  enterpriseId: enterprises.id,
  enterpriseName: enterprises.name,
  creditCode: enterprises.creditCode,
  townshipName: township.name,
};

/** Valid directory events whose approval falls in the year (all years when null), with their declaration. */
export function listReviewEvents(db: Executor, scope: DataScope, year: number | null) {
  const c: SQL[] = [enterpriseInScope(scope), isNull(directoryEvents.voidedAt)];
  if (year)
    c.push(
      sql`${directoryEvents.approvalDate} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
    );
  return db
    .select({
      ...firmColumns,
      e: directoryEvents,
      recordedByName: users.displayName,
      declarationId: declarations.id,
    })
    .from(directoryEvents)
    .innerJoin(enterprises, eq(enterprises.id, directoryEvents.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .leftJoin(users, eq(users.id, directoryEvents.recordedBy))
    .leftJoin(declarations, eq(declarations.directoryEventId, directoryEvents.id))
    .where(and(...c))
    .orderBy(desc(directoryEvents.recordedAt), desc(directoryEvents.id));
}

/** Overrides of blocking checks on declarations of the year (all years when null). */
export function listReviewOverrides(db: Executor, scope: DataScope, year: number | null) {
  const c: SQL[] = [enterpriseInScope(scope)];
  if (year) c.push(eq(declarations.year, year));
  return db
    .select({
      ...firmColumns,
      o: declarationOverrides,
      declarationId: declarations.id,
      batchName: declarations.batchName,
      actorName: users.displayName,
    })
    .from(declarationOverrides)
    .innerJoin(declarations, eq(declarations.id, declarationOverrides.declarationId))
    .innerJoin(enterprises, eq(enterprises.id, declarations.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .leftJoin(users, eq(users.id, declarationOverrides.actorId))
    .where(and(...c))
    .orderBy(desc(declarationOverrides.at), desc(declarationOverrides.id));
}

/** Withdrawals (the transition into `withdrawn`) of declarations of the year (all years when null). */
export function listReviewWithdrawals(db: Executor, scope: DataScope, year: number | null) {
  const c: SQL[] = [enterpriseInScope(scope), eq(declarationTransitions.toState, 'withdrawn')];
  if (year) c.push(eq(declarations.year, year));
  return db
    .select({
      ...firmColumns,
      t: declarationTransitions,
      declarationId: declarations.id,
      batchName: declarations.batchName,
      mode: declarations.mode,
      actorName: users.displayName,
    })
    .from(declarationTransitions)
    .innerJoin(declarations, eq(declarations.id, declarationTransitions.declarationId))
    .innerJoin(enterprises, eq(enterprises.id, declarations.enterpriseId))
    .innerJoin(township, eq(township.id, enterprises.townshipId))
    .leftJoin(users, eq(users.id, declarationTransitions.actorId))
    .where(and(...c))
    .orderBy(desc(declarationTransitions.at), desc(declarationTransitions.id));
}
