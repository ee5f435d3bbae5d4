// Directory events (名录库 入库 / 退库) from the statistics bureau's list: a row per firm and event. Each row
// is checked with checkDirectoryEvent against the firm's state as it evolves down the sheet (an entry then an
// exit for one firm, in order), and written as the directory service writes one event: the event, the firm's
// scale status and its scale history. An event already recorded (same firm, type, approval date and
// effective period) is unchanged, so the same file imported twice changes nothing the second time.
import {
  checkDirectoryEvent,
  chinaDate,
  type DirectoryEventCreate,
  type DirectoryEventType,
  type DirectoryFirmState,
  type EntryMode,
  type ExitReason,
  normalizeCreditCode,
  statusAfter,
} from '@shenggui/domain';
import { recordAudit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import { listValidEventsOf } from '../directory/directory.repository.js';
import { writeDirectoryEvent } from '../directory/directory.service.js';
import { lockEnterprise } from '../enterprise/enterprise.repository.js';
import { matchFirms } from './firm-match.js';
import type { FieldSpec, ImportKind, Planned, Problem, SheetRecord } from './import-kind.js';
import { CREDIT_CODE_FIELD, NAME_FIELD, SEQ_FIELD } from './revenue-import.js';
import { cellText, parseDate, parsePeriod } from './values.js';

const FIELDS: FieldSpec[] = [
  SEQ_FIELD,
  CREDIT_CODE_FIELD,
  NAME_FIELD,
  {
    key: 'type',
    label: '类型',
    synonyms: ['变动类型', '入退库类型', '入库/退库', '入库或退库', '事项', '类别'],
    note: '入库 / 退库',
    example: '入库',
  },
  {
    key: 'mode',
    label: '方式',
    synonyms: ['入库方式', '入库类型', '申报方式', '月度/年度'],
    note: '入库填写：月度 / 年度',
    example: '年度',
  },
  { key: 'batch', label: '批次', synonyms: ['入库批次', '批复批次', '审批批次'], example: '2024年第4批' },
  {
    key: 'approvalDate',
    label: '批准日期',
    synonyms: ['批复日期', '审批日期', '核准日期', '批准时间', '审核日期'],
    example: '2024-11-20',
  },
  {
    key: 'effectivePeriod',
    label: '生效期间',
    synonyms: ['生效月份', '生效时间', '生效年月', '起始期间', '纳入期间'],
    note: '如 2024-12',
    example: '2024-12',
  },
  {
    key: 'reason',
    label: '原因',
    synonyms: ['退库原因', '变动原因', '说明', '备注'],
    note: '退库填写：营业收入低于标准、停产、注销、迁出、主行业变更、兼并重组或其他说明',
    example: '',
  },
];

/** The bureau's wording of an exit reason → the domain's key; anything else is "other" with the text kept. */
const EXIT_REASON_WORDS: [RegExp, ExitReason][] = [
  [/营业收入低于|低于标准|低于\d|低于两千万|低于2000|达不到|规模以下|规下/, 'below_threshold'],
  [/停产|停业|歇业/, 'stopped'],
  [/注销|吊销/, 'deregistered'],
  [/迁出|外迁|迁往/, 'moved'],
  [/主行业变更|转行业|行业变更|改变行业|非工业/, 'changed_industry'],
  [/兼并|重组|合并|被收购/, 'merged'],
];

export function exitReasonOf(text: string): { reason: ExitReason; note: string | null } {
  const t = text.replace(/\s+/g, '');
  for (const [re, reason] of EXIT_REASON_WORDS) if (re.test(t)) return { reason, note: null };
  return { reason: 'other', note: text.slice(0, 500) };
}

interface DirectoryRecord extends SheetRecord {
  creditCode: string;
  name: string;
  cols: Record<string, string>;
  event: Omit<DirectoryEventCreate, 'enterpriseId'>;
}

interface DirectoryChange extends Planned {
  input: DirectoryEventCreate;
  before: string;
}

const label = (key: string) => FIELDS.find((f) => f.key === key)?.label ?? key;

/** checkDirectoryEvent's paths → the column a clerk should look at. */
const PATH_FIELD: Record<string, string> = {
  approvalDate: 'approvalDate',
  effectivePeriod: 'effectivePeriod',
  mode: 'mode',
  enterpriseId: 'type',
};

export const directoryImport: ImportKind = {
  kind: 'directory',
  label: '入库退库名单',
  fields: FIELDS,
  sources: null,
  wide: false,
  unitFamily: () => null,

  async assertAllowed(db, ctx) {
    if (!ctx.actor) return; // the command line runs as the system
    if (!ctx.permissions.has('directory:write')) {
      await recordAudit(db, ctx, {
        action: 'access.denied',
        entityType: 'import',
        after: { permission: 'directory:write', kind: 'directory' },
      });
      throw forbidden('没有导入入库、退库名单的权限');
    }
  },

  parseRow(row) {
    const problems: Problem[] = [];
    const cols: Record<string, string> = {};
    for (const [k, c] of Object.entries(row.cells)) if (c) cols[k] = c.column;
    const col = (k: string) => cols[k] ?? label(k);
    const text = (k: string) => cellText(row.cells[k]?.value);
    const problem = (k: string, message: string) => problems.push({ row: row.row, column: col(k), message });

    const creditCode = normalizeCreditCode(text('creditCode'));
    const name = text('name').replace(/\s+/g, '');
    if (!creditCode && !name) {
      problems.push({ row: row.row, column: '', message: '缺少统一社会信用代码和企业名称' });
      return { records: [], problems };
    }

    const typeText = text('type').replace(/\s+/g, '');
    let type: DirectoryEventType | null = null;
    if (/退库|退出/.test(typeText)) type = 'exit';
    else if (/入库|纳入/.test(typeText)) type = 'entry';
    else problem('type', typeText ? `类型应为入库或退库：${typeText}` : '请填写类型（入库或退库）');

    const modeText = text('mode').replace(/\s+/g, '');
    let mode: EntryMode | null = null;
    if (type === 'entry') {
      if (/月/.test(modeText) || /月度/.test(typeText)) mode = 'monthly';
      else if (/年/.test(modeText) || /年度/.test(typeText)) mode = 'annual';
      else problem('mode', modeText ? `入库方式应为月度或年度：${modeText}` : '请填写入库方式（月度或年度）');
    }

    const batch = text('batch') || null;
    if (batch && batch.length > 50) problem('batch', '批次不能超过50个字');

    const date = parseDate(row.cells.approvalDate?.value ?? null);
    if (date === null) problem('approvalDate', '请填写批准日期（如 2024-11-20）');
    else if (!date.ok) problem('approvalDate', date.message.replace('日期格式', '批准日期格式'));

    let effectivePeriod: string | null = null;
    const periodCell = row.cells.effectivePeriod?.value ?? null;
    if (text('effectivePeriod') === '') problem('effectivePeriod', '请填写生效期间（如 2024-12）');
    else {
      const asDate = parseDate(periodCell);
      const p = parsePeriod(periodCell, null);
      if (p.ok) effectivePeriod = p.value;
      else if (asDate?.ok) effectivePeriod = asDate.value.slice(0, 7);
      else problem('effectivePeriod', p.message.replace('期间格式', '生效期间格式'));
    }

    const reasonText = text('reason');
    let exitReason: ExitReason | null = null;
    let note: string | null = null;
    if (type === 'exit') {
      if (!reasonText) problem('reason', '请填写退库原因');
      else ({ reason: exitReason, note } = exitReasonOf(reasonText));
    } else if (reasonText) note = reasonText.slice(0, 500);

    if (problems.length > 0 || !type || !date?.ok || !effectivePeriod) return { records: [], problems };
    const record: DirectoryRecord = {
      row: row.row,
      column: col('type'),
      creditCode,
      name,
      cols,
      event: { type, mode, batch, approvalDate: date.value, effectivePeriod, exitReason, note },
    };
    return { records: [record], problems };
  },

  async plan(db, ctx, input) {
    const records = input as DirectoryRecord[];
    const { matched, problems } = await matchFirms(db, ctx, records);
    const existing = await listValidEventsOf(db, [...new Set(matched.map((m) => m.firm.id))]);
    // The firm's state as the sheet walks down it: the database's, then each valid row's effect.
    const states = new Map<number, DirectoryFirmState>();
    for (const { firm } of matched) {
      const events = existing.filter((e) => e.enterpriseId === firm.id);
      const last = events[events.length - 1];
      states.set(firm.id, {
        scaleStatus: firm.scaleStatus,
        legalForm: firm.legalForm,
        productionStartedOn: firm.productionStartedOn,
        lastEvent: last
          ? { approvalDate: String(last.approvalDate), effectivePeriod: String(last.effectivePeriod) }
          : null,
      });
    }
    const today = chinaDate(ctx.now);
    const changes: DirectoryChange[] = [];
    for (const { r, firm } of matched) {
      const state = states.get(firm.id)!;
      const event = { ...r.event, enterpriseId: firm.id };
      const recorded = existing.some(
        (e) =>
          e.enterpriseId === firm.id &&
          e.type === event.type &&
          String(e.approvalDate) === event.approvalDate &&
          String(e.effectivePeriod) === event.effectivePeriod,
      );
      if (recorded) {
        changes.push({ row: r.row, outcome: 'unchanged', input: event, before: state.scaleStatus });
        continue;
      }
      const found = checkDirectoryEvent(state, event, today);
      if (found.length > 0) {
        for (const p of found) {
          const key = PATH_FIELD[p.path] ?? 'type';
          problems.push({ row: r.row, column: r.cols[key] ?? label(key), message: p.message });
        }
        continue;
      }
      changes.push({ row: r.row, outcome: 'imported', input: event, before: state.scaleStatus });
      states.set(firm.id, {
        ...state,
        scaleStatus: statusAfter(event.type),
        lastEvent: { approvalDate: event.approvalDate, effectivePeriod: event.effectivePeriod },
      });
    }
    return { problems, changes };
  },

  async apply(tx, ctx, input, batch) {
    const changes = input as DirectoryChange[];
    for (const id of new Set(changes.map((c) => c.input.enterpriseId)))
      await lockEnterprise(tx, ctx.scope, id);
    const events: unknown[] = [];
    for (const c of changes) {
      const { row, status } = await writeDirectoryEvent(tx, ctx, c.input, batch.id);
      if (events.length < 200)
        events.push({
          id: row.id,
          enterpriseId: row.enterpriseId,
          type: row.type,
          approvalDate: row.approvalDate,
          effectivePeriod: row.effectivePeriod,
          scaleStatus: { before: c.before, after: status },
        });
    }
    // One audit record for the batch (the engine's import.apply) names the events written.
    return { events };
  },

  template: {
    sheetName: '入库退库名单',
    title: ({ county, year }) => `${county}${year}年规模以上工业企业入库、退库名单`,
    unitNote: null,
  },
};
