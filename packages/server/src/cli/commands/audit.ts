// `shenggui audit verify|purge`: the chain against the signed checkpoint; the retention purge.
import { chinaDayStart } from '@shenggui/domain';
import { describeVerify, purgeAudit, verifyAudit } from '../../modules/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import type { Commands } from '../command.js';

export const auditCommands: Commands = {
  'audit verify': async ({ db, checkpointFile, out }) => {
    const r = await verifyAudit(db, checkpointFile);
    out(r, () => describeVerify(r));
    return r.ok ? 0 : 4;
  },

  'audit purge': async ({ db, ctx, values, checkpointFile, out }) => {
    const before = String(values.before ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(before))
      throw new AppError('VALIDATION', '请用 --before YYYY-MM-DD 指定日期');
    const n = await purgeAudit(db, ctx, chinaDayStart(before), checkpointFile);
    out({ deleted: n }, () => `已清理 ${n} 条审计记录`);
    return 0;
  },
};
