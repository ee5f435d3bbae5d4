// The request list's URL state (/service/requests) under the API's own names (GET /requests), read by the
// list kit. `state` is one state or several comma-separated (the to-do links use state=pending and the
// centre's submitted,returned).
import { LIGHTS, pageQuery, REQUEST_SORTS, REQUEST_STATES } from '@shenggui/domain';
import { z } from 'zod';
import { defineListQuery, idFilter, textFilter, yearFilter } from '../../components/list-kit/list-query';

/** 未办结: every state in which somebody still owes the firm something. */
export const OPEN_STATES_FILTER = 'submitted,pending,inProgress,returned';
/** 待分派 with the returned ones: the centre's routing queue (its to-do links here). */
export const ROUTING_STATES_FILTER = 'submitted,returned';

const statesFilter = z
  .string()
  .refine((s) => s.split(',').every((p) => (REQUEST_STATES as readonly string[]).includes(p)))
  .optional();

export const requestListQuery = defineListQuery({
  schema: pageQuery.extend({
    state: statesFilter,
    light: z.enum(LIGHTS).optional(),
    category: z.string().max(20).optional(),
    ownerUnitId: idFilter,
    raisedUnitId: idFilter,
    raisedById: idFilter,
    enterpriseId: idFilter,
    q: z.string().max(60).optional(),
    year: yearFilter,
    overdueOnly: z.enum(['true']).optional(),
    sort: z.enum(REQUEST_SORTS).default('raised'),
    order: z.enum(['asc', 'desc']).default('desc'),
  }),
  fields: { q: textFilter(60) },
});
