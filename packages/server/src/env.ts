// The only reader of process.env. Validated once; a bad value stops the process with a clear message.
import { z } from 'zod';
import { type Clock, startingClock, systemClock } from './platform/clock.js';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  SHENGGUI_DATA: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the app sits behind TLS (a reverse proxy): cookies get the Secure flag. */
  SHENGGUI_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The audit-chain HMAC key (≥ 32 characters), or a file holding it; default: <data>/audit.key, created once. */
  SHENGGUI_AUDIT_KEY: z.string().min(32).optional(),
  SHENGGUI_AUDIT_KEY_FILE: z.string().optional(),
  /** The signed audit checkpoint file; default: beside the key file (or in the data folder). */
  SHENGGUI_AUDIT_CHECKPOINT: z.string().optional(),
  /**
   * PostgreSQL: the owner role, for migrations and the audit retention purge. The server then runs as
   * DATABASE_URL's role, which gets only SELECT and INSERT on the audit table (README, Security).
   */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges).
   * Default: none — the client address is the socket's, so nobody can forge it for the sign-in rate
   * limit or the audit trail.
   */
  SHENGGUI_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** In-memory read caches (embedded database only, where this process is the only writer). */
  SHENGGUI_READ_CACHE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Static files of the built web app; the server serves them with an SPA fallback. */
  SHENGGUI_WEB_DIST: z.string().optional(),
  /** `production` ignores SHENGGUI_FAKE_NOW. */
  NODE_ENV: z.string().optional(),
  /** Tests and demos only: the server's clock starts at this instant (ISO 8601) and runs on from there. */
  SHENGGUI_FAKE_NOW: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), '应为 ISO 8601 时间，如 2027-03-15T10:00:00+08:00')
    .optional(),
});

export type Env = z.output<typeof envSchema>;

/**
 * The clock the process runs on: the system clock, or one starting at SHENGGUI_FAKE_NOW when that is set
 * and NODE_ENV is not `production`. `note` says which, for the start-up log (null for the system clock).
 */
export function clockOf(env: Env): { clock: Clock; note: string | null } {
  if (!env.SHENGGUI_FAKE_NOW) return { clock: systemClock, note: null };
  if (env.NODE_ENV === 'production')
    return { clock: systemClock, note: 'NODE_ENV=production：忽略 SHENGGUI_FAKE_NOW，使用系统时钟' };
  const start = new Date(env.SHENGGUI_FAKE_NOW);
  return {
    clock: startingClock(start),
    note: `测试时钟：从 ${start.toISOString()} 起计时（SHENGGUI_FAKE_NOW，仅用于测试与演示）`,
  };
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (DATABASE_URL= ) means unset, as shells and service files write it.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置错误:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
