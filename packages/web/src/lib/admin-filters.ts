// URL state of the administration lists (用户管理, 审计日志): filters and paging live in the query string
// under the API's own names, defaults left out, bad values dropped (never an error page).
import { ROLES, type Role } from '@shenggui/domain';

export const ADMIN_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function text(raw: string | null, max: number): string | undefined {
  const v = raw?.trim().slice(0, max);
  return v ? v : undefined;
}

function paging(params: URLSearchParams): { page: number; pageSize: number } {
  const size = positiveInt(params.get('pageSize'));
  return {
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: size && (ADMIN_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

function write(params: URLSearchParams, values: Record<string, string | number | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
}

function withPaging(params: URLSearchParams, state: { page: number; pageSize: number }, always: boolean) {
  if (always || state.page !== 1) params.set('page', String(state.page));
  if (always || state.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(state.pageSize));
  return params;
}

// ---- 用户管理 ----

export type UserStatusFilter = 'active' | 'disabled';

export interface UserFilters {
  q?: string;
  unitId?: number;
  role?: Role;
  status?: UserStatusFilter;
}

export interface UserListState extends UserFilters {
  page: number;
  pageSize: number;
}

export function parseUserListSearch(params: URLSearchParams): UserListState {
  const state: UserListState = paging(params);
  const q = text(params.get('q'), 64);
  if (q) state.q = q;
  const unitId = positiveInt(params.get('unitId'));
  if (unitId) state.unitId = unitId;
  const role = params.get('role');
  if (role && (ROLES as readonly string[]).includes(role)) state.role = role as Role;
  const status = params.get('status');
  if (status === 'active' || status === 'disabled') state.status = status;
  return state;
}

function userFilterParams(state: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  write(params, { q: state.q, unitId: state.unitId, role: state.role, status: state.status });
  return params;
}

/** The page's own URL. */
export function userListSearch(state: UserListState): URLSearchParams {
  return withPaging(userFilterParams(state), state, false);
}

/** GET /users: `status` becomes the API's `disabled=true|false`. */
function userApiFilters(state: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  write(params, { q: state.q, unitId: state.unitId, role: state.role });
  if (state.status) params.set('disabled', state.status === 'disabled' ? 'true' : 'false');
  return params;
}

export function userApiQuery(state: UserListState): URLSearchParams {
  return withPaging(userApiFilters(state), state, true);
}

/** GET /users/export: the same filters, no paging. */
export function userExportQuery(state: UserListState): URLSearchParams {
  return userApiFilters(state);
}

export function countUserFilters(state: UserFilters): number {
  return [state.q, state.unitId, state.role, state.status].filter((v) => v !== undefined).length;
}

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
] as const;

export interface AuditFilters {
  actor?: string;
  /** Firm name or credit code. */
  enterprise?: string;
  enterpriseId?: number;
  action?: string;
  /** YYYY-MM-DD, China time, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditListState extends AuditFilters {
  page: number;
  pageSize: number;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function parseAuditListSearch(params: URLSearchParams): AuditListState {
  const state: AuditListState = paging(params);
  const actor = text(params.get('actor'), 64);
  if (actor) state.actor = actor;
  const enterprise = text(params.get('enterprise'), 100);
  if (enterprise) state.enterprise = enterprise;
  const enterpriseId = positiveInt(params.get('enterpriseId'));
  if (enterpriseId) state.enterpriseId = enterpriseId;
  const action = text(params.get('action'), 64);
  if (action && /^[a-z_.]+$/.test(action)) state.action = action;
  const from = params.get('from');
  if (from && ISO_DATE.test(from)) state.from = from;
  const to = params.get('to');
  if (to && ISO_DATE.test(to) && (!state.from || to >= state.from)) state.to = to;
  return state;
}

function auditFilterParams(state: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  write(params, {
    actor: state.actor,
    enterprise: state.enterprise,
    enterpriseId: state.enterpriseId,
    action: state.action,
    from: state.from,
    to: state.to,
  });
  return params;
}

export function auditListSearch(state: AuditListState): URLSearchParams {
  return withPaging(auditFilterParams(state), state, false);
}

export function auditApiQuery(state: AuditListState): URLSearchParams {
  return withPaging(auditFilterParams(state), state, true);
}

export function auditExportQuery(state: AuditListState): URLSearchParams {
  return auditFilterParams(state);
}

export function countAuditFilters(state: AuditFilters): number {
  return [state.actor, state.enterprise, state.enterpriseId, state.action, state.from, state.to].filter(
    (v) => v !== undefined,
  ).length;
}

/** New filters start again from page 1 and keep the page size; empty values are dropped. */
export function withNewFilters<S extends { page: number; pageSize: number }>(
  state: S,
  filters: Partial<Omit<S, 'page' | 'pageSize'>>,
): S {
  const next = { page: 1, pageSize: state.pageSize } as S;
  for (const [k, raw] of Object.entries(filters)) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (v === undefined || v === null || v === '') continue;
    (next as Record<string, unknown>)[k] = v;
  }
  return next;
}
