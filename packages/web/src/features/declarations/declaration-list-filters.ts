// URL state of 申报管理 › 申报列表 (/declarations/list) under the API's own names (GET /declarations),
// read by the list kit.
import { DECLARATION_STATES, pageQuery } from '@shenggui/domain';
import { z } from 'zod';
import { defineListQuery, idFilter, textFilter, yearFilter } from '../../components/list-kit/list-query';

export const declarationListQuery = defineListQuery({
  schema: pageQuery.extend({
    year: yearFilter,
    state: z.enum(DECLARATION_STATES).optional(),
    batch: textFilter(20).optional(),
    townshipId: idFilter,
  }),
});
