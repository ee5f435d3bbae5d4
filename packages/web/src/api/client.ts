// The one way the web talks to the API: same-origin cookies, the CSRF header on every write, the error
// envelope turned into ApiError, and a 401 handed to the app (which sends the user to /login).
import { readCookie } from '../lib/cookie';
import { filenameFromContentDisposition } from '../lib/download';
import { ApiError, toApiError } from './errors';

export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'sg_csrf';
const CSRF_HEADER = 'x-csrf-token';

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: URLSearchParams | Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** false for calls where 401 is an answer, not an expired session (GET /me, POST /auth/login). */
  redirectOn401?: boolean;
}

let unauthorizedHandler: (() => void) | null = null;

/** The app registers what a 401 means for it (drop the session, go to /login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  if (query instanceof URLSearchParams) {
    for (const [k, v] of query) params.append(k, v);
  } else if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function headersFor(method: string, hasBody: boolean): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (hasBody) headers.set('content-type', 'application/json');
  if (method !== 'GET' && method !== 'HEAD') {
    const token = typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }
  return headers;
}

async function send(path: string, options: RequestOptions, accept?: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  const headers = headersFor(method, hasBody);
  if (accept) headers.set('accept', accept);
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw toApiError(0, null);
  }
  if (!response.ok) {
    const body = await response
      .clone()
      .json()
      .catch(() => null);
    const error = toApiError(response.status, body);
    if (response.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.();
    throw error;
  }
  return response;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'INTERNAL', '服务器返回的数据无法识别');
  }
}

/** Downloads a file through fetch (so errors reach the error handler) and saves it under its server name. */
export async function apiDownload(
  path: string,
  query: RequestOptions['query'],
  fallbackName: string,
): Promise<void> {
  const response = await send(path, { query }, '*/*');
  const blob = await response.blob();
  const name = filenameFromContentDisposition(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadOptions {
  query?: RequestOptions['query'];
  signal?: AbortSignal;
  /** Bytes sent so far and the total, as the browser reports them. */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * Sends a file as the raw request body (application/octet-stream) with the CSRF header, reporting upload
 * progress (XMLHttpRequest: fetch has no upload progress). Errors become ApiError like every other call.
 */
export function apiUpload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const token = readCookie(document.cookie, CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    const abort = () => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const parse = (): unknown => {
      try {
        return xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        return null;
      }
    };
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', abort);
      const body = parse();
      if (xhr.status >= 200 && xhr.status < 300) {
        if (body === null) reject(new ApiError(xhr.status, 'INTERNAL', '服务器返回的数据无法识别'));
        else resolve(body as T);
        return;
      }
      if (xhr.status === 401) unauthorizedHandler?.();
      reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(toApiError(0, null));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    xhr.send(file);
  });
}
