// The forecast's backtest on the demo county (docs/forecast.md): as of the end of each month of 2024, every
// firm is forecast from the data up to that month, then scored against the full year. Prints the Brier score
// against climatology (always forecasting the base rate), per as-of month, the reliability table and the
// county's predicted count of firms crossing the line against the actual one. No goal: informational.
// Runs in-process on the pure backtest function — no server, no database.
import { runBacktest } from '../../packages/server/src/modules/forecast/backtest.js';
import { formatNumber, formatTable } from '../lib/report.js';
import type { BenchCase } from '../lib/types.js';

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export const forecastBacktest: BenchCase = {
  name: 'forecast-backtest',
  title: 'Forecast backtest on the demo county, 2024 (Brier score, reliability, county crossings)',
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
      ],
      details: {
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
