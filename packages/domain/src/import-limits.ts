// The budget an uploaded spreadsheet is read within, and how often one user may upload: settings (stored
// under the key `import.limits`), with defaults that fit a county's largest real sheets (a year of monthly
// figures for every firm) and refuse what no bureau exports.
import { z } from 'zod';

export const importLimitsSchema = z.object({
  /** Rows of one sheet. */
  maxRows: z.number().int().min(10, '行数上限不能低于 10').max(1_048_576, '行数上限不能超过 1048576'),
  /** Columns of one row. */
  maxColumns: z.number().int().min(10, '列数上限不能低于 10').max(16_384, '列数上限不能超过 16384'),
  /** Cells of the whole file. */
  maxCells: z.number().int().min(100, '单元格上限不能低于 100').max(50_000_000, '单元格上限不能超过 5000万'),
  /** What an .xlsx may inflate to, in MB (counted while inflating). */
  maxInflatedMb: z.number().int().min(1, '解压上限不能低于 1 MB').max(2048, '解压上限不能超过 2048 MB'),
  /** Uploads per user per minute (previews; applying is not counted). */
  uploadsPerMinute: z
    .number()
    .int()
    .min(1, '每分钟上传次数不能低于 1')
    .max(600, '每分钟上传次数不能超过 600'),
});
export type ImportLimits = z.infer<typeof importLimitsSchema>;

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 200_000,
  maxColumns: 1_000,
  maxCells: 6_000_000,
  maxInflatedMb: 256,
  uploadsPerMinute: 10,
};
