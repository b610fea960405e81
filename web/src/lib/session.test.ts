import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from './api.js';
import { getCompany, inviteMember, isSignedIn, listApiKeys, listAudit, listMembers, onSessionEnded, rememberSession, renameCompany, signIn, signOut } from './session.js';

interface Sent {
  path: string;
  method: string;
  headers: Record<string, string>;
}

/** A fetch that answers each call with the next of `answers` and records what was sent. */
function scripted(answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const sent: Sent[] = [];
  const fetchFn = (async (path: string, init: RequestInit = {}) => {
    sent.push({ path, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string> });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  }) as unknown as typeof fetch;
  return { fetchFn, sent };
}

function session(csrfToken: string, companyId = '00000000-0000-4000-8000-000000000001'): Session {
  const company = { id: companyId, name: 'Demo Coffee', role: 'admin' as const };
  return {
    user: { id: '00000000-0000-4000-8000-0000000000aa', email: 'ana@example.com', name: null },
    companies: [company],
    company,
    permissions: ['users:manage'],
    csrfToken,
    expiresAt: '2026-12-08T00:00:00.000Z',
  };
}

const ended = { status: 401, body: { error: { code: 'SESSION_EXPIRED', message: 'Sign in again.', fields: [] } } };

describe('API client in a session', () => {
  afterEach(() => rememberSession(null));

  it('sends the CSRF token on state-changing requests only, and the company on every request', async () => {
    rememberSession(session('token-1'));
    const { fetchFn, sent } = scripted([{ status: 200, body: { members: [], invitations: [] } }, { status: 201, body: { url: 'u', expiresAt: 'e' } }]);
    await listMembers(fetchFn);
    await inviteMember(fetchFn, 'bo@example.com', 'analyst');
    expect(sent[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(sent[0]?.headers['x-company-id']).toBe('00000000-0000-4000-8000-000000000001');
    expect(sent[1]).toMatchObject({ method: 'POST', headers: { 'x-csrf-token': 'token-1', 'content-type': 'application/json' } });
  });

  it('keeps the token and company of the session a sign-in answers, and forgets them on sign-out', async () => {
    const { fetchFn, sent } = scripted([{ status: 200, body: session('token-2') }, { status: 204 }, { status: 200, body: { apiKeys: [] } }]);
    await signIn(fetchFn, { email: 'ana@example.com', password: 'correct horse battery' });
    expect(sent[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(isSignedIn()).toBe(true);
    await signOut(fetchFn, true);
    expect(sent[1]).toMatchObject({ path: '/api/sessions', method: 'DELETE', headers: { 'x-csrf-token': 'token-2' } });
    expect(isSignedIn()).toBe(false);
    await listApiKeys(fetchFn);
    expect(sent[2]?.headers).not.toHaveProperty('x-company-id');
  });

  it('asks to sign in again on a 401 while signed in, then sends the call again with the new token', async () => {
    rememberSession(session('old'));
    const { fetchFn, sent } = scripted([ended, { status: 200, body: { id: 'c', name: 'New name', createdAt: 'x' } }]);
    let asked = 0;
    const off = onSessionEnded(async () => {
      asked += 1;
      rememberSession(session('new'));
    });
    expect(await renameCompany(fetchFn, 'New name')).toMatchObject({ name: 'New name' });
    off();
    expect(asked).toBe(1);
    expect(sent.map((s) => s.headers['x-csrf-token'])).toEqual(['old', 'new']);
  });

  it('shows one dialog for calls that fail together', async () => {
    rememberSession(session('old'));
    const { fetchFn } = scripted([ended, ended, { status: 200, body: { apiKeys: [] } }, { status: 200, body: { apiKeys: [] } }]);
    let asked = 0;
    let signedInAgain: () => void = () => {};
    const off = onSessionEnded(() => {
      asked += 1;
      return new Promise<void>((resolve) => (signedInAgain = resolve));
    });
    const both = Promise.all([listApiKeys(fetchFn), listApiKeys(fetchFn)]);
    await vi.waitFor(() => expect(asked).toBe(1));
    signedInAgain();
    expect(await both).toEqual([[], []]);
    expect(asked).toBe(1);
    off();
  });

  it('does not ask when nobody was signed in, nor for a wrong password', async () => {
    const handler = vi.fn(async () => {});
    const off = onSessionEnded(handler);
    const { fetchFn } = scripted([ended, { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'm', fields: [] } } }]);
    await expect(listMembers(fetchFn)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    rememberSession(session('t'));
    await expect(signIn(fetchFn, { email: 'a@b.cd', password: 'x' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(handler).not.toHaveBeenCalled();
    off();
  });

  it('fails the call with the 401 when the person leaves instead of signing in', async () => {
    rememberSession(session('t'));
    const off = onSessionEnded(async () => {
      throw new Error('left');
    });
    await expect(getCompany(scripted([ended]).fetchFn)).rejects.toThrow('left');
    off();
  });

  it('reads Retry-After of a sign-in limit in seconds', async () => {
    const limited = { status: 429, headers: { 'retry-after': '600' }, body: { error: { code: 'SIGN_IN_LIMITED', message: 'm', fields: [] } } };
    await expect(signIn(scripted([limited]).fetchFn, { email: 'a@b.cd', password: 'x' })).rejects.toMatchObject({ retryAfterSeconds: 600 });
  });

  it('puts the audit filter into the query, leaving out what is not set', async () => {
    rememberSession(session('t'));
    const { fetchFn, sent } = scripted([{ status: 200, body: { entries: [], nextCursor: null } }]);
    await listAudit(fetchFn, { action: 'export', cursor: 'c1', from: undefined });
    expect(sent[0]?.path).toBe('/api/audit?action=export&cursor=c1');
  });
});
