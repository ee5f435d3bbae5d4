// One place for text that PostgreSQL cannot store and no form can mean: a NUL character or a lone
// UTF-16 surrogate anywhere in the query, the path parameters or a JSON body answers 400 naming the
// field, before any route's schema or service sees it (without this they surface as 500s from the driver).
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/** The path of the first bad string (keys count too), or null. Iterative: a deep body cannot overflow. */
export function findBadText(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (isBadText(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && !(v instanceof Uint8Array)) {
      for (const [k, child] of Object.entries(v)) {
        if (isBadText(k)) return `${path}.${k.replace(BAD_TEXT, '?')}`;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

export const BAD_TEXT_MESSAGE = '含有不允许的字符（空字符或不成对的代理字符），请删除后重试';

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const bad =
      findBadText(request.params, 'params') ??
      findBadText(request.query, 'query') ??
      findBadText(request.body, 'body');
    if (bad) {
      const path = bad.replace(/^(params|query|body)\.?/, '') || bad;
      throw new AppError('VALIDATION', `${path} ${BAD_TEXT_MESSAGE}`, [{ path, message: BAD_TEXT_MESSAGE }]);
    }
  });
}
