// The progress notice (进度通报) as a .docx in the layout of GB/T 9704-2012 (党政机关公文格式): A4, 版心
// 156 × 225 mm (top 37, bottom 35, left 28, right 26 mm), 22 lines of 28 characters in 三号 仿宋; red
// issuing-authority mark and red line, document number, title in 2号 小标宋, recipients, body with the two
// progress tables, signature and date, page numbers "— 1 —" on the outer side, and the 版记 at the end.
// Pure apart from the docx library: the same input renders the same document.
import type { ProgressReport, ProgressRow } from '@shenggui/domain';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  type IBorderOptions,
  type IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export interface NoticeInput {
  report: ProgressReport;
  /** e.g. 盂促企组办发〔2024〕3号; empty for a draft. */
  docNumber: string;
  title: string;
  /** 发文机关署名, e.g. 盂县促进中小企业发展工作领导小组办公室. */
  issuer: string;
  /** 发文机关标志, e.g. 盂县促进中小企业发展工作领导小组办公室文件. */
  issuerMark: string;
  /** 主送机关, without the closing colon. */
  recipients: string;
  /** The centre's praise wording (通报表扬); paragraphs separated by new lines; may be empty. */
  praise: string;
  /** The centre's attention wording (存在问题、工作要求); may be empty. */
  attention: string;
  /** 成文日期, YYYY-MM-DD. */
  signDate: string;
  /** 抄送机关; may be empty. */
  cc: string;
  /** 印发机关. */
  printer: string;
  /** 印发日期, YYYY-MM-DD. */
  printDate: string;
  /** Adds sentences naming the units that met their target and those with a net increase ≤ 0 (default on). */
  autoSummary?: boolean;
}

// ── Fonts, as GB/T 9704-2012 names them (Word and WPS pick them by the eastAsia name) ──────────────────
export const FONTS = {
  mark: '方正小标宋简体',
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
const LATIN = 'Times New Roman';
export const RED = 'FF0000';

// ── Measures (twips: 1/20 pt; sizes in half-points) ─────────────────────────────────────────────────────
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 156 mm
/** 225 mm / 22 lines = 28.95 pt (579 twips, rounded down so 22 lines always fit). */
const LINE = Math.floor(mm(225) / 22);
/** 156 mm / 28 characters: the width of one character of body text. */
const CHAR = TEXT_WIDTH / 28;
const BODY_PT = 16; // 三号
/**
 * 28 characters of 三号 (16 pt) need 448 pt; the text area has 442 pt. Word's character grid would narrow
 * every character, but LibreOffice spaces text out on such a grid (tables too): instead the 16 pt runs are
 * set 0.25 pt tighter (twentieths of a point), which both lay out as 28 characters a line.
 */
const BODY_TRACKING = -5;
const SIZE = { mark: 28, title: 22, body: BODY_PT, table: 12, versionBlock: 14, pageNumber: 14 } as const;

const font = (eastAsia: string, latin = LATIN): IRunOptions['font'] => ({
  ascii: latin,
  hAnsi: latin,
  eastAsia,
  cs: latin,
});

function run(text: string, f: string, pt: number, extra: Partial<IRunOptions> = {}): TextRun {
  const tracking = pt === BODY_PT ? { characterSpacing: BODY_TRACKING } : {};
  return new TextRun({ text, font: font(f), size: pt * 2, ...tracking, ...extra });
}

/** Width in characters: CJK and full-width forms count 1, Latin and digits ½. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x2e80 ? 0.5 : 1;
  return w;
}

/** 2024-11-25 → 2024年11月25日 (GB/T 9704-2012 §7.3.5.1: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnOrdinal = (n: number) => (n <= 10 ? CN_NUM[n - 1]! : `十${CN_NUM[n - 11] ?? ''}`);

function rate(net: number, target: number | null): string {
  if (target === null || target <= 0) return '—';
  return `${((net / target) * 100).toFixed(1)}%`;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

// ── Paragraph builders ─────────────────────────────────────────────────────────────────────────────────
const exact = (before = 0) => ({ line: LINE, lineRule: 'exact' as const, before, after: 0 });

function bodyParagraph(text: string, f: string = FONTS.body, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(CHAR * 2), firstLineChars: 200 },
    spacing: exact(),
    children: [run(text, f, SIZE.body)],
  });
}

const heading1 = (text: string) => bodyParagraph(text, FONTS.heading1, true);

/** 二级标题 followed by text in 仿宋 in the same paragraph, as the seed writes （一）加强摸底调查。… */
function heading2WithText(head: string, text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(CHAR * 2), firstLineChars: 200 },
    spacing: exact(),
    children: [run(head, FONTS.heading2, SIZE.body), run(text, FONTS.body, SIZE.body)],
  });
}

// ── Tables ─────────────────────────────────────────────────────────────────────────────────────────────
const COLUMNS: { header: string; width: number; value: (r: ProgressRow, i: number) => string }[] = [
  { header: '序号', width: 700, value: (_r, i) => String(i + 1) },
  { header: '单位', width: 2300, value: (r) => r.name },
  { header: '目标', width: 800, value: (r) => (r.target === null ? '—' : String(r.target)) },
  { header: '入库', width: 800, value: (r) => String(r.entered) },
  { header: '退库', width: 800, value: (r) => String(r.exited) },
  { header: '净增', width: 800, value: (r) => String(r.net) },
  { header: '尚差', width: 800, value: (r) => (r.remaining === null ? '—' : String(r.remaining)) },
  { header: '排名', width: 744, value: (r) => String(r.rank) },
  { header: '完成率', width: 1100, value: (r) => rate(r.net, r.target) },
];

const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cell(
  text: string,
  width: number,
  opts: { head?: boolean; align?: 'left' | 'center' } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 360, lineRule: 'atLeast', before: 0, after: 0 },
        children: [run(text, opts.head ? FONTS.heading1 : FONTS.body, SIZE.table)],
      }),
    ],
  });
}

function progressTable(
  rows: ProgressRow[],
  total: { target: number; entered: number; exited: number; net: number },
) {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 480, rule: HeightRule.ATLEAST },
    children: COLUMNS.map((c) => cell(c.header, c.width, { head: true })),
  });
  const body = rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        height: { value: 440, rule: HeightRule.ATLEAST },
        children: COLUMNS.map((c) => cell(c.value(r, i), c.width)),
      }),
  );
  const totals = [
    '',
    '合计',
    String(total.target),
    String(total.entered),
    String(total.exited),
    String(total.net),
  ];
  totals.push(String(Math.max(0, total.target - total.net)), '—', rate(total.net, total.target || null));
  const sum = new TableRow({
    cantSplit: true,
    height: { value: 440, rule: HeightRule.ATLEAST },
    children: COLUMNS.map((c, i) => cell(totals[i] ?? '', c.width, { head: i === 1 })),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: thin,
      bottom: thin,
      left: thin,
      right: thin,
      insideHorizontal: thin,
      insideVertical: thin,
    },
    rows: [header, ...body, sum],
  });
}

function unitLine(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    keepNext: true,
    spacing: { line: 300, lineRule: 'exact', before: 0, after: 40 },
    children: [run('单位：户', FONTS.body, SIZE.table)],
  });
}

// ── Body text ──────────────────────────────────────────────────────────────────────────────────────────
function sumTarget(rows: ProgressRow[]): number {
  return rows.reduce((s, r) => s + (r.target ?? 0), 0);
}

/** The county's figures as of the date, in the wording of a 通报. */
export function countySentence(report: ProgressReport): string {
  const c = report.county;
  const asOf = chineseDate(report.asOf);
  const parts = [`截至${asOf}，全县规上工业企业入库${c.entered}户、退库${c.exited}户，净增${c.net}户。`];
  if (c.cityTarget !== null && c.cityTarget > 0) {
    const rem = Math.max(0, c.cityTarget - c.net);
    parts.push(
      `市下达我县净增目标${c.cityTarget}户，完成率${rate(c.net, c.cityTarget)}，${rem === 0 ? '已完成市定目标任务' : `尚差${rem}户`}；`,
    );
  } else {
    parts.push('市定净增目标尚未下达；');
  }
  const t = c.territorialTarget;
  const s = c.supervisingTarget;
  const internal = Math.max(t, s);
  if (internal > 0) {
    const split = t === s ? '' : `（按乡镇属地分解${t}户、按部门行业主管分解${s}户）`;
    const rem = Math.max(0, internal - c.net);
    parts.push(
      `县内分解净增目标${internal}户${split}，完成率${rate(c.net, internal)}，${rem === 0 ? '已完成县定目标任务' : `尚差${rem}户`}。`,
    );
  } else {
    parts.push('县内目标尚未分解。');
  }
  return parts.join('');
}

function uniqueNames(rows: ProgressRow[]): string[] {
  return [...new Set(rows.map((r) => r.name))];
}

/** Units that reached their target, and units whose net increase is zero or negative. */
export function autoSentences(report: ProgressReport): { met: string | null; lagging: string | null } {
  const all = [...report.dimensions.territorial, ...report.dimensions.supervising];
  const met = uniqueNames(all.filter((r) => r.target !== null && r.target > 0 && r.net >= r.target));
  const lagging = uniqueNames(all.filter((r) => r.target !== null && r.target > 0 && r.net <= 0));
  const asOf = chineseDate(report.asOf);
  return {
    met: met.length ? `截至${asOf}，${met.join('、')}已完成年度净增目标任务。` : null,
    lagging: lagging.length
      ? `截至${asOf}，${lagging.join('、')}净增户数为零或负数，请高度重视，加快推进。`
      : null,
  };
}

function bodyChildren(input: NoticeInput): (Paragraph | Table)[] {
  const { report } = input;
  const out: (Paragraph | Table)[] = [];
  let n = 0;
  const next = () => `${cnOrdinal(++n)}、`;

  out.push(heading1(`${next()}总体进展`));
  out.push(bodyParagraph(countySentence(report)));

  out.push(heading1(`${next()}分单位进展情况`));
  const { territorial, supervising } = report.dimensions;
  out.push(heading2WithText('（一）按乡镇属地', ''));
  out.push(unitLine());
  out.push(progressTable(territorial, totalsOf(territorial, report.county.territorialTarget)));
  out.push(heading2WithText('（二）按部门行业主管', ''));
  out.push(unitLine());
  out.push(progressTable(supervising, totalsOf(supervising, report.county.supervisingTarget)));

  const auto = input.autoSummary === false ? { met: null, lagging: null } : autoSentences(report);
  // The last paragraph of the body keeps with the signature: a signature never stands alone on a page.
  const closing = (list: string[], i: number) => bodyParagraph(list[i]!, FONTS.body, i === list.length - 1);
  const praise = [...(auto.met ? [auto.met] : []), ...lines(input.praise)];
  if (praise.length) {
    out.push(heading1(`${next()}通报表扬`));
    praise.forEach((_p, i) => {
      out.push(closing(praise, i));
    });
  }
  const attention = [...(auto.lagging ? [auto.lagging] : []), ...lines(input.attention)];
  if (attention.length) {
    out.push(heading1(`${next()}存在问题及工作要求`));
    attention.forEach((_p, i) => {
      out.push(closing(attention, i));
    });
  }
  return out;
}

function totalsOf(rows: ProgressRow[], target: number) {
  return {
    target: target || sumTarget(rows),
    entered: rows.reduce((s, r) => s + r.entered, 0),
    exited: rows.reduce((s, r) => s + r.exited, 0),
    net: rows.reduce((s, r) => s + r.net, 0),
  };
}

// ── Head, signature, 版记 ──────────────────────────────────────────────────────────────────────────────
function markParagraph(mark: string): Paragraph {
  // The mark is as wide as the text area at most: long names are set narrower (character scale), as printed
  // 红头 are.
  const width = textWidth(mark) * SIZE.mark * 20;
  const scale = Math.min(100, Math.floor(((TEXT_WIDTH - CHAR) / width) * 100));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // The mark's top sits 35 mm below the top of the text area (下行文, §7.2.3).
    spacing: { before: mm(35) - LINE, after: 0, line: 240, lineRule: 'auto' },
    children: [run(mark, FONTS.mark, SIZE.mark, { color: RED, ...(scale < 100 ? { scale } : {}) })],
  });
}

function numberParagraph(docNumber: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // 发文字号: two lines below the mark; the red line 4 mm under it, as wide as the text area.
    spacing: { ...exact(LINE * 2), after: 0 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: 11 } },
    children: [run(docNumber || ' ', FONTS.body, SIZE.body)],
  });
}

function titleParagraphs(title: string): Paragraph[] {
  return title.split(/\r?\n/).map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // Two lines below the red line (§7.3.1).
        spacing: { line: LINE, lineRule: 'exact', before: i === 0 ? LINE * 2 - 200 : 0, after: 0 },
        children: [run(line, FONTS.title, SIZE.title)],
      }),
  );
}

function recipientsParagraph(recipients: string): Paragraph {
  const text = /[：:]$/.test(recipients) ? recipients.replace(/:$/, '：') : `${recipients}：`;
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: exact(LINE),
    children: [run(text, FONTS.body, SIZE.body)],
  });
}

/**
 * 发文机关署名 and 成文日期 for a notice without a seal (§7.3.5.2): the signature one line below the body,
 * 2 characters from the right; the date on the next line starting 2 characters right of the signature's
 * first character; when the date is the longer, the signature moves right so the date keeps 2 characters.
 */
export function signatureIndents(issuer: string, date: string): { issuer: number; date: number } {
  const l1 = textWidth(issuer);
  const l2 = textWidth(date);
  const dateRight = Math.max(2, l1 - l2);
  return { issuer: dateRight + l2 + 2 - l1, date: dateRight };
}

function signatureParagraphs(issuer: string, signDate: string): Paragraph[] {
  const date = chineseDate(signDate);
  const ind = signatureIndents(issuer, date);
  return [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(ind.issuer * CHAR) },
      spacing: exact(LINE),
      keepNext: true,
      children: [run(issuer, FONTS.body, SIZE.body)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(ind.date * CHAR) },
      keepNext: true,
      spacing: exact(),
      children: [run(date, FONTS.body, SIZE.body)],
    }),
  ];
}

/**
 * 版记 (§7.4): 抄送 and 印发机关/印发日期 between separator lines — the first and last thick (0.35 mm), the
 * one between thin (0.25 mm) — as wide as the text area, after the signature. (The standard puts it at the
 * foot of the last page; a bottom-aligned frame does that in Word but LibreOffice 7 drops such frames, so it
 * stays in the flow, kept on one page with the signature.)
 */
function versionBlock(input: NoticeInput): Table {
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thinLine: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const oneChar = SIZE.versionBlock * 20;
  const spacing = { line: LINE, lineRule: 'exact' as const, before: 0, after: 0 };
  const rows: TableRow[] = [];
  const cc = input.cc.trim();
  const cellOf = (children: Paragraph[]) =>
    new TableCell({
      columnSpan: 2,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      children,
    });
  if (cc) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cellOf([
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              keepNext: true,
              // 抄送机关 1 character from both sides; wrapped lines align under the first name.
              indent: { left: oneChar * 4, right: oneChar, hanging: oneChar * 3 },
              spacing,
              children: [run(`抄送：${/[。.]$/.test(cc) ? cc : `${cc}。`}`, FONTS.body, SIZE.versionBlock)],
            }),
          ]),
        ],
      }),
    );
  }
  // The date's cell is as wide as the date needs; the printer gets the rest of the line.
  const printed = `${chineseDate(input.printDate)}印发`;
  const right = Math.ceil((textWidth(printed) + 3) * oneChar);
  const widths = { left: TEXT_WIDTH - right, right };
  const halfCell = (text: string, align: 'left' | 'right') =>
    new TableCell({
      width: { size: widths[align], type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      children: [
        new Paragraph({
          alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.RIGHT,
          indent: align === 'left' ? { left: oneChar } : { right: oneChar },
          spacing,
          // 0.5 pt tighter: a 19-character 印发机关 and the date share one line even where the substitute
          // fonts set digits wide (LibreOffice on Linux).
          children: [run(text, FONTS.body, SIZE.versionBlock, { characterSpacing: -10 })],
        }),
      ],
    });
  rows.push(
    new TableRow({
      cantSplit: true,
      children: [halfCell(input.printer, 'left'), halfCell(printed, 'right')],
    }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [widths.left, widths.right],
    layout: TableLayoutType.FIXED,
    borders: {
      top: thick,
      bottom: thick,
      left: none,
      right: none,
      insideHorizontal: thinLine,
      insideVertical: none,
    },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows,
  });
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  // 4号半角宋体阿拉伯数字 between 一字线; odd pages on the right, even pages on the left, 1 character in.
  const oneChar = SIZE.pageNumber * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber, FONTS.pageNumber),
            size: SIZE.pageNumber * 2,
          }),
        ],
      }),
    ],
  });
}

/** Renders the notice. Pure apart from the docx library; no I/O. */
export async function renderProgressNotice(input: NoticeInput): Promise<Buffer> {
  const doc = new Document({
    creator: input.issuer,
    title: input.title,
    description: `进度通报 ${input.docNumber}`.trim(),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: font(FONTS.body),
            size: SIZE.body * 2,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: LINE, lineRule: 'exact' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The page number's dash sits 7 mm under the text area.
            margin: { ...MARGIN, header: mm(15), footer: mm(35 - 7 - 5.5) },
          },
          // 22 lines a page come from every paragraph's exact line height (28.95 pt), which Word, WPS and
          // LibreOffice all honour; a snapping grid is left off because LibreOffice gives any line taller
          // than the pitch (the 2号 title, the mark) two grid lines. The pitch is recorded for Word's dialog.
          grid: { linePitch: LINE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          markParagraph(input.issuerMark),
          numberParagraph(input.docNumber),
          ...titleParagraphs(input.title),
          recipientsParagraph(input.recipients),
          ...bodyChildren(input),
          ...signatureParagraphs(input.issuer, input.signDate),
          new Paragraph({ keepNext: true, spacing: exact(LINE), children: [] }),
          versionBlock(input),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
