// First start on an empty data folder with --demo: migrations, the county's organisation, ~300 synthetic
// firms with five years of monthly figures, demo accounts. Reported for information (no goal); it happens
// once per installation. The folder it leaves is the one the other cases run on.
import { demoData } from '../lib/fixture.js';
import type { BenchCase } from '../lib/types.js';

export const firstStart: BenchCase = {
  name: 'first-start',
  title: 'First start with demo data (empty folder → GET /api/v1/meta 200)',
  async run(ctx) {
    const { firstStartMs } = await demoData(ctx);
    ctx.log(`  first start with demo initialisation: ${(firstStartMs / 1000).toFixed(2)} s`);
    return {
      metrics: [
        {
          id: 'first-start-demo-init-s',
          label: 'first start incl. demo init (info)',
          value: firstStartMs / 1000,
          unit: 's',
          digits: 2,
        },
      ],
      details: { firstStartMs },
    };
  },
};
