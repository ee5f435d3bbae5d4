// Turns a data scope into SQL. Repositories of scoped data call these; no query retypes a scope filter.
import type { DataScope } from '@shenggui/domain';
import { type SQL, sql } from 'drizzle-orm';
import { enterprises, orgUnits } from './schema.js';

/** Condition on the `enterprises` table for the caller's scope. */
export function enterpriseInScope(scope: DataScope): SQL {
  switch (scope.kind) {
    case 'township':
      return sql`${enterprises.townshipId} = ${scope.unitId}`;
    case 'supervising':
      return sql`${enterprises.supervisingUnitId} = ${scope.unitId}`;
    case 'subtree':
      if (scope.path === '') return sql`true`;
      return sql`${enterprises.countyId} in (select ${orgUnits.id} from ${orgUnits} where ${orgUnits.path} like ${`${scope.path}%`})`;
    case 'none':
      return sql`false`;
  }
}
