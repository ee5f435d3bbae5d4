// Property: whatever is done to a valid file — bytes flipped, the file cut short, rows dropped, garbage
// cells inserted — the import never crashes (only AppErrors and problem lists), never hangs (the worker's
// time limit bounds every parse), and never imports partially: all rows, nothing, or with skipInvalid
// exactly the valid ones.

import type { ImportPreview } from '@shenggui/domain';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatches, revenueFacts } from '../../db/schema.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { type CorpusCell, type CorpusRow, csvOf, xlsOf, xlsxOf } from '../../test/spreadsheet-corpus.js';
import { applyImport, previewImport } from './import.service.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let tax: RequestContext;
let firms: TestFirm[];

beforeAll(async () => {
  env = await createTestEnv();
  const centre = await contextOf(env.database.db, 'centre', env.clock.now());
  tax = await contextOf(env.database.db, 'tax', env.clock.now());
  firms = await registerFirms(env.database.db, centre, env.unitId, 4);
});
afterAll(() => env.close());

const db = () => env.database.db;
const READ_LIMITS = { timeoutMs: 15_000, maxMemoryMb: 256 };

function validRows(): CorpusRow[] {
  const rows: CorpusRow[] = [
    ['2024年开票收入（单位：万元）'],
    ['序号', '统一社会信用代码', '企业名称', '期间', '开票收入'],
  ];
  firms.forEach((f, i) => {
    rows.push([i + 1, f.creditCode, f.name, `2018-${String(i + 1).padStart(2, '0')}`, 10 + i]);
  });
  rows.push(['合计', null, null, null, 46]);
  return rows;
}

type Format = 'xlsx' | 'xls' | 'csv' | 'gbk';
async function encode(rows: CorpusRow[], format: Format): Promise<{ fileName: string; bytes: Buffer }> {
  if (format === 'xlsx') return { fileName: 'p.xlsx', bytes: await xlsxOf([{ rows }]) };
  if (format === 'xls') return { fileName: 'p.xls', bytes: xlsOf([{ rows }]) };
  return { fileName: 'p.csv', bytes: csvOf(rows, format === 'gbk' ? 'gbk' : 'utf-8') };
}

async function factCount(): Promise<number> {
  const r = await db().select({ n: sql<number>`count(*)::int` }).from(revenueFacts);
  return r[0]!.n;
}
async function batchCount(): Promise<number> {
  const r = await db().select({ n: sql<number>`count(*)::int` }).from(importBatches);
  return r[0]!.n;
}

/** Preview then apply (strict, then lenient), checking the all-or-nothing rule each time. */
let applied = 0;
async function importChecked(file: { fileName: string; bytes: Buffer }): Promise<void> {
  let preview: ImportPreview;
  try {
    preview = await previewImport(db(), tax, { kind: 'revenue', source: 'tax', ...file, read: READ_LIMITS });
  } catch (e) {
    if (e instanceof AppError) return; // refused as a whole: fine
    throw e;
  }
  const before = { facts: await factCount(), batches: await batchCount() };
  if (preview.needsUnit) {
    // A mutation dropped the unit note: nothing is applied until the clerk chooses 元 or 万元.
    const refused = await applyImport(db(), tax, { token: preview.token, skipInvalid: true }).catch(
      (x: unknown) => x,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');
    expect({ facts: await factCount(), batches: await batchCount() }).toEqual(before);
    try {
      preview = await previewImport(db(), tax, {
        kind: 'revenue',
        source: 'tax',
        ...file,
        unit: '万元',
        read: READ_LIMITS,
      });
    } catch (e) {
      if (e instanceof AppError) return;
      throw e;
    }
  }
  const changing = preview.counts.imported + preview.counts.updated;
  if (preview.problems.length > 0) {
    const e = await applyImport(db(), tax, { token: preview.token, skipInvalid: false }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION');
    expect({ facts: await factCount(), batches: await batchCount() }).toEqual(before);
  }
  const result = await applyImport(db(), tax, {
    token: preview.token,
    skipInvalid: preview.problems.length > 0,
  });
  expect(result.counts).toEqual(preview.counts);
  const written = await db()
    .select()
    .from(revenueFacts)
    .where(eq(revenueFacts.importBatchId, result.batchId));
  expect(written).toHaveLength(changing);
  expect(await factCount()).toBe(before.facts + changing);
  applied++;
}

const garbage: fc.Arbitrary<CorpusCell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(
    '合计',
    '小计',
    '-1',
    '1,2,3',
    '2024-13',
    '=SUM(A1:A3)',
    '１２',
    '统一社会信用代码',
    '',
    '—',
    '月份',
  ),
);

describe('mutated files', () => {
  it('survive row drops and garbage cells in every format', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Format>('xlsx', 'xls', 'csv', 'gbk'),
        fc.array(fc.nat(20), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(8), fc.nat(6), garbage), { maxLength: 4 }),
        async (format, drops, inserts) => {
          const rows = validRows();
          for (const d of drops) if (rows.length > 0) rows.splice(d % rows.length, 1);
          for (const [r, c, v] of inserts) {
            while (rows.length <= r) rows.push([]);
            const row = rows[r]!;
            while (row.length < c) row.push(null);
            row[c] = v;
          }
          await importChecked(await encode(rows, format));
        },
      ),
      { numRuns: 40 },
    );
    // The mutations must leave most files readable, or the property would test only refusals.
    expect(applied).toBeGreaterThan(20);
  });

  it('survive flipped bytes and truncation', { timeout: 240_000 }, async () => {
    const originals = await Promise.all(
      (['xlsx', 'xls', 'csv', 'gbk'] as const).map((f) => encode(validRows(), f)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.double({ min: 0.2, max: 1, noNaN: true })),
        async (which, flips, cut) => {
          const original = originals[which]!;
          const bytes = Buffer.from(original.bytes);
          for (const [pos, value] of flips) bytes[pos % bytes.length] = value;
          const mutated =
            cut === null ? bytes : bytes.subarray(0, Math.max(1, Math.floor(bytes.length * cut)));
          await importChecked({ fileName: original.fileName, bytes: mutated });
        },
      ),
      { numRuns: 40 },
    );
  });
});
