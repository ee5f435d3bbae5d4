// URL state of 导入记录 (/data/imports/history) under the API's own names (GET /imports), read by the
// list kit.
import { pageQuery, REVENUE_SOURCES } from '@shenggui/domain';
import { z } from 'zod';
import { dateFilter, defineListQuery } from '../../components/list-kit/list-query';
import { IMPORT_KINDS } from './import-options';

export const importHistoryQuery = defineListQuery({
  schema: pageQuery
    .extend({
      kind: z.enum(IMPORT_KINDS).optional(),
      source: z.enum(REVENUE_SOURCES).optional(),
      /** YYYY-MM-DD, China time, inclusive. */
      from: dateFilter,
      to: dateFilter,
    })
    .refine((v) => !v.from || !v.to || v.to >= v.from, { path: ['to'] }),
});
