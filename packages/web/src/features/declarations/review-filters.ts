// URL state of 复核清单 (/review) under the API's own names (GET /review), read by the list kit.
import { pageQuery, REVIEW_KINDS } from '@shenggui/domain';
import { z } from 'zod';
import { defineListQuery, textFilter, yearFilter } from '../../components/list-kit/list-query';

export const reviewListQuery = defineListQuery({
  schema: pageQuery.extend({
    kind: z.enum(REVIEW_KINDS).optional(),
    year: yearFilter,
    q: textFilter(50).optional(),
  }),
});
