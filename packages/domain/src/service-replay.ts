// A request as it stood at the end of a past day, replayed from its append-only steps (docs/domain.md
// §服务工作): the state, the owner, the deadlines then running and when it was closed. The workload report
// and `report service --as-of` read requests this way, so a past date gives the numbers of that day.
import type { RequestAction, RequestDeadlines, RequestState } from './service.js';
import { type RequestCategory, requestDeadlines } from './service.js';
import type { WorkdayCalendar } from './workdays.js';

export interface ReplayEvent {
  at: Date;
  action: RequestAction;
  toState: RequestState;
  ownerUnitId: number | null;
  /** The China date of `at` (YYYY-MM-DD). */
  day: string;
}

export interface ReplayRow {
  raisedAt: Date;
  /** The deadlines fixed at the latest routing, as stored. */
  deadlines: RequestDeadlines | null;
  routedAt: Date | null;
}

export interface RequestAsOf {
  state: RequestState;
  ownerUnitId: number | null;
  waitingSince: string;
  deadlines: RequestDeadlines | null;
  repliedOn: string | null;
  /** When it reached 已办结 or 无法解决 (the first time), or null while open. */
  closedAt: Date | null;
}

/**
 * The request at `until` (an instant: the end of the as-of day), or null when it had not been raised yet.
 * Events must be in order. Deadlines: the stored ones when the latest routing by then is the row's own,
 * else recomputed from that routing with the category's working days.
 */
export function replayRequest(
  row: ReplayRow,
  events: readonly ReplayEvent[],
  until: Date,
  cal: WorkdayCalendar,
  category: Pick<RequestCategory, 'acceptDays' | 'replyDays' | 'closeDays'>,
): RequestAsOf | null {
  const seen = events.filter((e) => e.at.getTime() <= until.getTime());
  if (seen.length === 0 || row.raisedAt.getTime() > until.getTime()) return null;
  let state: RequestState = 'submitted';
  let ownerUnitId: number | null = null;
  let waitingSince = seen[0]!.day;
  let firstRouted: ReplayEvent | null = null;
  let lastRouted: ReplayEvent | null = null;
  let repliedOn: string | null = null;
  let closedAt: Date | null = null;
  for (const e of seen) {
    state = e.toState;
    if (e.ownerUnitId !== null) ownerUnitId = e.ownerUnitId;
    if (e.action === 'raise' || e.action === 'return') waitingSince = e.day;
    if (e.action === 'route') {
      firstRouted ??= e;
      lastRouted = e;
      repliedOn = null;
    }
    if (e.action === 'reply' && repliedOn === null) repliedOn = e.day;
    if ((e.action === 'resolve' || e.action === 'unsolvable') && closedAt === null) closedAt = e.at;
  }
  let deadlines: RequestDeadlines | null = null;
  if (lastRouted && firstRouted) {
    const own = row.routedAt && row.routedAt.getTime() === lastRouted.at.getTime() && row.deadlines;
    deadlines = own || requestDeadlines(cal, category, lastRouted.day, firstRouted.day);
  }
  return { state, ownerUnitId, waitingSince, deadlines, repliedOn, closedAt };
}
