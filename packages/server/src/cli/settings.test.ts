// `shenggui settings get|set` through the command line's own code path: a county continuing its document
// numbers (〔2024〕7号 after six issued on paper), a number never reused, invalid values refused naming the key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSINESS_SETTING_KEYS } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/client.js';
import { COUNTY } from '../test/harness.js';
import { main } from './main.js';

let dir: string;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const err = vi.spyOn(console, 'error').mockImplementation(() => {});

async function run(args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  log.mockClear();
  err.mockClear();
  const code = await main([...args, '--data', dir, '--json']);
  const last = log.mock.calls.at(-1)?.[0];
  return {
    code,
    json: last === undefined ? null : JSON.parse(String(last)),
    stderr: err.mock.calls.map((c) => String(c[0])).join('\n'),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-settings-cli-'));
  expect((await run(['init', '--county', COUNTY])).code).toBe(0);
});

afterAll(() => {
  log.mockRestore();
  err.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

describe('shenggui settings', () => {
  it('set notice.nextNumber 7 --year 2024, then notice progress issues 〔2024〕7号, then 8', async () => {
    const set = await run(['settings', 'set', 'notice.nextNumber', '7', '--year', '2024']);
    expect(set.code).toBe(0);
    expect(set.json).toEqual({
      changes: [{ key: 'notice.nextNumber', label: '下一个文号序号', year: 2024, before: '1', after: '7' }],
    });
    const first = await run(['notice', 'progress', '--year', '2024', '--out', join(dir, 'n1.docx')]);
    expect(first.code).toBe(0);
    expect((first.json as { docNumber: string }).docNumber).toBe('盂促企组办发〔2024〕7号');
    const second = await run(['notice', 'progress', '--year', '2024', '--out', join(dir, 'n2.docx')]);
    expect((second.json as { docNumber: string }).docNumber).toBe('盂促企组办发〔2024〕8号');
    // Another year keeps its own sequence.
    const other = await run(['notice', 'progress', '--year', '2025', '--out', join(dir, 'n3.docx')]);
    expect((other.json as { docNumber: string }).docNumber).toBe('盂促企组办发〔2025〕1号');
  });

  it('refuses a next number at or below one already issued, in Chinese, naming the key', async () => {
    for (const n of ['8', '3']) {
      const r = await run(['settings', 'set', 'notice.nextNumber', n, '--year', '2024']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('notice.nextNumber');
      expect(r.stderr).toContain('2024年已印发至第8号，文号不能重复使用');
    }
    const get = await run(['settings', 'get', 'notice.nextNumber', '--year', '2024']);
    expect(get.json).toMatchObject({ key: 'notice.nextNumber', value: 9, forYear: 2024 });
    expect((await run(['settings', 'set', 'notice.nextNumber', '20', '--year', '2024'])).code).toBe(0);
    const next = await run(['notice', 'progress', '--year', '2024', '--out', join(dir, 'n4.docx')]);
    expect((next.json as { docNumber: string }).docNumber).toBe('盂促企组办发〔2024〕20号');
  });

  it('refuses invalid values with a Chinese message naming the key', async () => {
    const cases: [string[], string][] = [
      [['scale.threshold', 'abc'], 'scale.threshold'],
      [['scale.threshold', '-1'], 'scale.threshold'],
      [['library.tierAP', '1.5'], 'library.tierAP'],
      [['counting.cutoff', '02-30', '--year', '2025'], 'counting.cutoff'],
      [['revenue.priority', 'both'], 'revenue.priority'],
      [['declaration.calendar', '{"batches":[]}', '--year', '2025'], 'declaration.calendar'],
      [['notice.nextNumber', '5'], '--year'],
      [['no.such.key', '1'], 'no.such.key'],
    ];
    for (const [args, named] of cases) {
      const r = await run(['settings', 'set', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^错误：/);
      expect(r.stderr).toContain(named);
    }
  });

  it('get without a key lists every setting; set writes an audit record with before and after', async () => {
    const set = await run(['settings', 'set', 'scale.threshold', '2500']);
    expect(set.json).toMatchObject({
      changes: [{ key: 'scale.threshold', before: '2,000万元', after: '2,500万元' }],
    });
    expect((await run(['settings', 'set', 'library.base', '600', '--year', '2026'])).code).toBe(0);
    const list = await run(['settings', 'get', '--year', '2026']);
    const items = (list.json as { items: { key: string; value: unknown; source: string }[] }).items;
    expect(items.map((i) => i.key)).toEqual(BUSINESS_SETTING_KEYS);
    expect(items.find((i) => i.key === 'scale.threshold')).toMatchObject({
      value: 25_000_000,
      source: 'default',
    });
    expect(items.find((i) => i.key === 'library.base')).toMatchObject({ value: 6_000_000, source: 'year' });
    const y2025 = await run(['settings', 'get', 'library.base', '--year', '2025']);
    expect(y2025.json).toMatchObject({ value: 5_000_000, source: 'builtin' });

    const database = await openDatabase({ dataDir: dir });
    try {
      const { rows } = (await database.db.execute(
        `select entity_id, before, after from audit_log where action = 'settings.update' order by id`,
      )) as unknown as { rows: { entity_id: string; before: unknown; after: unknown }[] };
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      const threshold = rows.find((r) => r.entity_id === 'scale.threshold');
      expect(parse(threshold?.before)).toMatchObject({ value: 20_000_000 });
      expect(parse(threshold?.after)).toMatchObject({ value: 25_000_000 });
      expect(rows.some((r) => r.entity_id === 'notice.nextNumber@2024')).toBe(true);
      expect(rows.some((r) => r.entity_id === 'library.base@2026')).toBe(true);
    } finally {
      await database.close();
    }
  });
});
