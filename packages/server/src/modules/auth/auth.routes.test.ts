import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../platform/auth/totp.js';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, PASSWORD, type TestEnv } from '../../test/harness.js';
import { putSetting } from '../settings/settings.service.js';

let env: TestEnv;
/** The security administrator, signed in afresh for each call (the tests move the clock past sessions). */
const sec = {
  get: async (url: string) => (await Client.signIn(env.app, 'secadmin')).get(url),
  post: async (url: string, body?: unknown) => (await Client.signIn(env.app, 'secadmin')).post(url, body),
  put: async (url: string, body?: unknown) => (await Client.signIn(env.app, 'secadmin')).put(url, body),
};
let xiushuiId: number;
let centreUnitId: number;
let serial = 0;

const MINUTE = 60_000;

async function newUser(roles: string[] = ['township'], unitId = xiushuiId) {
  const username = `user${serial++}`;
  const res = await sec.post('/api/v1/users', {
    username,
    displayName: username,
    unitId,
    roles,
    password: 'Initial@Pw2024',
  });
  if (!roles.includes('auditor')) {
    expect(res.statusCode, res.body).toBe(201);
    return { username, id: res.json().id as number, password: 'Initial@Pw2024' };
  }
  // An auditor account needs the system administrator's confirmation, who sets the password.
  expect(res.statusCode, res.body).toBe(202);
  const sys = await Client.signIn(env.app, 'sysadmin');
  const ok = await sys.post(`/api/v1/account-changes/${res.json().pending.id}/confirm`, {
    password: 'Initial@Pw2024',
  });
  expect(ok.statusCode, ok.body).toBe(200);
  return { username, id: ok.json().userId as number, password: 'Initial@Pw2024' };
}

async function signInAndChange(username: string, initial: string, next = 'Changed@Pw2024') {
  const c = await Client.signIn(env.app, username, initial);
  const r = await c.post('/api/v1/me/password', { currentPassword: initial, newPassword: next });
  expect(r.statusCode, r.body).toBe(204);
  return c;
}

beforeAll(async () => {
  env = await createTestEnv();
  xiushuiId = await env.unitId(`${COUNTY}100000`);
  centreUnitId = await env.unitId(`${COUNTY}C01`);
});
afterAll(() => env.close());

describe('sign-in', () => {
  it('locks an account after 5 wrong passwords for 15 minutes, then lets it in', async () => {
    const u = await newUser();
    for (let i = 0; i < 4; i++) {
      const r = await new Client(env.app).post('/api/v1/auth/login', {
        username: u.username,
        password: 'wrong',
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await new Client(env.app).post('/api/v1/auth/login', {
      username: u.username,
      password: 'wrong',
    });
    expect(fifth.statusCode).toBe(423);
    // Even the right password is refused while locked.
    const locked = await new Client(env.app).post('/api/v1/auth/login', {
      username: u.username,
      password: u.password,
    });
    expect(locked.statusCode).toBe(423);
    env.clock.advance(14 * MINUTE);
    expect(
      (await new Client(env.app).post('/api/v1/auth/login', { username: u.username, password: u.password }))
        .statusCode,
    ).toBe(423);
    env.clock.advance(2 * MINUTE);
    expect(
      (await new Client(env.app).post('/api/v1/auth/login', { username: u.username, password: u.password }))
        .statusCode,
    ).toBe(200);
    const audit = await Client.signIn(env.app, 'auditor');
    const trail = (await audit.get(`/api/v1/audit?action=auth.lockout`)).json();
    expect(trail.items.some((i: { entityId: string }) => i.entityId === String(u.id))).toBe(true);
  });

  it('ends a session after 30 idle minutes', async () => {
    const c = await Client.signIn(env.app, 'centre');
    env.clock.advance(29 * MINUTE);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    env.clock.advance(29 * MINUTE);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    env.clock.advance(31 * MINUTE);
    const res = await c.get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('超时');
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const c = await Client.signIn(env.app, 'centre');
    for (let i = 0; i < 47; i++) {
      env.clock.advance(15 * MINUTE);
      expect((await c.get('/api/v1/me')).statusCode, `after ${(i + 1) * 15} min`).toBe(200);
    }
    env.clock.advance(15 * MINUTE);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('forces a password change at first sign-in and after a reset', async () => {
    const u = await newUser();
    const c = await Client.signIn(env.app, u.username, u.password);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.restriction).toBe('password');
    const blocked = await c.get('/api/v1/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toContain('修改密码');
    const weak = await c.post('/api/v1/me/password', { currentPassword: u.password, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const containsName = await c.post('/api/v1/me/password', {
      currentPassword: u.password,
      newPassword: `Aa1!${u.username}x`,
    });
    expect(containsName.json().error.message).toContain('用户名');
    expect(
      (await c.post('/api/v1/me/password', { currentPassword: u.password, newPassword: 'Brand@New2024' }))
        .statusCode,
    ).toBe(204);
    expect((await c.get('/api/v1/enterprises')).statusCode).toBe(200);

    const reset = await sec.post(`/api/v1/users/${u.id}/reset-password`, { password: 'Temp@Reset2024' });
    expect(reset.statusCode, reset.body).toBe(200);
    // The reset ended the user's sessions.
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    const again = await Client.signIn(env.app, u.username, 'Temp@Reset2024');
    expect((await again.get('/api/v1/me')).json().restriction).toBe('password');
    expect((await again.get('/api/v1/enterprises')).statusCode).toBe(403);
  });

  it('expires passwords when a maximum age is set', async () => {
    const u = await newUser();
    const c = await signInAndChange(u.username, u.password);
    const current = (await sec.get('/api/v1/settings/security')).json();
    expect(
      (
        await sec.put('/api/v1/settings/security', {
          ...current,
          password: { ...current.password, maxAgeDays: 90 },
        })
      ).statusCode,
    ).toBe(200);
    env.clock.advance(91 * 24 * 60 * MINUTE);
    const fresh = await Client.signIn(env.app, u.username, 'Changed@Pw2024');
    expect((await fresh.get('/api/v1/me')).json().restriction).toBe('password');
    // Every password in this county has now expired, the administrator's too: restore the setting directly.
    await env.database.db.transaction((tx) =>
      putSetting(tx, systemContext(env.clock.now()), 'security', current),
    );
    expect((await fresh.get('/api/v1/me')).json().restriction).toBe(null);
    void c;
  });

  it('revokes every session of a user who is disabled or changes the password', async () => {
    const u = await newUser();
    const first = await signInAndChange(u.username, u.password);
    const second = await Client.signIn(env.app, u.username, 'Changed@Pw2024');
    expect(
      (
        await second.post('/api/v1/me/password', {
          currentPassword: 'Changed@Pw2024',
          newPassword: 'Third@Pw20245',
        })
      ).statusCode,
    ).toBe(204);
    expect((await first.get('/api/v1/me')).statusCode).toBe(401);
    expect((await second.get('/api/v1/me')).statusCode).toBe(200);
    const disable = await sec.put(`/api/v1/users/${u.id}`, {
      displayName: 'x',
      unitId: xiushuiId,
      roles: ['township'],
      disabled: true,
    });
    expect(disable.statusCode, disable.body).toBe(200);
    expect((await second.get('/api/v1/me')).statusCode).toBe(401);
    const refused = await new Client(env.app).post('/api/v1/auth/login', {
      username: u.username,
      password: 'Third@Pw20245',
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('停用');
  });

  it('signs out everywhere', async () => {
    const a = await Client.signIn(env.app, 'leader');
    const b = await Client.signIn(env.app, 'leader');
    expect((await a.get('/api/v1/me/sessions')).json().items.length).toBeGreaterThanOrEqual(2);
    expect((await a.post('/api/v1/me/sessions/revoke-all')).statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('limits sign-in attempts per address', async () => {
    const current = (await sec.get('/api/v1/settings/security')).json();
    expect(
      (await sec.put('/api/v1/settings/security', { ...current, loginRatePerMinute: 3 })).statusCode,
    ).toBe(200);
    env.clock.advance(MINUTE);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await new Client(env.app).post('/api/v1/auth/login', { username: 'nobody', password: 'x' }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    env.clock.advance(MINUTE);
    expect(
      (await new Client(env.app).post('/api/v1/auth/login', { username: 'nobody', password: 'x' }))
        .statusCode,
    ).toBe(401);
    await sec.put('/api/v1/settings/security', current);
  });

  it('requires TOTP for the administrator roles at level 3', async () => {
    const admin = await newUser(['auditor'], centreUnitId);
    const c = await signInAndChange(admin.username, admin.password);
    const current = (await sec.get('/api/v1/settings/security')).json();
    expect((await sec.put('/api/v1/settings/security', { ...current, level: 3 })).statusCode).toBe(200);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.restriction).toBe('totp');
    expect((await c.get('/api/v1/audit')).statusCode).toBe(403);
    const setup = await c.post('/api/v1/me/totp/setup');
    const { secret } = setup.json();
    expect(setup.json().uri).toContain('otpauth://totp/');
    expect((await c.post('/api/v1/me/totp/enable', { code: '000000' })).statusCode).toBe(400);
    expect(
      (await c.post('/api/v1/me/totp/enable', { code: totpCodeAt(secret, env.clock.now()) })).statusCode,
    ).toBe(204);
    expect((await c.get('/api/v1/audit')).statusCode).toBe(200);
    // From now on the second factor is needed to sign in.
    const noCode = await new Client(env.app).post('/api/v1/auth/login', {
      username: admin.username,
      password: 'Changed@Pw2024',
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.details[0].path).toBe('totp');
    const withCode = await new Client(env.app).post('/api/v1/auth/login', {
      username: admin.username,
      password: 'Changed@Pw2024',
      totp: totpCodeAt(secret, env.clock.now()),
    });
    expect(withCode.statusCode).toBe(200);
    // Work roles are not asked for a second factor.
    const township = await Client.signIn(env.app, 'xiushui', PASSWORD);
    expect((await township.get('/api/v1/me')).json().restriction).toBe(null);
    // The security administrator has no second factor either, so level 3 locks them out too: restore directly.
    expect((await sec.get('/api/v1/settings/security')).statusCode).toBe(403);
    await env.database.db.transaction((tx) =>
      putSetting(tx, systemContext(env.clock.now()), 'security', current),
    );
  });
});

describe('user administration', () => {
  it('keeps the three administrator roles apart and roles on fitting units', async () => {
    const both = await sec.post('/api/v1/users', {
      username: 'twohats',
      displayName: 'x',
      unitId: centreUnitId,
      roles: ['sysadmin', 'auditor'],
      password: 'Two@Hats2024',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('互斥');
    const mixed = await sec.post('/api/v1/users', {
      username: 'mixed',
      displayName: 'x',
      unitId: centreUnitId,
      roles: ['auditor', 'centre'],
      password: 'Mixed@Role2024',
    });
    expect(mixed.statusCode).toBe(400);
    const wrongUnit = await sec.post('/api/v1/users', {
      username: 'wrongunit',
      displayName: 'x',
      unitId: xiushuiId,
      roles: ['tax'],
      password: 'Wrong@Unit2024',
    });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error.details[0].path).toBe('roles');
  });

  it('refuses the security administrator changing their own roles', async () => {
    const admin = await Client.signIn(env.app, 'secadmin');
    const me = (await admin.get('/api/v1/me')).json();
    const res = await admin.put(`/api/v1/users/${me.user.id}`, {
      displayName: 'x',
      unitId: me.user.unit.id,
      roles: ['auditor'],
      disabled: false,
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses the first-administrator set-up once users exist', async () => {
    const res = await new Client(env.app).post('/api/v1/setup/first-admin', {
      username: 'intruder',
      displayName: 'x',
      password: 'Intr@der20245',
    });
    expect(res.statusCode).toBe(409);
  });
});
