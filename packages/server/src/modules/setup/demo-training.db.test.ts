// The demo's training and publicity, recorded through the services at set-up: the centre's 专题培训 with its
// imported sign-in sheet, the online session and 秀水镇's 政策宣讲; the coverage page has something to show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { serviceCoverage } from '../service-coverage/coverage.service.js';
import { getTraining, listTrainings } from '../training/training.service.js';
import { demoPerson } from './demo-training.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const clock = new FakeClock(Date.parse('2026-11-20T10:00:00+08:00'));

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
}, 300_000); // the whole demo set-up
afterAll(() => database.close());

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
