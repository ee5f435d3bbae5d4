// Cold start of the embedded server to its first answer: from spawning
// `node packages/server/bin/shenggui.js serve --port P --data DIR` on an already-initialised data folder
// until GET /api/v1/meta answers 200. Repeated; the median is the figure.
import { join } from 'node:path';
import { demoData } from '../lib/fixture.js';
import { spawnServer, waitUntilAnswering } from '../lib/server.js';
import { median } from '../lib/stats.js';
import type { BenchCase } from '../lib/types.js';

export const coldStart: BenchCase = {
  name: 'cold-start',
  title: 'Cold start on an initialised data folder (spawn → GET /api/v1/meta 200)',
  async run(ctx) {
    const { dataDir } = await demoData(ctx);
    const runsMs: number[] = [];
    for (let i = 1; i <= ctx.config.coldStartRuns; i++) {
      const server = await spawnServer({
        repoRoot: ctx.repoRoot,
        dataDir,
        logFile: join(ctx.tmpRoot, `server-cold-start-${i}.log`),
      });
      try {
        const ms = await waitUntilAnswering(server, { timeoutMs: 60_000, pollMs: 10 });
        runsMs.push(ms);
        ctx.log(`  run ${i}: ${(ms / 1000).toFixed(3)} s`);
      } finally {
        await server.stop();
      }
    }
    const med = median(runsMs);
    ctx.log(`  median of ${runsMs.length}: ${(med / 1000).toFixed(3)} s`);
    return {
      metrics: [
        {
          id: 'cold-start-median-s',
          label: `cold start to first answer (median of ${runsMs.length})`,
          value: med / 1000,
          unit: 's',
          digits: 2,
          goal: { op: '<=', value: 3 },
          note: `runs (s): ${runsMs.map((ms) => (ms / 1000).toFixed(3)).join(', ')}`,
        },
      ],
      details: { runsMs },
    };
  },
};
