// The auditor's search, export and chain check (server modules/audit).
import { z } from 'zod';
import { paged, pageQuery } from './common.js';

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .optional();
/** GET /audit and GET /audit/export: dates are whole days in China Standard Time, `to` included. */
export const auditQuerySchema = pageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  enterprise: z.string().trim().max(100).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(64).optional(),
  from: dateParam,
  to: dateParam,
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** One audit record with its actor, unit and firm; `before`/`after` as recorded. */
export const auditItemSchema = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditItem = z.output<typeof auditItemSchema>;
export const auditPageSchema = paged(auditItemSchema);

/** GET /audit/verify: the chain walked and compared with the signed checkpoint kept outside the database. */
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  algorithm: z.string(),
  firstId: z.number().nullable(),
  lastId: z.number().nullable(),
  /** The first record whose hash or link does not match. */
  broken: z.object({ id: z.number(), reason: z.enum(['hash', 'link']) }).nullable(),
  /** Records the checkpoint vouches for that are gone (ids in [fromId, toId]), and how many in all. */
  missing: z.array(
    z.object({ where: z.enum(['head', 'middle', 'tail']), fromId: z.number(), toId: z.number() }),
  ),
  missingCount: z.number(),
  /** The checkpoint compared against: null when there is none yet (or none could be read). */
  checkpoint: z
    .object({ at: z.string(), lastId: z.number().nullable(), count: z.number(), reason: z.string() })
    .nullable(),
  /** The checkpoint file exists but its signature does not match: it was altered, or the key changed. */
  checkpointInvalid: z.boolean(),
});
export type AuditVerifyResult = z.output<typeof auditVerifySchema>;
