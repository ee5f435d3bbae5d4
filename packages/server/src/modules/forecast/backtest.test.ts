import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { openTestDatabase } from '../../test/harness.js';
import type { DemoEnterprise } from '../demo/demo-population.js';
import { putSetting } from '../settings/settings.service.js';
import { historyAsOf, revenueOfRecord, runBacktest, runBacktestAsConfigured, statusAt } from './backtest.js';

const result = runBacktest();

describe('the forecast backtest on the demo county', () => {
  it('beats climatology (forecasting the base rate) overall, per question and in every as-of month', () => {
    expect(result.overall.brier).toBeLessThan(result.overall.climatology);
    expect(result.byQuestion.reach.brier).toBeLessThan(result.byQuestion.reach.climatology);
    expect(result.byQuestion.below.brier).toBeLessThan(result.byQuestion.below.climatology);
    for (const m of result.byMonth) expect(m.brier, `as of month ${m.asOfMonth}`).toBeLessThan(m.climatology);
  });

  it('gets sharper as the year goes on', () => {
    const early = result.byMonth.slice(0, 3).reduce((s, m) => s + m.brier, 0);
    const late = result.byMonth.slice(-3).reduce((s, m) => s + m.brier, 0);
    expect(late).toBeLessThan(early);
  });

  it('scores a forecast per firm and as-of month, binned into ten reliability bins', () => {
    expect(result.byMonth.map((m) => m.asOfMonth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.byMonth.reduce((s, m) => s + m.n, 0)).toBe(result.overall.n);
    expect(result.forecasts).toHaveLength(result.overall.n);
    expect(result.reliability).toHaveLength(10);
    expect(result.reliability.reduce((s, b) => s + b.count, 0)).toBe(result.overall.n);
    for (const b of result.reliability) {
      if (b.count === 0) continue;
      expect(b.meanForecast).toBeGreaterThanOrEqual(b.from);
      expect(b.meanForecast).toBeLessThanOrEqual(b.to);
    }
    for (const f of result.forecasts) {
      expect(f.p).toBeGreaterThanOrEqual(0);
      expect(f.p).toBeLessThanOrEqual(1);
    }
  });

  it('the county view: actual crossings, exits and net agree with the firm outcomes', () => {
    for (const c of result.county) {
      const fs = result.forecasts.filter((f) => f.asOfMonth === c.asOfMonth);
      const crossed = fs.filter((f) => f.question === 'reach' && f.outcome === 1).length;
      const exited = fs.filter((f) => f.question === 'below' && f.outcome === 1).length;
      expect(c.crossings.actual).toBe(crossed);
      expect(c.exits.actual).toBe(exited);
      expect(c.net.actual).toBe(crossed - exited);
      const expected = fs.filter((f) => f.question === 'reach').reduce((s, f) => s + f.p, 0);
      expect(c.crossings.expected).toBeCloseTo(expected, 8);
      expect(c.crossings.low).toBeLessThanOrEqual(c.crossings.high);
    }
    // The demo's 2024 story has firms crossing the line and firms leaving it.
    expect(result.county.at(-1)?.crossings.actual).toBeGreaterThan(0);
    expect(result.county.at(-1)?.exits.actual).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    const again = runBacktest();
    expect(again.overall).toEqual(result.overall);
    expect(again.reliability).toEqual(result.reliability);
  });
});

describe('building the history', () => {
  const firm = {
    revenue: [
      { period: '2023-01', source: 'tax', value: 100 },
      { period: '2024-01', source: 'tax', value: 200 },
      { period: '2024-01', source: 'statistics', value: 210 },
      { period: '2024-01', source: 'electricity', value: 9999 },
      { period: '2024-02', source: 'tax', value: 220 },
      { period: '2024-03', source: 'tax', value: 230 },
    ],
    scaleHistory: [
      { status: 'below', effectivePeriod: '2022-01', reason: '' },
      { status: 'above', effectivePeriod: '2024-03', reason: '' },
    ],
  } as unknown as DemoEnterprise;

  it('takes statistics where reported, else tax, never electricity', () => {
    const rec = revenueOfRecord(firm);
    expect(rec.get('2024-01')).toBe(210);
    expect(rec.get('2024-02')).toBe(220);
  });

  it('takes tax first where the county set revenue.priority to tax-first', () => {
    const rec = revenueOfRecord(firm, 'tax-first');
    expect(rec.get('2024-01')).toBe(200);
    expect(rec.get('2024-02')).toBe(220);
  });

  it('sees only the months up to the as-of month', () => {
    const h = historyAsOf(revenueOfRecord(firm), 2024, 2, 2022);
    expect(h.pastYears).toHaveLength(2);
    expect(h.pastYears[0]).toEqual(Array.from({ length: 12 }, () => null));
    expect(h.pastYears[1]?.[0]).toBe(100);
    expect(h.thisYear).toEqual([210, 220]);
  });

  it('reads the scale status of a month from the scale history', () => {
    expect(statusAt(firm, '2024-02')).toBe('below');
    expect(statusAt(firm, '2024-03')).toBe('above');
  });
});

describe('the backtest reads the configured revenue priority', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('follows revenue.priority from the settings, not statistics-first by itself', async () => {
    const count = 60;
    await database.db.transaction((tx) =>
      putSetting(tx, systemContext(new Date('2026-01-05T02:00:00Z')), 'revenuePriority', 'tax-first'),
    );
    const configured = await runBacktestAsConfigured(database.db, { count });
    const taxFirst = runBacktest({ count, priority: 'tax-first' });
    const statsFirst = runBacktest({ count, priority: 'statistics-first' });
    expect(configured.forecasts).toEqual(taxFirst.forecasts);
    // The demo's statistics and tax figures differ, so the two priorities give different forecasts.
    expect(taxFirst.forecasts).not.toEqual(statsFirst.forecasts);
  });
});
