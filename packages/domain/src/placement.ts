// Where a firm belongs (docs/domain.md §2): its township (属地), its supervising unit (行业主管) — the one the
// caller chose, or the county's rule's suggestion — and whether the caller's data scope may hold it. One pure
// rule for the registry form (through the server's suggestion), the enterprise create/edit and the import.
import type { DataScope } from './access.js';
import { normalizeIndustryCode } from './industry.js';
import { COUNTY_BODIES, SUPERVISING_KINDS, type UnitKind } from './org.js';
import { DEFAULT_SUPERVISING_RULE, matchSupervisingRule, type SupervisingRule } from './supervising.js';

/** The part of an organisation unit the placement reads. */
export interface PlacementUnit {
  id: number;
  name: string;
  kind: string;
  code: string;
  parentId: number | null;
}

export interface PlaceFirmInput<U extends PlacementUnit> {
  townshipId: number;
  /** The supervising unit chosen; null or omitted: the rule's suggestion. */
  supervisingUnitId?: number | null | undefined;
  inZone: boolean;
  industryCode: string;
  rule?: SupervisingRule | undefined;
  /** The units of the caller's county (or city): townships, the county itself and its bodies. */
  units: readonly U[];
  /** The caller's data scope: a township places firms only in itself, a department only under itself. */
  scope: Pick<DataScope, 'kind'> & { unitId?: number };
  /** The verb of the messages: a firm is registered (登记) in the form and imported (导入) from a sheet. */
  verb?: '登记' | '导入';
}

export interface PlacementProblem {
  path: 'townshipId' | 'supervisingUnitId';
  message: string;
}

export interface FirmPlacement<U extends PlacementUnit> {
  township: U | null;
  supervising: U | null;
  countyId: number | null;
  /** The supervising unit came from the rule, not from the caller. */
  suggested: boolean;
  /** Why this supervising unit, in words for the user (null when there is none). */
  reason: string | null;
  /** Empty when the firm may be placed so. */
  problems: PlacementProblem[];
}

export const PLACEMENT_MESSAGES = {
  townshipOutside: '所属乡镇不在本县范围内',
  townshipScope: (verb: string) => `只能${verb}本乡镇的企业`,
  noSuggestion: '无法按行业建议行业主管单位，请手动选择',
  supervisingKind: '行业主管单位应为本县的开发区或行业主管部门',
  supervisingScope: (verb: string) => `只能${verb}本部门主管的企业`,
} as const;

function suggestionReason(industryCode: string, inZone: boolean, rule: SupervisingRule, unitName: string) {
  const m = matchSupervisingRule(industryCode, inZone, rule);
  const code = normalizeIndustryCode(industryCode);
  if (m.by === 'zone') return `企业位于开发区，由${unitName}主管`;
  if (m.by === 'prefix') return `行业代码${code}以${m.prefix}开头，按规则由${unitName}主管`;
  return `行业代码${code}按默认规则由${unitName}主管`;
}

/**
 * Places a firm: the township must be one of the units' townships; without a chosen supervising unit the
 * county's rule suggests one (the body of the township's county the rule names); the supervising unit must
 * be the zone or a department of the same county; the caller's scope must hold the result.
 */
export function placeFirm<U extends PlacementUnit>(input: PlaceFirmInput<U>): FirmPlacement<U> {
  const verb = input.verb ?? '登记';
  const rule = input.rule ?? DEFAULT_SUPERVISING_RULE;
  const problems: PlacementProblem[] = [];
  const out = (township: U | null, supervising: U | null, suggested: boolean, reason: string | null) => ({
    township,
    supervising,
    countyId: township?.parentId ?? null,
    suggested,
    reason,
    problems,
  });
  const township = input.units.find((u) => u.id === input.townshipId && u.kind === 'township') ?? null;
  if (!township) {
    problems.push({ path: 'townshipId', message: PLACEMENT_MESSAGES.townshipOutside });
    return out(null, null, false, null);
  }
  if (input.scope.kind === 'township' && input.scope.unitId !== township.id)
    problems.push({ path: 'townshipId', message: PLACEMENT_MESSAGES.townshipScope(verb) });

  let supervising: U | null;
  let reason: string | null;
  const suggested = !input.supervisingUnitId;
  if (input.supervisingUnitId) {
    supervising = input.units.find((u) => u.id === input.supervisingUnitId) ?? null;
    reason = supervising ? `已选择${supervising.name}` : null;
  } else {
    const key = matchSupervisingRule(input.industryCode, input.inZone, rule).key;
    const body = COUNTY_BODIES.find((b) => b.key === key);
    const county = input.units.find((u) => u.id === township.parentId);
    supervising =
      (body && county && input.units.find((u) => u.code === `${county.code.slice(0, 6)}${body.suffix}`)) ||
      null;
    reason = supervising ? suggestionReason(input.industryCode, input.inZone, rule, supervising.name) : null;
    if (!supervising) {
      problems.push({ path: 'supervisingUnitId', message: PLACEMENT_MESSAGES.noSuggestion });
      return out(township, null, true, null);
    }
  }
  if (
    !supervising ||
    !SUPERVISING_KINDS.includes(supervising.kind as UnitKind) ||
    supervising.parentId !== township.parentId
  ) {
    problems.push({ path: 'supervisingUnitId', message: PLACEMENT_MESSAGES.supervisingKind });
    return out(township, null, suggested, null);
  }
  if (input.scope.kind === 'supervising' && input.scope.unitId !== supervising.id)
    problems.push({ path: 'supervisingUnitId', message: PLACEMENT_MESSAGES.supervisingScope(verb) });
  return out(township, supervising, suggested, reason);
}
