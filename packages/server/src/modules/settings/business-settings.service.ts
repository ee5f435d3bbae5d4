// 业务设置: every business setting of the catalogue (domain business-settings.ts) read and written in one
// place, whatever key and shape it is stored under. A write checks the value, writes it and its audit
// record (before and after) in one transaction; the libraries of the year in progress are then recomputed
// when a rule they read changed.
import {
  BUSINESS_SETTINGS,
  type BusinessSettingChange,
  type BusinessSettingDef,
  type BusinessSettingsList,
  type BusinessSettingsSaved,
  type BusinessSettingsUpdate,
  type BusinessSettingView,
  checkSettingValue,
  currentPlanYear,
  DEFAULT_COUNTING_RULE,
  DEFAULT_HELP_PLAN_WORKDAYS,
  DEFAULT_LIBRARY_THRESHOLDS,
  DEFAULT_REQUEST_CATEGORIES,
  DEFAULT_REVENUE_PRIORITY,
  DEFAULT_SCALE_THRESHOLD_YUAN,
  DEFAULT_SUPERVISING_RULE,
  defaultDeclarationCalendar,
  findBusinessSetting,
  formatSettingValue,
  settingError,
} from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { LIBRARY_THRESHOLDS_SETTING, librariesAfterCommit } from '../library/library.service.js';
import { findLastNoticeSeq, lockNoticeYear } from '../notice/notice.repository.js';
import {
  defaultNoticeSettings,
  NOTICE_NEXT_NUMBER_KEY,
  NOTICE_SETTING_KEY,
} from '../notice/notice.settings.js';
import { findUnitByCode } from '../org/org.repository.js';
import { countingRuleKey } from '../progress/counting-rule.service.js';
import { findSetting, upsertSetting } from './settings.repository.js';
import { DECLARATION_CALENDAR_KEY, getCountyCode } from './settings.service.js';

type Source = BusinessSettingView['source'];
interface Resolved {
  value: unknown;
  source: Source;
}

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Where a key lives: the stored settings row, and the path inside it (null: the whole value). */
function storageOf(def: BusinessSettingDef, year: number | null): { row: string; path: string[] } {
  const field = def.key.slice(def.key.indexOf('.') + 1);
  switch (def.key.split('.')[0]) {
    case 'library':
      return { row: LIBRARY_THRESHOLDS_SETTING, path: [year === null ? 'default' : String(year), field] };
    case 'counting':
      return { row: countingRuleKey(year!), path: [field] };
    case 'declaration':
      return { row: DECLARATION_CALENDAR_KEY, path: [String(year)] };
    case 'notice':
      return field === 'nextNumber'
        ? { row: NOTICE_NEXT_NUMBER_KEY, path: [String(year)] }
        : { row: NOTICE_SETTING_KEY, path: [field] };
    case 'service':
      return def.year === 'required' ? { row: def.key, path: [String(year)] } : { row: def.key, path: [] };
    default:
      return { row: def.key, path: [] };
  }
}

function at(value: unknown, path: string[]): unknown {
  let v = value;
  for (const p of path) v = asObject(v)[p];
  return v ?? null;
}

function withValue(value: unknown, path: string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string, ...string[]];
  const obj = asObject(value);
  return { ...obj, [head]: withValue(obj[head], rest, next) };
}

/** The year a per-year key is about: the one given, else the plan year in progress; null for county-wide. */
function yearFor(def: BusinessSettingDef, year: number | undefined, now: Date): number | null {
  if (def.year === 'none') return null;
  if (def.year === 'required') return year ?? currentPlanYear(now);
  return year ?? null;
}

async function builtin(db: Executor, def: BusinessSettingDef, year: number | null): Promise<unknown> {
  const field = def.key.slice(def.key.indexOf('.') + 1);
  switch (def.key) {
    case 'scale.threshold':
      return DEFAULT_SCALE_THRESHOLD_YUAN;
    case 'revenue.priority':
      return DEFAULT_REVENUE_PRIORITY;
    case 'supervising.rule':
      return DEFAULT_SUPERVISING_RULE;
    case 'declaration.calendar':
      return defaultDeclarationCalendar(year!);
    case 'notice.nextNumber':
      return 1;
    case 'counting.basis':
      return DEFAULT_COUNTING_RULE.basis;
    case 'counting.cutoff':
      return DEFAULT_COUNTING_RULE.cutoff;
    case 'service.requestCategories':
      return DEFAULT_REQUEST_CATEGORIES;
    case 'service.helpPlanDays':
      return DEFAULT_HELP_PLAN_WORKDAYS;
    case 'service.workdays':
      return { holidays: [], workdays: [] };
  }
  if (def.key.startsWith('library.'))
    return (DEFAULT_LIBRARY_THRESHOLDS as unknown as Record<string, unknown>)[field] ?? null;
  if (def.key.startsWith('notice.')) {
    const code = await getCountyCode(db);
    const county = code ? await findUnitByCode(db, `${code}000000`) : null;
    return defaultNoticeSettings(county?.name ?? '本县')[
      field as keyof ReturnType<typeof defaultNoticeSettings>
    ];
  }
  return null;
}

async function resolve(db: Executor, def: BusinessSettingDef, year: number | null): Promise<Resolved> {
  const { row, path } = storageOf(def, year);
  const stored = await findSetting(db, row);
  const own = at(stored, path);
  if (own !== null && checkSettingValue(def, own).ok)
    return { value: own, source: year !== null && def.year !== 'none' ? 'year' : 'default' };
  if (def.year === 'optional' && year !== null) {
    const fallback = at(stored, ['default', path[1]!]);
    if (fallback !== null && checkSettingValue(def, fallback).ok)
      return { value: fallback, source: 'default' };
  }
  return { value: await builtin(db, def, year), source: 'builtin' };
}

/** The value that will be used: for the next document number, never below what issuing would give. */
async function effective(db: Executor, def: BusinessSettingDef, year: number | null): Promise<Resolved> {
  const r = await resolve(db, def, year);
  if (def.key === 'notice.nextNumber' && year !== null) {
    const last = await lastIssued(db, year);
    if (last + 1 > (r.value as number)) return { value: last + 1, source: r.source };
  }
  return r;
}

async function lastIssued(db: Executor, year: number): Promise<number> {
  const prefix = (await resolve(db, findBusinessSetting('notice.docNumberPrefix')!, null)).value as string;
  return findLastNoticeSeq(db, year, prefix);
}

function view(def: BusinessSettingDef, r: Resolved): BusinessSettingView {
  return {
    key: def.key,
    group: def.group,
    label: def.label,
    help: def.help,
    kind: def.kind,
    year: def.year,
    ...(def.options ? { options: def.options.map((o) => ({ ...o })) } : {}),
    value: r.value,
    source: r.source,
    display: formatSettingValue(def, r.value),
  };
}

function defOf(key: string): BusinessSettingDef {
  const def = findBusinessSetting(key);
  if (!def)
    throw new AppError('VALIDATION', `没有名为 ${key} 的业务设置`, [
      { path: 'key', message: `未知设置：${key}` },
    ]);
  return def;
}

/** Every business setting in force for a year (the plan year in progress when none is given). */
export async function listBusinessSettings(
  db: Executor,
  ctx: RequestContext,
  year?: number,
): Promise<BusinessSettingsList> {
  const y = year ?? currentPlanYear(ctx.now);
  const items: BusinessSettingView[] = [];
  for (const def of BUSINESS_SETTINGS)
    items.push(view(def, await effective(db, def, def.year === 'none' ? null : y)));
  return { year: y, items };
}

/** One setting: for a per-year key the year's value (optional keys without a year: the county default). */
export async function getBusinessSetting(
  db: Executor,
  ctx: RequestContext,
  key: string,
  year?: number,
): Promise<BusinessSettingView & { forYear: number | null }> {
  const def = defOf(key);
  const y = yearFor(def, year, ctx.now);
  return { ...view(def, await effective(db, def, y)), forYear: y };
}

/** Refuses a next number at or below one already issued: a document number is never used twice. */
async function assertNextNumber(tx: Executor, def: BusinessSettingDef, year: number, next: number) {
  await lockNoticeYear(tx, year);
  const last = await lastIssued(tx, year);
  if (next <= last)
    throw new AppError(
      'CONFLICT',
      settingError(def, `${year}年已印发至第${last}号，文号不能重复使用，下一个序号须大于${last}`),
      [{ path: def.key, message: `${year}年已印发至第${last}号，文号不能重复使用，须大于${last}` }],
    );
}

/** Writes the given settings (stored values: yuan for money) in one transaction; returns what changed. */
export async function updateBusinessSettings(
  db: Db,
  ctx: RequestContext,
  input: BusinessSettingsUpdate,
): Promise<BusinessSettingsSaved> {
  const entries = Object.entries(input.values).map(([key, value]) => ({ def: defOf(key), value }));
  const problems = entries.flatMap(({ def, value }) => {
    const r = checkSettingValue(def, value);
    return r.ok ? [] : [{ path: def.key, message: r.message }];
  });
  if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!.message, problems);

  const changes = await withTransaction(db, async (tx, afterCommit) => {
    const out: BusinessSettingChange[] = [];
    for (const { def, value } of entries) {
      const year = yearFor(def, input.year, ctx.now);
      const parsed = checkSettingValue(def, value);
      if (!parsed.ok) continue;
      const next = parsed.value;
      if (def.key === 'notice.nextNumber') await assertNextNumber(tx, def, year!, next as number);
      const { row, path } = storageOf(def, year);
      const stored = await findSetting(tx, row);
      const own = at(stored, path);
      if (JSON.stringify(own) === JSON.stringify(next)) continue;
      const before = await resolve(tx, def, year);
      let written = withValue(stored, path, next);
      if (def.key.startsWith('counting.')) {
        // A year's counting rule is stored whole: fill the other half with the value in force.
        const other = def.key === 'counting.basis' ? 'cutoff' : 'basis';
        const o = await resolve(tx, findBusinessSetting(`counting.${other}`)!, year);
        written = { ...asObject(written), [other]: o.value };
      }
      await upsertSetting(tx, row, written, ctx.now);
      await recordAudit(tx, ctx, {
        action: 'settings.update',
        entityType: 'setting',
        entityId: year === null ? def.key : `${def.key}@${year}`,
        before: { key: def.key, year, value: before.value, source: before.source },
        after: { key: def.key, year, value: next },
      });
      out.push({
        key: def.key,
        label: def.label,
        year,
        before: formatSettingValue(def, before.value),
        after: formatSettingValue(def, next),
      });
    }
    // Library rules read these: the year in progress is recomputed once committed (past years stay as they were).
    const plan = currentPlanYear(ctx.now);
    const touchesLibraries = out.some(
      (c) =>
        c.key === 'scale.threshold' ||
        c.key === 'revenue.priority' ||
        ((c.key.startsWith('library.') || c.key === 'declaration.calendar') &&
          (c.year === null || c.year === plan)),
    );
    if (touchesLibraries) librariesAfterCommit(afterCommit, ctx, null);
    return out;
  });
  return { changes };
}

/** One setting from the command line (value already parsed to its stored form). */
export function setBusinessSetting(db: Db, ctx: RequestContext, key: string, value: unknown, year?: number) {
  defOf(key);
  return updateBusinessSettings(db, ctx, {
    ...(year === undefined ? {} : { year }),
    values: { [key]: value },
  });
}
