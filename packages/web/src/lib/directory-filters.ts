// The directory-event list's URL state (/directory) under the API's own names (GET /directory-events),
// read by the list kit.
import { pageQuery } from '@shenggui/domain';
import { z } from 'zod';
import { defineListQuery, idFilter, yearFilter } from '../components/list-kit/list-query';

export const directoryListQuery = defineListQuery({
  schema: pageQuery.extend({
    year: yearFilter,
    type: z.enum(['entry', 'exit']).optional(),
    townshipId: idFilter,
    supervisingUnitId: idFilter,
  }),
});
