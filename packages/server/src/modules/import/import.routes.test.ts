// The routes through app.inject, on a small app that registers the import plugin the way app.ts does.
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccess } from '../../platform/auth/access.js';
import { registerErrorHandler } from '../../platform/errors.js';
import { Client, createTestEnv, type TestEnv } from '../../test/harness.js';
import { csvOf } from '../../test/spreadsheet-corpus.js';
import { authRoutes } from '../auth/auth.routes.js';
import { getSecuritySettings } from '../settings/settings.service.js';
import { importRoutes } from './import.routes.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let app: FastifyInstance;
let firms: TestFirm[];

beforeAll(async () => {
  env = await createTestEnv();
  const centre = await contextOf(env.database.db, 'centre', env.clock.now());
  firms = await registerFirms(env.database.db, centre, env.unitId, 2);
  const a = Fastify({ bodyLimit: 2 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  a.setValidatorCompiler(validatorCompiler);
  a.setSerializerCompiler(serializerCompiler);
  await a.register(fastifyCookie);
  registerErrorHandler(a);
  registerAccess(a, { db: env.database.db, clock: env.clock, securitySettings: getSecuritySettings });
  await a.register(
    async (api) => {
      await api.register(authRoutes(env.database.db, { secureCookies: false, version: 'test' }));
      await api.register(importRoutes(env.database.db));
    },
    { prefix: '/api/v1' },
  );
  app = a;
});
afterAll(async () => {
  await app?.close();
  await env.close();
});

async function upload(client: Client, url: string, bytes: Buffer) {
  const cookie = (client as unknown as { cookies: Record<string, string> }).cookies;
  return app.inject({
    method: 'POST',
    url,
    payload: bytes,
    headers: {
      'content-type': 'application/octet-stream',
      cookie: Object.entries(cookie)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'x-csrf-token': cookie.sg_csrf ?? '',
    },
  });
}

describe('import routes', () => {
  it('previews an upload, serves the error sheet, applies the good rows and lists the batch', async () => {
    const tax = await Client.signIn(app, 'tax');
    const bytes = csvOf([
      ['纳税人识别号', '纳税人名称', '所属期', '应税销售额（元）'],
      [firms[0]!.creditCode, firms[0]!.name, '2024-01', '1,000.00'],
      [firms[1]!.creditCode, firms[1]!.name, '2024-01', 'abc'],
    ]);
    const res = await upload(
      tax,
      `/api/v1/imports/preview?kind=revenue&source=tax&fileName=${encodeURIComponent('税务.csv')}`,
      bytes,
    );
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.counts).toMatchObject({ rows: 2, valid: 1, invalid: 1 });
    expect(preview.problems).toEqual([{ row: 3, column: '应税销售额（元）', message: '数值不是数字：abc' }]);

    const errors = await tax.get(`/api/v1/imports/${preview.token}/errors.xlsx`);
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toMatch(/spreadsheetml/);

    const strict = await tax.post(`/api/v1/imports/${preview.token}/apply`, { skipInvalid: false });
    expect(strict.statusCode).toBe(400);
    expect(strict.json().error.details[0]).toEqual({
      path: '第3行/应税销售额（元）',
      message: '数值不是数字：abc',
    });
    const ok = await tax.post(`/api/v1/imports/${preview.token}/apply`, { skipInvalid: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().counts.imported).toBe(1);

    const history = await tax.get('/api/v1/imports?kind=revenue');
    expect(history.statusCode).toBe(200);
    expect(history.json().items[0]).toMatchObject({
      id: ok.json().batchId,
      fileName: '税务.csv',
      source: 'tax',
    });
  });

  it('refuses the wrong source, a file that is not what its name says, and serves templates', async () => {
    const tax = await Client.signIn(app, 'tax');
    const bytes = csvOf([['信用代码', '企业名称', '期间', '金额']]);
    const forbidden = await upload(
      tax,
      '/api/v1/imports/preview?kind=revenue&source=statistics&fileName=a.csv',
      bytes,
    );
    expect(forbidden.statusCode).toBe(403);
    const mislabelled = await upload(
      tax,
      '/api/v1/imports/preview?kind=revenue&source=tax&fileName=a.xlsx',
      bytes,
    );
    expect(mislabelled.statusCode).toBe(400);
    expect(mislabelled.json().error.message).toMatch(/文件名为 \.xlsx/);
    const template = await tax.get('/api/v1/imports/templates/revenue.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await tax.get('/api/v1/imports/templates/nope.xlsx')).statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/imports/templates/revenue.xlsx' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists what a preview will write, asks for the unit of a sheet without one, and reads quarterly returns', async () => {
    const tax = await Client.signIn(app, 'tax');
    const bytes = csvOf([
      ['纳税人识别号', '纳税人名称', '税款所属期起', '税款所属期止', '应税销售额'],
      [firms[0]!.creditCode, firms[0]!.name, '2025-01-01', '2025-03-31', '300'],
      [firms[1]!.creditCode, firms[1]!.name, '2025-01-01', '2025-01-31', '100'],
      [firms[1]!.creditCode, firms[1]!.name, '2025-02-01', '2025-03-31', '100'],
    ]);
    const url = `/api/v1/imports/preview?kind=revenue&source=tax&fileName=${encodeURIComponent('季报.csv')}`;
    const badUnit = await upload(tax, `${url}&unit=usd`, bytes);
    expect(badUnit.statusCode).toBe(400);
    const res = await upload(tax, url, bytes);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ needsUnit: true, how: { unit: null, unitSource: 'missing' } });
    expect(preview.lines).toEqual({ new: 2, correction: 0, unchanged: 0, error: 1 });
    expect(preview.problems).toEqual([
      { row: 4, column: '税款所属期起/税款所属期止', message: expect.stringMatching(/既不是一个自然月/) },
    ]);

    const rows = await tax.get(`/api/v1/imports/${preview.token}/rows?status=new&pageSize=1`);
    expect(rows.statusCode, rows.body).toBe(200);
    expect(rows.json()).toMatchObject({ total: 2, pageSize: 1, counts: { new: 2, error: 1 } });
    expect(rows.json().items).toEqual([
      expect.objectContaining({ row: 2, status: 'new', name: firms[0]!.name, periodLabel: '2025年第1季度' }),
    ]);
    const byFirm = await tax.get(
      `/api/v1/imports/${preview.token}/rows?firm=${encodeURIComponent(firms[1]!.creditCode.slice(-6))}`,
    );
    expect(byFirm.json().items.map((l: { row: number }) => l.row)).toEqual([3, 4]);
    expect((await tax.get(`/api/v1/imports/${preview.token}/rows?status=odd`)).statusCode).toBe(400);
    const xlsx = await tax.get(`/api/v1/imports/${preview.token}/rows.xlsx?status=error`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    // Someone else's preview is not found.
    const stats = await Client.signIn(app, 'stats');
    expect((await stats.get(`/api/v1/imports/${preview.token}/rows`)).statusCode).toBe(404);

    const refused = await tax.post(`/api/v1/imports/${preview.token}/apply`, { skipInvalid: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/未注明金额单位/);
    const ok = await tax.post(`/api/v1/imports/${preview.token}/apply`, { skipInvalid: true, unit: 'wan' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().counts).toMatchObject({ imported: 2, invalid: 1 });
    const history = await tax.get('/api/v1/imports?kind=revenue');
    expect(history.json().items[0].summary.how).toMatchObject({ unit: '万元', unitSource: 'chosen' });
  });
});
