/** A `next` target after sign-in: only a path on this site, never another origin (open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (typeof next !== 'string' || !/^\/(?![/\\])/.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

export function loginPath(current: string): string {
  return current && current !== '/' ? `/login?next=${encodeURIComponent(current)}` : '/login';
}
