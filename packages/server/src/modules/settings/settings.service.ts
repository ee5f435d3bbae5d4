// Settings are data, not constants (docs/domain.md: thresholds, rules and calendars differ by county and year).
import {
  DEFAULT_REVENUE_PRIORITY,
  DEFAULT_SCALE_THRESHOLD_YUAN,
  DEFAULT_SECURITY_SETTINGS,
  DEFAULT_SUPERVISING_RULE,
  type DeclarationCalendar,
  declarationCalendarSchema,
  defaultDeclarationCalendar,
  demoAccountSchema,
  REVENUE_PRIORITIES,
  type RevenuePriority,
  type SecuritySettings,
  type SupervisingRule,
  securitySettingsSchema,
  supervisingRuleSchema,
} from '@shenggui/domain';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { findSetting, upsertSetting } from './settings.repository.js';

const demoSchema = z.object({ enabled: z.boolean(), accounts: z.array(demoAccountSchema) });
export type DemoSetting = z.infer<typeof demoSchema>;

const KEYS = {
  demo: 'demo',
  county: 'county',
  supervisingRule: 'supervising.rule',
  scaleThreshold: 'scale.threshold',
  security: 'security',
  revenuePriority: 'revenue.priority',
} as const;

/** Settings key of the declaration calendar: `{ "2026": DeclarationCalendar, … }`. */
export const DECLARATION_CALENDAR_KEY = 'declaration.calendar';

// Security settings are read on every request: keep them a few seconds in memory. A change made through
// this process is seen at once; another process (several servers on one PostgreSQL) sees it within the TTL.
const SECURITY_TTL_MS = 5_000;
let securityCache: { db: Executor; at: number; value: SecuritySettings } | null = null;

export async function getSecuritySettings(db: Executor): Promise<SecuritySettings> {
  if (securityCache && securityCache.db === db && Date.now() - securityCache.at < SECURITY_TTL_MS) {
    return securityCache.value;
  }
  const parsed = securitySettingsSchema.safeParse(await findSetting(db, KEYS.security));
  const value = parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS;
  securityCache = { db, at: Date.now(), value };
  return value;
}

function forgetCachedSettings(): void {
  securityCache = null;
}

export async function getDemo(db: Executor): Promise<DemoSetting> {
  const parsed = demoSchema.safeParse(await findSetting(db, KEYS.demo));
  return parsed.success ? parsed.data : { enabled: false, accounts: [] };
}

export async function getCountyCode(db: Executor): Promise<string | null> {
  const v = await findSetting(db, KEYS.county);
  return typeof v === 'string' ? v : null;
}

export async function getSupervisingRule(db: Executor): Promise<SupervisingRule> {
  const parsed = supervisingRuleSchema.safeParse(await findSetting(db, KEYS.supervisingRule));
  return parsed.success ? parsed.data : DEFAULT_SUPERVISING_RULE;
}

/** Yuan; one value for now, keyed by year when the libraries slice needs per-year thresholds. */
export async function getScaleThreshold(db: Executor): Promise<number> {
  const v = await findSetting(db, KEYS.scaleThreshold);
  return typeof v === 'number' && v > 0 ? v : DEFAULT_SCALE_THRESHOLD_YUAN;
}

/**
 * The county's one revenue-of-record priority (domain revenue-of-record.ts): every reader of a revenue
 * figure — libraries, declaration checks, forecast, board, lists and exports — asks here.
 */
export async function getRevenuePriority(db: Executor): Promise<RevenuePriority> {
  const v = await findSetting(db, KEYS.revenuePriority);
  return REVENUE_PRIORITIES.includes(v as RevenuePriority)
    ? (v as RevenuePriority)
    : DEFAULT_REVENUE_PRIORITY;
}

/** The county's declaration calendar of a year (the defaults of domain declaration.ts when it has none). */
export async function getDeclarationCalendarSetting(
  db: Executor,
  year: number,
): Promise<DeclarationCalendar> {
  const stored = (await findSetting(db, DECLARATION_CALENDAR_KEY)) as Record<string, unknown> | null;
  const parsed = declarationCalendarSchema.safeParse(stored?.[String(year)]);
  return parsed.success ? parsed.data : defaultDeclarationCalendar(year);
}

export async function putSetting(
  tx: Executor,
  ctx: RequestContext,
  key: keyof typeof KEYS,
  value: unknown,
): Promise<void> {
  const before = await upsertSetting(tx, KEYS[key], value, ctx.now);
  forgetCachedSettings();
  // Demo passwords are published on the sign-in page on purpose; still, keep them out of the audit trail.
  const redact = (v: unknown) => (key === 'demo' ? { redacted: true } : v);
  await recordAudit(tx, ctx, {
    action: 'settings.update',
    entityType: 'setting',
    entityId: KEYS[key],
    before: redact(before),
    after: redact(value),
  });
}
