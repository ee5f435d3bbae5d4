// The list queries of 稳规帮扶 (/service/help-plans) and 督导 (/service/supervisions): URL state under the API's
// own names (GET /help-plans, GET /supervisions), read by the list kit.
import { HELP_PLAN_STATES, pageQuery, RETENTION_RESULTS, SUPERVISION_STATES } from '@shenggui/domain';
import { z } from 'zod';
import {
  dateFilter,
  defineListQuery,
  idFilter,
  textFilter,
  yearFilter,
} from '../components/list-kit/list-query';

const flagFilter = z.enum(['true', 'false']).optional();

/** /service/help-plans: the year is what is shown (not counted as a filter). */
export const helpPlanListQuery = defineListQuery({
  schema: pageQuery.extend({
    year: yearFilter,
    state: z.enum(HELP_PLAN_STATES).optional(),
    result: z.enum(RETENTION_RESULTS).optional(),
    unitId: idFilter,
    reviewOverdue: flagFilter,
    q: textFilter(100).optional(),
  }),
  uncounted: ['year'],
});

/** /service/supervisions */
export const supervisionListQuery = defineListQuery({
  schema: pageQuery.extend({
    unitId: idFilter,
    from: dateFilter,
    to: dateFilter,
    state: z.enum(SUPERVISION_STATES).optional(),
    overdueItems: flagFilter,
  }),
});
