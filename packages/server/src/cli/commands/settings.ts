// `shenggui settings get|set`: the business settings (modules/settings/settings.cli.ts).
import { runSettingsCommand } from '../../modules/settings/settings.cli.js';
import type { Commands } from '../command.js';

export const settingsCommands: Commands = {
  settings: async ({ db, ctx, sub, arg, rest, values, out }) => {
    const r = await runSettingsCommand(db, ctx, {
      sub,
      key: arg,
      value: rest[0],
      year: typeof values.year === 'string' ? values.year : undefined,
    });
    out(r.output, () => r.text);
    return 0;
  },
};
