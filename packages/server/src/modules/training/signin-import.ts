// The sign-in sheet (签到表) of a training, imported as it comes: read with the bounded spreadsheet reader
// within the import limits, the header found in the first rows (domain training.ts), each row matched to a
// firm of the caller's scope (credit code, then exact name, then the name with spaces and 全角/半角 brackets
// folded), or to a county unit (an official: 秀水镇人民政府, 县能源局), or kept as written (未匹配). A dry run
// answers the rows and every problem; applying writes all rows in one transaction with one audit record, or
// nothing when any row has a problem.
import {
  CREDIT_CODE_MESSAGES,
  cellText,
  checkCreditCode,
  findSigninHeader,
  normaliseOrgName,
  normalizeCreditCode,
  type SigninHeader,
  type SigninImportResult,
  type SigninProblem,
  type SigninRow,
  TRAINING_FILE_MAX_BYTES,
  unitNameVariants,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Cell, SheetGrid } from '../../platform/spreadsheet/grid.js';
import { type ReadOptions, readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet.js';
import { getImportLimits, sheetLimitsOf } from '../settings/import-limits.js';
import {
  findTraining,
  insertAttendance,
  listAttendanceKeys,
  listFirmsForMatching,
  listUnitsForMatching,
  lockTraining,
} from './training.repository.js';
import { mayManage, personKey } from './training.service.js';

/** Footer lines under the names (合计, 备注…) are not attendees. */
const FOOTER = /^(合计|总计|小计|备注|说明|注[:：])/;

interface Matchers {
  byCode: Map<string, { id: number; name: string }>;
  byName: Map<string, { id: number; name: string }[]>;
  byNormalised: Map<string, { id: number; name: string }[]>;
  units: Map<string, { id: number; name: string }>;
}

async function loadMatchers(db: Executor, ctx: RequestContext): Promise<Matchers> {
  const firms = await listFirmsForMatching(db, ctx.scope);
  const byCode = new Map<string, { id: number; name: string }>();
  const byName = new Map<string, { id: number; name: string }[]>();
  const byNormalised = new Map<string, { id: number; name: string }[]>();
  for (const f of firms) {
    const ref = { id: f.id, name: f.name };
    byCode.set(f.creditCode, ref);
    byName.set(f.name, [...(byName.get(f.name) ?? []), ref]);
    const n = normaliseOrgName(f.name);
    byNormalised.set(n, [...(byNormalised.get(n) ?? []), ref]);
  }
  const allUnits = await listUnitsForMatching(db);
  const countyName = allUnits.find((u) => u.kind === 'county')?.name ?? null;
  const units = new Map<string, { id: number; name: string }>();
  for (const u of allUnits) {
    if (!['county', 'township', 'zone', 'department', 'centre', 'bureau'].includes(u.kind)) continue;
    for (const v of unitNameVariants(u.name, countyName))
      if (!units.has(v)) units.set(v, { id: u.id, name: u.name });
  }
  return { byCode, byName, byNormalised, units };
}

type Matched = Pick<
  SigninRow,
  'match' | 'matchedBy' | 'enterpriseId' | 'enterpriseName' | 'unitId' | 'unitName'
>;

function matchRow(m: Matchers, orgName: string, creditCode: string | null): Matched {
  const none = { enterpriseId: null, enterpriseName: null, unitId: null, unitName: null };
  const firm = (f: { id: number; name: string }, matchedBy: SigninRow['matchedBy']): Matched => ({
    ...none,
    match: 'firm',
    matchedBy,
    enterpriseId: f.id,
    enterpriseName: f.name,
  });
  const byCode = creditCode ? m.byCode.get(creditCode) : undefined;
  if (byCode) return firm(byCode, 'creditCode');
  const exact = m.byName.get(orgName) ?? [];
  if (exact.length === 1) return firm(exact[0]!, 'name');
  const normalised = normaliseOrgName(orgName);
  const loose = m.byNormalised.get(normalised) ?? [];
  if (loose.length === 1) return firm(loose[0]!, 'normalisedName');
  const unit = m.units.get(normalised);
  if (unit) return { ...none, match: 'official', matchedBy: 'unit', unitId: unit.id, unitName: unit.name };
  return { ...none, match: 'unmatched', matchedBy: null };
}

const text = (row: Cell[], col: number | undefined) => (col === undefined ? '' : cellText(row[col]));

/** The first sheet with a sign-in header, and the header. */
function sheetWithHeader(sheets: SheetGrid[]): { sheet: SheetGrid; header: SigninHeader } {
  for (const sheet of sheets) {
    const header = findSigninHeader(sheet.rows);
    if (header) return { sheet, header };
  }
  const message = '未找到签到表的表头：前10行中应有一行同时包含“姓名”和“单位名称”（或“企业名称”“单位”）列';
  throw new AppError('VALIDATION', message, [{ path: 'file', message }]);
}

/** Reads and checks a sheet against the training's attendance so far: the rows, their matches, the problems. */
async function readSheet(
  db: Executor,
  ctx: RequestContext,
  trainingId: number,
  sheets: SheetGrid[],
): Promise<Omit<SigninImportResult, 'dryRun' | 'written'>> {
  const { sheet, header } = sheetWithHeader(sheets);
  const cols = header.columns;
  const label = (k: keyof typeof cols, fallback: string) => header.labels[k] ?? fallback;
  const matchers = await loadMatchers(db, ctx);
  const seen = new Set(
    (await listAttendanceKeys(db, trainingId)).map((e) =>
      personKey(e.personName, { enterpriseId: e.enterpriseId, unitId: e.unitId, org: e.orgNameAsWritten }),
    ),
  );
  const rows: SigninRow[] = [];
  const problems: SigninProblem[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const n = r + 1;
    const personName = text(cells, cols.personName);
    const orgName = text(cells, cols.orgName);
    const rawCode = text(cells, cols.creditCode);
    // A blank row, or a pre-numbered line nobody signed, or a footer: not an attendee.
    if (!personName && !orgName && !rawCode) continue;
    if (!orgName && !rawCode && FOOTER.test(personName)) continue;
    const rowProblems: SigninProblem[] = [];
    if (!personName)
      rowProblems.push({
        row: n,
        column: label('personName', '姓名'),
        message: `第${n}行「${label('personName', '姓名')}」为空`,
      });
    if (!orgName && !rawCode)
      rowProblems.push({
        row: n,
        column: label('orgName', '单位名称'),
        message: `第${n}行「${label('orgName', '单位名称')}」为空`,
      });
    let creditCode: string | null = null;
    if (rawCode) {
      const code = normalizeCreditCode(rawCode);
      const check = checkCreditCode(code);
      if (check.ok) creditCode = code;
      else {
        const column = label('creditCode', '统一社会信用代码');
        rowProblems.push({
          row: n,
          column,
          message: `第${n}行「${column}」${check.problem ? CREDIT_CODE_MESSAGES[check.problem] : '格式不正确'}`,
        });
      }
    }
    const base = {
      row: n,
      personName,
      orgName,
      creditCode,
      title: text(cells, cols.title) || null,
      phone: text(cells, cols.phone) || null,
      signedAt: text(cells, cols.signedAt) || null,
    };
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      rows.push({
        ...base,
        match: 'invalid',
        matchedBy: null,
        enterpriseId: null,
        enterpriseName: null,
        unitId: null,
        unitName: null,
      });
      continue;
    }
    const matched = matchRow(matchers, orgName, creditCode);
    const key = personKey(personName, {
      enterpriseId: matched.enterpriseId,
      unitId: matched.unitId,
      org: orgName,
    });
    if (seen.has(key)) {
      rows.push({ ...base, ...matched, match: 'duplicate' });
      continue;
    }
    seen.add(key);
    rows.push({ ...base, ...matched });
  }
  const count = (m: SigninRow['match']) => rows.filter((x) => x.match === m).length;
  return {
    sheetName: sheet.name,
    headerRow: header.row + 1,
    rows,
    problems,
    counts: {
      rows: rows.length,
      firms: count('firm'),
      officials: count('official'),
      unmatched: count('unmatched'),
      duplicates: count('duplicate'),
      invalid: count('invalid'),
    },
  };
}

export interface SigninImportInput {
  fileName: string;
  bytes: Uint8Array;
  dryRun: boolean;
  /** Limits of the parsing worker (tests lower them); rows, columns, cells and bytes default to the settings. */
  read?: Pick<ReadOptions, 'timeoutMs' | 'maxMemoryMb' | 'limits'>;
}

export async function importSigninSheet(
  db: Db,
  ctx: RequestContext,
  trainingId: number,
  input: SigninImportInput,
): Promise<SigninImportResult> {
  const found = await findTraining(db, trainingId);
  if (!found) throw notFound('培训');
  if (!mayManage(ctx, found.t)) throw forbidden('只有主办单位或县中小企业发展中心可以导入签到表');
  if (found.t.voidedAt) throw new AppError('CONFLICT', '该培训已作废，不能再导入签到表');
  if (input.bytes.length > TRAINING_FILE_MAX_BYTES)
    throw invalid('file', `文件过大：最大 ${TRAINING_FILE_MAX_BYTES / 1024 / 1024} MB`);
  const grid = await readSpreadsheet(input.fileName, input.bytes, {
    limits: sheetLimitsOf(await getImportLimits(db)),
    ...input.read,
  });
  if (input.dryRun)
    return { dryRun: true, written: 0, ...(await readSheet(db, ctx, trainingId, grid.sheets)) };
  return withTransaction(db, async (tx) => {
    const t = await lockTraining(tx, trainingId);
    if (!t) throw notFound('培训');
    if (t.voidedAt) throw new AppError('CONFLICT', '该培训已作废，不能再导入签到表');
    // Read again inside the transaction: the duplicates are judged against the rows as they stand now.
    const result = await readSheet(tx, ctx, trainingId, grid.sheets);
    if (result.problems.length > 0) {
      const first = result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('；');
      throw new AppError(
        'VALIDATION',
        `签到表有${result.problems.length}处问题，未导入任何记录：${first}${result.problems.length > 3 ? '…' : ''}`,
        result.problems.map((p) => ({ path: `rows.${p.row}.${p.column}`, message: p.message })),
      );
    }
    const toWrite = result.rows.filter((r) => r.match !== 'duplicate');
    const written = await insertAttendance(
      tx,
      toWrite.map((r) => ({
        trainingId,
        enterpriseId: r.enterpriseId,
        unitId: r.unitId,
        userId: null,
        personName: r.personName,
        orgNameAsWritten: r.orgName || r.creditCode,
        phone: r.phone,
        source: 'import',
        createdBy: ctx.actor!.id,
        createdAt: ctx.now,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'training.attendance.import',
      entityType: 'training',
      entityId: trainingId,
      after: {
        fileName: input.fileName,
        sheetName: result.sheetName,
        written: written.length,
        ...result.counts,
        rowIds: written.map((w) => w.id),
      },
    });
    return { dryRun: false, written: written.length, ...result };
  });
}
