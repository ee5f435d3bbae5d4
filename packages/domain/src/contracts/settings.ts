// Settings as data (server modules/settings): the 业务设置 catalogue, security settings and import limits.
// The shapes of a setting are business-settings.ts (businessSettingViewSchema, businessSettingsUpdateSchema,
// businessSettingChangeSchema), security.ts (securitySettingsSchema) and import-limits.ts
// (importLimitsSchema); this module adds what the routes wrap around them.
import { z } from 'zod';
import { businessSettingChangeSchema, businessSettingViewSchema } from '../business-settings.js';

/** GET /settings/business?year= — the year whose per-year settings are shown (default: this year). */
export const businessSettingsQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
/** GET /settings/business */
export const businessSettingsListSchema = z.object({
  year: z.number(),
  items: z.array(businessSettingViewSchema),
});
export type BusinessSettingsList = z.output<typeof businessSettingsListSchema>;
/** PUT /settings/business: what changed, one line per key (and year). */
export const businessSettingsSavedSchema = z.object({ changes: z.array(businessSettingChangeSchema) });
export type BusinessSettingsSaved = z.output<typeof businessSettingsSavedSchema>;
