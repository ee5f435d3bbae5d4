// The signed-in user's to-do list (server modules/todo).
import { z } from 'zod';

export const TODO_KINDS = [
  'deadline',
  'declaration',
  'figures',
  'unreported',
  /** Service work: firms without a 包联 lead, requests waiting on the user's unit or red, help plans due, rectification items. */
  'lead',
  'request',
  'helpPlan',
  'supervision',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const todoItemSchema = z.object({
  kind: z.enum(TODO_KINDS),
  title: z.string(),
  /** `YYYY-MM-DD` */
  due: z.string().nullable(),
  /** Web path of the page to open. */
  link: z.string(),
  count: z.number().nullable(),
});
export type TodoItem = z.output<typeof todoItemSchema>;

/** GET /todo */
export const todoListSchema = z.object({ items: z.array(todoItemSchema) });
export type TodoList = z.output<typeof todoListSchema>;
