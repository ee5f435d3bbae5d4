import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.js';
import { systemContext } from '../../platform/context.js';
import { Client, createTestEnv, type TestEnv } from '../../test/harness.js';
import { upsertSetting } from '../settings/settings.repository.js';
import { runNoticeCommand } from './notice.cli.js';
import { FIXTURE_REPORT } from './notice.fixture.js';
import { convertToPdf } from './notice.pdf.js';
import {
  autoSentences,
  chineseDate,
  countySentence,
  type NoticeInput,
  renderProgressNotice,
  signatureIndents,
} from './notice.render.js';
import {
  formatDocNumber,
  getNoticeInput,
  issueProgressNotice,
  listProgressNotices,
  type ReportSource,
} from './notice.service.js';
import { countyShortName, defaultNoticeSettings, NOTICE_SETTING_KEY } from './notice.settings.js';

// CI installs LibreOffice and poppler (libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk): the PDF
// assertions run there. A developer machine without them skips only those.
const hasSoffice = !spawnSync('soffice', ['--version'], { timeout: 60_000 }).error;
const hasPdftoppm = !spawnSync('pdftoppm', ['-v']).error;
const SCREENSHOT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../e2e/screenshots/notice-page-1.png',
);

/** The entries of a zip (stored or deflated), read from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const INPUT: NoticeInput = {
  report: FIXTURE_REPORT,
  docNumber: '盂促企组办发〔2024〕3号',
  title: '关于2024年全县规上工业企业净增工作进展情况的通报',
  issuer: '盂县促进中小企业发展工作领导小组办公室',
  issuerMark: '盂县促进中小企业发展工作领导小组办公室文件',
  recipients: '各乡镇人民政府、县经济技术开发区，各相关单位',
  praise: '秀水镇、县经济技术开发区提前谋划、精准帮扶，成效明显，予以通报表扬。',
  attention:
    '各单位要对照目标任务，逐户梳理临规企业，11月、12月两批全面申报入统，确保完成全年目标任务。\n对推进不力、成效较差的，提请县政府约谈。',
  signDate: '2024-11-25',
  cc: '县政府分管副县长',
  printer: '盂县促进中小企业发展工作领导小组办公室',
  printDate: '2024-11-25',
};

const fixtureSource: ReportSource = async (_db, _ctx, q) => ({
  ...FIXTURE_REPORT,
  year: q.year,
  asOf: q.asOf ?? FIXTURE_REPORT.asOf,
});

describe('renderProgressNotice', () => {
  let docx: Buffer;
  let files: Map<string, Buffer>;
  let xml: string;
  beforeAll(async () => {
    docx = await renderProgressNotice(INPUT);
    files = unzip(docx);
    xml = files.get('word/document.xml')!.toString('utf8');
  });

  it('is a .docx whose body carries the head of a 红头文件', () => {
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(xml).toContain(INPUT.title);
    expect(xml).toContain('盂促企组办发〔2024〕3号');
    expect(xml).toContain(INPUT.issuerMark);
    // The mark is red; so is the separator line under the number.
    expect(xml).toMatch(
      /<w:color w:val="(FF0000|C00000)"\/>[\s\S]*?盂县促进中小企业发展工作领导小组办公室文件/,
    );
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toContain('各乡镇人民政府、县经济技术开发区，各相关单位：');
  });

  it('names the fonts GB/T 9704-2012 names, for East Asian text', () => {
    for (const f of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(xml).toContain(`w:eastAsia="${f}"`);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/);
  });

  it('lays out A4 with the standard margins and page numbers on the outer side', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:spacing[^>]*w:line="579" w:lineRule="exact"/);
    expect(files.get('word/settings.xml')!.toString()).toContain('<w:evenAndOddHeaders/>');
    const footers = [...files.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k));
    expect(footers).toHaveLength(2);
    const footerXml = footers.map((k) => files.get(k)!.toString()).join('');
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('— ');
    expect(footerXml).toContain('<w:jc w:val="right"/>');
    expect(footerXml).toContain('<w:jc w:val="left"/>');
  });

  it('has both tables with every unit of the report, and the county figures', () => {
    expect(xml.match(/<w:tbl>/g)?.length).toBe(3); // township, supervising, 版记
    for (const r of [...FIXTURE_REPORT.dimensions.territorial, ...FIXTURE_REPORT.dimensions.supervising])
      expect(xml).toContain(`>${r.name}<`);
    for (const h of ['序号', '单位', '目标', '入库', '退库', '净增', '尚差', '排名', '完成率'])
      expect(xml).toContain(`>${h}<`);
    expect(xml).toContain(countySentence(FIXTURE_REPORT));
    expect(xml).toContain('>100.0%<');
    expect(xml).toContain('>66.7%<');
  });

  it('carries praise, attention, signature, date and the 版记', () => {
    expect(xml).toContain('通报表扬');
    expect(xml).toContain(INPUT.praise);
    expect(xml).toContain('对推进不力、成效较差的，提请县政府约谈。');
    expect(xml).toContain('>2024年11月25日<');
    expect(xml).toContain('抄送：县政府分管副县长。');
    expect(xml).toContain('>2024年11月25日印发<');
  });

  it('leaves out empty sections and the automatic sentences when asked', async () => {
    const plain = unzip(
      await renderProgressNotice({ ...INPUT, praise: '', attention: '', cc: '', autoSummary: false }),
    )
      .get('word/document.xml')!
      .toString();
    expect(plain).not.toContain('通报表扬');
    expect(plain).not.toContain('存在问题');
    expect(plain).not.toContain('抄送');
    expect(plain).toContain('印发<');
  });
});

describe('notice wording', () => {
  it('writes dates with Arabic numerals and no leading zeros', () => {
    expect(chineseDate('2024-01-05')).toBe('2024年1月5日');
    expect(chineseDate('2024-11-25')).toBe('2024年11月25日');
  });

  it('places the date 2 characters right of the signature, the signature 2 from the edge', () => {
    // 19-character issuer, 7-character date (digits are half-width): the signature keeps 2, the date 12.
    expect(signatureIndents('盂县促进中小企业发展工作领导小组办公室', '2024年11月25日')).toEqual({
      issuer: 2,
      date: 12,
    });
    // A short issuer: the date keeps 2 characters and the signature moves right.
    expect(signatureIndents('某局', '2024年11月25日')).toEqual({ issuer: 9, date: 2 });
  });

  it('states the county against the city and the internal target', () => {
    const s = countySentence(FIXTURE_REPORT);
    expect(s).toContain('截至2024年11月25日');
    expect(s).toContain('入库9户、退库2户，净增7户');
    expect(s).toContain('市下达我县净增目标8户，完成率87.5%，尚差1户');
    expect(s).toContain('县内分解净增目标10户，完成率70.0%，尚差3户');
  });

  it('names the units that met their target and those at or below zero', () => {
    const a = autoSentences(FIXTURE_REPORT);
    expect(a.met).toContain('秀水镇');
    expect(a.met).toContain('县经济技术开发区');
    expect(a.met).not.toContain('孙家庄镇'); // no target
    expect(a.lagging).toContain('上社镇');
    expect(a.lagging).toContain('西潘乡');
    expect(a.lagging).toContain('县能源局');
    expect(a.lagging).not.toContain('苌池镇'); // no target
  });

  it('derives the defaults from the county name', () => {
    expect(countyShortName('盂县')).toBe('盂');
    expect(defaultNoticeSettings('盂县')).toMatchObject({
      docNumberPrefix: '盂促企组办发',
      issuerMark: '盂县促进中小企业发展工作领导小组办公室文件',
      issuer: '盂县促进中小企业发展工作领导小组办公室',
    });
    expect(formatDocNumber('盂促企组办发', 2024, 3)).toBe('盂促企组办发〔2024〕3号');
  });
});

describe('notice registry, routes and command', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('numbers notices 1号, 2号 … per year, never twice, and audits each', async () => {
    const db = env.database.db;
    const ctx = systemContext(env.clock.now());
    const args = { year: 2024, asOf: '2024-11-25', praise: '', attention: '' };
    const a = await issueProgressNotice(db, ctx, args, fixtureSource);
    const b = await issueProgressNotice(db, ctx, args, fixtureSource);
    const c = await issueProgressNotice(db, ctx, { ...args, year: 2025, asOf: '2025-03-31' }, fixtureSource);
    expect([a.docNumber, b.docNumber, c.docNumber]).toEqual([
      '盂促企组办发〔2024〕1号',
      '盂促企组办发〔2024〕2号',
      '盂促企组办发〔2025〕1号',
    ]);
    // Concurrent issues still get distinct numbers.
    const many = await Promise.all([0, 1, 2].map(() => issueProgressNotice(db, ctx, args, fixtureSource)));
    expect(many.map((n) => n.seq).sort()).toEqual([3, 4, 5]);
    const list = await listProgressNotices(db, 2024);
    expect(list.map((n) => n.seq)).toEqual([5, 4, 3, 2, 1]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'notice.issue'));
    expect(audits).toHaveLength(6);
    expect(audits[0]!.entityType).toBe('notice');
  });

  it('keeps the whole input, so a notice re-renders exactly as issued', async () => {
    const db = env.database.db;
    const ctx = systemContext(env.clock.now());
    const issued = await issueProgressNotice(
      db,
      ctx,
      { year: 2024, asOf: '2024-11-25', praise: '表扬', attention: '要求', cc: '县人民政府办公室' },
      fixtureSource,
    );
    const { input } = await getNoticeInput(db, issued.id);
    expect(input).toEqual(JSON.parse(JSON.stringify(issued.input)));
    expect(input.report.dimensions.territorial.map((r) => r.name)).toContain('秀水镇');
    expect(input.cc).toBe('县人民政府办公室');
    const xml = unzip(await renderProgressNotice(input))
      .get('word/document.xml')!
      .toString();
    expect(xml).toContain(issued.docNumber);
  });

  it('follows the settings: another prefix starts its own sequence', async () => {
    const db = env.database.db;
    const ctx = systemContext(env.clock.now());
    await upsertSetting(db, NOTICE_SETTING_KEY, { docNumberPrefix: '盂中小发' }, ctx.now);
    const n = await issueProgressNotice(db, ctx, { year: 2024, praise: '', attention: '' }, fixtureSource);
    expect(n.docNumber).toBe('盂中小发〔2024〕1号');
    expect(n.input.issuer).toBe('盂县促进中小企业发展工作领导小组办公室');
    await upsertSetting(db, NOTICE_SETTING_KEY, {}, ctx.now);
  });

  it('issues from the real progress report through the API (the centre only) and downloads', async () => {
    const centre = await Client.signIn(env.app, 'centre');
    const township = await Client.signIn(env.app, 'xiushui');
    const body = { year: 2026, asOf: '2026-11-20', praise: '', attention: '请加快推进。' };
    expect((await township.post('/api/v1/notices', body)).statusCode).toBe(403);
    const res = await centre.post('/api/v1/notices', body);
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice.docNumber).toBe('盂促企组办发〔2026〕1号');
    expect(notice.createdByName).toBe('centre');

    const list = await township.get('/api/v1/notices?year=2026');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((n: { id: number }) => n.id)).toEqual([notice.id]);

    const doc = await township.get(`/api/v1/notices/${notice.id}/document.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(String(doc.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('盂促企组办发〔2026〕1号 ')}`,
    );
    const xml = unzip(doc.rawPayload).get('word/document.xml')!.toString();
    expect(xml).toContain('盂促企组办发〔2026〕1号');
    expect(xml).toContain('秀水镇');

    expect((await township.get('/api/v1/notices/preview.docx?year=2026')).statusCode).toBe(403);
    const preview = await centre.get('/api/v1/notices/preview.docx?year=2026&asOf=2026-06-30');
    expect(preview.statusCode).toBe(200);
    const previewXml = unzip(preview.rawPayload).get('word/document.xml')!.toString();
    expect(previewXml).toContain('截至2026年6月30日');
    expect(previewXml).not.toContain('〔2026〕');
    expect((await listProgressNotices(env.database.db, 2026)).length).toBe(1); // a preview is not registered

    expect((await centre.get('/api/v1/notices/99999/document.docx')).statusCode).toBe(404);
  });

  it('answers the PDF, or 503 in Chinese where LibreOffice is missing', async () => {
    const centre = await Client.signIn(env.app, 'centre');
    const [first] = await listProgressNotices(env.database.db, 2026);
    const res = await centre.get(`/api/v1/notices/${first!.id}/document.pdf`);
    if (hasSoffice) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('LibreOffice');
    }
  }, 120_000);

  it('issues from the command line into a .docx (and refuses other extensions)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-notice-cli-'));
    try {
      const ctx = systemContext(env.clock.now());
      const out = join(dir, 'notice.docx');
      const r = await runNoticeCommand(env.database.db, ctx, { year: 2023, out }, fixtureSource);
      expect(r.notice.docNumber).toBe('盂促企组办发〔2023〕1号');
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      await expect(
        runNoticeCommand(env.database.db, ctx, { year: 2023, out: join(dir, 'x.txt') }, fixtureSource),
      ).rejects.toThrow(/docx/);
      expect((await listProgressNotices(env.database.db, 2023)).length).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF', () => {
  // Runs wherever LibreOffice and poppler are installed (CI installs both); skipped only without them.
  it.skipIf(!hasSoffice || !hasPdftoppm)(
    'renders the first page: red head, number, title and tables',
    async () => {
      const pdf = await convertToPdf(await renderProgressNotice(INPUT));
      expect(pdf).not.toBeNull();
      expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'sg-notice-pdf-'));
      try {
        writeFileSync(join(dir, 'n.pdf'), pdf!);
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '60',
          '-f',
          '1',
          '-l',
          '1',
          join(dir, 'n.pdf'),
          join(dir, 'p'),
        ]);
        const png = join(dir, 'p-1.png');
        expect(existsSync(png)).toBe(true);
        expect(statSync(png).size).toBeGreaterThan(10_000);
        const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'n.pdf'), '-']).toString();
        expect(text).toContain('盂促企组办发');
        expect(text).toContain('秀水镇');
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        writeFileSync(SCREENSHOT, readFileSync(png));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
