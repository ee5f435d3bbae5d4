// `shenggui import <kind> FILE [--source S] [--year YYYY] [--skip-invalid] [--dry-run]` (issue 4 §6): the
// same preview and apply as the web. Without --skip-invalid any rejected row applies nothing (exit 2);
// with it the good rows are applied (exit 0); --dry-run only previews.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { applyImport, previewImport } from './import.service.js';
import type { Problem } from './import-kind.js';

export interface ImportCommandArgs {
  kind: string;
  file: string;
  source?: string | undefined;
  year?: number | undefined;
  skipInvalid: boolean;
  dryRun: boolean;
  onProgress?: ((rows: number) => void) | undefined;
}

export interface ImportCommandOutput {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Problem[];
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
  const preview = await previewImport(db, ctx, {
    kind: args.kind,
    fileName: basename(args.file),
    bytes,
    source: args.source,
    year: args.year,
    onProgress: args.onProgress ? (p) => args.onProgress?.(p.rows) : undefined,
  });
  const { counts, problems } = preview;
  const rejected = problems;
  if (args.dryRun || (problems.length > 0 && !args.skipInvalid)) {
    // Nothing applied: report what would have been.
    const applied = args.dryRun && (problems.length === 0 || args.skipInvalid);
    return {
      exitCode: problems.length > 0 && !args.skipInvalid ? 2 : 0,
      output: {
        imported: applied ? counts.imported : 0,
        updated: applied ? counts.updated : 0,
        unchanged: applied ? counts.unchanged : 0,
        rejected,
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
