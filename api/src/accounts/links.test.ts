import { describe, expect, it } from 'vitest';
import { linkUrl, withoutLinkTokens } from './links.js';
import { newSecret } from './tokens.js';

describe('one-time link URLs', () => {
  it('puts the token under /link/ of the base address, with or without a trailing slash', () => {
    expect(linkUrl('https://lens.example.com', 'abc')).toBe('https://lens.example.com/link/abc');
    expect(linkUrl('https://lens.example.com/', 'abc')).toBe('https://lens.example.com/link/abc');
  });

  it('hides link tokens in logged URLs of the API and of the web page, and nothing else', () => {
    const token = newSecret();
    expect(withoutLinkTokens(`/api/links/${token}`)).toBe('/api/links/[token]');
    expect(withoutLinkTokens(`/link/${token}?from=mail`)).toBe('/link/[token]?from=mail');
    expect(withoutLinkTokens('/api/users/d0000000-0000-4000-8000-000000000001')).toBe('/api/users/d0000000-0000-4000-8000-000000000001');
  });
});
