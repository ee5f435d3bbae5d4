// `shenggui import <kind> FILE [--source S] [--year YYYY] [--unit yuan|wan] [--skip-invalid] [--dry-run]`: the
// same preview and apply as the web. Without --skip-invalid any rejected row applies nothing (exit 2);
// with it the good rows are applied (exit 0); --dry-run only previews (with --json: every line the import
// would write). A money sheet that states no unit applies nothing without --unit (exit 2).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PreviewLine } from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { applyImport, eachPreviewRowsPage, previewImport } from './import.service.js';
import type { Problem } from './import-kind.js';
import { moneyUnitOf } from './sheet-layout.js';

export interface ImportCommandArgs {
  kind: string;
  file: string;
  source?: string | undefined;
  year?: number | undefined;
  /** yuan / wan / 元 / 万元, for a money sheet that states no unit. */
  unit?: string | undefined;
  skipInvalid: boolean;
  dryRun: boolean;
  /**
   * Called with every preview line, a page at a time (dry run with --json): the caller writes them out as they
   * come, so a 100,000-row sheet is never one list in this process.
   */
  onRows?: ((rows: PreviewLine[]) => void) | undefined;
  onProgress?: ((rows: number) => void) | undefined;
}

export interface ImportCommandOutput {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Problem[];
  /** The unit the figures were read in (null: a money sheet that states none and none chosen). */
  unit?: string | null;
  unitSource?: string | null;
  needsUnit?: boolean;
}

export async function runImportCommand(
  db: Db,
  ctx: RequestContext,
  args: ImportCommandArgs,
): Promise<{ exitCode: number; output: ImportCommandOutput }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch {
    throw new AppError('VALIDATION', `无法读取文件：${args.file}`, [
      { path: 'file', message: '文件不存在或无法读取' },
    ]);
  }
  const unit = args.unit === undefined ? null : moneyUnitOf(args.unit);
  if (args.unit !== undefined && !unit) {
    throw new AppError('VALIDATION', `金额单位不正确：${args.unit}（应为 yuan、wan、元 或 万元）`, [
      { path: 'unit', message: '应为 yuan（元）或 wan（万元）' },
    ]);
  }
  const preview = await previewImport(db, ctx, {
    kind: args.kind,
    fileName: basename(args.file),
    bytes,
    source: args.source,
    year: args.year,
    unit,
    onProgress: args.onProgress ? (p) => args.onProgress?.(p.rows) : undefined,
  });
  const { counts } = preview;
  const unitInfo = {
    unit: preview.how.unit,
    unitSource: preview.how.unitSource,
    needsUnit: preview.needsUnit,
  };
  const problems = preview.needsUnit
    ? [
        ...preview.problems,
        {
          row: 0,
          column: 'unit',
          message: '表中未注明金额单位：请用 --unit yuan（元）或 --unit wan（万元）指定',
        },
      ]
    : preview.problems;
  const rejected = problems;
  if (args.onRows) await eachPreviewRowsPage(db, ctx, preview.token, args.onRows);
  if (args.dryRun || preview.needsUnit || (problems.length > 0 && !args.skipInvalid)) {
    // Nothing applied: report what would have been.
    const applied = args.dryRun && !preview.needsUnit && (problems.length === 0 || args.skipInvalid);
    return {
      exitCode: preview.needsUnit || (problems.length > 0 && !args.skipInvalid) ? 2 : 0,
      output: {
        imported: applied ? counts.imported : 0,
        updated: applied ? counts.updated : 0,
        unchanged: applied ? counts.unchanged : 0,
        rejected,
        ...unitInfo,
      },
    };
  }
  try {
    const result = await applyImport(db, ctx, { token: preview.token, skipInvalid: args.skipInvalid });
    return {
      exitCode: 0,
      output: {
        imported: result.counts.imported,
        updated: result.counts.updated,
        unchanged: result.counts.unchanged,
        rejected: result.rejected,
        ...unitInfo,
      },
    };
  } catch (e) {
    // The database changed between preview and apply and a row went bad: same contract, nothing applied.
    if (e instanceof AppError && e.code === 'VALIDATION' && e.details) {
      return {
        exitCode: 2,
        output: {
          imported: 0,
          updated: 0,
          unchanged: 0,
          rejected: e.details.map((d) => ({ row: 0, column: d.path, message: d.message })),
        },
      };
    }
    throw e;
  }
}
