// One error type for every failed request, built from the API's single envelope (docs/api.md §Errors).
import type { ErrorDetail } from './types';

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LOCKED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'NETWORK';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
};

/** Fallback texts when the server sent no usable message (a proxy page, a dropped connection). */
export const FALLBACK_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '要找的记录不存在，或不在您的数据范围内',
  CONFLICT: '数据已被修改或已存在，请刷新后重试',
  LOCKED: '账号或记录已锁定，请稍后再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '服务器出错，请稍后再试',
  NETWORK: '无法连接服务器，请检查网络后重试',
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly details: ErrorDetail[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    requestId?: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the error from a status and whatever body came back; tolerant of bodies that are not the envelope. */
export function toApiError(status: number, body: unknown): ApiError {
  const fallbackCode: ErrorCode = CODE_BY_STATUS[status] ?? (status === 0 ? 'NETWORK' : 'INTERNAL');
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = typeof envelope?.code === 'string' ? envelope.code : fallbackCode;
  const message =
    typeof envelope?.message === 'string' && envelope.message
      ? envelope.message
      : (FALLBACK_MESSAGES[code as ErrorCode] ?? FALLBACK_MESSAGES[fallbackCode]);
  const details: ErrorDetail[] = Array.isArray(envelope?.details)
    ? envelope.details.flatMap((d) =>
        isRecord(d) && typeof d.message === 'string'
          ? [{ path: Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? ''), message: d.message }]
          : [],
      )
    : [];
  const requestId = isRecord(body) && typeof body.requestId === 'string' ? body.requestId : null;
  return new ApiError(status, code, message, details, requestId);
}

/** The text shown to the user: the server's Chinese message, with the request id for server faults. */
export function errorText(error: unknown): string {
  if (isApiError(error)) {
    return error.code === 'INTERNAL' && error.requestId
      ? `${error.message}（请求编号 ${error.requestId}）`
      : error.message;
  }
  return error instanceof Error && error.message ? error.message : FALLBACK_MESSAGES.INTERNAL;
}
