// Imports inside a budget: hostile files against the real server on the embedded database (a copy of the demo
// county, read cache off), each uploaded as the centre's staff for an enterprise import:
//   a zip whose directory says its sheet inflates to 10 kB while it inflates to 1 GiB; a CSV with 100,000
//   columns; 25 MB without a line break; an unterminated quote followed by 25 MB of lines; a workbook of
//   1,048,576 rows. For each: time to the refusal and the growth of the server's RSS (sampled every 5 ms
//   over the request, against its RSS just before). Then four of them at once (peak RSS), and a valid 30 MB
//   CSV (the tax bureau's monthly history of every demo firm, 2000–2025, with the bureau's usual extra
//   columns) previewed and applied while 10 connections read the firm list and the progress report: the
//   import's peak RSS, and the reads' p99 and worst latency against the same reads with no import running.

import { once } from 'node:events';
import { cpSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import autocannon from 'autocannon';
import {
  crc32,
  type Deflated,
  rowXml,
  SHEET_HEAD,
  SHEET_TAIL,
  xlsxOfSheetXml,
} from '../../packages/server/dist/platform/spreadsheet/zip-writer.js';
import { demoData } from '../lib/fixture.js';
import { httpRequest, sleep } from '../lib/http.js';
import { readProcMemory } from '../lib/proc.js';
import { formatNumber, formatTable } from '../lib/report.js';
import { CENTRE_USER, login, type Session, startServer } from '../lib/server.js';
import type { BenchCase, Metric } from '../lib/types.js';
import { PROGRESS_PATH } from './progress-api.js';

const LIST_PATH = '/api/v1/enterprises?page=1&pageSize=20';
const MB = 1024 * 1024;

async function deflateParts(parts: Iterable<Buffer>): Promise<Deflated> {
  const d = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = once(d, 'end');
  let crc = 0;
  let size = 0;
  for (const p of parts) {
    crc = crc32(p, crc);
    size += p.length;
    if (!d.write(p)) await once(d, 'drain');
  }
  d.end();
  await ended;
  return { body: Buffer.concat(out), size, crc };
}

function* lyingSheet(): Generator<Buffer> {
  yield Buffer.from(SHEET_HEAD);
  const spaces = Buffer.alloc(MB, 0x20);
  for (let i = 0; i < 1024; i++) yield spaces;
  yield Buffer.from(SHEET_TAIL);
}

function* millionRows(): Generator<Buffer> {
  yield Buffer.from(SHEET_HEAD + rowXml(1, ['统一社会信用代码', '企业名称', '营业收入']));
  for (let r = 2; r <= 1_048_576; r += 8192) {
    const part: string[] = [];
    for (let i = r; i < Math.min(r + 8192, 1_048_577); i++) {
      part.push(rowXml(i, [`91140322MA${String(i).padStart(8, '0')}`, `企业${i}`, (i * 7919) % 100_000]));
    }
    yield Buffer.from(part.join(''));
  }
  yield Buffer.from(SHEET_TAIL);
}

function wideCsv(): Buffer {
  const cols = Array.from({ length: 100_000 }, (_, i) => `列${i + 1}`);
  const lines = [cols.join(',')];
  for (let r = 0; r < 5; r++) lines.push(cols.map((_, i) => String(i % 10)).join(','));
  return Buffer.from(`${lines.join('\n')}\n`);
}

function noNewline(): Buffer {
  return Buffer.alloc(25 * MB, 'abcdefghijklmnopqrstuvwxyz0123456789');
}

function unterminatedQuote(): Buffer {
  const head = Buffer.from('统一社会信用代码,企业名称\n91140322MA00000001,"甲公司');
  return Buffer.concat([head, Buffer.alloc(25 * MB, '继续的内容,没有闭合的引号\n')]);
}

interface Firm {
  creditCode: string;
  name: string;
}

async function demoFirms(baseUrl: string, session: Session): Promise<Firm[]> {
  const firms: Firm[] = [];
  for (let page = 1; ; page++) {
    const res = await httpRequest(`${baseUrl}/api/v1/enterprises?page=${page}&pageSize=200`, {
      headers: { cookie: session.cookie },
    });
    if (res.status !== 200) throw new Error(`firm list: HTTP ${res.status}`);
    const body = JSON.parse(res.body) as { items: Firm[]; total: number };
    firms.push(...body.items.map((f) => ({ creditCode: f.creditCode, name: f.name })));
    if (firms.length >= body.total || body.items.length === 0) return firms;
  }
}

/** The tax bureau's monthly history of every firm, padded with its usual columns to just under 30 MB. */
function validCsv(firms: Firm[], targetBytes: number): { bytes: Buffer; rows: number } {
  const header =
    '纳税人识别号,纳税人名称,所属期,应税销售额（元）,主管税务机关,税收管理员,登记注册类型,行业,注册地址,法定代表人,联系电话,备注';
  const periods: string[] = [];
  for (let y = 2000; y <= 2025; y++)
    for (let m = 1; m <= 12; m++) periods.push(`${y}-${String(m).padStart(2, '0')}`);
  const line = (f: Firm, p: string, i: number, note: string) =>
    [
      f.creditCode,
      f.name,
      p,
      ((i * 7919) % 900_000) + 100_000 + 0.25,
      '国家税务总局盂县税务局第一税务分局',
      `税管员${i % 17}`,
      '有限责任公司',
      '通用设备制造业',
      `山西省阳泉市盂县秀水镇工业园区${i % 300}号`,
      `法人${i % 300}`,
      `0353-60${String(i % 100_000).padStart(5, '0')}`,
      note,
    ].join(',');
  const count = firms.length * periods.length;
  let base = Buffer.byteLength(`${header}\n`);
  let i = 0;
  for (const f of firms) for (const p of periods) base += Buffer.byteLength(`${line(f, p, i++, '')}\n`);
  const noteLength = Math.max(0, Math.floor((targetBytes - base) / count / 3));
  const note = '按月申报开票收入已换算为不含税销售额'.repeat(10).slice(0, noteLength);
  const out = [header];
  i = 0;
  for (const f of firms) for (const p of periods) out.push(line(f, p, i++, note));
  return { bytes: Buffer.from(`${out.join('\n')}\n`), rows: count };
}

interface Upload {
  status: number;
  body: string;
  ms: number;
}

function upload(
  baseUrl: string,
  path: string,
  session: Session,
  bytes: Buffer,
  timeoutMs = 600_000,
): Promise<Upload> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      baseUrl + path,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(bytes.length),
          cookie: session.cookie,
          'x-csrf-token': session.csrf ?? '',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${path}`)));
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Samples the server's RSS every 5 ms until stopped; the peak in MB. */
function rssSampler(pid: number) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const m = await readProcMemory(pid);
      if (m) peak = Math.max(peak, m.rssMb);
      await sleep(5);
    }
  })();
  return {
    async stop(): Promise<number> {
      running = false;
      await loop;
      return peak;
    },
  };
}

async function rssNow(pid: number): Promise<number> {
  return (await readProcMemory(pid))?.rssMb ?? Number.NaN;
}

function startLoad(url: string, cookie: string, connections: number) {
  let done: (r: autocannon.Result) => void = () => {};
  const result = new Promise<autocannon.Result>((r) => {
    done = r;
  });
  const instance = autocannon(
    { url, headers: { cookie }, connections, pipelining: 1, duration: 3600, timeout: 10 },
    (_e, r) => done(r),
  );
  return {
    stop() {
      instance.stop();
      return result;
    },
  };
}

const errorMessage = (body: string) => {
  try {
    return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body.slice(0, 80);
  } catch {
    return body.slice(0, 80);
  }
};

export const importHostile: BenchCase = {
  name: 'import-hostile',
  title:
    'Imports inside a budget: hostile files, four at once, a valid 30 MB CSV while the firm list and progress are read',
  async run(ctx) {
    const { dataDir: demoDir } = await demoData(ctx);
    const dataDir = join(ctx.tmpRoot, 'hostile-data');
    mkdirSync(dataDir, { recursive: true });
    cpSync(demoDir, dataDir, { recursive: true });

    ctx.log('  building the hostile files…');
    const files: {
      id: string;
      label: string;
      fileName: string;
      bytes: Buffer;
      goalMs: number;
      goalMb: number;
    }[] = [
      {
        id: 'lying_zip',
        label: 'zip directory says 10 kB, inflates to 1 GiB',
        fileName: 'bomb.xlsx',
        bytes: xlsxOfSheetXml(await deflateParts(lyingSheet()), 10_000),
        goalMs: 1000,
        goalMb: 50,
      },
      {
        id: 'wide_csv',
        label: 'CSV of 100,000 columns',
        fileName: 'wide.csv',
        bytes: wideCsv(),
        goalMs: 1000,
        goalMb: 50,
      },
      {
        id: 'no_newline',
        label: '25 MB without a line break',
        fileName: 'line.csv',
        bytes: noNewline(),
        goalMs: 1000,
        goalMb: 50,
      },
      {
        id: 'open_quote',
        label: 'unterminated quote, then 25 MB',
        fileName: 'quote.csv',
        bytes: unterminatedQuote(),
        goalMs: 1000,
        goalMb: 50,
      },
      {
        id: 'million_rows',
        label: 'workbook of 1,048,576 rows',
        fileName: 'rows.xlsx',
        bytes: xlsxOfSheetXml(await deflateParts(millionRows())),
        goalMs: 3000,
        goalMb: 100,
      },
    ];
    for (const f of files)
      ctx.log(`    ${f.fileName}: ${formatNumber(f.bytes.length / MB, 1)} MB — ${f.label}`);

    const start = () =>
      startServer({
        repoRoot: ctx.repoRoot,
        dataDir,
        logFile: join(ctx.tmpRoot, 'import-hostile.log'),
        extraEnv: { SHENGGUI_READ_CACHE: 'false' },
      });
    let server = await start();
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = {};
    try {
      ctx.log(
        `  server RSS after start: ${formatNumber(await rssNow(server.pid), 0)} MB; machine load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} cores (timings stretch with it)`,
      );
      let centre = await login(server.baseUrl, CENTRE_USER);
      let tax = await login(server.baseUrl, 'shuiwu');
      const sysadmin = await login(server.baseUrl, 'xitong');
      // The bench uploads more than a user may in a minute by default.
      const limits = await httpRequest(`${server.baseUrl}/api/v1/settings/imports`, {
        headers: { cookie: sysadmin.cookie },
      });
      const raised = { ...(JSON.parse(limits.body) as object), uploadsPerMinute: 600 };
      const put = await httpRequest(`${server.baseUrl}/api/v1/settings/imports`, {
        method: 'PUT',
        headers: {
          cookie: sysadmin.cookie,
          'x-csrf-token': sysadmin.csrf ?? '',
          'content-type': 'application/json',
        },
        body: JSON.stringify(raised),
      });
      if (put.status !== 200)
        throw new Error(`PUT /settings/imports: HTTP ${put.status} ${put.body.slice(0, 200)}`);
      ctx.log(`  import limits: ${limits.body}`);

      // Warm the parsing path once (the worker's first start loads its modules).
      await upload(
        server.baseUrl,
        '/api/v1/imports/preview?kind=enterprises&fileName=w.csv',
        centre,
        Buffer.from('a,b\n'),
      );

      const rows: string[][] = [];
      for (const f of files) {
        await sleep(500);
        const before = await rssNow(server.pid);
        const sampler = rssSampler(server.pid);
        const r = await upload(
          server.baseUrl,
          `/api/v1/imports/preview?kind=enterprises&fileName=${f.fileName}`,
          centre,
          f.bytes,
        );
        const peak = await sampler.stop();
        const growth = Math.max(0, peak - before);
        const message = errorMessage(r.body);
        rows.push([f.label, String(r.status), formatNumber(r.ms, 0), formatNumber(growth, 1), message]);
        details[f.id] = { status: r.status, ms: r.ms, rssBeforeMb: before, rssPeakMb: peak, message };
        metrics.push(
          {
            id: `import_hostile_${f.id}_ms`,
            label: `hostile: ${f.label} — refused in`,
            value: r.status === 400 ? r.ms : null,
            unit: 'ms',
            goal: { op: '<=', value: f.goalMs },
          },
          {
            id: `import_hostile_${f.id}_rss_growth_mb`,
            label: `hostile: ${f.label} — server RSS growth`,
            value: growth,
            unit: 'MB',
            digits: 1,
            goal: { op: '<=', value: f.goalMb },
          },
        );
      }
      ctx.log(formatTable(['file', 'HTTP', 'ms', 'RSS +MB', 'message'], rows, [1, 2, 3]));

      // Four at once: the queue takes them one by one; the server must stay under 600 MB.
      await sleep(500);
      const four = [files[4]!, files[0]!, files[2]!, files[3]!];
      const sampler = rssSampler(server.pid);
      const started = performance.now();
      const results = await Promise.all(
        four.map((f) =>
          upload(
            server.baseUrl,
            `/api/v1/imports/preview?kind=enterprises&fileName=${f.fileName}`,
            centre,
            f.bytes,
          ),
        ),
      );
      const fourMs = performance.now() - started;
      const fourPeak = await sampler.stop();
      ctx.log(
        `  four at once (${four.map((f) => f.fileName).join(', ')}): HTTP ${results.map((r) => r.status).join('/')} in ${formatNumber(fourMs, 0)} ms, peak RSS ${formatNumber(fourPeak, 0)} MB`,
      );
      metrics.push({
        id: 'import_hostile_four_peak_rss_mb',
        label: 'four concurrent hostile uploads — server peak RSS',
        value: fourPeak,
        unit: 'MB',
        goal: { op: '<=', value: 600 },
      });
      details.four = { statuses: results.map((r) => r.status), ms: fourMs, peakRssMb: fourPeak };

      // A fresh server (memory a process has grown to is not handed back): reads with nothing else running,
      // then during the import of a valid 30 MB CSV.
      await server.stop();
      server = await start();
      const fresh = await rssNow(server.pid);
      ctx.log(`  restarted; server RSS after start: ${formatNumber(fresh, 0)} MB`);
      centre = await login(server.baseUrl, CENTRE_USER);
      tax = await login(server.baseUrl, 'shuiwu');
      const firms = await demoFirms(server.baseUrl, centre);
      const valid = validCsv(firms, 30 * MB - 256 * 1024);
      ctx.log(
        `  valid CSV: ${formatNumber(valid.bytes.length / MB, 1)} MB, ${formatNumber(valid.rows, 0)} rows of ${firms.length} firms × 312 months`,
      );
      const readSeconds = Math.max(3, Math.min(ctx.config.durationSec, 5));
      const half = Math.max(1, Math.floor(ctx.config.connections / 2));
      let listLoad = startLoad(server.baseUrl + LIST_PATH, centre.cookie, half);
      let progressLoad = startLoad(server.baseUrl + PROGRESS_PATH, centre.cookie, half);
      await sleep(readSeconds * 1000);
      const idleList = await listLoad.stop();
      const idleProgress = await progressLoad.stop();

      await sleep(500);
      const before = await rssNow(server.pid);
      const importSampler = rssSampler(server.pid);
      listLoad = startLoad(server.baseUrl + LIST_PATH, centre.cookie, half);
      progressLoad = startLoad(server.baseUrl + PROGRESS_PATH, centre.cookie, half);
      await sleep(1000);
      const preview = await upload(
        server.baseUrl,
        '/api/v1/imports/preview?kind=revenue&source=tax&fileName=tax-history.csv&ticket=bench-valid-csv',
        tax,
        valid.bytes,
      );
      if (preview.status !== 200) {
        throw new Error(`valid CSV preview: HTTP ${preview.status} ${preview.body.slice(0, 300)}`);
      }
      const p = JSON.parse(preview.body) as { token: string; counts: Record<string, number> };
      const applyStarted = performance.now();
      const apply = await httpRequest(`${server.baseUrl}/api/v1/imports/${p.token}/apply`, {
        method: 'POST',
        headers: { cookie: tax.cookie, 'x-csrf-token': tax.csrf ?? '', 'content-type': 'application/json' },
        body: JSON.stringify({ skipInvalid: true }),
        timeoutMs: 600_000,
      });
      const applyMs = performance.now() - applyStarted;
      await sleep(1000);
      const busyList = await listLoad.stop();
      const busyProgress = await progressLoad.stop();
      const importPeak = await importSampler.stop();
      if (apply.status !== 200)
        throw new Error(`valid CSV apply: HTTP ${apply.status} ${apply.body.slice(0, 300)}`);
      const applied = JSON.parse(apply.body) as { counts: Record<string, number> };
      ctx.log(
        `  valid CSV: preview ${formatNumber(preview.ms / 1000, 1)} s (counts ${JSON.stringify(p.counts)}), apply ${formatNumber(applyMs / 1000, 1)} s (${JSON.stringify(applied.counts)}); RSS ${formatNumber(before, 0)} → peak ${formatNumber(importPeak, 0)} MB`,
      );
      const readRow = (name: string, r: autocannon.Result) => [
        name,
        formatNumber(r['2xx'] / Math.max(1, r.duration), 1),
        formatNumber(r.latency.p50, 0),
        formatNumber(r.latency.p99, 0),
        formatNumber(r.latency.max, 0),
        String(r.timeouts),
        String(r.non2xx),
      ];
      ctx.log(
        formatTable(
          ['reads (embedded database)', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'time-outs', 'non-2xx'],
          [
            readRow('firm list, idle', idleList),
            readRow('firm list, during import', busyList),
            readRow('progress, idle', idleProgress),
            readRow('progress, during import', busyProgress),
          ],
          [1, 2, 3, 4, 5, 6],
        ),
      );
      metrics.push(
        {
          id: 'import_valid_csv_peak_rss_mb',
          label: 'valid 30 MB CSV imported — server peak RSS',
          value: importPeak,
          unit: 'MB',
          goal: { op: '<=', value: 500 },
        },
        {
          id: 'import_valid_csv_seconds',
          label: 'valid 30 MB CSV — preview + apply',
          value: (preview.ms + applyMs) / 1000,
          unit: 's',
          digits: 1,
        },
        {
          id: 'import_reads_list_p99_ms',
          label: 'firm list p99 during the import (embedded)',
          value: busyList.latency.p99,
          unit: 'ms',
        },
        {
          id: 'import_reads_list_max_ms',
          label: 'firm list worst latency during the import (embedded)',
          value: busyList.latency.max,
          unit: 'ms',
        },
        {
          id: 'import_reads_progress_p99_ms',
          label: 'progress p99 during the import (embedded)',
          value: busyProgress.latency.p99,
          unit: 'ms',
        },
        {
          id: 'import_reads_timeouts',
          label: 'read time-outs (10 s) during the import',
          value: busyList.timeouts + busyProgress.timeouts,
          unit: '',
          goal: { op: '<=', value: 0 },
        },
      );
      details.valid = {
        bytes: valid.bytes.length,
        rows: valid.rows,
        previewMs: preview.ms,
        applyMs,
        previewCounts: p.counts,
        appliedCounts: applied.counts,
        rssBeforeMb: before,
        peakRssMb: importPeak,
        reads: {
          idleList: idleList.latency,
          busyList: busyList.latency,
          idleProgress: idleProgress.latency,
          busyProgress: busyProgress.latency,
        },
      };
    } finally {
      await server.stop();
    }
    return { metrics, details };
  },
};
