// The demo's help plans, supervisions, trainings and coverage, made through the services at set-up
// (demo-help.ts, demo-training.ts): one demo county opened on 20 November 2026 for all of them.

import { chinaDate, currentPlanYear } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { listHelpPlans } from '../help-plan/help-plan.service.js';
import { serviceCoverage } from '../service-coverage/coverage.service.js';
import { getSupervision, listSupervisions } from '../supervision/supervision.service.js';
import { getTraining, listTrainings } from '../training/training.service.js';
import { demoPerson } from './demo-training.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
// The demo is built relative to today (like demo-directory.db.test.ts): opened on a fixed late-November day so
// the year has room for plans, reviews and supervisions whatever SHENGGUI_FAKE_NOW says.
const clock = new FakeClock(Date.parse('2026-11-20T10:00:00+08:00'));
const year = currentPlanYear(clock.now());

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
}, 300_000);
afterAll(() => database.close());

const county = () => ({ ...systemContext(clock.now()), permissions: new Set(['service:read' as const]) });

describe('the demo help plans and supervisions', () => {
  it('this year: most at-risk firms have a plan with reviews, one is without, one review is overdue', async () => {
    const page = await listHelpPlans(database.db, county(), { year, page: 1, pageSize: 200 });
    expect(page.summary.atRisk).toBeGreaterThan(1);
    expect(page.summary.withoutPlan).toBe(1);
    expect(page.summary.withPlan).toBe(page.summary.atRisk - 1);
    const plans = page.items.flatMap((r) => (r.plan ? [r.plan] : []));
    expect(plans.every((p) => p.reviews >= 1 && p.measures.length > 20)).toBe(true);
    expect(plans.filter((p) => p.reviewOverdue)).toHaveLength(1);
  });

  it('last year: the year-close view shows plans closed with who stayed and who left', async () => {
    const page = await listHelpPlans(database.db, county(), { year: year - 1, page: 1, pageSize: 200 });
    expect(page.yearClosed).toBe(true);
    expect(page.summary.stayed).toBeGreaterThan(0);
    expect(page.summary.left).toBeGreaterThan(0);
    expect(page.summary.withPlan).toBeGreaterThan(page.summary.withoutPlan);
    for (const r of page.items.filter((x) => x.plan)) {
      expect(r.state).toBe('closed');
      expect(r.plan!.closeNote).toContain(r.result === 'left' ? '退库' : '保持在规上');
    }
  });

  it('four supervisions this year: one confirmed closed, one with an overdue item, every date up to today', async () => {
    const list = await listSupervisions(database.db, county(), { page: 1, pageSize: 20 });
    expect(list.total).toBe(4);
    const today = chinaDate(clock.now());
    expect(list.items.every((s) => s.heldOn <= today && s.heldOn.startsWith(String(year)))).toBe(true);
    expect(list.items.filter((s) => s.state === 'closed')).toHaveLength(1);
    expect(list.items.filter((s) => s.overdueItems > 0)).toHaveLength(1);
    const detail = await getSupervision(database.db, county(), list.items.at(-1)!.id);
    expect(detail.itemList.every((i) => i.closedAt && i.closureNote)).toBe(true);
  });
});

describe('the demo training', () => {
  it('holds the county course with 40–60 firms and township officials, the online session and a township briefing', async () => {
    const ctx = systemContext(clock.now());
    const list = await listTrainings(database.db, ctx, { page: 1, pageSize: 20 });
    expect(list.items.map((t) => t.kindLabel).sort()).toEqual(['专题培训', '政策宣讲', '线上培训']);
    for (const t of list.items) expect(t.heldOn.startsWith('2026-')).toBe(true);
    const course = list.items.find((t) => t.kind === 'course')!;
    expect(course.organiserUnitName).toBe('县中小企业发展中心');
    expect(course.firmCount).toBeGreaterThanOrEqual(40);
    expect(course.firmCount).toBeLessThanOrEqual(60);
    expect(course.officialCount).toBeGreaterThan(0);
    expect(course.unmatchedCount).toBe(1);
    const detail = await getTraining(database.db, ctx, course.id);
    expect(detail.attendance.every((a) => a.source === 'import')).toBe(true);
    expect(new Set(detail.attendance.map((a) => a.phone)).size).toBe(detail.attendance.length);
    const briefing = list.items.find((t) => t.kind === 'briefing')!;
    expect(briefing.organiserUnitName).toBe('秀水镇');
    expect(briefing.firmCount).toBeGreaterThan(5);
  });

  it('reaches part of each library, the townships summing to the county', async () => {
    const c = await serviceCoverage(database.db, systemContext(clock.now()), { year: 2026 });
    expect(c.county.libraries.cultivation.reached).toBeGreaterThan(0);
    expect(c.county.libraries.cultivation.reached).toBeLessThan(c.county.libraries.cultivation.total);
    const sum = c.townships.reduce((n, t) => n + t.libraries.cultivation.reached, 0);
    expect(sum).toBe(c.county.libraries.cultivation.reached);
  });

  it('makes believable, deterministic people', () => {
    expect(demoPerson(3)).toEqual(demoPerson(3));
    expect(demoPerson(3).name).not.toBe(demoPerson(4).name);
    expect(demoPerson(5).phone).toMatch(/^1\d{10}$/);
  });
});
