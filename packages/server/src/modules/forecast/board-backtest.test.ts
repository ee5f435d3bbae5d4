import { describe, expect, it } from 'vitest';
import { runBoardBacktest } from './board-backtest.js';

// One synthetic county (the demo's seed) keeps the test well away from timeouts; the bench runs five.
const result = runBoardBacktest({ seeds: [20240522] });

describe('the backtest of the board’s probabilities against directory outcomes', () => {
  it('scores one forecast per unit with a target and the county, per as-of month', () => {
    // The seed document's targets: the county, 7 townships, 5 supervising units; January … November.
    expect(result.overall.n).toBe(13 * 11);
    expect(result.byMonth.map((m) => m.n)).toEqual(Array(11).fill(13));
    expect(result.reliability.reduce((s, b) => s + b.count, 0)).toBe(result.overall.n);
    expect(result.byLevel.county.n + result.byLevel.unit.n).toBe(result.overall.n);
  });

  it('scores against the directory outcome: the net counted at the cut-off against the target', () => {
    const county = result.forecasts.filter((f) => f.level === 'county');
    expect(county).toHaveLength(11);
    // The demo county's 2024: net 6 against the city's 8 — a miss, whatever the crossings were.
    for (const f of county) expect([f.finalNet, f.target, f.outcome]).toEqual([6, 8, 0]);
    for (const f of result.forecasts) expect(f.outcome).toBe(f.finalNet >= f.target ? 1 : 0);
    // As of the end of November the board had net 4 and no longer claims the target is certain.
    const nov = county.at(-1)!;
    expect(nov.knownNet).toBe(4);
    expect(nov.p).toBeLessThan(0.5);
  });

  it('never shows an open outcome as 0 or 1, and every decided one came true', () => {
    for (const f of result.forecasts) {
      expect(f.p).toBeGreaterThanOrEqual(0);
      expect(f.p).toBeLessThanOrEqual(1);
      if (f.p === 0 || f.p === 1) expect(f.p, `${f.unit} as of month ${f.asOfMonth}`).toBe(f.outcome);
      else {
        expect(f.p).toBeGreaterThanOrEqual(0.001);
        expect(f.p).toBeLessThanOrEqual(0.999);
      }
    }
    expect(result.decidedWrong).toBe(0);
  });

  it('computes the Brier score and the climatology baseline from the forecasts', () => {
    const fs = result.forecasts;
    const brier = fs.reduce((s, f) => s + (f.p - f.outcome) ** 2, 0) / fs.length;
    const base = fs.reduce((s, f) => s + f.outcome, 0) / fs.length;
    const clim = fs.reduce((s, f) => s + (base - f.outcome) ** 2, 0) / fs.length;
    expect(result.overall.brier).toBeCloseTo(brier, 12);
    expect(result.overall.climatology).toBeCloseTo(clim, 12);
    expect(result.overall.skill).toBeCloseTo(1 - brier / clim, 12);
  });

  it('states the conversion rate it used and how the demo directory stands against the rule', () => {
    const [c] = result.conversion;
    expect(c!.rate).toBeGreaterThan(0);
    expect(c!.rate).toBeLessThan(1);
    const [e] = result.entries;
    expect(e!.counted).toBeGreaterThan(0);
    expect(e!.belowAtDataMonth).toBeLessThanOrEqual(e!.counted);
  });
});
