// The county a deployment serves and its units in the two allocation dimensions (docs/domain.md §2: townships
// are 属地; the development zone and the four departments are 行业主管).
import { SUPERVISING_KINDS, type UnitKind } from '@shenggui/domain';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import { findUnitByCode, listUnitsUnder, type OrgUnitRow } from '../org/org.repository.js';
import { getCountyCode } from '../settings/settings.service.js';

export interface CountyUnits {
  county: OrgUnitRow;
  townships: OrgUnitRow[];
  supervising: OrgUnitRow[];
}

export async function getCountyUnits(db: Executor): Promise<CountyUnits> {
  const code = await getCountyCode(db);
  const county = code ? await findUnitByCode(db, `${code}000000`) : null;
  if (!county) throw new AppError('NOT_FOUND', '尚未初始化县级组织机构');
  return countyUnitsOf(county, await listUnitsUnder(db, county.path));
}

/** The county's townships and supervising units among units under it (in the order given). */
export function countyUnitsOf(county: OrgUnitRow, units: OrgUnitRow[]): CountyUnits {
  return {
    county,
    townships: units.filter((u) => u.kind === 'township' && u.parentId === county.id),
    supervising: units.filter(
      (u) => SUPERVISING_KINDS.includes(u.kind as UnitKind) && u.parentId === county.id,
    ),
  };
}
