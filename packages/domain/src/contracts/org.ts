// The organisation tree and unit administration (server modules/org).
import { z } from 'zod';
import { UNIT_KINDS } from '../org.js';

export const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.number().nullable(),
});
export type UnitView = z.output<typeof unitSchema>;

/** GET /org/units */
export const unitListSchema = z.object({ items: z.array(unitSchema) });
export type UnitList = z.output<typeof unitListSchema>;

const unitNameField = z.string().trim().min(2, '单位名称至少2个字').max(50, '单位名称不能超过50个字');
/** POST /org/units (security administrator). */
export const unitCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{6,12}$/, '单位代码为6–12位数字或大写字母'),
  name: unitNameField,
  kind: z.enum(UNIT_KINDS, { error: '单位类型不正确' }),
  parentId: z.number().int().positive(),
});
export type UnitCreate = z.output<typeof unitCreateSchema>;
/** PUT /org/units/:id */
export const unitRenameSchema = z.object({ name: unitNameField });
