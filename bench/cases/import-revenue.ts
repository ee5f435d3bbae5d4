// The import benchmark: a 100,000-row long-format revenue workbook (the demo firms' credit codes ×
// consecutive months, values in yuan), written with exceljs' streaming writer, then
//   (a) imported in full (preview + apply, one transaction) by the command line on a copy of the demo data
//       folder: `shenggui import revenue FILE --source tax --data DIR --json`, under /usr/bin/time -v for the
//       peak RSS (the process and its parsing worker thread);
//   (b) parsed alone by the server's own reader (readSpreadsheet from packages/server/dist, the same worker);
//   (c) converted by `soffice --headless --convert-to csv` (a warmed-up private profile).
// Rates are data rows per second of wall time. (a) is reported gross (the whole command, node start and
// database open included) and net of a trivial command's time on the same folder; the goal uses the gross.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoData } from '../lib/fixture.js';
import { formatNumber, formatTable } from '../lib/report.js';
import type { BenchCase, BenchContext, Metric } from '../lib/types.js';

const ROWS = 100_000;
const TIME = '/usr/bin/time';

interface ProcResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Maximum resident set size from `time -v`, MB (null without /usr/bin/time). */
  peakRssMb: number | null;
}

/** Runs a command (under /usr/bin/time -v when present), killing it by its pid when it overstays. */
function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<ProcResult> {
  const timed = existsSync(TIME);
  const started = performance.now();
  const child = spawn(timed ? TIME : cmd, timed ? ['-v', cmd, ...args] : args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const stop = () => {
    if (child.exitCode === null && child.pid) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  const timer = setTimeout(stop, opts.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      process.removeListener('exit', stop);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      process.removeListener('exit', stop);
      const wallMs = performance.now() - started;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code, stdout, stderr, wallMs, peakRssMb: m ? Number(m[1]) / 1024 : null });
    });
  });
}

/** The last lines of a command's output, without the report of `time -v`. */
function tail(text: string, lines = 15): string {
  const own = text.split('\tCommand being timed:')[0] ?? text;
  return own.trimEnd().split('\n').slice(-lines).join('\n');
}

async function demoFirms(ctx: BenchContext, bin: string, dataDir: string) {
  const r = await run(process.execPath, [bin, 'enterprises', 'list', '--json', '--data', dataDir], {
    cwd: ctx.repoRoot,
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`enterprises list failed (${r.code}):\n${tail(r.stderr)}`);
  const list = JSON.parse(r.stdout) as { items: { creditCode: string; name: string }[] };
  if (list.items.length === 0) throw new Error('the demo county has no firms');
  return { firms: list.items, startupMs: r.wallMs };
}

/** Long format, one row per firm and month; every firm gets a run of consecutive months from 1990-01. */
async function writeWorkbook(file: string, firms: { creditCode: string; name: string }[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('开票收入');
  ws.addRow(['统一社会信用代码', '企业名称', '所属期', '开票收入（元）']).commit();
  const perFirm = Math.ceil(ROWS / firms.length);
  let written = 0;
  for (let m = 0; m < perFirm && written < ROWS; m++) {
    const period = `${1990 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const [i, f] of firms.entries()) {
      if (written >= ROWS) break;
      // Deterministic yuan amounts with cents, 100k–5M a month.
      const value =
        Math.round((100_000 + ((i * 7919 + m * 104_729) % 4_900_000)) * 100 + ((i + m) % 100)) / 100;
      ws.addRow([f.creditCode, f.name, period, value]).commit();
      written++;
    }
  }
  await wb.commit();
  return written;
}

interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: unknown[];
}

const rate = (rows: number, ms: number | null) => (ms && ms > 0 ? rows / (ms / 1000) : null);

export const importRevenue: BenchCase = {
  name: 'import-revenue',
  title: 'Import of a 100,000-row revenue workbook (CLI preview + apply) vs parse alone vs soffice → csv',
  async run(ctx) {
    const bin = join(ctx.repoRoot, 'packages/server/bin/shenggui.js');
    const readerJs = join(ctx.repoRoot, 'packages/server/dist/platform/spreadsheet/read-spreadsheet.js');
    if (!existsSync(readerJs)) throw new Error(`${readerJs} missing: build the server first (npx tsc -b)`);
    const { dataDir } = await demoData(ctx);
    const dir = join(ctx.tmpRoot, 'import-revenue');
    mkdirSync(dir, { recursive: true });
    const importDir = join(dir, 'data');
    // The import writes: it gets its own copy of the demo county.
    cpSync(dataDir, importDir, { recursive: true });

    const { firms, startupMs } = await demoFirms(ctx, bin, importDir);
    const file = join(dir, 'revenue-100k.xlsx');
    const t0 = performance.now();
    const rows = await writeWorkbook(file, firms);
    const sizeMb = statSync(file).size / 1024 / 1024;
    ctx.log(
      `  ${rows.toLocaleString('en-US')} rows (${firms.length} firms × months) → ${formatNumber(sizeMb, 1)} MB .xlsx in ${formatNumber(performance.now() - t0, 0)} ms`,
    );
    ctx.log(`  a trivial command (enterprises list) on the folder: ${formatNumber(startupMs, 0)} ms`);

    // (b) parse alone: the server's reader (zip guard + worker) in a fresh node, timed inside.
    // (a file, not `node -e`: the worker thread inherits execArgv, and --input-type breaks it)
    const parseScript = `
      import { readFile } from 'node:fs/promises';
      const { readSpreadsheet } = await import(${JSON.stringify(`file://${readerJs}`)});
      const bytes = await readFile(${JSON.stringify(file)});
      const t = performance.now();
      const grid = await readSpreadsheet('revenue-100k.xlsx', bytes, { timeoutMs: 600000 });
      const ms = performance.now() - t;
      console.log(JSON.stringify({ ms, rows: grid.sheets[0].rows.length }));`;
    const parseFile = join(dir, 'parse-only.mjs');
    writeFileSync(parseFile, parseScript);
    const parseRuns: { ms: number; wallMs: number; peakRssMb: number | null }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await run(process.execPath, [parseFile], {
        cwd: ctx.repoRoot,
        timeoutMs: 600_000,
      });
      if (r.code !== 0) throw new Error(`parse-only failed (${r.code}):\n${tail(r.stderr)}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; rows: number };
      parseRuns.push({ ms: out.ms, wallMs: r.wallMs, peakRssMb: r.peakRssMb });
      ctx.log(
        `  parse only, run ${i + 1}: ${formatNumber(out.ms, 0)} ms (${out.rows.toLocaleString('en-US')} sheet rows), peak RSS ${formatNumber(r.peakRssMb, 0)} MB`,
      );
    }
    const parse = [...parseRuns].sort((a, b) => a.ms - b.ms)[1] ?? parseRuns[0]!;

    // Where the import's time and memory go: the preview alone (--dry-run: read, parse, plan; nothing written).
    const dry = await run(
      process.execPath,
      [bin, 'import', 'revenue', file, '--source', 'tax', '--data', importDir, '--json', '--dry-run'],
      { cwd: ctx.repoRoot, timeoutMs: 900_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    if (dry.code !== 0) throw new Error(`dry run failed (exit ${dry.code}):\n${tail(dry.stderr)}`);
    ctx.log(
      `  preview only (CLI --dry-run): ${formatNumber(dry.wallMs, 0)} ms, peak RSS ${formatNumber(dry.peakRssMb, 0)} MB`,
    );

    // (a) the full import through the command line.
    const imp = await run(
      process.execPath,
      [bin, 'import', 'revenue', file, '--source', 'tax', '--data', importDir, '--json'],
      { cwd: ctx.repoRoot, timeoutMs: 900_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    let summary: ImportSummary | null = null;
    try {
      summary = JSON.parse(imp.stdout) as ImportSummary;
    } catch {
      summary = null;
    }
    if (imp.code !== 0 || !summary) {
      throw new Error(`import failed (exit ${imp.code}):\n${tail(imp.stdout, 5)}\n${tail(imp.stderr)}`);
    }
    const applied = summary.imported + summary.updated + summary.unchanged;
    ctx.log(
      `  import (CLI): ${formatNumber(imp.wallMs, 0)} ms — new ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}; peak RSS ${formatNumber(imp.peakRssMb, 0)} MB`,
    );
    if (applied !== rows) ctx.log(`  NOTE: ${applied} figures applied for ${rows} rows`);

    // (c) LibreOffice: warm the private profile on a tiny file, then convert the workbook.
    const profile = join(dir, 'soffice-profile');
    const outDir = join(dir, 'soffice-out');
    mkdirSync(outDir, { recursive: true });
    const soffice = [
      '--headless',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'csv',
      '--outdir',
      outDir,
    ];
    let sofficeMs: number | null = null;
    let sofficeRss: number | null = null;
    let sofficeNote = '';
    try {
      const tiny = join(dir, 'tiny.csv');
      writeFileSync(tiny, 'a,b\n1,2\n');
      await run('soffice', [...soffice, tiny], { cwd: dir, timeoutMs: 180_000 });
      const r = await run('soffice', [...soffice, file], { cwd: dir, timeoutMs: 900_000 });
      if (r.code === 0 && existsSync(join(outDir, 'revenue-100k.csv'))) {
        sofficeMs = r.wallMs;
        sofficeRss = r.peakRssMb;
        ctx.log(
          `  soffice --convert-to csv: ${formatNumber(r.wallMs, 0)} ms, peak RSS ${formatNumber(r.peakRssMb, 0)} MB`,
        );
      } else {
        sofficeNote = `soffice exit ${r.code}: ${tail(r.stderr, 3).replace(/\s+/g, ' ')}${/could not be loaded/.test(r.stderr) ? ' (is LibreOffice Calc installed? apt-get install libreoffice-calc-nogui)' : ''}`;
        ctx.log(`  ${sofficeNote}`);
      }
    } catch (e) {
      sofficeNote = `soffice not run: ${(e as Error).message}`;
      ctx.log(`  ${sofficeNote}`);
    }

    const importNetMs = Math.max(1, imp.wallMs - startupMs);
    const importRate = rate(rows, imp.wallMs);
    const importNetRate = rate(rows, importNetMs);
    const parseRate = rate(rows, parse.ms);
    const sofficeRate = rate(rows, sofficeMs);
    ctx.log('');
    ctx.log(
      formatTable(
        ['', 'ms', 'rows/s', 'peak RSS MB', 'goal'],
        [
          [
            'import, CLI (preview + apply)',
            formatNumber(imp.wallMs, 0),
            formatNumber(importRate, 0),
            formatNumber(imp.peakRssMb, 0),
            'RSS ≤ 500',
          ],
          [
            'import, net of command start',
            formatNumber(importNetMs, 0),
            formatNumber(importNetRate, 0),
            '',
            '',
          ],
          [
            '  of which preview (--dry-run)',
            formatNumber(dry.wallMs, 0),
            formatNumber(rate(rows, dry.wallMs), 0),
            formatNumber(dry.peakRssMb, 0),
            '',
          ],
          [
            'parse only (server reader)',
            formatNumber(parse.ms, 0),
            formatNumber(parseRate, 0),
            formatNumber(parse.peakRssMb, 0),
            'import ≥ 0.5×',
          ],
          [
            'soffice → csv',
            formatNumber(sofficeMs, 0),
            formatNumber(sofficeRate, 0),
            formatNumber(sofficeRss, 0),
            'import faster',
          ],
        ],
        [1, 2, 3],
      )
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );

    const metrics: Metric[] = [
      {
        id: 'import-revenue-rows-per-s',
        label: 'revenue import 100k rows, CLI preview + apply',
        value: importRate,
        unit: 'rows/s',
        digits: 0,
        note: `${formatNumber(imp.wallMs, 0)} ms wall; net of command start ${formatNumber(importNetRate, 0)} rows/s`,
      },
      {
        id: 'import-revenue-peak-rss-mb',
        label: 'revenue import 100k rows, peak RSS',
        value: imp.peakRssMb,
        unit: 'MB',
        digits: 0,
        goal: { op: '<=', value: 500 },
      },
      {
        id: 'import-revenue-parse-rows-per-s',
        label: 'parse the same file alone (server reader)',
        value: parseRate,
        unit: 'rows/s',
        digits: 0,
      },
      {
        id: 'import-revenue-vs-parse',
        label: 'import rate ÷ parse-only rate',
        value: importRate && parseRate ? importRate / parseRate : null,
        unit: '×',
        digits: 2,
        goal: { op: '>=', value: 0.5 },
        note: `net of command start: ${importNetRate && parseRate ? (importNetRate / parseRate).toFixed(2) : '—'}×`,
      },
      {
        id: 'import-revenue-vs-soffice',
        label: 'import rate ÷ soffice → csv rate',
        value: importRate && sofficeRate ? importRate / sofficeRate : null,
        unit: '×',
        digits: 2,
        goal: { op: '>=', value: 1 },
        ...(sofficeNote ? { note: sofficeNote } : {}),
      },
    ];
    return {
      metrics,
      details: {
        rows,
        firms: firms.length,
        fileMb: sizeMb,
        import: {
          wallMs: imp.wallMs,
          netMs: importNetMs,
          peakRssMb: imp.peakRssMb,
          summary: { ...summary, rejected: summary.rejected.length },
        },
        parseRuns,
        soffice: { ms: sofficeMs, peakRssMb: sofficeRss },
        commandStartMs: startupMs,
        dryRun: { wallMs: dry.wallMs, peakRssMb: dry.peakRssMb },
      },
    };
  },
};
