// Signed checkpoints of the audit trail, kept OUTSIDE the database: the last record's id and hash, the
// oldest record, how many records exist up to the last one, and the tails of earlier checkpoints. Whoever
// can write SQL (and bypass the append-only trigger) can delete records without breaking the HMAC of
// what remains; they cannot make the database agree with a checkpoint they cannot sign (the key is not
// in the database either). `shenggui audit verify` compares the two — see docs/ARCHITECTURE.md.
//
// Counting is incremental: each checkpoint adds the records after the previous one's last id to the
// previous count, so a deletion made while the server was down is carried forward, not laundered.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { AUDIT_ALGORITHM, auditMac, type ChainExpectation, canonicalJson } from './audit.js';

export type CheckpointReason =
  | 'start'
  | 'interval'
  | 'shutdown'
  | 'command'
  | 'purge'
  | 'download'
  | 'restore';

export interface AuditCheckpoint extends ChainExpectation {
  version: 1;
  algorithm: string;
  at: string;
  reason: CheckpointReason;
  mac: string;
}

/** How many earlier tails a checkpoint keeps (one a minute while records are written: a day). */
const MAX_ANCHORS = 1440;

export class CheckpointInvalidError extends Error {
  constructor(readonly file: string) {
    super(`审计检查点签名不符（文件被改动，或密钥不是签发时的密钥）：${file}`);
  }
}

function sign(body: Omit<AuditCheckpoint, 'mac'>): AuditCheckpoint {
  return { ...body, mac: auditMac(canonicalJson(body)) };
}

/** Parses and checks the signature; throws CheckpointInvalidError when either fails. */
export function parseCheckpoint(text: string, origin: string): AuditCheckpoint {
  let parsed: AuditCheckpoint;
  try {
    parsed = JSON.parse(text) as AuditCheckpoint;
  } catch {
    throw new CheckpointInvalidError(origin);
  }
  const { mac, ...body } = parsed;
  if (typeof mac !== 'string' || parsed.version !== 1 || auditMac(canonicalJson(body)) !== mac)
    throw new CheckpointInvalidError(origin);
  return parsed;
}

/** The checkpoint in a file, or null when there is none yet. */
export function readCheckpoint(file: string): AuditCheckpoint | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return parseCheckpoint(text, file);
}

/** Write to a temporary file, flush, rename: a crash leaves the old checkpoint or the new one, never half. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

type Head = {
  last_id: string | number;
  last_hash: string;
  first_id: string | number;
  first_prev: string;
  n: string | number;
};

/** A new checkpoint continuing `previous` (or from scratch when there is none). */
export async function takeCheckpoint(
  db: Executor,
  previous: AuditCheckpoint | null,
  reason: CheckpointReason,
  now: Date,
): Promise<AuditCheckpoint> {
  const after = previous?.lastId ?? 0;
  // One statement: one snapshot of the table.
  const result = await db.execute<Head>(sql`
    with l as (select id, hash from audit_log order by id desc limit 1),
         f as (select id, prev_hash from audit_log order by id asc limit 1)
    select l.id as last_id, l.hash as last_hash, f.id as first_id, f.prev_hash as first_prev,
           (select count(*) from audit_log a where a.id > ${after} and a.id <= l.id) as n
    from l cross join f`);
  const row = (result as unknown as { rows: Head[] }).rows[0];
  const base = { version: 1 as const, algorithm: AUDIT_ALGORITHM, at: now.toISOString(), reason };
  if (previous) {
    const { mac: _mac, ...kept } = previous;
    // Nothing after the previous checkpoint (or its tail was deleted): it still vouches for what it knew.
    if (!row || Number(row.last_id) <= after) return sign({ ...kept, ...base });
    const anchors: [number, string][] =
      previous.lastId !== null && previous.lastHash !== null
        ? [...previous.anchors, [previous.lastId, previous.lastHash] as [number, string]].slice(-MAX_ANCHORS)
        : previous.anchors;
    return sign({
      ...base,
      firstId: previous.firstId ?? Number(row.first_id),
      firstPrevHash: previous.firstPrevHash ?? row.first_prev,
      lastId: Number(row.last_id),
      lastHash: row.last_hash,
      count: previous.count + Number(row.n),
      anchors,
    });
  }
  if (!row)
    return sign({
      ...base,
      firstId: null,
      firstPrevHash: null,
      lastId: null,
      lastHash: null,
      count: 0,
      anchors: [],
    });
  return sign({
    ...base,
    firstId: Number(row.first_id),
    firstPrevHash: row.first_prev,
    lastId: Number(row.last_id),
    lastHash: row.last_hash,
    count: Number(row.n),
    anchors: [],
  });
}

/**
 * After a retention purge (in the purge's own transaction): the new head, the count less what was
 * deleted, anchors older than the new head dropped. A legitimate purge is then not a deletion.
 */
export async function checkpointAfterPurge(
  db: Executor,
  previous: AuditCheckpoint | null,
  deletedIds: number[],
  now: Date,
): Promise<AuditCheckpoint> {
  const next = await takeCheckpoint(db, previous, 'purge', now);
  if (!previous) return next;
  const first = await db.execute<{ id: string | number; prev_hash: string }>(
    sql`select id, prev_hash from audit_log order by id asc limit 1`,
  );
  const head = (first as unknown as { rows: { id: string | number; prev_hash: string }[] }).rows[0];
  const { mac: _mac, ...body } = next;
  const purged = new Set(deletedIds);
  const firstId = head ? Number(head.id) : null;
  return sign({
    ...body,
    firstId,
    firstPrevHash: head?.prev_hash ?? null,
    // Only deletions the previous checkpoint had counted come off (later ones were never added).
    count: next.count - deletedIds.filter((id) => id <= (previous.lastId ?? 0)).length,
    anchors: body.anchors.filter(([id]) => firstId !== null && id >= firstId && !purged.has(id)),
  });
}

/** Writes the checkpoint file of one deployment: on a timer, on shutdown, after a purge, on demand. */
export class AuditCheckpointer {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Executor,
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Takes and writes a checkpoint; writes are serialised so a slow one never overtakes a later one. */
  write(reason: CheckpointReason): Promise<AuditCheckpoint> {
    const run = this.chain.then(async () => {
      const next = await takeCheckpoint(this.db, readCheckpoint(this.file), reason, this.now());
      writeFileAtomic(this.file, `${JSON.stringify(next, null, 1)}\n`);
      return next;
    });
    this.chain = run.catch(() => {});
    return run;
  }

  /** Every `intervalMs` (a minute by default); errors go to `onError` and the timer keeps going. */
  start(onError: (e: Error) => void, intervalMs = 60_000): void {
    this.timer = setInterval(() => {
      this.write('interval').catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes the shutdown checkpoint. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.write('shutdown');
  }
}
