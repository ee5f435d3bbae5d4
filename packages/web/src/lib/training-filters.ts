// The training list (/service/trainings) and the unreached firms (/service/coverage/unreached): their URL
// state under the API's own names (GET /trainings, GET /service/coverage/unreached), read by the list kit;
// and how a coverage share is shown.
import { COVERAGE_LIBRARIES, type CoverageCell, pageQuery, TRAINING_KINDS } from '@shenggui/domain';
import { z } from 'zod';
import {
  dateFilter,
  defineListQuery,
  idFilter,
  textFilter,
  yearFilter,
} from '../components/list-kit/list-query';

export const trainingListQuery = defineListQuery({
  schema: pageQuery.extend({
    from: dateFilter,
    to: dateFilter,
    kind: z.enum(TRAINING_KINDS).optional(),
    organiserUnitId: idFilter,
    q: textFilter(50).optional(),
    year: yearFilter,
    voided: z.enum(['0', '1']).optional(),
  }),
});

/** The library is what the list is about and the year, unit and day say which list: none of them counted. */
export const unreachedListQuery = defineListQuery({
  schema: pageQuery.extend({
    library: z.enum(COVERAGE_LIBRARIES).optional(),
    year: yearFilter,
    asOf: dateFilter,
    unitId: idFilter,
    q: textFilter(50).optional(),
  }),
  uncounted: ['library', 'year', 'asOf', 'unitId'],
});

/** A share 0…1 as a whole percentage; no firms in the library: null. */
export function sharePercent(cell: Pick<CoverageCell, 'share'>): number | null {
  return cell.share === null ? null : Math.round(cell.share * 100);
}

/** The bar's colour: red under a third, orange under two thirds, green above. */
export function shareColor(cell: Pick<CoverageCell, 'share'>): string {
  if (cell.share === null) return '#d9d9d9';
  if (cell.share < 1 / 3) return '#cf1322';
  if (cell.share < 2 / 3) return '#d48806';
  return '#389e0d';
}

/** The unreached list's address for a coverage cell. */
export function unreachedHref(p: {
  year: number;
  asOf: string;
  library: string;
  unitId: number | null;
}): string {
  const q = new URLSearchParams({ year: String(p.year), asOf: p.asOf, library: p.library });
  if (p.unitId) q.set('unitId', String(p.unitId));
  return `/service/coverage/unreached?${q.toString()}`;
}
