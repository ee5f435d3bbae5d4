// The two workbooks an import hands out: the uploaded sheet again with a 错误说明 column (so the clerk fixes
// the file they know, row for row), and a template per kind with its headers, the unit and an example row.
import { creditCodeCheckChar } from '@shenggui/domain';
import ExcelJS from 'exceljs';
import { neutralise } from '../../platform/excel.js';
import { readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet.js';
import type { ImportKind, Problem, TemplateOf } from './import-kind.js';

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7E6' } };

export async function buildErrorWorkbook(preview: {
  fileName: string;
  bytes: Uint8Array;
  how: { sheet: string; headerRow: number };
  problems: Problem[];
}): Promise<Buffer> {
  const grid = await readSpreadsheet(preview.fileName, preview.bytes);
  const sheet = grid.sheets.find((s) => s.name === preview.how.sheet) ?? grid.sheets[0];
  const wb = new ExcelJS.Workbook();
  wb.creator = '升规通';
  const ws = wb.addWorksheet(sheet?.name.slice(0, 31) || 'Sheet1');
  const rows = sheet?.rows ?? [];
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const errorColumn = width + 1;
  const byRow = new Map<number, string[]>();
  for (const p of preview.problems) {
    const text = p.column ? `${p.column}：${p.message}` : p.message;
    byRow.set(p.row, [...(byRow.get(p.row) ?? []), text]);
  }
  rows.forEach((row, i) => {
    const out = ws.getRow(i + 1);
    row.forEach((v, c) => {
      if (v !== null) out.getCell(c + 1).value = typeof v === 'string' ? neutralise(v) : v;
    });
  });
  for (const m of sheet?.merges ?? []) {
    try {
      ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
    } catch {
      // overlapping merges in a damaged file: keep the values, skip the merge
    }
  }
  const header = ws.getRow(preview.how.headerRow).getCell(errorColumn);
  header.value = '错误说明';
  header.font = { bold: true, color: { argb: 'FFC00000' } };
  for (const [r, texts] of byRow) {
    if (r < 1) continue;
    const cell = ws.getRow(r).getCell(errorColumn);
    cell.value = texts.join('；');
    cell.font = { color: { argb: 'FFC00000' } };
    cell.fill = ERROR_FILL;
  }
  ws.getColumn(errorColumn).width = 60;
  ws.views = [{ state: 'frozen', ySplit: preview.how.headerRow }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid code for the template's example row (region 140322, the seed county). */
function exampleCreditCode(): string {
  const body = '91140322MA0EXAMPL'.replace(/[IOSVZ]/g, '0');
  return body + (creditCodeCheckChar(body) ?? '0');
}

export async function buildTemplate(kind: ImportKind, of: TemplateOf): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '升规通';
  const fields = kind.fields.filter((f) => f.key !== 'seq' && !f.notInTemplate);
  const ws = wb.addWorksheet(kind.template.sheetName);
  const headers = [
    '序号',
    ...fields.map((f) => (f.figure && kind.template.unitNote ? `${f.label}（万元）` : f.label)),
  ];
  ws.addRow([kind.template.title(of)]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([kind.template.unitNote ?? '']);
  const head = ws.addRow(headers);
  head.font = { bold: true };
  ws.addRow([
    1,
    ...fields.map((f) =>
      f.key === 'creditCode'
        ? exampleCreditCode()
        : typeof f.example === 'function'
          ? f.example(of.year)
          : f.example,
    ),
  ]);
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 4);
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];

  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 20;
  notes.getColumn(2).width = 80;
  notes.addRow(['列', '说明（也认可的表头）']).font = { bold: true };
  for (const f of kind.fields.filter((f) => f.key !== 'seq'))
    notes.addRow([f.label, [f.note, f.synonyms.join('、')].filter(Boolean).join('；可用表头：')]);
  notes.addRow([]);
  notes.addRow([
    '标题与单位',
    '表头上方可有标题行；单位写在标题下（如“单位：万元”）或表头中（如“营业收入（万元）”）；金额表未注明单位时，导入时须选择“元”或“万元”',
  ]);
  if (kind.wide) {
    notes.addRow([
      '按月分列',
      '也可每月一列：1月…12月（年度取自标题或导入时选择）、2024年1月、2024-01、202401、2024.01',
    ]);
  }
  notes.addRow(['其他', '序号列、空行、合计/小计行会被忽略；千分位、全角数字可直接使用；公式请先转换为数值']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
