import { describe, expect, it } from 'vitest';
import { safeNext, signInHref } from './next.js';

describe('the next= path after signing in', () => {
  it.each(['/app', '/app/users?lang=ru', '/app/audit?action=export&cursor=abc#top', '/'])('keeps the same-site path %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });

  it.each([
    null,
    '',
    'app/users',
    '//evil.example/app',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/app',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
  ])('refuses %j and goes to the dashboard', (path) => {
    expect(safeNext(path)).toBe('/app');
  });

  it('round-trips a path with a query through the sign-in address', () => {
    const href = signInHref('/app/audit?action=export&from=2026-11-01');
    expect(safeNext(new URL(href, 'https://x.invalid').searchParams.get('next'))).toBe('/app/audit?action=export&from=2026-11-01');
  });
});
