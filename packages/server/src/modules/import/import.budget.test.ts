// Imports inside a budget, through the routes: each kind of hostile file is refused with its own message
// (limits lowered in the settings so the files stay small), an upload reports its place in the queue and
// its rows read, and a user over the upload rate gets 429.
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccess } from '../../platform/auth/access.js';
import { registerErrorHandler } from '../../platform/errors.js';
import {
  rowXml,
  SHEET_HEAD,
  SHEET_TAIL,
  xlsxOfSheetXml,
  zipOf,
} from '../../platform/spreadsheet/zip-writer.js';
import { WorkQueue } from '../../platform/work-queue.js';
import { Client, createTestEnv, type TestEnv } from '../../test/harness.js';
import { csvOf } from '../../test/spreadsheet-corpus.js';
import { authRoutes } from '../auth/auth.routes.js';
import { addFact, listFacts } from '../revenue/revenue.service.js';
import { getImportLimits, putImportLimits } from '../settings/import-limits.js';
import { getSecuritySettings } from '../settings/settings.service.js';
import { importRoutes } from './import.routes.js';
import { applyImport, previewImport } from './import.service.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let app: FastifyInstance;
let firms: TestFirm[];
const queue = new WorkQueue(1);

async function setLimits(patch: Partial<Awaited<ReturnType<typeof getImportLimits>>>) {
  const db = env.database.db;
  const ctx = await contextOf(db, 'centre', env.clock.now());
  const current = await getImportLimits(db);
  await db.transaction((tx) => putImportLimits(tx, ctx, { ...current, ...patch }));
}

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
      await api.register(importRoutes(env.database.db, { queue }));
    },
    { prefix: '/api/v1' },
  );
  app = a;
  await setLimits({ maxRows: 50, maxColumns: 20, maxCells: 500, maxInflatedMb: 1, uploadsPerMinute: 100 });
});
afterAll(async () => {
  await app?.close();
  await env.close();
});

function upload(client: Client, url: string, bytes: Uint8Array) {
  const cookie = (client as unknown as { cookies: Record<string, string> }).cookies;
  return app.inject({
    method: 'POST',
    url,
    payload: Buffer.from(bytes),
    headers: {
      'content-type': 'application/octet-stream',
      cookie: Object.entries(cookie)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'x-csrf-token': cookie.sg_csrf ?? '',
    },
  });
}

const previewUrl = (fileName: string, ticket?: string) =>
  `/api/v1/imports/preview?kind=enterprises&fileName=${encodeURIComponent(fileName)}${ticket ? `&ticket=${ticket}` : ''}`;

async function refusal(fileName: string, bytes: Uint8Array): Promise<string> {
  const centre = await Client.signIn(app, 'centre');
  const res = await upload(centre, previewUrl(fileName), bytes);
  expect(res.statusCode, res.body).toBe(400);
  const message = res.json().error.message as string;
  expect(message).not.toMatch(/未找到表头/);
  return message;
}

const header = ['统一社会信用代码', '企业名称', '所属乡镇'];
const rowsOf = (n: number, cols = 3) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: cols }, (_, c) => `v${i}-${c}`));

describe('hostile files, refused each with its own message', () => {
  it('a zip whose directory lies about the inflated size is refused as a bomb while inflating', async () => {
    // 4 MB of XML that the directory says is 1,000 bytes: the declared sizes pass, the inflating does not.
    const bomb = xlsxOfSheetXml(`${SHEET_HEAD}${' '.repeat(4 * 1024 * 1024)}${SHEET_TAIL}`, 1000);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const message = await refusal('bomb.xlsx', bomb);
    expect(message).toMatch(/压缩包异常/);
    expect(message).toMatch(/炸弹/);
  });

  it('too many rows: a CSV and a workbook past the row limit, and one cell in Excel’s last row', async () => {
    expect(await refusal('rows.csv', csvOf([header, ...rowsOf(60)]))).toMatch(/行数超过上限 50 行/);
    const rows = [rowXml(1, header), ...rowsOf(60).map((r, i) => rowXml(i + 2, r))].join('');
    expect(await refusal('rows.xlsx', xlsxOfSheetXml(SHEET_HEAD + rows + SHEET_TAIL))).toMatch(
      /行数超过上限 50 行/,
    );
    const far = `${SHEET_HEAD}${rowXml(1, header)}<row r="1048576"><c r="A1048576"><v>1</v></c></row>${SHEET_TAIL}`;
    expect(await refusal('far.xlsx', xlsxOfSheetXml(far))).toMatch(/行数超过上限 50 行/);
  });

  it('too many columns: a wide CSV row, and a cell in column XFD', async () => {
    expect(await refusal('wide.csv', csvOf([header, rowsOf(1, 30)[0]!]))).toMatch(
      /列数超过上限 20 列（第 2 行）/,
    );
    const xfd = `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1"><v>1</v></c></row>${SHEET_TAIL}`;
    expect(await refusal('xfd.xlsx', xlsxOfSheetXml(xfd))).toMatch(/列数超过上限 20 列/);
  });

  it('too many cells', async () => {
    expect(await refusal('cells.csv', csvOf([header, ...rowsOf(40, 15)]))).toMatch(/单元格数超过上限 500 个/);
  });

  it('not a spreadsheet: text without line breaks, binary content, a zip that is no workbook', async () => {
    expect(await refusal('line.csv', Buffer.from('a'.repeat(40_000)))).toMatch(/^不是电子表格/);
    expect(await refusal('bin.xlsx', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]))).toMatch(
      /^不是电子表格/,
    );
    expect(await refusal('doc.xlsx', zipOf([{ name: 'word/document.xml', data: '<w/>' }]))).toMatch(
      /^不是电子表格/,
    );
  });

  it('an unterminated quote', async () => {
    const text = `${header.join(',')}\n91140322MA0000001X,"甲公司${'x'.repeat(40_000)}\n`;
    expect(await refusal('quote.csv', Buffer.from(text))).toMatch(/第 2 行起的引号没有闭合/);
  });

  it('a file within the limits still reads', async () => {
    const centre = await Client.signIn(app, 'centre');
    const res = await upload(
      centre,
      previewUrl('ok.csv'),
      csvOf([header, [firms[0]!.creditCode, firms[0]!.name, '秀水镇']]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.rows).toBe(1);
  });
});

describe('the import queue', () => {
  it('reports the place in the queue, then the rows read, to the uploader only', async () => {
    const centre = await Client.signIn(app, 'centre');
    let release = () => {};
    const holding = queue.run(() => new Promise<void>((r) => (release = r)));
    const ticket = 'ticket-queue-1';
    const pending = upload(
      centre,
      previewUrl('queued.csv', ticket),
      csvOf([header, [firms[1]!.creditCode, firms[1]!.name, '南娄镇']]),
    );
    let status: { state: string; position: number; rows: number } | null = null;
    for (let i = 0; i < 500 && status?.state !== 'queued'; i++) {
      const res = await centre.get(`/api/v1/imports/status/${ticket}`);
      if (res.statusCode === 200) status = res.json();
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toEqual({ state: 'queued', position: 1, rows: 0 });
    const tax = await Client.signIn(app, 'tax');
    expect((await tax.get(`/api/v1/imports/status/${ticket}`)).statusCode).toBe(404);
    release();
    await holding;
    const res = await pending;
    expect(res.statusCode, res.body).toBe(200);
    const done = (await centre.get(`/api/v1/imports/status/${ticket}`)).json();
    expect(done).toEqual({ state: 'done', position: 0, rows: 2 });
  });
});

describe('the upload rate', () => {
  it('answers 429 with a Chinese message past the per-user rate, before reading the file', async () => {
    await setLimits({ uploadsPerMinute: 2 });
    const tax = await Client.signIn(app, 'tax');
    const url = '/api/v1/imports/preview?kind=revenue&source=tax&fileName=a.csv';
    const bytes = csvOf([['纳税人识别号', '纳税人名称', '所属期', '应税销售额（元）']]);
    const codes: number[] = [];
    for (let i = 0; i < 2; i++) codes.push((await upload(tax, url, bytes)).statusCode);
    expect(codes).not.toContain(429);
    const last = await upload(tax, url, bytes);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.message).toMatch(/上传过于频繁：每人每分钟最多上传 2 个文件/);
    // Another user has an allowance of their own.
    const township = await Client.signIn(app, 'xiushui');
    expect((await upload(township, previewUrl('x.csv'), bytes)).statusCode).not.toBe(429);
  });
});

describe('apply on the embedded database: the plan runs before the transaction', () => {
  it('plans again inside the transaction when something was written since', async () => {
    const db = env.database.db;
    const tax = await contextOf(db, 'tax', env.clock.now());
    const firm = firms[0]!;
    const preview = await previewImport(db, tax, {
      kind: 'revenue',
      source: 'tax',
      fileName: 'late.csv',
      bytes: csvOf([
        ['纳税人识别号', '纳税人名称', '所属期', '应税销售额（元）'],
        [firm.creditCode, firm.name, '2023-07', '1000'],
      ]),
    });
    expect(preview.counts).toMatchObject({ imported: 1, updated: 0 });
    // Between preview and apply, the same figure is recorded by hand: applying must correct it, not add a twin.
    await addFact(db, tax, firm.id, { period: '2023-07', source: 'tax', value: 500 });
    const applied = await applyImport(db, tax, { token: preview.token, skipInvalid: false });
    expect(applied.counts).toMatchObject({ imported: 0, updated: 1 });
    const facts = await listFacts(db, tax, firm.id, 2023);
    const july = facts.filter((f) => f.period === '2023-07' && f.source === 'tax' && f.isCurrent);
    expect(july.map((f) => Number(f.value))).toEqual([1000]);
  });
});
