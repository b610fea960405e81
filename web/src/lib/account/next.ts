/**
 * Where to go after signing in: the `?next=` path, only when it stays on this site. `//evil.example`
 * and `/\evil.example` are read by browsers as another host, so both are refused, as is anything
 * not starting with `/`.
 * @example safeNext('/app/users?lang=ru') // => '/app/users?lang=ru'; safeNext('//evil.example') // => '/app'
 */
export function safeNext(next: string | null, fallback = '/app'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  // Control characters (a tab or newline inside "/\t/evil") are dropped by URL parsers, which would make it "//evil".
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  const base = 'https://loyalty-lens.invalid';
  const url = new URL(next, base);
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `here` (a path with its query) afterwards. */
export function signInHref(here: string): string {
  return `/signin?next=${encodeURIComponent(here)}`;
}
