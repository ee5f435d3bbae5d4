// Test support for the import slice: a signed-in user's RequestContext without HTTP, and a few firms.
import { enterpriseCreateSchema, permissionsOf, type Role, type UnitKind } from '@shenggui/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnits, users } from '../../db/schema.js';
import { scopeFor } from '../../platform/auth/access.js';
import type { RequestContext } from '../../platform/context.js';
import { COUNTY, testCreditCode } from '../../test/harness.js';
import { createEnterprise } from '../enterprise/enterprise.service.js';

export async function contextOf(db: Db, username: string, now: Date): Promise<RequestContext> {
  const rows = await db
    .select({ user: users, unit: orgUnits })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(eq(users.username, username));
  const { user, unit } = rows[0]!;
  const roles = user.roles as Role[];
  const actorUnit = {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    kind: unit.kind as UnitKind,
    path: unit.path,
  };
  return {
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      mustChangePassword: false,
      restriction: null,
      sessionId: 'test',
      unit: actorUnit,
    },
    permissions: new Set(permissionsOf(roles)),
    scope: scopeFor(actorUnit),
    requestId: null,
    ip: null,
    now,
  };
}

export const XIUSHUI = `${COUNTY}100000`;
export const NANLOU = `${COUNTY}103000`;

export interface TestFirm {
  id: number;
  creditCode: string;
  name: string;
}

/** Registers firms 1..n (serials from `from`), alternating 秀水镇 and 南娄镇. */
export async function registerFirms(
  db: Db,
  ctx: RequestContext,
  unitId: (code: string) => Promise<number>,
  n: number,
  from = 1,
): Promise<TestFirm[]> {
  const out: TestFirm[] = [];
  for (let i = from; i < from + n; i++) {
    const creditCode = testCreditCode(i);
    const name = `盂县测试${i}号机械有限公司`;
    const e = await createEnterprise(
      db,
      ctx,
      enterpriseCreateSchema.parse({
        creditCode,
        name,
        legalForm: 'enterprise',
        industryCode: '3311',
        townshipId: await unitId(i % 2 ? XIUSHUI : NANLOU),
      }),
    );
    out.push({ id: e.id, creditCode, name });
  }
  return out;
}
