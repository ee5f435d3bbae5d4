import { describe, expect, it } from 'vitest';
import { chinaDayStart } from './china-calendar.js';
import { type ReplayEvent, replayRequest } from './service-replay.js';
import { PACKAGE_CALENDAR } from './workdays.js';

const cat = { acceptDays: 1, replyDays: 3, closeDays: 10 };
const at = (day: string, hour = 10) => new Date(chinaDayStart(day).getTime() + hour * 3_600_000);
const ev = (
  day: string,
  action: ReplayEvent['action'],
  toState: ReplayEvent['toState'],
  ownerUnitId: number | null = null,
): ReplayEvent => ({ at: at(day), day, action, toState, ownerUnitId });
const end = (day: string) => at(day, 24);

describe('replayRequest', () => {
  // Raised Thursday 2026-11-05, routed Friday 11-06 to unit 7, returned Monday 11-09, rerouted to unit 8
  // on Tuesday 11-10, accepted, replied and resolved on 11-12.
  const events: ReplayEvent[] = [
    ev('2026-11-05', 'raise', 'submitted'),
    ev('2026-11-06', 'route', 'pending', 7),
    ev('2026-11-09', 'return', 'returned'),
    ev('2026-11-10', 'route', 'pending', 8),
    ev('2026-11-11', 'accept', 'inProgress'),
    ev('2026-11-11', 'reply', 'inProgress'),
    ev('2026-11-12', 'resolve', 'resolved'),
  ];
  const stored = { acceptDue: '2026-11-11', replyDue: '2026-11-13', closeDue: '2026-11-20' };
  const row = { raisedAt: at('2026-11-05'), routedAt: at('2026-11-10'), deadlines: stored };

  it('is nothing before the request was raised', () => {
    expect(replayRequest(row, events, end('2026-11-04'), PACKAGE_CALENDAR, cat)).toBeNull();
  });

  it('waits on the centre with the routing clock from the day it was raised', () => {
    const r = replayRequest(row, events, end('2026-11-05'), PACKAGE_CALENDAR, cat)!;
    expect(r).toMatchObject({
      state: 'submitted',
      ownerUnitId: null,
      waitingSince: '2026-11-05',
      deadlines: null,
    });
  });

  it('recomputes the deadlines of an earlier routing that the row no longer holds', () => {
    const r = replayRequest(row, events, end('2026-11-06'), PACKAGE_CALENDAR, cat)!;
    expect(r.state).toBe('pending');
    expect(r.ownerUnitId).toBe(7);
    // Friday + 1 working day = Monday; + 3 = Wednesday; + 10 = Friday two weeks on.
    expect(r.deadlines).toEqual({ acceptDue: '2026-11-09', replyDue: '2026-11-11', closeDue: '2026-11-20' });
  });

  it('restarts the routing clock on return and keeps the owner until rerouted', () => {
    const r = replayRequest(row, events, end('2026-11-09'), PACKAGE_CALENDAR, cat)!;
    expect(r).toMatchObject({ state: 'returned', ownerUnitId: 7, waitingSince: '2026-11-09' });
  });

  it('uses the stored deadlines of the latest routing, and the first reply day', () => {
    const r = replayRequest(row, events, end('2026-11-11'), PACKAGE_CALENDAR, cat)!;
    expect(r).toMatchObject({
      state: 'inProgress',
      ownerUnitId: 8,
      deadlines: stored,
      repliedOn: '2026-11-11',
    });
    expect(r.closedAt).toBeNull();
  });

  it('is closed at the resolve step', () => {
    const r = replayRequest(row, events, end('2026-12-31'), PACKAGE_CALENDAR, cat)!;
    expect(r.state).toBe('resolved');
    expect(r.closedAt).toEqual(at('2026-11-12'));
  });
});
