// How a sheet was laid out by the person who made it: title rows above the header, the header row (the
// first row that matches enough known column names), an optional second header row under merged cells,
// the unit (title note or header), long or wide format, and the year of month-only columns.

import type { ImportUnitSource } from '@shenggui/domain';
import { AppError } from '../../platform/errors.js';
import type { Cell, SheetGrid } from '../../platform/spreadsheet/grid.js';
import type { FieldSpec, ImportKind, SheetRow, UnitFamily } from './import-kind.js';
import { cellText, displayText, isBlank, parseMonthLabel } from './values.js';

export interface LayoutColumn {
  /** 0-based column index. */
  index: number;
  header: string;
  field: string | null;
  period: string | null;
}

export interface Layout {
  sheet: string;
  /** 1-based row of the header (the first header row when there are two). */
  headerRow: number;
  headerRows: 1 | 2;
  format: 'long' | 'wide';
  /** '万元', '元', 'kWh', …; null when the kind has no figures, or a money sheet states none and none was chosen. */
  unit: string | null;
  /**
   * Where the unit came from: the sheet (header or title note), the person importing ('chosen': the sheet
   * states none), the kind's default (energy: kWh), or 'missing' — a money sheet with no unit and no choice,
   * read as yuan for the preview but not applied until 元 or 万元 is chosen.
   */
  unitSource: ImportUnitSource | null;
  shift: number;
  year: number | null;
  columns: LayoutColumn[];
  /** 0-based index of the first row under the header. */
  dataStart: number;
}

const UNITS: Record<string, { family: UnitFamily; shift: number; label: string }> = {
  元: { family: 'money', shift: 0, label: '元' },
  千元: { family: 'money', shift: 3, label: '千元' },
  万元: { family: 'money', shift: 4, label: '万元' },
  亿元: { family: 'money', shift: 8, label: '亿元' },
  千瓦时: { family: 'energy', shift: 0, label: 'kWh' },
  kwh: { family: 'energy', shift: 0, label: 'kWh' },
  度: { family: 'energy', shift: 0, label: 'kWh' },
  万千瓦时: { family: 'energy', shift: 4, label: '万千瓦时' },
  万kwh: { family: 'energy', shift: 4, label: '万千瓦时' },
};
const UNIT_WORDS = '万千瓦时|万kwh|千瓦时|kwh|度|亿元|万元|千元|元';

/** The money units a person may choose for a sheet that states none. */
export type MoneyUnit = '元' | '万元';

/** `yuan` / `元` → 元, `wan` / `万元` → 万元 (the API, the web and `--unit`); null for anything else. */
export function moneyUnitOf(text: string | null | undefined): MoneyUnit | null {
  const t = (text ?? '').trim().toLowerCase();
  if (t === 'yuan' || t === '元') return '元';
  if (t === 'wan' || t === '万元') return '万元';
  return null;
}

/** The unit named in a header like "营业收入（万元）" or "金额(单位:元)". */
export function unitInHeader(text: string): string | null {
  const m = new RegExp(`[（(]\\s*(?:单位\\s*[:：]\\s*)?(${UNIT_WORDS})\\s*[)）]`, 'i').exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** The unit of a title-row note: "单位：万元", "金额单位：元", or a lone "（万元）". */
export function unitInNote(text: string): string | null {
  const m = new RegExp(`单位\\s*[:：]\\s*(${UNIT_WORDS})`, 'i').exec(text);
  if (m) return m[1]!.toLowerCase();
  const lone = new RegExp(`^[（(]\\s*(${UNIT_WORDS})\\s*[)）]$`, 'i').exec(text.trim());
  return lone ? lone[1]!.toLowerCase() : null;
}

/** Header text compared with synonyms: no spaces, no required-marks, no parenthesised unit or remark. */
export function normalizeHeader(cell: Cell | undefined): string {
  return cellText(cell)
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();
}

function fieldOf(fields: readonly FieldSpec[], cell: Cell | undefined): FieldSpec | null {
  const h = normalizeHeader(cell);
  if (h === '') return null;
  for (const f of fields) {
    if (normalizeHeader(f.label) === h || f.synonyms.some((s) => normalizeHeader(s) === h)) return f;
  }
  return null;
}

const isMonth = (cell: Cell | undefined) => parseMonthLabel(cell, 2000) !== null;

/** Rows that are not data: 合计 / 小计 / 总计 lines. */
export function isTotalRow(row: Cell[]): boolean {
  return row.some(
    (c) => typeof c === 'string' && /^(合计|小计|总计|共计|全县合计|本页小计)/.test(c.replace(/\s+/g, '')),
  );
}

const fail = (message: string) => new AppError('VALIDATION', message, [{ path: 'file', message }]);

interface HeaderMatch {
  index: number;
  fields: Set<string>;
  months: number;
}

function scoreRow(kind: ImportKind, row: Cell[]): HeaderMatch & { score: number; identifier: boolean } {
  const fields = new Set<string>();
  let identifier = false;
  let months = 0;
  for (const cell of row) {
    const f = fieldOf(kind.fields, cell);
    if (f) {
      fields.add(f.key);
      if (f.identifier) identifier = true;
    } else if (kind.wide && isMonth(cell)) months++;
  }
  return { index: 0, fields, months, identifier, score: fields.size + (months > 0 ? 1 : 0) };
}

/** Finds the header in the first sheet that has one. */
export function detectLayout(
  kind: ImportKind,
  sheets: SheetGrid[],
  opts: { source: string | null; year: number | null; unit?: MoneyUnit | null | undefined },
): { layout: Layout; sheet: SheetGrid } {
  for (const sheet of sheets) {
    const limit = Math.min(sheet.rows.length, 50);
    for (let r = 0; r < limit; r++) {
      const row = sheet.rows[r] ?? [];
      const s = scoreRow(kind, row);
      if (!s.identifier || s.score < 2) continue;
      return { layout: buildLayout(kind, sheet, r, opts), sheet };
    }
  }
  const identifiers = kind.fields.filter((f) => f.identifier).map((f) => f.label);
  throw fail(
    `未找到表头：表头行应包含 ${identifiers.join(' 或 ')}，以及${kind.fields
      .filter((f) => !f.identifier && f.key !== 'seq')
      .slice(0, 3)
      .map((f) => f.label)
      .join('、')}等列（可下载模板对照）`,
  );
}

function buildLayout(
  kind: ImportKind,
  sheet: SheetGrid,
  r: number,
  opts: { source: string | null; year: number | null; unit?: MoneyUnit | null | undefined },
): Layout {
  const top = sheet.rows[r] ?? [];
  // A second header row under merged cells: every filled cell repeats the cell above or is itself a label.
  const next = sheet.rows[r + 1] ?? [];
  let second: Cell[] | null = null;
  let news = 0;
  let others = 0;
  for (let c = 0; c < next.length; c++) {
    if (isBlank(next[c])) continue;
    if (cellText(next[c]) === cellText(top[c])) continue;
    if (fieldOf(kind.fields, next[c]) || (kind.wide && isMonth(next[c]))) news++;
    else others++;
  }
  if (news > 0 && others === 0) second = next;

  const width = Math.max(top.length, second?.length ?? 0);
  const titleText = sheet.rows
    .slice(0, r)
    .flatMap((row) => row.map((c) => cellText(c)))
    .filter((t) => t !== '');
  let year = opts.year;
  if (year === null) {
    for (const t of titleText) {
      const m = /((?:19|20)\d{2})\s*年/.exec(t);
      if (m) {
        year = Number(m[1]);
        break;
      }
    }
  }

  const columns: LayoutColumn[] = [];
  const taken = new Set<string>();
  let headerUnit: string | null = null;
  for (let c = 0; c < width; c++) {
    const upper = displayText(top[c]);
    const lower = second ? displayText(second[c]) : '';
    const header = lower && lower !== upper ? (upper ? `${upper}/${lower}` : lower) : upper;
    let field: FieldSpec | null = null;
    let period: string | null = null;
    let isMonthColumn = false;
    for (const part of [lower, upper]) {
      if (!part) continue;
      const f = fieldOf(kind.fields, part);
      if (f) {
        field = f;
        break;
      }
      if (kind.wide) {
        const m = parseMonthLabel(part, year);
        if (m) {
          isMonthColumn = true;
          period = m.period;
          if (m.period === null) {
            throw fail(`表头“${header}”只有月份没有年度：请在标题中写明年度（如“2024年”），或导入时选择年度`);
          }
          break;
        }
      }
    }
    // A month column under a merged "营业收入" keeps the figure; the merged label is not the value column.
    if (field && !isMonthColumn && !taken.has(field.key)) {
      taken.add(field.key);
      columns.push({ index: c, header, field: field.key, period: null });
      if (field.figure) headerUnit ??= unitInHeader(upper) ?? unitInHeader(lower);
    } else if (isMonthColumn) {
      columns.push({ index: c, header, field: null, period });
      headerUnit ??= unitInHeader(lower) ?? unitInHeader(upper);
    } else if (header) columns.push({ index: c, header, field: null, period: null });
  }

  const has = (pred: (f: FieldSpec) => boolean) =>
    columns.some((col) => col.field && pred(kind.fields.find((f) => f.key === col.field)!));
  const monthColumns = columns.filter((c) => c.period !== null);
  let format: Layout['format'] = 'long';
  if (kind.wide) {
    const longOk = has((f) => !!f.period) && has((f) => !!f.figure);
    if (!longOk && monthColumns.length > 0) format = 'wide';
    else if (!longOk) {
      const period = kind.fields.find((f) => f.period)?.label ?? '期间';
      const figure = kind.fields.find((f) => f.figure)?.label ?? '数值';
      throw fail(`未找到“${period}”和“${figure}”列，也未找到月份列（如 1月…12月、2024-01）`);
    }
  }
  if (format === 'long') for (const c of monthColumns) c.period = null;

  const family = kind.unitFamily(opts.source);
  let unit: string | null = null;
  let unitSource: Layout['unitSource'] = null;
  if (family) {
    let key = headerUnit;
    unitSource = key ? 'header' : null;
    if (!key) {
      for (const t of titleText) {
        key = unitInNote(t);
        if (key) {
          unitSource = 'title';
          break;
        }
      }
    }
    if (!key && family === 'money') {
      // A money sheet without a unit is not silently read as yuan: the person importing chooses 元 or 万元.
      key = opts.unit ?? '元';
      unitSource = opts.unit ? 'chosen' : 'missing';
    }
    if (!key) {
      key = '千瓦时';
      unitSource = 'default';
    }
    const u = UNITS[key]!;
    if (u.family !== family) {
      throw fail(
        family === 'energy'
          ? `用电量应以千瓦时或万千瓦时为单位，表中注明的单位是“${u.label}”`
          : `金额应以元、万元等为单位，表中注明的单位是“${u.label}”`,
      );
    }
    unit = unitSource === 'missing' ? null : u.label;
    return {
      sheet: sheet.name,
      headerRow: r + 1,
      headerRows: second ? 2 : 1,
      format,
      unit,
      unitSource,
      shift: u.shift,
      year,
      columns,
      dataStart: r + (second ? 2 : 1),
    };
  }
  return {
    sheet: sheet.name,
    headerRow: r + 1,
    headerRows: second ? 2 : 1,
    format,
    unit,
    unitSource,
    shift: 0,
    year,
    columns,
    dataStart: r + (second ? 2 : 1),
  };
}

/**
 * The data rows under the header as SheetRows, skipping blank rows, 合计/小计 rows, repeated headers and
 * footnotes (a row with no identifier and at most one filled column, e.g. "制表人：张三").
 */
export function* dataRows(kind: ImportKind, layout: Layout, sheet: SheetGrid): Generator<SheetRow> {
  const identifiers = new Set(kind.fields.filter((f) => f.identifier).map((f) => f.key));
  const headerTexts = layout.columns.map((c) => c.header);
  const formulas = new Set(sheet.formulas.map((f) => f.r * 16_384 + f.c));
  for (let r = layout.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    if (isTotalRow(row)) continue;
    if (layout.columns.every((c, i) => displayText(row[c.index]) === (headerTexts[i] ?? ''))) continue;
    const cells: SheetRow['cells'] = {};
    const months: SheetRow['months'] = [];
    let filled = 0;
    let identified = false;
    for (const col of layout.columns) {
      const value = row[col.index] ?? null;
      const formula = formulas.has(r * 16_384 + col.index);
      if (col.field && col.field !== 'seq') {
        cells[col.field] = { value, column: col.header, formula };
        if (!isBlank(value)) {
          filled++;
          if (identifiers.has(col.field)) identified = true;
        }
      } else if (layout.format === 'wide' && col.period) {
        months.push({ value, column: col.header, period: col.period, formula });
        if (!isBlank(value)) filled++;
      }
    }
    if (!identified && filled <= 1) continue;
    yield { row: r + 1, cells, months };
  }
}
