import { countyUnitSeeds } from '@shenggui/domain';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, importBatches } from '../../db/schema.js';
import { directoryEvents } from '../../db/schema-progress.js';
import { systemContext } from '../../platform/context.js';
import { COUNTY, FakeClock, openTestDatabase } from '../../test/harness.js';
import { generateDemoPopulation } from '../demo/demo-population.js';
import { getProgressReport } from '../progress/progress.service.js';
import { demoDirectoryEvents, insertDemoDirectoryEvents } from './demo-directory.js';
import { initCounty } from './setup.service.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const clock = new FakeClock();

beforeAll(async () => {
  database = await openTestDatabase();
  await initCounty(database.db, systemContext(clock.now()), { countyCode: COUNTY, demo: true });
});
afterAll(() => database.close());

describe('the demo directory in the database', () => {
  it('inserts the events of the demo population and the 2024 board shows progress against the seed targets', async () => {
    const db = database.db;
    const ctx = systemContext(clock.now());
    const townships = countyUnitSeeds(COUNTY)
      .filter((u) => u.kind === 'township')
      .map((u) => ({ code: u.code, name: u.name }));
    const population = generateDemoPopulation({ countyCode6: COUNTY, townships });
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
    const all = await db.select({ id: directoryEvents.id }).from(directoryEvents);
    expect(all.length).toBe(demoDirectoryEvents(population).length);
    const report = await getProgressReport(db, ctx, { year: 2024, asOf: '2024-12-31' });
    expect(report.county).toMatchObject({ cityTarget: 8, territorialTarget: 10, supervisingTarget: 10 });
    expect(report.county.net).toBeGreaterThan(0);
    expect(report.dimensions.territorial.reduce((s, r) => s + r.net, 0)).toBe(report.county.net);
    expect(report.dimensions.supervising.reduce((s, r) => s + r.net, 0)).toBe(report.county.net);
    const mid = await getProgressReport(db, ctx, { year: 2024, asOf: '2024-06-30' });
    expect(mid.county.entered).toBeLessThanOrEqual(report.county.entered);
  }, 120_000);
});
