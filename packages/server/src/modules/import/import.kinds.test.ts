// The two kinds that plugged in last: directory events (入库/退库) and targets, each from a messy sheet with
// its bad rows, through the same engine (preview → apply) as enterprises and revenue.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, scaleStatusHistory } from '../../db/schema.js';
import { directoryEvents } from '../../db/schema-progress.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { type CorpusSheet, csvOf, everyFormat, xlsxOf } from '../../test/spreadsheet-corpus.js';
import { recordDirectoryEvent } from '../directory/directory.service.js';
import { getTargets } from '../target/target.service.js';
import { exitReasonOf } from './directory-import.js';
import {
  applyImport,
  forgetRecentReads,
  getErrorWorkbook,
  getTemplate,
  MAX_STORED_PROBLEMS,
  previewImport,
} from './import.service.js';
import { contextOf, registerFirms, type TestFirm } from './test-support.js';

let env: TestEnv;
let centre: RequestContext;
let stats: RequestContext;
let tax: RequestContext;
let firms: TestFirm[];

beforeAll(async () => {
  env = await createTestEnv();
  const now = env.clock.now();
  centre = await contextOf(env.database.db, 'centre', now);
  stats = await contextOf(env.database.db, 'stats', now);
  tax = await contextOf(env.database.db, 'tax', now);
  firms = await registerFirms(env.database.db, centre, env.unitId, 6);
  // Firm 5 is already 规上 (entered last year): it may exit.
  await recordDirectoryEvent(env.database.db, centre, {
    enterpriseId: firms[4]!.id,
    type: 'entry',
    mode: 'annual',
    batch: null,
    approvalDate: '2025-02-10',
    effectivePeriod: '2025-01',
    exitReason: null,
    note: null,
  });
});
afterAll(() => env.close());

const db = () => env.database.db;
const f = (i: number) => firms[i - 1]!;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e;
  }
  throw new Error('expected a rejection');
}

async function statusOf(firm: TestFirm) {
  const rows = await db().select().from(enterprises).where(eq(enterprises.id, firm.id));
  return rows[0]!.scaleStatus;
}

describe('directory events (入库/退库)', () => {
  /** The bureau's list: title, 序号, merged-looking blanks, spaces, an entry then an exit of one firm. */
  const messy = (): CorpusSheet => ({
    rows: [
      ['盂县2026年规模以上工业企业入库、退库名单', null, null, null, null, null, null, null, null],
      ['序号', '统一社会信用代码', '企业名称', '类型', '方式', '批次', '批准日期', '生效期间', '原因'],
      [1, f(1).creditCode, f(1).name, '入库', '年度入库', '2026年第1批', '2026-02-10', '2026-01', null],
      [2, null, f(2).name, ' 入库 ', '年度', '2026年第1批', '2026/2/10', '2026年1月', null],
      [null, null, null, null, null, null, null, null, null],
      [3, f(1).creditCode, null, '退库', null, '2026年第3批', '2026-09-01', '202609', '停产'],
      [4, f(5).creditCode, f(5).name, '退库', null, null, '2026-03-15', '2026-03', '营业收入低于2000万元'],
      // bad rows: an exit of a 规下 firm, a bad date, an unknown firm, an unknown type
      [5, f(3).creditCode, f(3).name, '退库', null, null, '2026-03-15', '2026-03', '注销'],
      [6, f(4).creditCode, f(4).name, '入库', '年度', null, '2026-13-45', '2026-03', null],
      [7, null, '不存在的公司', '入库', '年度', null, '2026-03-15', '2026-03', null],
      [8, f(6).creditCode, f(6).name, '调整', null, null, '2026-03-15', '2026-03', null],
      ['合计', null, null, null, null, null, null, null, null],
    ],
  });

  it('maps the bureau wording of exit reasons to the domain keys', () => {
    expect(exitReasonOf('营业收入低于标准').reason).toBe('below_threshold');
    expect(exitReasonOf('营业收入低于2000万元').reason).toBe('below_threshold');
    expect(exitReasonOf('停产').reason).toBe('stopped');
    expect(exitReasonOf('企业注销').reason).toBe('deregistered');
    expect(exitReasonOf('迁出本县').reason).toBe('moved');
    expect(exitReasonOf('转行业').reason).toBe('changed_industry');
    expect(exitReasonOf('主行业变更').reason).toBe('changed_industry');
    expect(exitReasonOf('被兼并').reason).toBe('merged');
    expect(exitReasonOf('合并').reason).toBe('merged');
    expect(exitReasonOf('企业搬迁改造')).toEqual({ reason: 'other', note: '企业搬迁改造' });
  });

  it('reads the messy list the same way in every format and names every bad row', async () => {
    for (const file of await everyFormat(messy(), '入库退库')) {
      const p = await previewImport(db(), stats, { kind: 'directory', ...file });
      expect(p.how, file.label).toMatchObject({ headerRow: 2, unit: null });
      expect(p.counts, file.label).toEqual({
        rows: 8,
        valid: 4,
        invalid: 4,
        imported: 4,
        updated: 0,
        unchanged: 0,
      });
      const byRow = Object.fromEntries(p.problems.map((x) => [x.row, x]));
      expect(byRow[8], file.label).toMatchObject({
        column: '类型',
        message: expect.stringContaining('规下'),
      });
      expect(byRow[9], file.label).toMatchObject({
        column: '批准日期',
        message: expect.stringContaining('2026-13-45'),
      });
      expect(byRow[10], file.label).toMatchObject({
        column: '企业名称',
        message: expect.stringContaining('不存在的公司'),
      });
      expect(byRow[11], file.label).toMatchObject({
        column: '类型',
        message: expect.stringContaining('调整'),
      });
    }
  });

  it('refuses without directory:write', async () => {
    const bytes = await xlsxOf([messy()]);
    const e = await rejection(previewImport(db(), tax, { kind: 'directory', fileName: 'd.xlsx', bytes }));
    expect(e.code).toBe('FORBIDDEN');
  });

  it('applies the good rows in sheet order, with status and history, and once only', async () => {
    const bytes = await xlsxOf([messy()]);
    const p = await previewImport(db(), stats, { kind: 'directory', fileName: 'd.xlsx', bytes });
    // Nothing by default while any row is bad.
    expect((await rejection(applyImport(db(), stats, { token: p.token, skipInvalid: false }))).code).toBe(
      'VALIDATION',
    );
    expect(await statusOf(f(1))).toBe('below');
    forgetRecentReads(); // the apply reads the stored file again
    const r = await applyImport(db(), stats, { token: p.token, skipInvalid: true });
    expect(r.counts).toMatchObject({ valid: 4, imported: 4 });
    expect([...new Set(r.rejected.map((x) => x.row))]).toEqual([8, 9, 10, 11]);

    // Firm 1 entered and exited (in that order); firm 2 entered; firm 5 exited.
    expect(await statusOf(f(1))).toBe('below');
    expect(await statusOf(f(2))).toBe('above');
    expect(await statusOf(f(5))).toBe('below');
    const events = await db()
      .select()
      .from(directoryEvents)
      .where(eq(directoryEvents.importBatchId, r.batchId))
      .orderBy(directoryEvents.id);
    expect(events.map((e) => [e.enterpriseId, e.type, e.exitReason])).toEqual([
      [f(1).id, 'entry', null],
      [f(2).id, 'entry', null],
      [f(1).id, 'exit', 'stopped'],
      [f(5).id, 'exit', 'below_threshold'],
    ]);
    expect(events[1]).toMatchObject({
      mode: 'annual',
      approvalDate: '2026-02-10',
      effectivePeriod: '2026-01',
    });
    const history = await db()
      .select()
      .from(scaleStatusHistory)
      .where(eq(scaleStatusHistory.enterpriseId, f(1).id))
      .orderBy(scaleStatusHistory.id);
    expect(history.map((h) => h.status).slice(-2)).toEqual(['above', 'below']);
    // One audit record for the batch.
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import.apply'), eq(auditLog.entityId, String(r.batchId))));
    expect(audits).toHaveLength(1);

    // The same file again: the recorded events are unchanged, nothing is written.
    const good = messy();
    good.rows = good.rows.filter((row) => !(typeof row[0] === 'number' && row[0] >= 5));
    const again = await previewImport(db(), stats, {
      kind: 'directory',
      fileName: 'd.xlsx',
      bytes: await xlsxOf([good]),
    });
    expect(again.problems).toEqual([]);
    expect(again.counts).toMatchObject({ valid: 4, imported: 0, unchanged: 4 });
    const r2 = await applyImport(db(), stats, { token: again.token, skipInvalid: false });
    expect(r2.counts.unchanged).toBe(4);
    const after = await db()
      .select()
      .from(directoryEvents)
      .where(eq(directoryEvents.importBatchId, r2.batchId));
    expect(after).toEqual([]);
  });

  it('serves its error sheet and a template the importer reads', async () => {
    const p = await previewImport(db(), stats, {
      kind: 'directory',
      fileName: 'd.xlsx',
      bytes: await xlsxOf([messy()]),
    });
    const { buffer } = await getErrorWorkbook(db(), stats, p.token);
    expect(buffer.length).toBeGreaterThan(1000);
    const t = await getTemplate(db(), stats, 'directory');
    const tp = await previewImport(db(), stats, { kind: 'directory', fileName: 't.xlsx', bytes: t.buffer });
    expect(tp.how.headerRow).toBe(3);
    expect(tp.counts.rows).toBe(1);
    expect(tp.problems.map((x) => x.message).join()).not.toMatch(/格式|请填写/);
  });
});

describe('targets (目标任务)', () => {
  const messy = (): CorpusSheet => ({
    rows: [
      ['盂县2027年小升规目标任务分解表', null, null, null],
      ['序号', '年度', '单位', '目标数'],
      [1, null, '盂县', 8],
      [2, 2027, '秀水镇', '３'],
      [3, '2027年', ' 县工信局 ', 4],
      [4, 2027, `${'140322'}103000`, 2],
      [null, null, null, null],
      // bad rows: an unknown unit, a negative target, a fraction, a duplicate unit
      [5, 2027, '火星镇', 1],
      [6, 2027, '县能源局', -1],
      [7, 2027, '县应急局', 1.5],
      [8, 2027, '秀水镇', 5],
      ['合计', null, null, 17],
    ],
  });

  it('reads the messy sheet in every format and names every bad row', async () => {
    for (const file of await everyFormat(messy(), '目标')) {
      const p = await previewImport(db(), centre, { kind: 'targets', ...file });
      expect(p.how, file.label).toMatchObject({ headerRow: 2, year: 2027 });
      expect(p.counts, file.label).toEqual({
        rows: 8,
        valid: 4,
        invalid: 4,
        imported: 4,
        updated: 0,
        unchanged: 0,
      });
      const byRow = Object.fromEntries(p.problems.map((x) => [x.row, x]));
      expect(byRow[8], file.label).toMatchObject({
        column: '单位',
        message: expect.stringContaining('火星镇'),
      });
      expect(byRow[9], file.label).toMatchObject({ column: '目标数', message: '目标数不能为负数' });
      expect(byRow[10], file.label).toMatchObject({ column: '目标数', message: '目标数应为整数' });
      expect(byRow[11], file.label).toMatchObject({
        column: '单位',
        message: expect.stringContaining('第 4 行'),
      });
    }
  });

  it('needs target:allocate', async () => {
    const bytes = await xlsxOf([messy()]);
    expect(
      (await rejection(previewImport(db(), stats, { kind: 'targets', fileName: 't.xlsx', bytes }))).code,
    ).toBe('FORBIDDEN');
  });

  it('applies the good rows with an audit record per value, then sees them unchanged, then updates', async () => {
    const p = await previewImport(db(), centre, {
      kind: 'targets',
      fileName: 't.xlsx',
      bytes: await xlsxOf([messy()]),
    });
    const r = await applyImport(db(), centre, { token: p.token, skipInvalid: true });
    expect(r.counts).toMatchObject({ imported: 4 });
    const view = await getTargets(db(), 2027);
    expect(view.cityTarget).toBe(8);
    expect(view.territorial.find((u) => u.name === '秀水镇')?.target).toBe(3);
    expect(view.territorial.find((u) => u.code === '140322103000')?.target).toBe(2);
    expect(view.supervising.find((u) => u.name === '县工信局')?.target).toBe(4);
    expect(view.supervising.find((u) => u.name === '县能源局')?.target).toBeNull();
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'target.set'));
    expect(audits.filter((a) => String(a.entityId).startsWith('2027/'))).toHaveLength(4);

    const good = messy();
    good.rows = good.rows.filter((row) => !(typeof row[0] === 'number' && row[0] >= 5));
    const again = await previewImport(db(), centre, {
      kind: 'targets',
      fileName: 't.xlsx',
      bytes: await xlsxOf([good]),
    });
    expect(again.counts).toMatchObject({ valid: 4, imported: 0, updated: 0, unchanged: 4 });
    good.rows[2] = [1, null, '盂县', 9];
    const changed = await previewImport(db(), centre, {
      kind: 'targets',
      fileName: 't.xlsx',
      bytes: await xlsxOf([good]),
    });
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 3 });
    await applyImport(db(), centre, { token: changed.token, skipInvalid: false });
    expect((await getTargets(db(), 2027)).cityTarget).toBe(9);
  });

  it('builds a template the importer reads', async () => {
    const t = await getTemplate(db(), centre, 'targets');
    const p = await previewImport(db(), centre, { kind: 'targets', fileName: 't.xlsx', bytes: t.buffer });
    expect(p.how.headerRow).toBe(3);
    expect(p.counts).toMatchObject({ rows: 1, valid: 1 });
  });
});

describe('the preview row stays small', () => {
  it('keeps the first problems for the error sheet, reports all, and re-reads the file at apply', async () => {
    const n = MAX_STORED_PROBLEMS + 100;
    const rows = [['年度', '单位', '目标数']];
    for (let i = 0; i < n; i++) rows.push(['2028', `不存在的单位${i}`, '1']);
    rows.push(['2028', '秀水镇', '6']);
    const bytes = csvOf(rows);
    const p = await previewImport(db(), centre, { kind: 'targets', fileName: 'big.csv', bytes });
    expect(p.problems).toHaveLength(n);
    expect(p.counts).toMatchObject({ rows: n + 1, valid: 1, invalid: n });
    const { buffer } = await getErrorWorkbook(db(), centre, p.token);
    expect(buffer.length).toBeGreaterThan(1000);
    forgetRecentReads();
    const r = await applyImport(db(), centre, { token: p.token, skipInvalid: true });
    expect(r.rejected).toHaveLength(n);
    expect(r.counts).toMatchObject({ imported: 1 });
    expect((await getTargets(db(), 2028)).territorial.find((u) => u.name === '秀水镇')?.target).toBe(6);
  });
});
