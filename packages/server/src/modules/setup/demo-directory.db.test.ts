// The demo county in the database, opened on 2 December 2026 (the demo is built relative to today): its
// directory history, declarations, and the year's service work — leads, visits and requests (demo-visits.ts,
// demo-requests.ts). One set-up for all of them: it takes a while.
import { countyUnitSeeds, daysBetween, isWorkday, type Role } from '@shenggui/domain';
import { asc, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, importBatches, orgUnits, revenueFacts, users } from '../../db/schema.js';
import { declarations } from '../../db/schema-declaration.js';
import { directoryEvents } from '../../db/schema-progress.js';
import {
  firmLeads,
  serviceRequestEvents,
  serviceRequests,
  visitOfficials,
  visits,
} from '../../db/schema-service.js';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { transitionDeclaration } from '../declaration/declaration.service.js';
import { generateDemoPopulation } from '../demo/demo-population.js';
import { listDirectoryEvents } from '../directory/directory.service.js';
import { listAllLeads } from '../lead/lead.service.js';
import { getProgressReport } from '../progress/progress.service.js';
import { listAllRequests } from '../request/request.service.js';
import { loadWorkdayCalendar } from '../service/service-settings.js';
import { getDemo } from '../settings/settings.service.js';
import { listTodo } from '../todo/todo.service.js';
import { type DemoUser, demoUserContext } from './demo-declarations.js';
import { demoDirectoryEvents, insertDemoDirectoryEvents } from './demo-directory.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
// The demo is built relative to today: this one is opened on 2 December 2026.
const clock = new FakeClock(Date.parse('2026-12-02T10:00:00+08:00'));
const today = '2026-12-02';

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
}, 300_000); // about 30 s on a quiet machine: the whole demo set-up
afterAll(() => database.close());

describe('the demo directory in the database', () => {
  it('inserts the events of the demo population and the 2024 board shows progress against the seed targets', async () => {
    const db = database.db;
    const ctx = systemContext(clock.now());
    const townships = countyUnitSeeds(COUNTY)
      .filter((u) => u.kind === 'township')
      .map((u) => ({ code: u.code, name: u.name }));
    const population = generateDemoPopulation({ countyCode6: COUNTY, townships, lastPeriod: '2026-11' });
    const rows = await db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode })
      .from(enterprises)
      .orderBy(asc(enterprises.id));
    const idOf = new Map(rows.map((r) => [r.creditCode, r.id]));
    const batch = (await db.select().from(importBatches).limit(1))[0]!;
    // Once set-up calls insertDemoDirectoryEvents itself, the events are already there.
    const existing = await db.select({ id: directoryEvents.id }).from(directoryEvents).limit(1);
    if (existing.length === 0) {
      const n = await db.transaction((tx) =>
        insertDemoDirectoryEvents(tx, ctx, {
          enterpriseIds: population.map((p) => idOf.get(p.creditCode)!),
          population,
          importBatchId: batch.id,
          recordedBy: null,
        }),
      );
      expect(n).toBeGreaterThan(20);
    }
    // The demo's history as one import; the entries of this year's batches came through declarations.
    const imported = await db
      .select({ id: directoryEvents.id })
      .from(directoryEvents)
      .where(eq(directoryEvents.importBatchId, batch.id));
    expect(imported.length).toBe(demoDirectoryEvents(population).length);
    const report = await getProgressReport(db, ctx, { year: 2024, asOf: '2024-12-31' });
    expect(report.county).toMatchObject({ cityTarget: 8, territorialTarget: 10, supervisingTarget: 10 });
    expect(report.county.net).toBeGreaterThan(0);
    expect(report.dimensions.territorial.reduce((s, r) => s + r.net, 0)).toBe(report.county.net);
    expect(report.dimensions.supervising.reduce((s, r) => s + r.net, 0)).toBe(report.county.net);
    const mid = await getProgressReport(db, ctx, { year: 2024, asOf: '2024-06-30' });
    expect(mid.county.entered).toBeLessThanOrEqual(report.county.entered);
  }, 120_000);
});

describe('the demo opened on 2 December 2026', () => {
  it('has figures up to November 2026 and directory records by the statistics bureau’s demo user', async () => {
    const db = database.db;
    const [last] = await db.select({ p: max(revenueFacts.period) }).from(revenueFacts);
    expect(last?.p).toBe('2026-11');
    const ctx = systemContext(clock.now());
    const events = await listDirectoryEvents(db, ctx, { page: 1, pageSize: 50 });
    expect(events.items.length).toBeGreaterThan(0);
    for (const e of events.items) expect(e.recordedByName).toBe('杨帆（县统计局）');
  });

  it('runs the 2026 batches: declarations in several states, entries recorded from the closed batch', async () => {
    const db = database.db;
    const rows = await db
      .select({
        batch: declarations.batch,
        state: declarations.state,
        eventId: declarations.directoryEventId,
      })
      .from(declarations);
    const states = new Set(rows.map((r) => r.state));
    for (const s of ['preparing', 'township_review', 'centre_review', 'submitted', 'entered'])
      expect(states, s).toContain(s);
    // The November batch (deadline 20 November) has been decided; the December batch is still open.
    expect(
      rows.filter((r) => r.batch === 'dec').every((r) => !['submitted', 'entered'].includes(r.state)),
    ).toBe(true);
    const entered = await db.select().from(declarations).where(isNotNull(declarations.directoryEventId));
    expect(entered.length).toBe(rows.filter((r) => r.state === 'entered').length);
  });

  it('shows a live 2026 board: targets set, entries so far, the target not yet reached', async () => {
    const report = await getProgressReport(database.db, systemContext(clock.now()), { year: 2026 });
    expect(report.county.cityTarget).toBeGreaterThan(0);
    expect(report.county.entered).toBeGreaterThan(0);
    expect(report.county.net).toBeLessThan(report.county.cityTarget!);
    expect(report.dimensions.territorial.some((r) => r.target !== null)).toBe(true);
  });
});

describe('the demo has a reviewer in every township, department and zone with a demo user', () => {
  it('lists a second user of each such unit on the sign-in page, who passes a declaration the first prepared', async () => {
    const db = database.db;
    const demo = await getDemo(db);
    const accounts = demo.accounts;
    const preparers = accounts.filter((a) =>
      ['xiushui', 'nanlou', 'gongxin', 'kaifaqu'].includes(a.username),
    );
    expect(preparers).toHaveLength(4);
    for (const p of preparers) {
      const reviewer = accounts.find((a) => a.username === `${p.username}-shenhe`);
      expect(reviewer, p.username).toMatchObject({ unitName: p.unitName, roleLabel: p.roleLabel });
    }
    // A declaration waiting for its 乡镇/部门 review, prepared by a unit's first demo user: the preparer is
    // refused, the unit's second user passes it.
    const waiting = await db
      .select({ id: declarations.id, createdBy: declarations.createdBy })
      .from(declarations)
      .where(eq(declarations.state, 'township_review'));
    const preparerUsers = await db.select().from(users);
    const byId = new Map(preparerUsers.map((u) => [u.id, u]));
    const d = waiting.find((w) => w.createdBy !== null && byId.has(w.createdBy));
    expect(d).toBeDefined();
    const preparer = byId.get(d!.createdBy!)!;
    const reviewer = preparerUsers.find((u) => u.username === `${preparer.username}-shenhe`);
    expect(reviewer, preparer.username).toBeDefined();
    const asUser = async (u: typeof preparer): Promise<DemoUser> => {
      const unit = (await db.select().from(orgUnits).where(eq(orgUnits.id, u.unitId)))[0]!;
      return { id: u.id, username: u.username, displayName: u.displayName, role: u.roles[0] as Role, unit };
    };
    const now = clock.now();
    await expect(
      transitionDeclaration(db, demoUserContext(await asUser(preparer), now), d!.id, {
        to: 'centre_review',
        comment: '自己审核自己',
      }),
    ).rejects.toThrow();
    const moved = await transitionDeclaration(db, demoUserContext(await asUser(reviewer!), now), d!.id, {
      to: 'centre_review',
      comment: '材料齐全，同意报送中心审核',
    });
    expect(moved.state).toBe('centre_review');
  });
});

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
