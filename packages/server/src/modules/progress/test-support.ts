// Test support for the progress slice: registers its routes on a test app the way app.ts does (until
// app.ts wires them, and harmlessly after), and creates firms through the API.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { type Client, testCreditCode } from '../../test/harness.js';
import { directoryRoutes } from '../directory/directory.routes.js';
import { targetRoutes } from '../target/target.routes.js';
import { progressRoutes } from './progress.routes.js';

export async function registerProgressSlice(app: FastifyInstance, db: Db): Promise<void> {
  if (app.hasRoute({ method: 'GET', url: '/api/v1/progress' })) return;
  await app.register(
    async (api) => {
      await api.register(targetRoutes(db));
      await api.register(directoryRoutes(db));
      await api.register(progressRoutes(db));
    },
    { prefix: '/api/v1' },
  );
}

let serial = 7000;

export async function createFirm(
  client: Client,
  opts: {
    townshipId: number;
    supervisingUnitId?: number;
    industryCode?: string;
    legalForm?: 'enterprise' | 'individual';
    productionStartedOn?: string;
    scaleStatus?: 'above' | 'below';
    name?: string;
  },
): Promise<number> {
  serial++;
  const res = await client.post('/api/v1/enterprises', {
    creditCode: testCreditCode(serial),
    name: opts.name ?? `进度测试${serial}有限公司`,
    legalForm: opts.legalForm ?? 'enterprise',
    industryCode: opts.industryCode ?? '3089',
    townshipId: opts.townshipId,
    ...(opts.supervisingUnitId ? { supervisingUnitId: opts.supervisingUnitId } : {}),
    ...(opts.productionStartedOn ? { productionStartedOn: opts.productionStartedOn } : {}),
    scaleStatus: opts.scaleStatus ?? 'below',
  });
  if (res.statusCode !== 201) throw new Error(`create firm: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
