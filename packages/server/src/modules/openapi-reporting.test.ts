// The OpenAPI page (/api/docs) is built from the domain's contracts: the declaration, review, import,
// notice, progress and library routes describe their answers field by field (packages/domain/src/contracts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';

let env: TestEnv;
let paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;

beforeAll(async () => {
  env = await createTestEnv({ users: false });
  const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  paths = res.json().paths;
});
afterAll(() => env.close());

/** The top-level fields of a route's documented answer. */
function answerFields(path: string, method: string, status: string): string[] {
  const content = paths[path]?.[method]?.responses?.[status]?.content as
    | Record<string, { schema?: { properties?: Record<string, unknown> } }>
    | undefined;
  return Object.keys(content?.['application/json']?.schema?.properties ?? {});
}

describe('OpenAPI page of the reporting slices', () => {
  it.each([
    ['/api/v1/progress', 'get', '200', ['county', 'dimensions']],
    ['/api/v1/progress/{year}/deciding', 'get', '200', ['items']],
    ['/api/v1/progress/{year}/cumulative', 'get', '200', ['months', 'forecast']],
    ['/api/v1/declarations/{id}', 'get', '200', ['checks', 'materials', 'history']],
    ['/api/v1/declarations/board', 'get', '200', ['batches']],
    ['/api/v1/review', 'get', '200', ['items', 'total']],
    ['/api/v1/imports/preview', 'post', '200', ['how', 'counts', 'lines']],
    ['/api/v1/imports/{token}/rows', 'get', '200', ['items', 'counts', 'unitSource']],
    ['/api/v1/notices', 'post', '201', ['docNumber']],
    ['/api/v1/libraries/{library}', 'get', '200', ['items', 'frozen']],
    ['/api/v1/todo/unreported', 'get', '200', ['threshold', 'items']],
  ])('%s %s answers its contract', (path, method, status, fields) => {
    expect(answerFields(path, method, status)).toEqual(expect.arrayContaining(fields));
  });
});
