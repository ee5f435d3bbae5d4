// Monthly revenue (or electricity) figures from a supplier: a row per firm and period (long), or a row per
// firm with a column per month (wide). Figures are versioned facts (docs/ARCHITECTURE.md §Data): a new figure is
// version 1, an identical one changes nothing, a different one is a correction — a new version with the
// reason "导入更正（批次 N）". Rows match firms by credit code, else by exact name.
import {
  CREDIT_CODE_MESSAGES,
  checkCreditCode,
  coveredPeriods,
  figurePeriodKey,
  figurePeriodLabel,
  normalizeCreditCode,
  quarterEndPeriod,
  quarterOfPeriod,
  REVENUE_SOURCE_UNITS,
  REVENUE_SOURCES,
  type RevenueSource,
  revenueWritePermission,
} from '@shenggui/domain';
import { recordAudit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import { insertFirstFactsBulk } from '../revenue/revenue.repository.js';
import {
  type EnterpriseRow,
  findFirmsByCodes,
  findFirmsByNames,
  insertFactVersionsBulk,
  listCurrentFacts,
  supersedeFacts,
  withCheckedKeys,
} from './import.repository.js';
import type { FieldSpec, ImportKind, Planned, Problem, SheetRecord } from './import-kind.js';
import { cellText, parseAmount, parseFigurePeriod, parsePeriodRange } from './values.js';

const quarterEnd = (period: string) => {
  const q = quarterOfPeriod(period);
  return quarterEndPeriod(q.year, q.quarter);
};

export const SEQ_FIELD: FieldSpec = {
  key: 'seq',
  label: '序号',
  synonyms: ['编号', '行号', 'No', 'No.', 'NO'],
  example: 1,
};
export const CREDIT_CODE_FIELD: FieldSpec = {
  key: 'creditCode',
  label: '统一社会信用代码',
  synonyms: [
    '社会信用代码',
    '信用代码',
    '纳税人识别号',
    '统一代码',
    '社会统一信用代码',
    '税号',
    '组织机构代码',
  ],
  identifier: true,
  note: '18位',
  example: '',
};
export const NAME_FIELD: FieldSpec = {
  key: 'name',
  label: '企业名称',
  synonyms: ['单位名称', '纳税人名称', '企业(单位)名称', '单位详细名称', '公司名称', '法人单位名称'],
  identifier: true,
  example: '盂县示例机械制造有限公司',
};

const FIELDS: FieldSpec[] = [
  SEQ_FIELD,
  CREDIT_CODE_FIELD,
  NAME_FIELD,
  {
    key: 'period',
    label: '期间',
    synonyms: ['所属期', '税款所属期', '月份', '年月', '所属期间', '所属月份', '统计期', '报告期', '数据期'],
    period: true,
    note: '如 2024-01；季度申报写 2024Q1 或 2024年第1季度',
    example: (year) => `${year}-01`,
  },
  {
    key: 'periodFrom',
    label: '税款所属期起',
    synonyms: [
      '所属期起',
      '所属期起始',
      '所属期起始日期',
      '税款所属期起始日期',
      '所属时期起',
      '税款所属期间起',
    ],
    period: true,
    notInTemplate: true,
    note: '税务系统导出格式：与“税款所属期止”一起表示一个月或一个季度（如 2024-01-01 至 2024-03-31）',
    example: '2024-01-01',
  },
  {
    key: 'periodTo',
    label: '税款所属期止',
    synonyms: ['所属期止', '所属期终止', '所属期止日期', '税款所属期止日期', '所属时期止', '税款所属期间止'],
    period: true,
    notInTemplate: true,
    note: '见“税款所属期起”',
    example: '2024-01-31',
  },
  {
    key: 'value',
    label: '营业收入',
    synonyms: [
      '主营业务收入',
      '销售收入',
      '开票收入',
      '应税销售额',
      '金额',
      '本月营业收入',
      '本月开票收入',
      '开票金额',
      '销售额',
      '营业收入本月',
      '用电量',
      '本月用电量',
      '数值',
    ],
    figure: true,
    note: '万元（用电量：万千瓦时）',
    example: 156.5,
  },
];

interface RevenueRecord extends SheetRecord {
  creditCode: string;
  name: string;
  /** The last month covered; `months` 3 = a quarterly return for the quarter ending in it. */
  period: string;
  months: 1 | 3;
  value: string;
}

interface RevenueChange extends Planned {
  enterpriseId: number;
  period: string;
  months: 1 | 3;
  value: string;
  currentId: number | null;
  version: number;
  before: string | null;
}

export const revenueImport: ImportKind = {
  kind: 'revenue',
  label: '月度营业收入',
  fields: FIELDS,
  sources: REVENUE_SOURCES,
  wide: true,
  unitFamily: (source) =>
    source && REVENUE_SOURCE_UNITS[source as RevenueSource] === 'kWh' ? 'energy' : 'money',

  async assertAllowed(db, ctx, source) {
    if (!ctx.actor) return; // the command line runs as the system, with the database in hand anyway
    const permission = revenueWritePermission(source as RevenueSource);
    if (!ctx.permissions.has(permission)) {
      await recordAudit(db, ctx, {
        action: 'access.denied',
        entityType: 'import',
        after: { permission, kind: 'revenue' },
      });
      throw forbidden('没有导入该来源数据的权限（税务、统计数据由对应部门报送）');
    }
  },

  parseRow(row, opts) {
    const problems: Problem[] = [];
    const codeCell = row.cells.creditCode;
    const nameCell = row.cells.name;
    const creditCode = normalizeCreditCode(cellText(codeCell?.value));
    const name = cellText(nameCell?.value).replace(/\s+/g, '');
    if (!creditCode && !name) {
      problems.push({ row: row.row, column: '', message: '缺少统一社会信用代码和企业名称' });
      return { records: [], problems };
    }
    const records: RevenueRecord[] = [];
    const base = { creditCode, name };
    if (row.months.length > 0 || !(row.cells.period || row.cells.periodFrom || row.cells.periodTo)) {
      for (const m of row.months) {
        const amount = parseAmount(m.value, opts.shift);
        if (amount === null) continue;
        if (!amount.ok) problems.push({ row: row.row, column: m.column, message: amount.message });
        else
          records.push({
            row: row.row,
            column: m.column,
            ...base,
            period: m.period,
            months: 1,
            value: amount.value,
          });
      }
      return { records, problems };
    }
    const periodCell = row.cells.period;
    const fromCell = row.cells.periodFrom;
    const toCell = row.cells.periodTo;
    const valueCell = row.cells.value;
    // The tax system's export: 税款所属期起 / 止 (a month, or a quarter for a quarterly return).
    const ranged = (fromCell && cellText(fromCell.value) !== '') || (toCell && cellText(toCell.value) !== '');
    const period = ranged
      ? parsePeriodRange(fromCell?.value ?? null, toCell?.value ?? null)
      : parseFigurePeriod(periodCell?.value ?? null, opts.year);
    if (!period.ok) {
      const column = ranged
        ? [fromCell?.column, toCell?.column].filter(Boolean).join('/') || '税款所属期起/税款所属期止'
        : (periodCell?.column ?? '期间');
      problems.push({ row: row.row, column, message: period.message });
    }
    const amount = parseAmount(valueCell?.value ?? null, opts.shift);
    const valueColumn = valueCell?.column ?? '营业收入';
    if (amount === null) problems.push({ row: row.row, column: valueColumn, message: '请填写数值' });
    else if (!amount.ok) problems.push({ row: row.row, column: valueColumn, message: amount.message });
    if (period.ok && amount?.ok) {
      records.push({
        row: row.row,
        column: valueColumn,
        ...base,
        period: period.value.period,
        months: period.value.months,
        value: amount.value,
      });
    }
    return { records, problems };
  },

  async plan(db, ctx, input, opts) {
    const records = input as RevenueRecord[];
    const source = opts.source!;
    const problems: Problem[] = [];
    const codes = [...new Set(records.map((r) => r.creditCode).filter((c) => c !== ''))];
    const names = [...new Set(records.map((r) => r.name).filter((n) => n !== ''))];
    const byCode = new Map((await findFirmsByCodes(db, ctx.scope, codes)).map((f) => [f.creditCode, f]));
    const byName = new Map<string, EnterpriseRow[]>();
    for (const f of await findFirmsByNames(db, ctx.scope, names)) {
      byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    }
    const codeColumn = CREDIT_CODE_FIELD.label;
    const matched: { r: RevenueRecord; firmId: number; firm: EnterpriseRow }[] = [];
    const reported = new Set<number>();
    const report = (p: Problem) => {
      // One identity problem per row, however many month cells the row has.
      if (reported.has(p.row)) return;
      reported.add(p.row);
      problems.push(p);
    };
    for (const r of records) {
      const firm = r.creditCode ? byCode.get(r.creditCode) : undefined;
      if (firm) {
        matched.push({ r, firmId: firm.id, firm });
        continue;
      }
      const check = r.creditCode ? checkCreditCode(r.creditCode) : null;
      // A well-formed code must match by itself; a malformed one (an old tax number) may fall back to the name.
      if (check?.ok) {
        report({
          row: r.row,
          column: codeColumn,
          message: `未找到统一社会信用代码为 ${r.creditCode} 的企业，或该企业不在您的数据范围内`,
        });
        continue;
      }
      const candidates = r.name ? (byName.get(r.name) ?? []) : [];
      if (candidates.length === 1) {
        matched.push({ r, firmId: candidates[0]!.id, firm: candidates[0]! });
        continue;
      }
      if (candidates.length > 1) {
        report({
          row: r.row,
          column: NAME_FIELD.label,
          message: `企业名称“${r.name}”对应多家企业，请填写统一社会信用代码`,
        });
      } else if (check?.problem) {
        report({ row: r.row, column: codeColumn, message: CREDIT_CODE_MESSAGES[check.problem] });
      } else {
        report({
          row: r.row,
          column: NAME_FIELD.label,
          message: `未找到名称为“${r.name}”的企业，或该企业不在您的数据范围内`,
        });
      }
    }

    // The same firm and period twice in one file: the later rows are problems, and the first too when
    // the figures differ (which one is right cannot be guessed). A month and a quarter that overlap (one
    // source files either monthly or quarterly for a quarter) are problems on both rows.
    const label = (r: RevenueRecord) => figurePeriodLabel(r.period, r.months);
    const first = new Map<string, { r: RevenueRecord }>();
    const byQuarter = new Map<string, RevenueRecord[]>();
    const duplicateRows = new Set<number>();
    const flag = (r: RevenueRecord, message: string) => {
      duplicateRows.add(r.row);
      problems.push({ row: r.row, column: r.column, message });
    };
    for (const m of matched) {
      const key = `${m.firmId}|${m.r.period}`;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { r: m.r });
        const q = quarterOfPeriod(m.r.period);
        const qKey = `${m.firmId}|${q.year}Q${q.quarter}`;
        const others = byQuarter.get(qKey) ?? [];
        const clash = others.find((o) => o.months !== m.r.months || m.r.months === 3);
        if (clash) {
          const [quarterly, monthly] = clash.months === 3 ? [clash, m.r] : [m.r, clash];
          const message = `${label(quarterly)}的季度数据（第 ${quarterly.row} 行）与${label(monthly)}的月度数据（第 ${monthly.row} 行）重叠：同一来源同一季度只能按月或按季度报送`;
          if (!duplicateRows.has(clash.row)) flag(clash, message);
          flag(m.r, message);
        }
        others.push(m.r);
        byQuarter.set(qKey, others);
        continue;
      }
      flag(m.r, `与第 ${seen.r.row} 行重复（同一企业、同一期间 ${label(m.r)}）`);
      if (seen.r.value !== m.r.value && !duplicateRows.has(seen.r.row)) {
        flag(seen.r, `与第 ${m.r.row} 行数值不同（同一企业、同一期间 ${label(m.r)}）`);
      }
    }

    // Current figures of the same source in every month of the quarters the file touches: the same figure
    // again is unchanged, a different one a correction; a month where the source has a quarter (or the
    // reverse) is a problem, never a second figure for the same months.
    const firmIds = [...new Set(matched.map((m) => m.firmId))];
    const periods = new Set<string>();
    for (const m of matched) for (const p of coveredPeriods(quarterEnd(m.r.period), 3)) periods.add(p);
    const facts = await listCurrentFacts(db, source, firmIds, [...periods]);
    const current = new Map(facts.map((f) => [`${f.enterpriseId}|${f.period}`, f]));
    const changes: RevenueChange[] = [];
    for (const m of matched) {
      const key = `${m.firmId}|${m.r.period}`;
      if (first.get(key)?.r !== m.r || duplicateRows.has(m.r.row)) continue; // already a problem
      const fact = current.get(key);
      if (fact && fact.months !== m.r.months) {
        problems.push({
          row: m.r.row,
          column: m.r.column,
          message: `该企业${figurePeriodLabel(fact.period, fact.months as 1 | 3)}已有${fact.months === 3 ? '季度' : '月度'}数据，与本行${label(m.r)}的${m.r.months === 3 ? '季度' : '月度'}数据重叠（同一来源同一季度只能按月或按季度报送）`,
        });
        continue;
      }
      if (m.r.months === 3) {
        const monthly = coveredPeriods(m.r.period, 3)
          .slice(0, 2)
          .filter((p) => current.has(`${m.firmId}|${p}`));
        if (monthly.length > 0) {
          problems.push({
            row: m.r.row,
            column: m.r.column,
            message: `该企业${monthly.map((p) => figurePeriodLabel(p)).join('、')}已有月度数据，与本行${label(m.r)}的季度数据重叠（同一来源同一季度只能按月或按季度报送）`,
          });
          continue;
        }
      } else {
        const q = current.get(`${m.firmId}|${quarterEnd(m.r.period)}`);
        if (q && q.months === 3 && q.period !== m.r.period) {
          problems.push({
            row: m.r.row,
            column: m.r.column,
            message: `该企业${figurePeriodLabel(q.period, 3)}已有季度数据，与本行${label(m.r)}的月度数据重叠（同一来源同一季度只能按月或按季度报送）`,
          });
          continue;
        }
      }
      const same = fact && Number(fact.value).toFixed(2) === m.r.value;
      const before = fact ? Number(fact.value).toFixed(2) : null;
      changes.push({
        row: m.r.row,
        outcome: !fact ? 'imported' : same ? 'unchanged' : 'updated',
        enterpriseId: m.firmId,
        period: m.r.period,
        months: m.r.months,
        value: m.r.value,
        currentId: fact?.id ?? null,
        version: (fact?.version ?? 0) + 1,
        before,
        line: {
          enterpriseId: m.firmId,
          creditCode: m.firm.creditCode,
          name: m.firm.name,
          period: m.r.period,
          months: m.r.months,
          column: m.r.column,
          before,
          after: m.r.value,
        },
      });
    }
    return { problems, changes };
  },

  async apply(tx, ctx, input, batch) {
    const changes = input as RevenueChange[];
    const source = batch.source!;
    const meta = { importBatchId: batch.id, recordedBy: ctx.actor?.id ?? null, recordedAt: ctx.now };
    const fresh = changes.filter((c) => c.outcome === 'imported');
    const corrected = changes.filter((c) => c.outcome === 'updated');
    // The firms were matched by the plan in this transaction and the batch was just inserted.
    await withCheckedKeys(tx, async () => {
      await insertFirstFactsBulk(
        tx,
        fresh.map((c) => ({
          enterpriseId: c.enterpriseId,
          period: c.period,
          months: c.months,
          source,
          value: c.value,
        })),
        meta,
      );
      await supersedeFacts(
        tx,
        corrected.map((c) => c.currentId!),
      );
      await insertFactVersionsBulk(
        tx,
        corrected.map((c) => ({
          enterpriseId: c.enterpriseId,
          period: c.period,
          months: c.months,
          source,
          value: c.value,
          version: c.version,
        })),
        { ...meta, reason: `导入更正（批次 ${batch.id}）` },
      );
    });
    // The superseded versions stay in revenue_facts; the audit names the first corrections for reading.
    return {
      corrections: corrected.slice(0, 200).map((c) => ({
        enterpriseId: c.enterpriseId,
        period: figurePeriodKey(c.period, c.months),
        before: c.before,
        after: c.value,
      })),
    };
  },

  template: {
    sheetName: '月度营业收入',
    title: ({ county, year }) => `${county}${year}年工业企业月度营业收入表`,
    unitNote: '单位：万元',
  },
};
