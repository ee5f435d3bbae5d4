// Targets (目标任务) from a sheet: a row per year and unit — a township (属地分解), the development zone or a
// supervising department (行业主管分解), or the county itself (市下达目标). Units are named by name or code.
// Each changed value is written through the targets service's setTarget, which audits it with before and
// after. Unlike the allocation page's PUT, a unit the sheet leaves out keeps its target.
import type { TargetDimension } from '@shenggui/domain';
import { recordAudit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import type { OrgUnitRow } from '../org/org.repository.js';
import { getCountyUnits } from '../target/county.js';
import { listTargets } from '../target/target.repository.js';
import { setTarget } from '../target/target.service.js';
import type { FieldSpec, ImportKind, Planned, Problem, SheetRecord } from './import-kind.js';
import { SEQ_FIELD } from './revenue-import.js';
import { cellText } from './values.js';

const FIELDS: FieldSpec[] = [
  SEQ_FIELD,
  {
    key: 'year',
    label: '年度',
    synonyms: ['年份', '目标年度', '考核年度', '年'],
    note: '如 2025',
    example: (year) => year,
  },
  {
    key: 'unit',
    label: '单位',
    synonyms: ['单位名称', '责任单位', '乡镇', '乡镇(街道)', '部门', '主管部门', '单位代码', '地区'],
    identifier: true,
    note: '乡镇、开发区或行业主管部门的名称（或代码）；填县名为市下达目标',
    example: '秀水镇',
  },
  {
    key: 'target',
    label: '目标数',
    synonyms: ['目标', '目标任务', '任务数', '目标户数', '小升规目标', '升规目标', '目标任务数'],
    note: '户，不小于0的整数',
    example: 3,
  },
];

interface TargetRecord extends SheetRecord {
  year: number;
  unit: string;
  target: number;
  cols: Record<string, string>;
}

interface TargetChange extends Planned {
  year: number;
  unitId: number;
  dimension: TargetDimension;
  target: number;
}

const label = (key: string) => FIELDS.find((f) => f.key === key)?.label ?? key;
const squash = (t: string) => t.replace(/\s+/g, '');

export const targetImport: ImportKind = {
  kind: 'targets',
  label: '目标任务',
  fields: FIELDS,
  sources: null,
  wide: false,
  unitFamily: () => null,

  async assertAllowed(db, ctx) {
    if (!ctx.actor) return; // the command line runs as the system
    if (!ctx.permissions.has('target:allocate')) {
      await recordAudit(db, ctx, {
        action: 'access.denied',
        entityType: 'import',
        after: { permission: 'target:allocate', kind: 'targets' },
      });
      throw forbidden('没有导入目标任务的权限');
    }
  },

  parseRow(row, opts) {
    const problems: Problem[] = [];
    const cols: Record<string, string> = {};
    for (const [k, c] of Object.entries(row.cells)) if (c) cols[k] = c.column;
    const col = (k: string) => cols[k] ?? label(k);
    const problem = (k: string, message: string) => problems.push({ row: row.row, column: col(k), message });

    const unit = squash(cellText(row.cells.unit?.value));
    if (!unit) problem('unit', '请填写单位');

    const yearText = squash(cellText(row.cells.year?.value)).replace(/年(度)?$/, '');
    let year: number | null = opts.year;
    if (yearText) {
      const n = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (Number.isInteger(n) && n >= 1990 && n <= 2100) year = n;
      else {
        year = null;
        problem('year', `年度应为四位年份（如 2025）：${yearText}`);
      }
    } else if (year === null) problem('year', '请填写年度（或在标题中写明年度、导入时选择年度）');

    const targetText = squash(cellText(row.cells.target?.value)).replace(/户$/, '');
    let target: number | null = null;
    if (!targetText) problem('target', '请填写目标数');
    else {
      const n = /^[-+]?\d+(\.\d+)?$/.test(targetText) ? Number(targetText) : Number.NaN;
      if (Number.isNaN(n)) problem('target', `目标数应为整数：${targetText}`);
      else if (n < 0) problem('target', '目标数不能为负数');
      else if (!Number.isInteger(n)) problem('target', '目标数应为整数');
      else if (n > 100_000) problem('target', '目标数过大');
      else target = n;
    }

    if (problems.length > 0 || year === null || target === null) return { records: [], problems };
    const record: TargetRecord = { row: row.row, column: col('target'), year, unit, target, cols };
    return { records: [record], problems };
  },

  async plan(db, _ctx, input) {
    const records = input as TargetRecord[];
    const problems: Problem[] = [];
    if (records.length === 0) return { problems, changes: [] };
    const { county, townships, supervising } = await getCountyUnits(db);
    const units = new Map<string, { unit: OrgUnitRow; dimension: TargetDimension }>();
    const add = (u: OrgUnitRow, dimension: TargetDimension) => {
      units.set(squash(u.name), { unit: u, dimension });
      units.set(u.code, { unit: u, dimension });
    };
    for (const u of townships) add(u, 'territorial');
    for (const u of supervising) add(u, 'supervising');
    add(county, 'city');

    const current = new Map<string, number>();
    for (const year of new Set(records.map((r) => r.year)))
      for (const t of await listTargets(db, year))
        current.set(`${year}/${t.dimension}/${t.unitId}`, t.target);

    const first = new Map<string, TargetRecord>();
    const changes: TargetChange[] = [];
    for (const r of records) {
      const found = units.get(r.unit);
      if (!found) {
        problems.push({
          row: r.row,
          column: r.cols.unit ?? label('unit'),
          message: `未找到单位“${r.unit}”：应为本县的乡镇、开发区或行业主管部门（名称或代码），或县名（市下达目标）`,
        });
        continue;
      }
      const key = `${r.year}/${found.dimension}/${found.unit.id}`;
      const seen = first.get(key);
      if (seen) {
        problems.push({
          row: r.row,
          column: r.cols.unit ?? label('unit'),
          message: `与第 ${seen.row} 行重复（同一年度、同一单位“${found.unit.name}”）`,
        });
        continue;
      }
      first.set(key, r);
      const before = current.get(key);
      changes.push({
        row: r.row,
        outcome: before === undefined ? 'imported' : before === r.target ? 'unchanged' : 'updated',
        year: r.year,
        unitId: found.unit.id,
        dimension: found.dimension,
        target: r.target,
      });
    }
    return { problems, changes };
  },

  async apply(tx, ctx, input) {
    const changes = input as TargetChange[];
    // setTarget audits each value it changes (target.set, with before and after).
    for (const c of changes)
      await setTarget(tx, ctx, { year: c.year, unitId: c.unitId, dimension: c.dimension, target: c.target });
    return { targets: changes.length };
  },

  template: {
    sheetName: '目标任务',
    title: ({ county, year }) => `${county}${year}年小升规目标任务分解表`,
    unitNote: null,
  },
};
