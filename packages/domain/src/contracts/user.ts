// User administration by the security administrator, and the changes to auditor accounts that wait for
// the system administrator (server modules/user). Create, update, confirm and reject bodies are in
// security.ts (userCreateSchema, userUpdateSchema, accountChangeConfirmSchema, accountChangeRejectSchema).
import { z } from 'zod';
import { ROLES } from '../access.js';
import { UNIT_KINDS } from '../org.js';
import { ACCOUNT_CHANGE_KINDS, type userCreateSchema, type userUpdateSchema } from '../security.js';
import { paged, pageQuery } from './common.js';

/** A user as the security administrator sees it. */
export const adminUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  roleLabels: z.array(z.string()),
  unit: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
export type AdminUserView = z.output<typeof adminUserSchema>;
export const adminUserPageSchema = paged(adminUserSchema);

/** POST /users and PUT /users/:id as the client sends them (the schemas are in security.ts). */
export type UserCreateBody = z.input<typeof userCreateSchema>;
export type UserUpdateBody = z.input<typeof userUpdateSchema>;

/** GET /users and GET /users/export */
export const userListQuerySchema = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  disabled: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type UserListQuery = z.output<typeof userListQuerySchema>;

/** POST /users/:id/reset-password: the temporary password (the user must change it at sign-in). */
export const passwordResetSchema = z.object({ password: z.string().min(1, '请填写临时密码').max(128) });

export const ACCOUNT_CHANGE_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type AccountChangeStatus = (typeof ACCOUNT_CHANGE_STATUSES)[number];

/** What an auditor-account change would set. */
export const accountChangePayloadSchema = z.object({
  username: z.string().optional(),
  displayName: z.string().optional(),
  unitId: z.number().optional(),
  roles: z.array(z.enum(ROLES)).optional(),
  disabled: z.boolean().optional(),
});
export type AccountChangePayload = z.output<typeof accountChangePayloadSchema>;

export const accountChangeSchema = z.object({
  id: z.number(),
  kind: z.enum(ACCOUNT_CHANGE_KINDS),
  kindLabel: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  payload: accountChangePayloadSchema,
  status: z.enum(ACCOUNT_CHANGE_STATUSES),
  requestedBy: z.number(),
  requestedAt: z.string(),
  decidedBy: z.number().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** The confirmation must carry the temporary password. */
  needsPassword: z.boolean(),
});
export type AccountChangeView = z.output<typeof accountChangeSchema>;

/** 202 from the user routes: a change to an auditor account waits for the system administrator. */
export const pendingAccountChangeSchema = z.object({ pending: accountChangeSchema });
export type PendingAccountChange = z.output<typeof pendingAccountChangeSchema>;

/** GET /account-changes (system administrator). */
export const accountChangeListQuerySchema = pageQuery.extend({
  status: z.enum(ACCOUNT_CHANGE_STATUSES).optional(),
});
export type AccountChangeListQuery = z.output<typeof accountChangeListQuerySchema>;
export const accountChangeListSchema = z.object({
  items: z.array(accountChangeSchema),
  page: z.number(),
  pageSize: z.number(),
});
export type AccountChangeList = z.output<typeof accountChangeListSchema>;
