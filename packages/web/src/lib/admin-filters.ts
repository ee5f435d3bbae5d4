// URL state of the administration lists (用户管理, 审计日志) under the API's own names, read by the list
// kit; the users' `status` becomes the API's `disabled` flag.
import { pageQuery, ROLES } from '@shenggui/domain';
import { z } from 'zod';
import { dateFilter, defineListQuery, idFilter, textFilter } from '../components/list-kit/list-query';

// ---- 用户管理 ----

export const userListQuery = defineListQuery({
  schema: pageQuery.extend({
    q: textFilter(64).optional(),
    unitId: idFilter,
    role: z.enum(ROLES).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  }),
  /** GET /users: `status` becomes `disabled=true|false`. */
  toApi: ({ status, ...rest }) => ({
    ...rest,
    disabled: status === undefined ? undefined : status === 'disabled',
  }),
});

// ---- 审计日志 ----

/** Prefixes offered in the 操作类型 select (the API matches `action` as a prefix). */
/** Their labels are texts `audit.actionPrefix.<prefix>` (texts/audit.ts). */
export const AUDIT_ACTION_PREFIXES = [
  'auth.login',
  'access',
  'user',
  'enterprise',
  'revenue',
  'settings',
  'target',
  'import',
  'declaration',
  'directory',
  'library',
] as const;

export const auditListQuery = defineListQuery({
  schema: pageQuery
    .extend({
      actor: textFilter(64).optional(),
      /** Firm name or credit code. */
      enterprise: textFilter(100).optional(),
      enterpriseId: idFilter,
      action: z
        .string()
        .trim()
        .max(64)
        .regex(/^[a-z_.]+$/)
        .optional(),
      /** YYYY-MM-DD, China time, inclusive. */
      from: dateFilter,
      to: dateFilter,
    })
    .refine((v) => !v.from || !v.to || v.to >= v.from, { path: ['to'] }),
});
