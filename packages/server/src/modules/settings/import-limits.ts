// The import limits setting (`import.limits`): rows, columns, cells and inflated bytes a spreadsheet is read
// within, and uploads per user per minute. Read on every upload: kept a few seconds in memory, like the
// security settings; a change through this process is seen at once.
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, importLimitsSchema } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { SheetLimits } from '../../platform/spreadsheet/limits.js';
import { findSetting, upsertSetting } from './settings.repository.js';

export const IMPORT_LIMITS_KEY = 'import.limits';
const TTL_MS = 5_000;
let cache: { db: Executor; at: number; value: ImportLimits } | null = null;

export async function getImportLimits(db: Executor): Promise<ImportLimits> {
  if (cache && cache.db === db && Date.now() - cache.at < TTL_MS) return cache.value;
  const parsed = importLimitsSchema.safeParse(await findSetting(db, IMPORT_LIMITS_KEY));
  const value = parsed.success ? parsed.data : DEFAULT_IMPORT_LIMITS;
  cache = { db, at: Date.now(), value };
  return value;
}

/** Changes the limits, audited in the caller's transaction. */
export async function putImportLimits(tx: Executor, ctx: RequestContext, value: ImportLimits): Promise<void> {
  const before = await upsertSetting(tx, IMPORT_LIMITS_KEY, value, ctx.now);
  cache = null;
  await recordAudit(tx, ctx, {
    action: 'settings.update',
    entityType: 'setting',
    entityId: IMPORT_LIMITS_KEY,
    before,
    after: value,
  });
}

/** The reader's limits from the setting. */
export function sheetLimitsOf(limits: ImportLimits): SheetLimits {
  return {
    maxRows: limits.maxRows,
    maxColumns: limits.maxColumns,
    maxCells: limits.maxCells,
    maxInflatedBytes: limits.maxInflatedMb * 1024 * 1024,
  };
}
