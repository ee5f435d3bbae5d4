// `shenggui import <kind> FILE`: the same preview and apply as the web import, on a file on disk.
import { statSync } from 'node:fs';
import { runImportCommand } from '../../modules/import/import.cli.js';
import { MAX_IMPORT_BYTES } from '../../modules/import/import.service.js';
import { AppError } from '../../platform/errors.js';
import type { Commands } from '../command.js';

export const importCommands: Commands = {
  import: async ({ db, ctx, sub, arg, values, out }) => {
    if (!sub || !arg) {
      throw new AppError(
        'VALIDATION',
        '用法：shenggui import <enterprises|revenue|directory|targets> FILE [--source tax|statistics|self|electricity] [--year YYYY] [--unit yuan|wan] [--skip-invalid] [--dry-run] [--json]',
      );
    }
    const listRows = values['dry-run'] === true && values.json === true;
    let firstRow = true;
    const { exitCode, output } = await runImportCommand(db, ctx, {
      kind: sub,
      file: arg,
      source: typeof values.source === 'string' ? values.source : undefined,
      year: typeof values.year === 'string' ? Number(values.year) : undefined,
      unit: typeof values.unit === 'string' ? values.unit : undefined,
      skipInvalid: values['skip-invalid'] === true,
      dryRun: values['dry-run'] === true,
      // A dry run with --json lists every line it would write, streamed: {"…summary…","rows":[…]}.
      onRows: listRows
        ? (rows) => {
            for (const r of rows) {
              process.stdout.write(`${firstRow ? '{"rows":[\n' : ',\n'}${JSON.stringify(r)}`);
              firstRow = false;
            }
          }
        : undefined,
      onProgress: values.json ? undefined : (n) => console.error(`已读取 ${n} 行`),
    });
    if (listRows) {
      process.stdout.write(`${firstRow ? '{"rows":[' : ''}\n],${JSON.stringify(output, null, 2).slice(1)}\n`);
      return exitCode;
    }
    out(
      output,
      () =>
        (output.unit ? `单位：${output.unit}${output.unitSource === 'chosen' ? '（所选）' : ''}\n` : '') +
        `导入 ${output.imported}，更新 ${output.updated}，未变 ${output.unchanged}，拒绝 ${output.rejected.length}` +
        output.rejected.map((r) => `\n  第${r.row}行 ${r.column}：${r.message}`).join(''),
    );
    return exitCode;
  },
};

/** Refuses an import file larger than the limit from its size on disk, before a byte of it is read. */
export function assertImportFileSize(file: string, limit = MAX_IMPORT_BYTES): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('VALIDATION', `无法读取文件：${file}`, [
      { path: 'file', message: '文件不存在或无法读取' },
    ]);
  }
  if (size > limit)
    throw new AppError(
      'VALIDATION',
      `文件过大：${file}（${(size / 1048576).toFixed(1)} MB，上限 ${limit / 1048576} MB）`,
      [{ path: 'file', message: `文件超过 ${limit / 1048576} MB 上限` }],
    );
}
