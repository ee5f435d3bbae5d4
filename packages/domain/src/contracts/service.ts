// Service work, shared by its slices (server modules/service): the settings the forms need.
import { z } from 'zod';
import { requestCategorySchema } from '../service.js';

/** GET /service/settings — request categories in force, the help-plan time limit, the calendar's years. */
export const serviceSettingsSchema = z.object({
  categories: z.array(requestCategorySchema),
  helpPlanWorkdays: z.number(),
  /** The plan year in progress, and whether the working-day calendar has its official schedule. */
  year: z.number(),
  calendarKnowsYear: z.boolean(),
  calendarKnowsNextYear: z.boolean(),
});
export type ServiceSettings = z.output<typeof serviceSettingsSchema>;
