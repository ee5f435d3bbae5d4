// Direct API calls for test set-up (finding ids); the behaviour under test goes through the browser.
export async function apiSession(baseUrl: string, username: string, password = 'Shenggui@2024') {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const cookie = cookies.join('; ');
  const csrf = cookies.find((c) => c?.startsWith('sg_csrf='))?.slice('sg_csrf='.length) ?? '';
  return {
    get: async <T>(path: string): Promise<T> => {
      const r = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
      return (await r.json()) as T;
    },
    post: async <T>(path: string, body: unknown): Promise<T> => {
      const r = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
