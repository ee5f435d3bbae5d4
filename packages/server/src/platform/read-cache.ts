// In-memory read caches for the embedded deployment, where the data-folder lock guarantees that this
// process is the only writer: every write goes through a non-GET request of this server, so a generation
// counter bumped at the start and the end of each write request is a complete invalidation signal.
// (On PostgreSQL several processes may write; the caches are not enabled there.)
import { chinaDate } from '@shenggui/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The 200 response may be served from the read cache (same scope, same URL, same data generation). */
    cacheable?: boolean;
  }
  interface FastifyRequest {
    cacheState?: { generation: number; key: string | null; hit: boolean; write: boolean };
  }
}

const MAX_ENTRIES = 1000;
const SESSION_TTL_MS = 30_000;

export interface CachedSession<T> {
  generation: number;
  cachedAt: number;
  value: T;
}

export class ReadCache {
  generation = 0;
  private inFlightWrites = 0;
  private responses = new Map<string, { generation: number; body: string }>();
  private sessions = new Map<string, CachedSession<unknown>>();

  beginWrite(): void {
    this.inFlightWrites++;
    this.bump();
  }

  endWrite(): void {
    this.inFlightWrites = Math.max(0, this.inFlightWrites - 1);
    this.bump();
  }

  get quiet(): boolean {
    return this.inFlightWrites === 0;
  }

  private bump(): void {
    this.generation++;
    this.responses.clear();
    this.sessions.clear();
  }

  getResponse(key: string): string | null {
    const hit = this.responses.get(key);
    return hit && hit.generation === this.generation ? hit.body : null;
  }

  putResponse(key: string, generation: number, body: string): void {
    if (generation !== this.generation || !this.quiet) return;
    if (this.responses.size >= MAX_ENTRIES)
      this.responses.delete(this.responses.keys().next().value as string);
    this.responses.set(key, { generation, body });
  }

  getSession<T>(id: string, now: number): T | null {
    const hit = this.sessions.get(id);
    if (
      !hit ||
      hit.generation !== this.generation ||
      now - hit.cachedAt > SESSION_TTL_MS ||
      now < hit.cachedAt
    )
      return null;
    return hit.value as T;
  }

  putSession<T>(id: string, value: T, now: number): void {
    if (!this.quiet) return;
    if (this.sessions.size >= MAX_ENTRIES) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(id, { generation: this.generation, cachedAt: now, value });
  }
}

function isWrite(request: FastifyRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD';
}

/** The generation hooks: register before the access hook, so every write bumps first. */
export function registerReadCacheGeneration(app: FastifyInstance, cache: ReadCache): void {
  app.addHook('onRequest', async (request) => {
    const write = isWrite(request);
    if (write) cache.beginWrite();
    request.cacheState = { generation: cache.generation, key: null, hit: false, write };
  });
  app.addHook('onResponse', async (request) => {
    if (request.cacheState?.write) cache.endWrite();
  });
}

/**
 * The response cache: register after the access hook (the caller is resolved and allowed). A hit answers
 * from onRequest, before body parsing and validation: the key is the raw URL a validated request produced.
 */
export function registerResponseCache(app: FastifyInstance, cache: ReadCache): void {
  app.addHook('onRequest', async (request, reply) => {
    const state = request.cacheState;
    if (!state || state.write || !request.routeOptions.config?.cacheable || !cache.quiet) return;
    const scope = request.ctx.scope;
    const scopeKey =
      scope.kind === 'none' ? 'none' : `${scope.kind}:${scope.unitId}:${'path' in scope ? scope.path : ''}`;
    // The day is part of the key: defaults such as "as of today" or "last complete year" move at midnight.
    const day = chinaDate(request.ctx.now);
    state.key = `${scopeKey}|${day}|${request.url}`;
    const body = cache.getResponse(state.key);
    if (body !== null) {
      state.hit = true;
      return reply.header('content-type', 'application/json; charset=utf-8').send(body);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.cacheState;
    if (state?.key && !state.hit && reply.statusCode === 200 && typeof payload === 'string') {
      cache.putResponse(state.key, state.generation, payload);
    }
    return payload;
  });
}
