// 三权分立 without a back door: the security administrator can ask for an auditor account, a new
// password, a new second factor or a re-enabling, but nothing happens until the system administrator
// confirms — and sets the temporary password — so the security administrator never reads the trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.js';
import { Client, COUNTY, createTestEnv, PASSWORD, type TestEnv } from '../../test/harness.js';
import { resetPasswordFromConsole } from '../auth/auth.service.js';

let env: TestEnv;
let sec: Client;
let sys: Client;
let centreUnit: number;
const SECADMIN_KNOWS = 'Known@2024pass';
const SYSADMIN_SETS = 'Second@Person2024';

const canSignIn = async (username: string, password: string) =>
  (await new Client(env.app).request('POST', '/api/v1/auth/login', { username, password })).statusCode ===
  200;

beforeAll(async () => {
  env = await createTestEnv();
  sec = await Client.signIn(env.app, 'secadmin');
  sys = await Client.signIn(env.app, 'sysadmin');
  centreUnit = await env.unitId(`${COUNTY}C01`);
});
afterAll(() => env.close());

describe('auditor accounts need a second person', () => {
  it('a new auditor waits for the system administrator, who sets the password', async () => {
    const asked = await sec.post('/api/v1/users', {
      username: 'auditor2',
      displayName: '第二审计员',
      unitId: centreUnit,
      roles: ['auditor'],
      password: SECADMIN_KNOWS,
    });
    expect(asked.statusCode).toBe(202);
    const change = asked.json().pending;
    expect(change).toMatchObject({ kind: 'create', status: 'pending', needsPassword: true });
    expect(await canSignIn('auditor2', SECADMIN_KNOWS)).toBe(false);
    expect((await sec.get('/api/v1/users?q=auditor2')).json().total).toBe(0);

    // The security administrator cannot confirm, not even see the queue.
    expect(
      (await sec.post(`/api/v1/account-changes/${change.id}/confirm`, { password: SECADMIN_KNOWS }))
        .statusCode,
    ).toBe(403);
    expect((await sec.get('/api/v1/account-changes')).statusCode).toBe(403);
    const queue = (await sys.get('/api/v1/account-changes?status=pending')).json();
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(change.id);

    // The confirmation must carry the temporary password.
    const bare = await sys.post(`/api/v1/account-changes/${change.id}/confirm`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toMatch(/临时密码/);
    const ok = await sys.post(`/api/v1/account-changes/${change.id}/confirm`, { password: SYSADMIN_SETS });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('confirmed');
    expect(await canSignIn('auditor2', SECADMIN_KNOWS)).toBe(false);
    expect(await canSignIn('auditor2', SYSADMIN_SETS)).toBe(true);
    // Confirmed once only.
    expect(
      (await sys.post(`/api/v1/account-changes/${change.id}/confirm`, { password: SYSADMIN_SETS }))
        .statusCode,
    ).toBe(409);
  });

  it('resetting an auditor’s password or second factor waits too; the old password keeps working meanwhile', async () => {
    const auditor = (await sec.get('/api/v1/users?q=auditor&role=auditor'))
      .json()
      .items.find((u: { username: string }) => u.username === 'auditor');
    const reset = await sec.post(`/api/v1/users/${auditor.id}/reset-password`, { password: SECADMIN_KNOWS });
    expect(reset.statusCode).toBe(202);
    expect(await canSignIn('auditor', SECADMIN_KNOWS)).toBe(false);
    expect(await canSignIn('auditor', PASSWORD)).toBe(true);
    const totp = await sec.post(`/api/v1/users/${auditor.id}/reset-totp`);
    expect(totp.statusCode).toBe(202);
    expect(totp.json().pending.kind).toBe('reset_totp');

    // Rejected with a reason: nothing changes, and it cannot be confirmed afterwards.
    const rejected = await sys.post(`/api/v1/account-changes/${reset.json().pending.id}/reject`, {
      reason: '未经审计部门书面申请',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '未经审计部门书面申请' });
    expect(
      (
        await sys.post(`/api/v1/account-changes/${reset.json().pending.id}/confirm`, {
          password: SYSADMIN_SETS,
        })
      ).statusCode,
    ).toBe(409);
    expect(await canSignIn('auditor', PASSWORD)).toBe(true);
  });

  it('a user whose password the security administrator knows is not turned into an auditor', async () => {
    const mole = await sec.post('/api/v1/users', {
      username: 'mole',
      displayName: '内鬼',
      unitId: centreUnit,
      roles: ['centre'],
      password: SECADMIN_KNOWS,
    });
    expect(mole.statusCode).toBe(201);
    const grant = await sec.put(`/api/v1/users/${mole.json().id}`, {
      displayName: '内鬼',
      unitId: centreUnit,
      roles: ['auditor'],
      disabled: false,
    });
    expect(grant.statusCode).toBe(202);
    expect(grant.json().pending.kind).toBe('grant');
    const still = (await sec.get('/api/v1/users?q=mole')).json().items[0];
    expect(still.roles).toEqual(['centre']);

    // Confirmed: the role comes with a password the security administrator does not know.
    const ok = await sys.post(`/api/v1/account-changes/${grant.json().pending.id}/confirm`, {
      password: SYSADMIN_SETS,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await canSignIn('mole', SECADMIN_KNOWS)).toBe(false);
    const asAuditor = await Client.signIn(env.app, 'mole', SYSADMIN_SETS);
    expect((await asAuditor.get('/api/v1/me')).json().user.roles).toEqual(['auditor']);
  });

  it('disabling an auditor is immediate, re-enabling waits', async () => {
    const user = (await sec.get('/api/v1/users?q=auditor2')).json().items[0];
    const body = { displayName: user.displayName, unitId: user.unit.id, roles: ['auditor'] };
    expect((await sec.put(`/api/v1/users/${user.id}`, { ...body, disabled: true })).statusCode).toBe(200);
    const enable = await sec.put(`/api/v1/users/${user.id}`, { ...body, disabled: false });
    expect(enable.statusCode).toBe(202);
    expect(enable.json().pending).toMatchObject({ kind: 'enable', needsPassword: false });
    expect((await sec.get('/api/v1/users?q=auditor2')).json().items[0].disabled).toBe(true);
    expect(
      (await sys.post(`/api/v1/account-changes/${enable.json().pending.id}/confirm`, {})).statusCode,
    ).toBe(200);
    expect((await sec.get('/api/v1/users?q=auditor2')).json().items[0].disabled).toBe(false);
  });

  it('every step is in the trail, and the server’s command line may reset an auditor alone', async () => {
    const auditor = await Client.signIn(env.app, 'auditor');
    const actions = (await auditor.get('/api/v1/audit?action=user.pending&pageSize=100'))
      .json()
      .items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.pending.request', 'user.pending.confirm', 'user.pending.reject']),
    );
    await resetPasswordFromConsole(
      env.database.db,
      systemContext(env.clock.now()),
      'auditor2',
      'Console@2024reset',
    );
    expect(await canSignIn('auditor2', 'Console@2024reset')).toBe(true);
  });
});
