// `shenggui export <list> --out FILE.xlsx`: the routes' workbooks written from the command line, whole database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COUNTY } from '../test/harness.js';
import { main } from './main.js';

let dir: string;
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const err = vi.spyOn(console, 'error').mockImplementation(() => {});

/** Runs the command and returns its parsed --json output. */
async function run(args: string[]): Promise<{ list: string; file: string; bytes: number }> {
  log.mockClear();
  expect(await main([...args, '--data', dir, '--json'])).toBe(0);
  return JSON.parse(String(log.mock.calls.at(-1)?.[0]));
}

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const headerOf = (ws: ExcelJS.Worksheet | undefined) =>
  ((ws?.getRow(1).values ?? []) as unknown[]).filter((v) => v !== undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-export-cli-'));
  expect(await main(['init', '--county', COUNTY, '--demo', '--data', dir, '--json'])).toBe(0);
});

afterAll(() => {
  log.mockRestore();
  err.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

describe('shenggui export', () => {
  it('writes the enterprise list with the web export’s columns, one row per firm', async () => {
    log.mockClear();
    expect(await main(['enterprises', 'list', '--data', dir, '--json'])).toBe(0);
    const { total } = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as { total: number };
    expect(total).toBeGreaterThan(0);

    const file = join(dir, 'enterprises.xlsx');
    const r = await run(['export', 'enterprises', '--out', file]);
    expect(r).toMatchObject({ list: 'enterprises', file });
    expect(r.bytes).toBeGreaterThan(0);
    const ws = (await readBook(file)).getWorksheet('企业列表');
    const header = headerOf(ws);
    expect(header.slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '法人类型']);
    expect(header.at(-1)).toBe('信用代码校验');
    expect(header.some((h) => /^\d{4}年营业收入（万元）$/.test(String(h)))).toBe(true);
    expect(ws?.rowCount).toBe(total + 1);
  });

  it('writes both progress rankings for the year, one sheet per dimension', async () => {
    const file = join(dir, 'progress.xlsx');
    const r = await run(['export', 'progress', '--year', '2024', '--out', file]);
    expect(r.list).toBe('progress');
    log.mockClear();
    expect(await main(['report', 'progress', '--year', '2024', '--data', dir, '--json'])).toBe(0);
    const report = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as {
      dimensions: { territorial: unknown[]; supervising: unknown[] };
    };
    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['属地维度', '行业主管维度']);
    const territorial = wb.getWorksheet('属地维度');
    expect(headerOf(territorial).slice(0, 4)).toEqual(['排名', '单位代码', '单位', '目标（户）']);
    expect(territorial?.rowCount).toBe(report.dimensions.territorial.length + 1);
    expect(wb.getWorksheet('行业主管维度')?.rowCount).toBe(report.dimensions.supervising.length + 1);
    expect(report.dimensions.territorial.length).toBeGreaterThan(0);
  });

  it('rejects an unknown list, naming the choices (exit 2)', async () => {
    err.mockClear();
    expect(await main(['export', 'firms', '--out', join(dir, 'x.xlsx'), '--data', dir])).toBe(2);
    const printed = err.mock.calls.map((c) => String(c[0])).join('\n');
    expect(printed).toContain('enterprises | directory | libraries | declarations | progress | targets');
  });
});
