// The OpenAPI page (/api/docs) is generated from the domain contracts (packages/domain/src/contracts): the
// document must build, and a route's answer must carry the contract's fields and enums, not a looser copy.
import { LEGAL_FORMS, ROLES, SCALE_STATUSES, TODO_KINDS } from '@shenggui/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test/harness.js';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };
type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
};

let env: TestEnv;
let doc: Doc;

beforeAll(async () => {
  env = await createTestEnv({ users: false });
  const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode, res.body).toBe(200);
  doc = res.json();
});
afterAll(() => env.close());

function answer(path: string, method = 'get', status = '200'): Schema {
  const schema =
    doc.paths[`/api/v1${path}`]?.[method]?.responses[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no ${status} answer for ${method.toUpperCase()} ${path}`);
  return schema;
}

describe('OpenAPI document from the domain contracts', () => {
  it('describes the enterprise list with the contract fields and enums', () => {
    const list = answer('/enterprises');
    expect(Object.keys(list.properties ?? {}).sort()).toEqual([
      'items',
      'page',
      'pageSize',
      'revenueYear',
      'total',
    ]);
    const row = list.properties?.items?.items;
    expect(row?.properties?.legalForm?.enum).toEqual([...LEGAL_FORMS]);
    expect(row?.properties?.scaleStatus?.enum).toEqual([...SCALE_STATUSES]);
    expect(answer('/enterprises/{id}').properties?.scaleHistory?.type).toBe('array');
  });

  it('describes the slices whose contracts moved to the domain', () => {
    expect(answer('/me').properties?.user?.properties?.roles?.items?.enum).toEqual([...ROLES]);
    expect(answer('/todo').properties?.items?.items?.properties?.kind?.enum).toEqual([...TODO_KINDS]);
    expect(Object.keys(answer('/audit/verify').properties ?? {})).toContain('checkpointInvalid');
    expect(Object.keys(answer('/targets').properties ?? {})).toContain('territorial');
    expect(Object.keys(answer('/org/units').properties?.items?.items?.properties ?? {})).toContain(
      'parentId',
    );
    expect(answer('/users', 'post', '202').properties?.pending?.properties?.needsPassword?.type).toBe(
      'boolean',
    );
    expect(answer('/directory-events', 'post', '201').properties?.voided?.type).toBe('boolean');
    expect(
      answer('/enterprises/{id}/revenue', 'post', '201').properties?.item?.properties?.source?.enum,
    ).toBeDefined();
    expect(Object.keys(answer('/settings/business').properties ?? {}).sort()).toEqual(['items', 'year']);
    expect(Object.keys(answer('/meta').properties ?? {})).toContain('securityLevel');
  });
});
