// The counting rule is data, per year (docs/domain.md §5: the assessing authority decides which date counts and
// the cut-off): settings key `counting.rule.YYYY`, default DEFAULT_COUNTING_RULE (approval date, 12-31).
import { type CountingRule, countingRuleSchema, DEFAULT_COUNTING_RULE } from '@shenggui/domain';
import type { Db, Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { findSetting, upsertSetting } from '../settings/settings.repository.js';

/** The settings key of a year's rule. */
export const countingRuleKey = (year: number) => `counting.rule.${year}`;
const keyOf = countingRuleKey;

export async function getCountingRule(db: Executor, year: number): Promise<CountingRule> {
  return countingRuleOf(await findSetting(db, keyOf(year)));
}

/** A stored setting's value as a rule: the default when there is none or it does not parse. */
export function countingRuleOf(value: unknown): CountingRule {
  const parsed = countingRuleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_COUNTING_RULE;
}

/** Sets a year's rule; audited with before and after. */
export async function putCountingRule(
  tx: Executor,
  ctx: RequestContext,
  year: number,
  rule: CountingRule,
): Promise<CountingRule> {
  const value = countingRuleSchema.parse(rule);
  const before = await upsertSetting(tx, keyOf(year), value, ctx.now);
  await recordAudit(tx, ctx, {
    action: 'settings.update',
    entityType: 'setting',
    entityId: keyOf(year),
    before,
    after: value,
  });
  return value;
}

/** The API's PUT: one transaction around the write and its audit record. */
export function setCountingRule(db: Db, ctx: RequestContext, year: number, rule: CountingRule) {
  return db.transaction((tx) => putCountingRule(tx, ctx, year, rule));
}
