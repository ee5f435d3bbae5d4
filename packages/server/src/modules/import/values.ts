// Cell values as people type them: thousands separators, full-width digits and spaces, 万元 or 元, periods
// written ten ways, dates as Excel serials or Chinese text. Pure functions; messages are Chinese.
import { isIsoDate, periodOf, toHalfWidth } from '@shenggui/domain';
import type { Cell } from '../../platform/spreadsheet/grid.js';

/** Text of a cell with full-width forms folded and spaces (including U+3000 and NBSP) trimmed. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return numberText(cell);
  return clean(toHalfWidth(cell).replace(/\u00a0/g, ' ')).trim();
}

/** A cell's text as the sheet shows it (for headers in messages): only cleaned and trimmed. */
export function displayText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return numberText(cell);
  return clean(cell).replace(/\s+/g, ' ').trim();
}

/**
 * Text the database can store: no NUL or other control characters (PostgreSQL text and jsonb refuse NUL)
 * and no lone surrogates (jsonb refuses them too); a damaged file must not turn into a database error.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function clean(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A JS number as plain decimal text (never exponent notation). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

export function isBlank(cell: Cell | undefined): boolean {
  return cellText(cell) === '';
}

/** Placeholders people put in an empty figure cell. */
const EMPTY_MARKS = new Set(['-', '--', '—', '——', '/', '无', '空']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A decimal amount scaled by 10^shift (万元 → 元: shift 4) and rounded half-up to two decimals, done on
 * decimal text so no floating-point error creeps into money. Returns the yuan (or kWh) string, e.g. "1234.50".
 */
export function parseAmount(cell: Cell | undefined, shift: number): Parsed<string> | null {
  const raw = cellText(cell);
  if (raw === '' || EMPTY_MARKS.has(raw)) return null;
  let t = raw.replace(/[\s,，'_]/g, '').replace(/^[¥￥]/, '');
  t = t.replace(/(万元|千元|亿元|元|万千瓦时|千瓦时|kWh|度)$/i, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, message: `数值不是数字：${raw}` };
  if (negative && /[1-9]/.test(t)) return { ok: false, message: '数值不能为负数' };
  const digits = `${m[1] ?? ''}${m[2] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  const fracLen = (m[2] ?? '').length;
  // value = digits × 10^(shift − fracLen); keep three decimals for half-up rounding to two.
  const exp = shift - fracLen;
  let thousandths: bigint;
  if (exp + 3 >= 0) thousandths = BigInt(digits) * 10n ** BigInt(exp + 3);
  else {
    const div = 10n ** BigInt(-(exp + 3));
    thousandths = BigInt(digits) / div;
  }
  const cents = (thousandths + 5n) / 10n;
  if (cents > 10n ** 15n) return { ok: false, message: '数值过大' };
  const s = cents.toString().padStart(3, '0');
  return { ok: true, value: `${s.slice(0, -2)}.${s.slice(-2)}` };
}

const CN_MONTHS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

function month(y: number, m: number): string | null {
  if (!Number.isInteger(y) || y < 1990 || y > 2100 || !Number.isInteger(m) || m < 1 || m > 12) return null;
  return periodOf(y, m);
}

/**
 * A month label of a wide sheet or a period cell: `2024-01`, `2024-1`, `2024/01`, `2024.01`, `202401`,
 * `2024年1月`, `2024-01-01` (a date cell), or `1月` / `一月` / `1月份` with the year given separately.
 * `yearless` says the label had a month only.
 */
export function parseMonthLabel(
  cell: Cell | undefined,
  year: number | null,
): { period: string | null; yearless: boolean } | null {
  if (typeof cell === 'number') {
    // 202401 typed as a number; 2024.01 typed as a number reads back as 2024.01 (2024.1 means October).
    if (Number.isInteger(cell) && cell >= 199001 && cell <= 210012) {
      const p = month(Math.floor(cell / 100), cell % 100);
      return p ? { period: p, yearless: false } : null;
    }
    if (cell > 1990 && cell < 2101 && !Number.isInteger(cell)) {
      const [y, m] = cell.toFixed(2).split('.');
      const p = month(Number(y), Number(m));
      return p ? { period: p, yearless: false } : null;
    }
    return null;
  }
  const t = cellText(cell).replace(/\s+/g, '');
  if (t === '') return null;
  let m = /^(\d{4})[-/.年](\d{1,2})(?:月份?|[-/.]\d{1,2}日?)?$/.exec(t);
  if (m) {
    const p = month(Number(m[1]), Number(m[2]));
    return p ? { period: p, yearless: false } : null;
  }
  m = /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const p = month(Number(m[1]), Number(m[2]));
    return p ? { period: p, yearless: false } : null;
  }
  m = /^(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$/.exec(t);
  if (m) {
    const mm = /^\d+$/.test(m[1]!) ? Number(m[1]) : (CN_MONTHS[m[1]!] ?? 0);
    if (mm < 1 || mm > 12) return null;
    return { period: year === null ? null : month(year, mm), yearless: true };
  }
  return null;
}

/** A period cell of a long sheet; a bare month number (月份 column) takes the year given. */
export function parsePeriod(cell: Cell | undefined, year: number | null): Parsed<string> {
  const raw = cellText(cell);
  if (raw === '') return { ok: false, message: '请填写期间（如 2024-01）' };
  let label = parseMonthLabel(cell, year);
  if (!label && /^\d{1,2}$/.test(raw)) label = parseMonthLabel(`${raw}月`, year);
  if (!label) return { ok: false, message: `期间格式不正确：${raw}（应如 2024-01、2024年1月、202401）` };
  if (!label.period)
    return { ok: false, message: `期间只有月份没有年度：${raw}（请在标题中写明年度或选择年度）` };
  return { ok: true, value: label.period };
}

/** A date cell: ISO text from the grid, or 2024/5/22, 2024.5.22, 2024年5月22日, 20240522. */
export function parseDate(cell: Cell | undefined): Parsed<string> | null {
  const raw = cellText(cell);
  if (raw === '') return null;
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.replace(/\s+/g, '')) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    if (isIsoDate(iso)) return { ok: true, value: iso };
  }
  return { ok: false, message: `日期格式不正确：${raw}（应如 2024-05-22）` };
}

/** 是/否, 规上/规下 and their usual spellings. */
export function parseYesNo(cell: Cell | undefined): boolean | null | 'invalid' {
  const t = cellText(cell).replace(/\s+/g, '');
  if (t === '') return null;
  if (['是', 'Y', 'YES', 'TRUE', '1', '√', '规上', '规模以上'].includes(t.toUpperCase())) return true;
  if (['否', 'N', 'NO', 'FALSE', '0', '×', '规下', '规模以下'].includes(t.toUpperCase())) return false;
  return 'invalid';
}

/** A figure's period: a month, or a calendar quarter stored under its last month (months = 3). */
export interface FigurePeriod {
  period: string;
  months: 1 | 3;
}

const CN_QUARTERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** `2024Q1`, `2024-Q1`, `2024年第1季度`, `2024年一季度` → the quarter's last month; null when not a quarter label. */
export function parseQuarterLabel(text: string): FigurePeriod | null {
  const t = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.]?[Qq]([1-4])|年(?:第)?([1-4一二三四])季度?)$/.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const q = m[2] ? Number(m[2]) : m[3] && /\d/.test(m[3]) ? Number(m[3]) : (CN_QUARTERS[m[3] ?? ''] ?? 0);
  const p = month(year, q * 3);
  return p ? { period: p, months: 3 } : null;
}

/**
 * A tax period given as a range (税款所属期起 / 所属期止, as the tax system exports it): the month it spans, or
 * the calendar quarter a quarterly return covers. Anything else (two months, half a month, a year) is not a
 * period a figure can be stored under.
 */
export function parsePeriodRange(fromCell: Cell | undefined, toCell: Cell | undefined): Parsed<FigurePeriod> {
  const from = parseDate(fromCell);
  const to = parseDate(toCell);
  if (from === null || to === null)
    return { ok: false, message: '税款所属期起、止应同时填写（如 2024-01-01 至 2024-01-31）' };
  if (!from.ok) return from;
  if (!to.ok) return to;
  const text = `${from.value} 至 ${to.value}`;
  const [fy, fm, fd] = from.value.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.value.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd === 1 && td === lastDay && fy === ty) {
    if (fm === tm) {
      const p = month(fy, fm);
      if (p) return { ok: true, value: { period: p, months: 1 } };
    }
    if (tm - fm === 2 && tm % 3 === 0) {
      const p = month(fy, tm);
      if (p) return { ok: true, value: { period: p, months: 3 } };
    }
  }
  return {
    ok: false,
    message: `所属期 ${text} 既不是一个自然月，也不是一个自然季度（应如 2024-01-01 至 2024-01-31，或季度申报 2024-01-01 至 2024-03-31）`,
  };
}

/**
 * The period cell of a revenue sheet: a month (as parsePeriod reads it), a quarter (`2024Q1`,
 * `2024年第1季度`), or a range in one cell (`2024-01-01至2024-03-31`).
 */
export function parseFigurePeriod(cell: Cell | undefined, year: number | null): Parsed<FigurePeriod> {
  const raw = cellText(cell);
  const quarter = raw === '' ? null : parseQuarterLabel(raw);
  if (quarter) return { ok: true, value: quarter };
  const range = /^(.+?)\s*(?:至|~|～|—|到)\s*(.+)$/.exec(raw);
  if (range && /\d{4}.*\d.*\d/.test(range[1]!)) return parsePeriodRange(range[1]!, range[2]!);
  const m = parsePeriod(cell, year);
  return m.ok ? { ok: true, value: { period: m.value, months: 1 } } : m;
}
