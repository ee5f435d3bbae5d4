import {
  countNetIncrease,
  countyUnitSeeds,
  DEFAULT_COUNTING_RULE,
  type FirmUnits,
  SEED_CITY_TARGET,
} from '@shenggui/domain';
import { describe, expect, it } from 'vitest';
import { generateDemoPopulation } from '../demo/demo-population.js';
import { demoDirectoryEvents } from './demo-directory.js';

const townships = countyUnitSeeds('140322')
  .filter((u) => u.kind === 'township')
  .map((u) => ({ code: u.code, name: u.name }));
const population = generateDemoPopulation({ countyCode6: '140322', townships });
const events = demoDirectoryEvents(population);

describe('the demo directory events', () => {
  it('follows every entry and exit of the scale histories, alternating per firm', () => {
    const changes = population.flatMap((p) => p.scaleHistory.filter((h) => /入库|退库/.test(h.reason)));
    expect(events).toHaveLength(changes.length);
    const byFirm = new Map<number, typeof events>();
    for (const e of events) byFirm.set(e.index, [...(byFirm.get(e.index) ?? []), e]);
    for (const list of byFirm.values())
      for (let i = 1; i < list.length; i++) expect(list[i]!.type).not.toBe(list[i - 1]!.type);
  });

  it('dates approvals plausibly: annual in Nov/Dec before or January, monthly the month before, exits in January', () => {
    for (const e of events) {
      const eff = e.effectivePeriod;
      expect(e.approvalDate < `${eff}-32`).toBe(true);
      if (e.mode === 'annual') expect(eff.endsWith('-01')).toBe(true);
      if (e.mode === 'annual' && !e.approvalDate.startsWith(eff))
        expect(e.approvalDate.slice(5, 7)).toMatch(/^1[12]$/);
      if (e.mode === 'monthly') expect(e.approvalDate.slice(8)).toMatch(/^(18|19|20|21|22)$/);
      if (e.type === 'exit') expect(e.approvalDate.slice(0, 7)).toBe(eff);
    }
    expect(events.some((e) => e.mode === 'monthly')).toBe(true);
  });

  it('tells a 2024 story against the seed’s target of 8', () => {
    const firms = new Map<number, FirmUnits>(
      population.map((_p, i) => [i, { townshipId: 1, supervisingUnitId: 2 }]),
    );
    const countable = events.map((e) => ({ ...e, enterpriseId: e.index }));
    const y2024 = countNetIncrease(countable, firms, 2024, '2024-12-31', DEFAULT_COUNTING_RULE).county;
    expect(y2024.entered).toBeGreaterThanOrEqual(5);
    expect(y2024.exited).toBeGreaterThanOrEqual(1);
    expect(y2024.net).toBeGreaterThan(0);
    expect(y2024.net).toBeLessThanOrEqual(SEED_CITY_TARGET + 6);
    for (const year of [2023, 2025, 2026])
      expect(
        countNetIncrease(countable, firms, year, `${year}-12-31`, DEFAULT_COUNTING_RULE).firms.size,
      ).toBeGreaterThan(0);
  });
});
