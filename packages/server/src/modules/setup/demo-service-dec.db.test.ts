// The demo's leads, visits and requests, made through the services at set-up (demo-visits.ts,
// demo-requests.ts): one demo county opened on 2 December 2026 for both (each set-up takes a while).

import { daysBetween, isWorkday } from '@shenggui/domain';
import { eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, users } from '../../db/schema.js';
import {
  firmLeads,
  serviceRequestEvents,
  serviceRequests,
  visitOfficials,
  visits,
} from '../../db/schema-service.js';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { listAllLeads } from '../lead/lead.service.js';
import { listAllRequests } from '../request/request.service.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';
import { listTodo } from '../todo/todo.service.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
// The demo is built relative to today: this one is opened on 2 December 2026.
const clock = new FakeClock(Date.parse('2026-12-02T10:00:00+08:00'));
const today = '2026-12-02';

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
}, 300_000);
afterAll(() => database.close());

async function demoUser(username: string): Promise<DemoUser> {
  const db = database.db;
  const [u] = await db.select().from(users).where(eq(users.username, username));
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, u!.unitId));
  return {
    id: u!.id,
    username,
    displayName: u!.displayName,
    role: u!.roles[0] as DemoUser['role'],
    unit: { id: unit!.id, code: unit!.code, name: unit!.name, kind: unit!.kind, path: unit!.path },
  };
}

describe('the demo leads and visits', () => {
  it('leads about nine in ten library firms; the rest are on the centre to-do', async () => {
    const centre = demoUserContext(await demoUser('zhongxin'), clock.now());
    const { items } = await listAllLeads(database.db, centre, {});
    expect(items.length).toBeGreaterThan(20);
    const led = items.filter((i) => i.lead !== null);
    expect(led.length / items.length).toBeGreaterThan(0.85);
    expect(led.length).toBeLessThan(items.length);
    expect(led.every((i) => i.lead!.unitId === i.suggested.unitId)).toBe(true);
    const todo = await listTodo(database.db, centre);
    expect(todo.items.find((i) => i.kind === 'lead')?.count).toBe(items.length - led.length);
    const open = await database.db.select().from(firmLeads).where(isNull(firmLeads.endedAt));
    expect(open.length).toBe(led.length);
  });

  it('holds a believable year of visits: this year up to today, varied, some voided, some with two units', async () => {
    const db = database.db;
    const all = await db.select().from(visits);
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.length).toBeLessThanOrEqual(250);
    expect(all.every((v) => v.visitedOn >= '2026-01-01' && v.visitedOn <= today)).toBe(true);
    // Officials visit on working days (the Chinese calendar with 调休).
    const calendar = await loadWorkdayCalendar(db);
    expect(all.filter((v) => !isWorkday(calendar, v.visitedOn)).map((v) => v.visitedOn)).toEqual([]);
    expect(new Set(all.map((v) => v.purpose)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((v) => v.findings)).size).toBeGreaterThan(all.length / 2);
    expect(all.some((v) => /test|测试/i.test(v.findings))).toBe(false);
    const voided = await db.select().from(visits).where(isNotNull(visits.voidedAt));
    expect(voided.length).toBeGreaterThanOrEqual(3);
    const officials = await db.select().from(visitOfficials);
    const unitsPerVisit = new Map<number, Set<number>>();
    for (const o of officials)
      unitsPerVisit.set(o.visitId, (unitsPerVisit.get(o.visitId) ?? new Set()).add(o.unitId));
    expect([...unitsPerVisit.values()].filter((s) => s.size >= 2).length).toBeGreaterThanOrEqual(3);
    // A firm visited by two units within a week (what the 近30天走访 panel shows).
    const valid = all.filter((v) => v.voidedAt === null);
    const close = valid.some((a) =>
      valid.some(
        (b) =>
          a.enterpriseId === b.enterpriseId &&
          a.recordedUnitId !== b.recordedUnitId &&
          b.visitedOn >= a.visitedOn &&
          daysBetween(a.visitedOn, b.visitedOn) <= 7,
      ),
    );
    expect(close).toBe(true);
    // No requests are raised by this demo.
    const raised = await db.select().from(serviceRequests).where(isNotNull(serviceRequests.visitId));
    expect(raised).toHaveLength(0);
  });
});

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
