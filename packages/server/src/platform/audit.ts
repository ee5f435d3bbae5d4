// Every change to a figure, target, membership, decision, user or setting writes one audit record in the
// same transaction as the change: if this insert fails, the change rolls back with it.
// Records are chained: hash = HMAC(key, prevHash ‖ canonical record), SM3 where Node's OpenSSL has it,
// else SHA-256. The key lives outside the database, so whoever can write SQL still cannot re-chain rows.
import { createHmac, getHashes } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import type { RequestContext } from './context.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  enterpriseId?: number | null;
  before?: unknown;
  after?: unknown;
  /** The account the record is about when nobody is signed in yet (sign-in attempts on a known user). */
  actor?: { userId: number; unitId: number };
}

export const AUDIT_ALGORITHM: 'sm3' | 'sha256' = getHashes().includes('sm3') ? 'sm3' : 'sha256';
export const GENESIS_HASH = '0'.repeat(64);
const LOCK_KEY = 7_274_001; // serialises chain appends across connections

let auditKey: Buffer | null = null;

/** Set once at start-up (server, command line, tests) from the key file or environment. */
export function configureAuditKey(key: Buffer): void {
  if (key.length < 16) throw new Error('audit key too short');
  auditKey = key;
}

function requireKey(): Buffer {
  if (!auditKey) throw new Error('audit key not configured');
  return auditKey;
}

/** JSON with object keys sorted at every level: jsonb reorders keys, so the hash must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Values as jsonb will give them back (dates become strings, undefined disappears). */
function jsonbValue(v: unknown): unknown {
  return v === undefined || v === null ? null : JSON.parse(JSON.stringify(v));
}

type ChainedFields = {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorUnitId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  enterpriseId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

export function chainHash(prevHash: string, r: ChainedFields, key: Buffer = requireKey()): string {
  const payload = canonicalJson([
    r.id,
    r.at.toISOString(),
    r.actorUserId,
    r.actorUnitId,
    r.action,
    r.entityType,
    r.entityId,
    r.enterpriseId,
    r.before,
    r.after,
    r.requestId,
    r.ip,
  ]);
  return createHmac(AUDIT_ALGORITHM, key).update(prevHash).update('\n').update(payload).digest('hex');
}

function isTransaction(db: Executor): db is Tx {
  return typeof (db as Partial<Tx>).rollback === 'function';
}

export async function recordAudit(db: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  if (!isTransaction(db)) {
    // The chain lock is transaction-scoped: a lone record gets a transaction of its own.
    await db.transaction((tx) => recordAudit(tx, ctx, entry));
    return;
  }
  const key = requireKey();
  await db.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
  const last = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const idRows = await db.execute<{ id: string | number }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`,
  );
  const row: ChainedFields = {
    id: Number((idRows as unknown as { rows: { id: string | number }[] }).rows[0]!.id),
    at: ctx.now,
    actorUserId: ctx.actor?.id ?? entry.actor?.userId ?? null,
    actorUnitId: ctx.actor?.unit.id ?? entry.actor?.unitId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    enterpriseId: entry.enterpriseId ?? null,
    before: jsonbValue(entry.before),
    after: jsonbValue(entry.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  await db.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row, key) });
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  algorithm: string;
  firstId: number | null;
  lastId: number | null;
  /** The first record whose hash or link does not match. */
  broken: { id: number; reason: 'hash' | 'link' } | null;
}

/**
 * Walks the chain in id order. The first remaining record is trusted as the anchor (older ones may have
 * been purged after the retention period); every later record must link to its predecessor and hash right.
 */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<VerifyResult> {
  const key = requireKey();
  let count = 0;
  let prev: string | null = null;
  let firstId: number | null = null;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      firstId ??= r.id;
      if (prev !== null && r.prevHash !== prev) {
        return {
          ok: false,
          count,
          algorithm: AUDIT_ALGORITHM,
          firstId,
          lastId: r.id,
          broken: { id: r.id, reason: 'link' },
        };
      }
      if (chainHash(r.prevHash, r, key) !== r.hash) {
        return {
          ok: false,
          count,
          algorithm: AUDIT_ALGORITHM,
          firstId,
          lastId: r.id,
          broken: { id: r.id, reason: 'hash' },
        };
      }
      prev = r.hash;
      lastId = r.id;
      count++;
    }
  }
  return {
    ok: true,
    count,
    algorithm: AUDIT_ALGORITHM,
    firstId,
    lastId: count ? lastId : null,
    broken: null,
  };
}
