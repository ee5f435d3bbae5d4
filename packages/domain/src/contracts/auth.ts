// Sign-in, the signed-in user (/me), own sessions, TOTP enrolment, the first administrator and the public
// system information (server modules/auth). Requests reuse security.ts and schemas.ts (loginSchema,
// passwordChangeSchema, userCreateSchema).
import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../access.js';
import { UNIT_KINDS } from '../org.js';
import { securitySettingsSchema, userCreateSchema } from '../security.js';

export const sessionUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  mustChangePassword: z.boolean(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
});
export type SessionUser = z.output<typeof sessionUserSchema>;

/** POST /auth/login */
export const loginResultSchema = z.object({ user: sessionUserSchema });
export type LoginResult = z.output<typeof loginResultSchema>;

export const SCOPE_KINDS = ['subtree', 'township', 'supervising', 'none'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
/** What the user must do before anything else: change the password, or enrol a second factor. */
export const RESTRICTIONS = ['password', 'totp'] as const;
export type Restriction = (typeof RESTRICTIONS)[number];

export const passwordPolicySchema = securitySettingsSchema.shape.password;
export type PasswordPolicy = z.output<typeof passwordPolicySchema>;

/** GET /me: the user, what they may do, what they see, and what they must do first (null = nothing). */
export const meSchema = z.object({
  user: sessionUserSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: z.object({ kind: z.enum(SCOPE_KINDS), unitId: z.number().nullable() }),
  restriction: z.enum(RESTRICTIONS).nullable(),
  totp: z.object({ enabled: z.boolean(), required: z.boolean() }),
  passwordPolicy: passwordPolicySchema,
});
export type Me = z.output<typeof meSchema>;

/** GET /me/sessions: `id` is a prefix of the session's id, enough to tell sessions apart. */
export const sessionInfoSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionInfo = z.output<typeof sessionInfoSchema>;
export const sessionListSchema = z.object({ items: z.array(sessionInfoSchema) });
export type SessionList = z.output<typeof sessionListSchema>;

/** POST /me/totp/setup: the secret and its otpauth:// URI for an authenticator app. */
export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetup = z.output<typeof totpSetupSchema>;
/** POST /me/totp/enable */
export const totpEnableSchema = z.object({ code: z.string().regex(/^\d{6}$/, '动态口令应为6位数字') });

/** POST /setup/first-admin: only while the installation has no user. */
export const firstAdminSchema = userCreateSchema.pick({ username: true, displayName: true, password: true });
export type FirstAdmin = z.output<typeof firstAdminSchema>;

/** A demo sign-in shown on the sign-in page (stored in the `demo` setting). */
export const demoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  roleLabel: z.string(),
  unitName: z.string(),
});
export type DemoAccount = z.output<typeof demoAccountSchema>;

/** GET /meta (public): demo mode and its accounts, the county, the 规上 threshold, first run, version. */
export const metaSchema = z.object({
  demo: z.boolean(),
  demoAccounts: z.array(demoAccountSchema),
  countyName: z.string().nullable(),
  scaleThresholdYuan: z.number(),
  /** A fresh installation without any user: the first security administrator must be created. */
  needsFirstAdmin: z.boolean(),
  securityLevel: securitySettingsSchema.shape.level,
  version: z.string(),
});
export type Meta = z.output<typeof metaSchema>;
