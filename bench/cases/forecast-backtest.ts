// The forecast's backtest on the demo county (docs/forecast.md): as of the end of each month of 2024, every
// firm is forecast from the data up to that month, then scored against the full year. Prints the Brier score
// against climatology (always forecasting the base rate), per as-of month, the reliability table and the
// county's predicted count of firms crossing the line against the actual one. No goal: informational.
// Runs in-process on the pure backtest function — no server, no database.
import { runBacktest } from '../../packages/server/src/modules/forecast/backtest.js';
import { runBoardBacktest } from '../../packages/server/src/modules/forecast/board-backtest.js';
import { formatNumber, formatTable } from '../lib/report.js';
import type { BenchCase } from '../lib/types.js';

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export const forecastBacktest: BenchCase = {
  name: 'forecast-backtest',
  title:
    "Forecast backtest on the demo county, 2024: firms crossing the line, and the board's probabilities against directory outcomes",
  async run(ctx) {
    const started = performance.now();
    const r = runBacktest();
    const ms = performance.now() - started;
    const { overall, byQuestion } = r;
    ctx.log(
      `  ${r.firms} firms, ${overall.n} forecasts (as of end of Jan … Nov ${r.year}) in ${formatNumber(ms, 0)} ms`,
    );
    ctx.log(
      `  Brier ${overall.brier.toFixed(4)} vs climatology ${overall.climatology.toFixed(4)}: skill ${overall.skill.toFixed(3)}`,
    );
    ctx.log(
      `  reach 20M (below scale): n ${byQuestion.reach.n}, base rate ${pct(byQuestion.reach.baseRate)}, ` +
        `Brier ${byQuestion.reach.brier.toFixed(4)} vs ${byQuestion.reach.climatology.toFixed(4)}`,
    );
    ctx.log(
      `  end below 20M (above scale): n ${byQuestion.below.n}, base rate ${pct(byQuestion.below.baseRate)}, ` +
        `Brier ${byQuestion.below.brier.toFixed(4)} vs ${byQuestion.below.climatology.toFixed(4)}`,
    );
    ctx.log('\n  By as-of month');
    ctx.log(
      indent(
        formatTable(
          ['as of', 'n', 'Brier', 'climatology', 'skill'],
          r.byMonth.map((m) => [
            `${r.year}-${String(m.asOfMonth).padStart(2, '0')}`,
            String(m.n),
            m.brier.toFixed(4),
            m.climatology.toFixed(4),
            m.skill.toFixed(3),
          ]),
          [1, 2, 3, 4],
        ),
      ),
    );
    ctx.log('\n  Reliability (all forecasts)');
    ctx.log(
      indent(
        formatTable(
          ['forecast', 'count', 'mean forecast', 'observed'],
          r.reliability.map((b) => [
            `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
            String(b.count),
            pct(b.meanForecast),
            pct(b.observed),
          ]),
          [1, 2, 3],
        ),
      ),
    );
    ctx.log('\n  County: firms crossing 20M, exits and net (forecast mean [5%–95%] vs actual)');
    ctx.log(
      indent(
        formatTable(
          ['as of', 'crossings', 'actual', 'exits', 'actual', 'net', 'actual', 'P(net ≤ actual)'],
          r.county.map((c) => [
            `${r.year}-${String(c.asOfMonth).padStart(2, '0')}`,
            `${c.crossings.expected.toFixed(1)} [${c.crossings.low}–${c.crossings.high}]`,
            String(c.crossings.actual),
            `${c.exits.expected.toFixed(1)} [${c.exits.low}–${c.exits.high}]`,
            String(c.exits.actual),
            `${c.net.expected.toFixed(1)} [${c.net.low}–${c.net.high}]`,
            String(c.net.actual),
            c.net.pAtOrBelowActual.toFixed(2),
          ]),
          [2, 4, 6, 7],
        ),
      ),
    );
    // The board's own probabilities against the directory outcome (docs/forecast.md, "Backtest of the board").
    const boardStarted = performance.now();
    const b = runBoardBacktest();
    const boardMs = performance.now() - boardStarted;
    const demo = b.seeds[0];
    ctx.log(
      `\n  The BOARD's P(net ≥ target) against the directory outcome (net counted at the ${b.year} cut-off, ` +
        `${b.rule.basis === 'approval' ? 'approval date' : 'effective period'}, ${b.rule.cutoff})`,
    );
    ctx.log(
      `  ${b.seeds.length} synthetic counties (demo seed ${demo} and seeds ${b.seeds.slice(1).join(', ')}), ` +
        `the seed document's targets (county 8, 7 townships, 5 supervising units), as of the end of Jan … Nov: ` +
        `${b.overall.n} forecasts in ${formatNumber(boardMs, 0)} ms`,
    );
    ctx.log(
      '  Small, correlated sample: the same units month after month, one year, synthetic histories. ' +
        'Read the figures as a sanity check, not as evidence of calibration.',
    );
    const scoreRow = (label: string, s: typeof b.overall) => [
      label,
      String(s.n),
      pct(s.baseRate),
      s.brier.toFixed(4),
      s.climatology.toFixed(4),
      s.skill.toFixed(3),
    ];
    ctx.log(
      indent(
        formatTable(
          ['forecasts', 'n', 'reached', 'Brier', 'climatology', 'skill'],
          [
            scoreRow('all', b.overall),
            scoreRow(`demo county (seed ${demo})`, b.demoSeed),
            scoreRow('county targets', b.byLevel.county),
            scoreRow('unit targets', b.byLevel.unit),
            ...b.byMonth.map((m) => scoreRow(`as of ${b.year}-${String(m.asOfMonth).padStart(2, '0')}`, m)),
          ],
          [1, 2, 3, 4, 5],
        ),
      ),
    );
    ctx.log(
      "  (climatology = always forecasting the sample's own base rate: an in-sample, flattering baseline)",
    );
    ctx.log('\n  Reliability of the board (all forecasts)');
    ctx.log(
      indent(
        formatTable(
          ['forecast', 'count', 'mean forecast', 'observed'],
          b.reliability.map((r) => [
            `${r.from.toFixed(1)}–${r.to.toFixed(1)}`,
            String(r.count),
            pct(r.meanForecast),
            pct(r.observed),
          ]),
          [1, 2, 3],
        ),
      ),
    );
    ctx.log(
      `  shown as exactly 0 or 1 (decided): ${b.decided}, contradicted by the outcome: ${b.decidedWrong}`,
    );
    ctx.log("\n  Demo county: the board as of each month end against the year's outcome");
    ctx.log(
      indent(
        formatTable(
          ['as of', 'net so far', 'P(net ≥ 8)', 'net at cut-off'],
          b.forecasts
            .filter((f) => f.seed === demo && f.level === 'county')
            .map((f) => [
              `${b.year}-${String(f.asOfMonth).padStart(2, '0')}`,
              String(f.knownNet),
              f.p.toFixed(3),
              String(f.finalNet),
            ]),
          [1, 2, 3],
        ),
      ),
    );
    ctx.log(
      '\n  Conversion rate (2022–2023 crossings entered in the same year) and the demo directory vs the rule',
    );
    ctx.log(
      indent(
        formatTable(
          ['seed', 'crossed', 'entered', 'rate used', `${b.year} entries`, 'below the line at data month'],
          b.conversion.map((c, i) => [
            String(c.seed),
            String(c.crossed),
            String(c.entered),
            c.rate.toFixed(3),
            String(b.entries[i]?.counted ?? 0),
            String(b.entries[i]?.belowAtDataMonth ?? 0),
          ]),
          [1, 2, 3, 4, 5],
        ),
      ),
    );
    ctx.log(
      '  The demo directory enters firms on their full-year figures in the November/December batches; the ' +
        "platform's rule (cumulative revenue to the month before the batch ≥ the line) would refuse the entries in " +
        'the last column. The board follows the rule, so it under-forecasts the demo: low bins come true more often.',
    );
    return {
      metrics: [
        {
          id: 'forecast-brier',
          label: 'forecast Brier score (backtest 2024)',
          value: overall.brier,
          unit: '',
          digits: 4,
        },
        {
          id: 'forecast-brier-climatology',
          label: 'climatology Brier score (base rate)',
          value: overall.climatology,
          unit: '',
          digits: 4,
        },
        {
          id: 'forecast-skill',
          label: 'forecast Brier skill score vs climatology',
          value: overall.skill,
          unit: '',
          digits: 3,
        },
        {
          id: 'board-brier',
          label: 'board P(net ≥ target) Brier vs directory outcome',
          value: b.overall.brier,
          unit: '',
          digits: 4,
          note: `n ${b.overall.n}, ${b.seeds.length} synthetic counties`,
        },
        {
          id: 'board-brier-climatology',
          label: 'board: climatology Brier (in-sample base rate)',
          value: b.overall.climatology,
          unit: '',
          digits: 4,
        },
        {
          id: 'board-skill',
          label: 'board Brier skill vs climatology',
          value: b.overall.skill,
          unit: '',
          digits: 3,
        },
      ],
      details: {
        board: {
          seeds: b.seeds,
          overall: b.overall,
          demoSeed: b.demoSeed,
          byLevel: b.byLevel,
          byMonth: b.byMonth,
          reliability: b.reliability,
          conversion: b.conversion,
          entries: b.entries,
          decided: b.decided,
          decidedWrong: b.decidedWrong,
          ms: boardMs,
        },
        overall,
        byQuestion,
        byMonth: r.byMonth,
        reliability: r.reliability,
        county: r.county,
        ms,
      },
    };
  },
};

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
