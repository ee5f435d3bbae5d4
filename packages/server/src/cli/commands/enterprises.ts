// `shenggui enterprises list`: the registry as the API lists it, revenue in 万元.
import {
  enterpriseListQuerySchema,
  formatWan,
  SCALE_STATUS_LABELS,
  type ScaleStatus,
} from '@shenggui/domain';
import { listAllEnterprises } from '../../modules/enterprise/enterprise.service.js';
import type { Commands } from '../command.js';

export const enterpriseCommands: Commands = {
  'enterprises list': async ({ db, ctx, values, out }) => {
    const query = enterpriseListQuerySchema.parse({ q: values.q, pageSize: 200 });
    const { items, revenueYear } = await listAllEnterprises(db, ctx, query);
    out({ revenueYear, total: items.length, items }, () =>
      [
        `共 ${items.length} 户（营业收入为 ${revenueYear} 年，万元）`,
        ...items.map((e) =>
          [
            e.creditCode,
            e.name,
            e.industryCode,
            e.townshipName,
            SCALE_STATUS_LABELS[e.scaleStatus as ScaleStatus],
            formatWan(e.revenue),
          ].join('\t'),
        ),
      ].join('\n'),
    );
    return 0;
  },
};
