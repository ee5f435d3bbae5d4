// A second user of a unit, made through the security administrator's API: whoever prepares a declaration
// never passes its review (docs/api.md, 入库申报), so a township or department needs a second person to review.
import { apiSession } from './api.js';

export const REVIEWER_PASSWORD = 'Review@Pass2024';

/** Creates `username` in the unit named `unitName` with `role` and sets its own password (first sign-in). */
export async function createReviewer(
  baseUrl: string,
  username: string,
  unitName: string,
  role: 'township' | 'department',
): Promise<void> {
  const sec = await apiSession(baseUrl, 'anquan');
  const units = await sec.get<{ items: { id: number; name: string }[] }>('/api/v1/org/units');
  const unit = units.items.find((u) => u.name === unitName);
  if (!unit) throw new Error(`no unit ${unitName}`);
  const initial = 'Temp@Pass2024';
  await sec.post('/api/v1/users', {
    username,
    displayName: `${unitName}审核人`,
    unitId: unit.id,
    roles: [role],
    password: initial,
  });
  // The password change answers 204 (no body): a plain request with the new user's cookies.
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: initial }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('sg_csrf='))?.slice('sg_csrf='.length) ?? '';
  const changed = await fetch(`${baseUrl}/api/v1/me/password`, {
    method: 'POST',
    headers: { cookie: cookies.join('; '), 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ currentPassword: initial, newPassword: REVIEWER_PASSWORD }),
  });
  if (changed.status !== 204)
    throw new Error(`password of ${username}: ${changed.status} ${await changed.text()}`);
}
