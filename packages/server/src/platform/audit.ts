// Every change to a figure, target, membership, decision, user or setting writes one audit record in the
// same transaction as the change: if this insert fails, the change rolls back with it.
// Records are chained: hash = HMAC(key, prevHash ‖ canonical record), SM3 where Node's OpenSSL has it,
// else SHA-256. The key lives outside the database, so whoever can write SQL still cannot re-chain rows.
import { createHmac, getHashes } from 'node:crypto';
import { asc, desc, gt, lt, sql } from 'drizzle-orm';
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

/** A MAC over any text with the audit key (signed checkpoints use it). */
export function auditMac(text: string, key: Buffer = requireKey()): string {
  return createHmac(AUDIT_ALGORITHM, key).update('checkpoint\n').update(text).digest('hex');
}

/** A run of records that a signed checkpoint says existed and the database no longer holds. */
export interface MissingRange {
  where: 'head' | 'middle' | 'tail';
  /** Ids in [fromId, toId] are gone (ids are not dense: a rolled-back transaction also skips one). */
  fromId: number;
  toId: number;
}

/** What the chain is compared against: the latest signed checkpoint kept outside the database. */
export interface ChainExpectation {
  firstId: number | null;
  firstPrevHash: string | null;
  lastId: number | null;
  lastHash: string | null;
  count: number;
  anchors: [number, string][];
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  algorithm: string;
  firstId: number | null;
  lastId: number | null;
  /** The first record whose hash or link does not match. */
  broken: { id: number; reason: 'hash' | 'link' } | null;
  /** Records the checkpoint vouches for that are gone, and how many in all. */
  missing: MissingRange[];
  missingCount: number;
}

type Row = typeof auditLog.$inferSelect;

/**
 * Walks the chain in id order. Without a checkpoint the first remaining record is trusted as the anchor
 * (older ones may have been purged after the retention period). With one, the head, the tail, the count
 * up to its last record and its anchors must all still be there: a deletion anywhere is named.
 */
export async function verifyAuditChain(
  db: Executor,
  opts: { expect?: ChainExpectation | null; batchSize?: number } = {},
): Promise<VerifyResult> {
  const key = requireKey();
  const batchSize = opts.batchSize ?? 5000;
  const cp = opts.expect ?? null;
  const anchors = new Map<number, string>(cp?.anchors ?? []);
  if (cp?.lastId != null && cp.lastHash) anchors.set(cp.lastId, cp.lastHash);
  const seenAnchors = new Set<number>();
  let count = 0;
  let countUpToCheckpoint = 0;
  let prev: Row | null = null;
  let firstId: number | null = null;
  let broken: VerifyResult['broken'] = null;
  const missing: MissingRange[] = [];
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
      if (chainHash(r.prevHash, r, key) !== r.hash) {
        return {
          ok: false,
          count,
          algorithm: AUDIT_ALGORITHM,
          firstId,
          lastId: r.id,
          broken: { id: r.id, reason: 'hash' },
          missing,
          missingCount: 0,
        };
      }
      if (prev !== null && r.prevHash !== prev.hash) {
        broken ??= { id: r.id, reason: 'link' };
        missing.push({ where: 'middle', fromId: prev.id + 1, toId: r.id - 1 });
      }
      const anchor = anchors.get(r.id);
      if (anchor !== undefined) {
        seenAnchors.add(r.id);
        if (anchor !== r.hash) broken ??= { id: r.id, reason: 'hash' };
      }
      if (cp?.lastId != null && r.id <= cp.lastId) countUpToCheckpoint++;
      prev = r;
      lastId = r.id;
      count++;
    }
  }
  if (cp) {
    // The head: the oldest record the checkpoint knows must still be the oldest one.
    if (cp.firstId !== null && (firstId === null || firstId > cp.firstId)) {
      const to = Math.min(firstId === null ? (cp.lastId ?? cp.firstId) : firstId - 1, cp.lastId ?? Infinity);
      missing.unshift({ where: 'head', fromId: cp.firstId, toId: to });
    }
    // The tail: the last record at the checkpoint must still be there.
    if (cp.lastId !== null && (count === 0 || lastId < cp.lastId)) {
      const from = count === 0 ? (cp.firstId ?? cp.lastId) : lastId + 1;
      if (!missing.some((m) => m.where === 'head' && m.toId >= cp.lastId!))
        missing.push({ where: 'tail', fromId: from, toId: cp.lastId });
    }
    // Anchors (the last records of earlier checkpoints) between remaining records: re-chained deletions.
    for (const [id] of anchors) {
      if (seenAnchors.has(id) || id > lastId || firstId === null || id < firstId) continue;
      if (missing.some((m) => m.fromId <= id && id <= m.toId)) continue;
      const below = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(lt(auditLog.id, id))
        .orderBy(desc(auditLog.id))
        .limit(1);
      const above = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(gt(auditLog.id, id))
        .orderBy(asc(auditLog.id))
        .limit(1);
      missing.push({ where: 'middle', fromId: (below[0]?.id ?? 0) + 1, toId: (above[0]?.id ?? id + 1) - 1 });
    }
    missing.sort((a, b) => a.fromId - b.fromId);
  }
  const missingCount = cp ? Math.max(0, cp.count - countUpToCheckpoint) : 0;
  return {
    ok: broken === null && missing.length === 0 && missingCount === 0,
    count,
    algorithm: AUDIT_ALGORITHM,
    firstId,
    lastId: count ? lastId : null,
    broken,
    missing,
    missingCount,
  };
}
