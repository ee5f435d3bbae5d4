// Run by platform/china-day.test.ts in a child process, under the TZ that test chooses: starts the clock the
// way the server does (SHENGGUI_FAKE_NOW through env.ts), registers a firm and reads back the dates the real
// code paths gave it, and prints them as JSON. The same instant must give the same dates in every zone.
import { randomBytes } from 'node:crypto';
import {
  creditCodeCheckChar,
  currentPlanYear,
  enterpriseCreateSchema,
  lastCompletePeriod,
  lastPeriod,
} from '@shenggui/domain';
import { openDatabase } from '../db/client.js';
import { clockOf, readEnv } from '../env.js';
import { createEnterprise, defaultRevenueYear } from '../modules/enterprise/enterprise.service.js';
import { findUnitByCode } from '../modules/org/org.repository.js';
import { getProgressReport } from '../modules/progress/progress.service.js';
import { initCounty } from '../modules/setup/setup.service.js';
import { configureAuditKey } from '../platform/audit.js';
import { systemContext } from '../platform/context.js';

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const { clock } = clockOf(readEnv());
configureAuditKey(randomBytes(32));
const database = await openDatabase({ dataDir: 'memory://' });
try {
  const ctx = systemContext(clock.now());
  await initCounty(database.db, ctx, { countyCode: '140322', demo: false });
  const township = await findUnitByCode(database.db, '140322100000');
  if (!township) throw new Error('no township 140322100000');
  const code = '9114032200000001X';
  const firm = await createEnterprise(
    database.db,
    ctx,
    enterpriseCreateSchema.parse({
      creditCode: code + creditCodeCheckChar(code),
      name: '盂县时区测试耐火材料有限公司',
      legalForm: 'enterprise',
      industryCode: '3089',
      townshipId: township.id,
    }),
  );
  const report = await getProgressReport(database.db, ctx, { year: currentPlanYear(ctx.now) });
  const out = {
    // The process's own calendar, to show the zones differ (the code under test must not use it).
    localDate: localDate(ctx.now),
    firstScalePeriod: firm.scaleHistory[0]?.effectivePeriod,
    boardAsOf: report.asOf,
    planYear: currentPlanYear(ctx.now),
    defaultRevenueYear: defaultRevenueYear(ctx.now),
    lastCompletePeriod: lastCompletePeriod(ctx.now),
    lastPeriod: lastPeriod(ctx.now),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await database.close();
}
