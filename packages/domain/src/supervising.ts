// Suggests an enterprise's supervising unit (行业主管) from its industry class and location
// (docs/domain.md §2). The rule is data: a county edits it in settings; this is the default.
import { z } from 'zod';
import { normalizeIndustryCode } from './industry.js';
import type { CountyBodyKey } from './org.js';

export const supervisingRuleSchema = z.object({
  /** Firms located in the development zone go to the zone whatever their industry. */
  zoneFirst: z.boolean(),
  /** Industry-code prefixes, longest match wins. */
  byIndustryPrefix: z.array(z.object({ prefix: z.string().regex(/^\d{2,4}$/), unit: z.string() })),
  fallback: z.string(),
});
export type SupervisingRule = z.infer<typeof supervisingRuleSchema>;

export const DEFAULT_SUPERVISING_RULE: SupervisingRule = {
  zoneFirst: true,
  byIndustryPrefix: [
    { prefix: '06', unit: 'energy' },
    { prefix: '08', unit: 'emergency' },
    { prefix: '09', unit: 'emergency' },
    { prefix: '10', unit: 'emergency' },
    { prefix: '11', unit: 'emergency' },
    { prefix: '12', unit: 'emergency' },
    { prefix: '3021', unit: 'housing' },
  ],
  fallback: 'industry',
} satisfies { byIndustryPrefix: { unit: CountyBodyKey }[]; fallback: CountyBodyKey } & SupervisingRule;

/** Which part of the rule chose the body: the zone, an industry prefix (the longest), or the fallback. */
export interface SupervisingMatch {
  key: string;
  by: 'zone' | 'prefix' | 'fallback';
  prefix: string | null;
}

export function matchSupervisingRule(
  industryCode: string,
  inZone: boolean,
  rule: SupervisingRule = DEFAULT_SUPERVISING_RULE,
): SupervisingMatch {
  if (inZone && rule.zoneFirst) return { key: 'zone', by: 'zone', prefix: null };
  const code = normalizeIndustryCode(industryCode);
  let best: { prefix: string; unit: string } | undefined;
  for (const r of rule.byIndustryPrefix) {
    if (code.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
  }
  return best
    ? { key: best.unit, by: 'prefix', prefix: best.prefix }
    : { key: rule.fallback, by: 'fallback', prefix: null };
}

/** Returns the key of the suggested county body (see COUNTY_BODIES). */
export function suggestSupervisingKey(
  industryCode: string,
  inZone: boolean,
  rule: SupervisingRule = DEFAULT_SUPERVISING_RULE,
): string {
  return matchSupervisingRule(industryCode, inZone, rule).key;
}
