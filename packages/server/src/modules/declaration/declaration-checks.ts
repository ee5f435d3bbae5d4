// What a declaration is checked against (docs/domain.md §7): its materials checklist, the checks from the
// figures, the inspection records, the one entry eligibility rule, and the states in which materials and
// inspection records may still change.
import {
  checkEntryEligibility,
  checkMaterials,
  checkPeriodRange,
  DECLARATION_STATE_LABELS,
  type DeclarationCheck,
  type DeclarationMode,
  type DeclarationState,
  type InspectionConclusion,
  type InspectionKind,
  isNewFirm,
  type MaterialItem,
  materialChecklist,
  runDeclarationChecks,
} from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import { getRevenuePriority, getScaleThreshold } from '../settings/settings.service.js';
import {
  type DeclarationListRow,
  listFiles,
  listInspections,
  listMonthFigures,
} from './declaration.repository.js';
import { getDeclarationCalendar } from './declaration-calendar.js';

export function checklistOf(r: DeclarationListRow): MaterialItem[] {
  return materialChecklist(isNewFirm(r.productionStartedOn, r.d.year) || r.d.mode === 'monthly');
}

/** Every check of a declaration: the materials, then the checks from the figures. */
export async function computeChecks(db: Executor, r: DeclarationListRow): Promise<DeclarationCheck[]> {
  const files = await listFiles(db, r.d.id);
  const uploaded = new Set(files.filter((f) => f.item !== null).map((f) => f.item as string));
  return [checkMaterials(checklistOf(r), uploaded), ...(await computeFigureChecks(db, r))];
}

export async function computeFigureChecks(db: Executor, r: DeclarationListRow): Promise<DeclarationCheck[]> {
  const calendar = await getDeclarationCalendar(db, r.d.year);
  const range = checkPeriodRange(r.d.dataMonth);
  const rows = await listMonthFigures(db, r.d.enterpriseId, range.from, range.to);
  return runDeclarationChecks({
    mode: r.d.mode as DeclarationMode,
    dataMonth: r.d.dataMonth,
    productionStartedOn: r.productionStartedOn,
    months: rows.map((m) => ({
      period: m.period,
      tax: m.tax === null ? null : Number(m.tax),
      statistics: m.statistics === null ? null : Number(m.statistics),
      taxMonths: Number(m.taxMonths) === 3 ? 3 : 1,
      statisticsMonths: Number(m.statisticsMonths) === 3 ? 3 : 1,
    })),
    thresholdYuan: await getScaleThreshold(db),
    tolerance: calendar.agreementTolerance,
    priority: await getRevenuePriority(db),
  });
}

export async function inspectionRecords(db: Executor, id: number) {
  const rows = await listInspections(db, id);
  return rows.map((r) => ({
    kind: r.i.kind as InspectionKind,
    conclusion: r.i.conclusion as InspectionConclusion,
    recordedAt: r.i.recordedAt.toISOString(),
  }));
}

export const EDITABLE: readonly DeclarationState[] = [
  'preparing',
  'returned',
  'township_review',
  'centre_review',
];

export function assertEditable(state: string): void {
  if (!EDITABLE.includes(state as DeclarationState))
    throw new AppError(
      'CONFLICT',
      `申报已处于“${DECLARATION_STATE_LABELS[state as DeclarationState] ?? state}”状态，不能再补充材料或检查记录`,
    );
}

/** The one entry rule (domain checkEntryEligibility): at creation and at every forward step. 409 when refused. */
export function assertEligible(
  firm: { scaleStatus: string; legalForm: string; productionStartedOn: string | null },
  mode: DeclarationMode,
  year: number,
): void {
  const problems = checkEntryEligibility(firm, { mode, declaredYear: year });
  if (problems.length > 0)
    throw new AppError(
      'CONFLICT',
      problems.map((p) => p.message).join('；'),
      problems.map(({ path, message }) => ({ path, message })),
    );
}
