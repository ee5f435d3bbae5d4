import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRequestEvents, serviceRequests } from '../../db/schema-service.js';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { listAllRequests } from '../request/request.service.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
// The demo is built relative to today: this one is opened on 2 December 2026.
const clock = new FakeClock(Date.parse('2026-12-02T10:00:00+08:00'));

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
}, 300_000);
afterAll(() => database.close());

describe('the demo year of requests', () => {
  it('holds a believable year: mostly closed and evaluated, a few returned, unsolvable, red and yellow today', async () => {
    const all = await listAllRequests(database.db, systemContext(clock.now()), {});
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.length).toBeLessThanOrEqual(90);
    const count = (state: string) => all.filter((r) => r.state === state).length;
    expect(count('evaluated')).toBeGreaterThan(all.length / 2);
    expect(count('unsolvable')).toBeGreaterThanOrEqual(1);
    expect(count('unsolvable')).toBeLessThanOrEqual(2);
    expect(count('resolved')).toBeGreaterThanOrEqual(1);
    const red = all.filter((r) => r.light === 'red');
    expect(red.length).toBeGreaterThanOrEqual(4);
    expect(red.length).toBeLessThanOrEqual(8);
    expect(all.filter((r) => r.light === 'yellow').length).toBeGreaterThanOrEqual(2);
    const sat = (s: string) => all.filter((r) => r.satisfaction === s).length;
    expect(sat('satisfied') + sat('basic')).toBeGreaterThan(sat('unsatisfied') * 4);
    expect(sat('unsatisfied')).toBeGreaterThan(0);
    expect(new Set(all.map((r) => r.category)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((r) => r.ownerUnitName)).size).toBeGreaterThanOrEqual(4);
    // Every date within this year, up to now.
    for (const r of all) {
      expect(r.raisedAt >= '2025-12-31T16:00:00.000Z').toBe(true);
      expect(Date.parse(r.raisedAt)).toBeLessThanOrEqual(clock.now().getTime());
    }
    const returned = await database.db
      .select({ n: sql<number>`count(distinct ${serviceRequestEvents.requestId})::int` })
      .from(serviceRequestEvents)
      .where(sql`${serviceRequestEvents.action} = 'return'`);
    expect(returned[0]!.n).toBeGreaterThanOrEqual(2);
    const late = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRequests)
      .where(
        sql`${serviceRequests.closedAt} is not null and (${serviceRequests.closedAt} + interval '8 hours')::date > ${serviceRequests.closeDue}`,
      );
    expect(late[0]!.n).toBeGreaterThan(0);
  });
});
