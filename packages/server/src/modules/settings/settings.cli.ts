// `shenggui settings get [KEY] [--year YYYY] [--json]` and `shenggui settings set KEY VALUE [--year YYYY]`:
// the 业务设置 page's catalogue from the command line. Money is typed and shown in 万元; the object
// settings (declaration calendar, supervising rule) as JSON.
import {
  BUSINESS_SETTING_KEYS,
  type BusinessSettingChange,
  type BusinessSettingView,
  findBusinessSetting,
  parseSettingInput,
  SETTING_GROUP_LABELS,
  SETTING_GROUPS,
} from '@shenggui/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getBusinessSetting, listBusinessSettings, setBusinessSetting } from './business-settings.service.js';

const SOURCE_LABELS: Record<BusinessSettingView['source'], string> = {
  year: '本年度设置',
  default: '已设置',
  builtin: '默认值',
};

export type SettingsCommandResult =
  | { kind: 'list'; output: { year: number; items: BusinessSettingView[] }; text: string }
  | { kind: 'get'; output: BusinessSettingView & { forYear: number | null }; text: string }
  | { kind: 'set'; output: { changes: BusinessSettingChange[] }; text: string };

function parseYear(year: string | undefined): number | undefined {
  if (year === undefined) return undefined;
  const y = Number(year);
  if (!/^\d{4}$/.test(year) || y < 2000 || y > 2100)
    throw new AppError('VALIDATION', `--year 应为2000-2100的四位年份：${year}`, [
      { path: 'year', message: '年份不正确' },
    ]);
  return y;
}

function unknownKey(key: string): AppError {
  return new AppError(
    'VALIDATION',
    `没有名为 ${key} 的业务设置；可用的设置：${BUSINESS_SETTING_KEYS.join('、')}`,
    [{ path: 'key', message: `未知设置：${key}` }],
  );
}

export async function runSettingsCommand(
  db: Db,
  ctx: RequestContext,
  args: {
    sub: string | undefined;
    key?: string | undefined;
    value?: string | undefined;
    year?: string | undefined;
  },
): Promise<SettingsCommandResult> {
  const year = parseYear(args.year);
  if (args.sub === 'get' && !args.key) {
    const output = await listBusinessSettings(db, ctx, year);
    const lines = [`业务设置（按年度的项为 ${output.year} 年）`];
    for (const g of SETTING_GROUPS) {
      lines.push('', `【${SETTING_GROUP_LABELS[g]}】`);
      for (const s of output.items.filter((i) => i.group === g))
        lines.push(`  ${s.key}\t${s.label}\t${s.display}\t${SOURCE_LABELS[s.source]}`);
    }
    return { kind: 'list', output, text: lines.join('\n') };
  }
  if (args.sub === 'get') {
    if (!findBusinessSetting(args.key!)) throw unknownKey(args.key!);
    const output = await getBusinessSetting(db, ctx, args.key!, year);
    const when = output.forYear === null ? '' : `（${output.forYear}年）`;
    return {
      kind: 'get',
      output,
      text: `${output.key}\t${output.label}${when}\t${output.display}\t${SOURCE_LABELS[output.source]}`,
    };
  }
  if (args.sub === 'set') {
    if (!args.key || args.value === undefined)
      throw new AppError('VALIDATION', '用法：shenggui settings set KEY VALUE [--year YYYY]');
    const def = findBusinessSetting(args.key);
    if (!def) throw unknownKey(args.key);
    if (def.year === 'required' && year === undefined)
      throw new AppError(
        'VALIDATION',
        `「${def.label}」（${def.key}）按年度设置，请用 --year YYYY 指定年度`,
        [{ path: 'year', message: '缺少年度' }],
      );
    if (def.year === 'none' && year !== undefined)
      throw new AppError('VALIDATION', `「${def.label}」（${def.key}）不分年度，请去掉 --year`, [
        { path: 'year', message: '该设置不分年度' },
      ]);
    const parsed = parseSettingInput(def, args.value);
    if (!parsed.ok)
      throw new AppError('VALIDATION', parsed.message, [
        { path: def.key, message: parsed.message.slice(parsed.message.indexOf('：') + 1) },
      ]);
    const output = await setBusinessSetting(db, ctx, def.key, parsed.value, year);
    const text =
      output.changes.length === 0
        ? `${def.key} 未改变`
        : output.changes
            .map(
              (c) =>
                `已修改 ${c.key}「${c.label}」${c.year === null ? '' : `（${c.year}年）`}：${c.before} → ${c.after}`,
            )
            .join('\n');
    return { kind: 'set', output, text };
  }
  throw new AppError(
    'VALIDATION',
    '用法：shenggui settings get [KEY] [--year YYYY] [--json] | settings set KEY VALUE [--year YYYY]',
  );
}
