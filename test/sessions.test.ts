/**
 * Sessions through HTTP with real sign-ins: the cookie's flags, a new session id at sign-in, CSRF,
 * one answer for an unknown email and a wrong password, the sign-in limits, idle and absolute expiry,
 * signing out here and everywhere, and the company a session may act for.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../api/src/accounts/password.js';
import type { Role } from '../api/src/accounts/permissions.js';
import { insertMembership, insertUser } from '../api/src/accounts/queries.js';
import { SESSION_COOKIE } from '../api/src/accounts/sessions.js';
import { secretHash } from '../api/src/accounts/tokens.js';
import { insertCompany } from '../api/src/companies/queries.js';
import { shortTemplate } from '../api/src/model/template.js';
import type { TestDatabase } from './databases.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';

const PASSWORD = 'correct horse battery staple';

/** A user with PASSWORD, member of the company with the role. */
async function member(database: TestDatabase, companyId: string, role: Role): Promise<string> {
  const email = `${role}-${randomUUID()}@example.com`;
  const userId = await insertUser(database.db, { email, name: null, passwordHash: await hashPassword(PASSWORD) });
  await insertMembership(database.db, { companyId, userId, role });
  return email;
}

function signIn(app: FastifyInstance, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, headers });
}

/** The session cookie a response set, with its attributes. */
function sessionCookie(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(response.headers['set-cookie'])}`);
  return cookie;
}

/** Signs in and returns the headers of the new session: its cookie and CSRF token. */
async function signedIn(app: FastifyInstance, email: string): Promise<{ token: string; headers: { cookie: string; 'x-csrf-token': string } }> {
  const response = await signIn(app, email);
  expect(response.statusCode, response.body).toBe(200);
  const token = sessionCookie(response).value;
  return { token, headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': response.json().csrfToken } };
}

function whoAmI(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({ method: 'GET', url: '/api/session', headers });
}

describeEachDatabase('sessions', (context) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;

  beforeAll(async () => {
    app = await buildTestApp(context.database(), {
      env: { TRUST_PROXY: '1', SIGN_IN_LIMIT_PER_ACCOUNT: '3', SIGN_IN_LIMIT_PER_ADDRESS: '1000' },
    });
    ({ companyId, surveyId } = await createSurvey(context.database(), shortTemplate(), { companyName: 'Own Bakery' }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure only over HTTPS, and never puts the token in the body', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const overHttp = await signIn(app, email);
    expect(overHttp.statusCode, overHttp.body).toBe(200);
    const cookie = sessionCookie(overHttp);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(overHttp.body).not.toContain(cookie.value);
    expect(overHttp.json()).toMatchObject({ user: { email }, company: { id: companyId, role: 'analyst' } });

    const overHttps = await signIn(app, email, PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(overHttps.statusCode, overHttps.body).toBe(200);
    expect(sessionCookie(overHttps)).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
  });

  it('gives a new session id at sign-in and ends the one the request came with', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const before = await signedIn(app, email);
    const again = await signIn(app, email, PASSWORD, { cookie: before.headers.cookie });
    expect(again.statusCode, again.body).toBe(200);
    const after = sessionCookie(again).value;
    expect(after).not.toBe(before.token);
    expect((await whoAmI(app, before.headers)).json().error.code).toBe('SESSION_EXPIRED');
    expect((await whoAmI(app, { cookie: `${SESSION_COOKIE}=${after}` })).statusCode).toBe(200);

    const planted = 'planted-by-someone-else-0123456789abcdefghij';
    const fromPlanted = await signIn(app, email, PASSWORD, { cookie: `${SESSION_COOKIE}=${planted}` });
    expect(sessionCookie(fromPlanted).value).not.toBe(planted);
  });

  it('refuses a cookie-authenticated change without or with a wrong X-CSRF-Token, and takes the right one', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const { headers } = await signedIn(app, email);
    const switchCompany = (sent: Record<string, string>) =>
      app.inject({ method: 'PUT', url: '/api/session/company', payload: { companyId }, headers: sent });

    const without = await switchCompany({ cookie: headers.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_REJECTED');
    const wrong = await switchCompany({ cookie: headers.cookie, 'x-csrf-token': `${headers['x-csrf-token'].slice(0, -1)}x` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CSRF_REJECTED');
    const signOutWithout = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: headers.cookie } });
    expect(signOutWithout.json().error.code).toBe('CSRF_REJECTED');
    expect((await whoAmI(app, { cookie: headers.cookie })).statusCode).toBe(200);

    const right = await switchCompany(headers);
    expect(right.statusCode, right.body).toBe(200);
    expect((await whoAmI(app, { cookie: headers.cookie })).statusCode).toBe(200);
  });

  it('asks no CSRF token of a GET or of an API key', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const { headers } = await signedIn(app, email);
    const list = await app.inject({ method: 'GET', url: '/api/surveys', headers: { cookie: headers.cookie } });
    expect(list.statusCode, list.body).toBe(200);

    const key = await apiKeyHeaders(context.database(), companyId);
    const report = await app.inject({ method: 'GET', url: `/api/surveys/${surveyId}/summary`, headers: key });
    expect(report.statusCode, report.body).toBe(200);
    // A state change by an API key is judged by its access (sessions are for people), not by CSRF.
    const byKey = await app.inject({ method: 'DELETE', url: '/api/session', headers: key });
    expect(byKey.statusCode).toBe(403);
    expect(byKey.json().error.code).toBe('FORBIDDEN');
  });

  it('answers a wrong password and an unknown email with the same 401 INVALID_CREDENTIALS', async () => {
    const email = await member(context.database(), companyId, 'manager');
    const wrongPassword = await signIn(app, email, 'not the password at all');
    const unknownEmail = await signIn(app, `nobody-${randomUUID()}@example.com`, 'not the password at all');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an account after 3 failed sign-ins with 429 SIGN_IN_LIMITED, Retry-After and the minutes to wait', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const failed = await signIn(app, email, `wrong password ${attempt}`);
      expect(failed.statusCode, `attempt ${attempt}: ${failed.body}`).toBe(401);
    }
    const fourth = await signIn(app, email, 'wrong password 4');
    expect(fourth.statusCode, fourth.body).toBe(429);
    expect(fourth.json().error.code).toBe('SIGN_IN_LIMITED');
    expect(fourth.json().error.message).toMatch(/try again in \d+ minutes?/);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    const rightPassword = await signIn(app, email.toUpperCase());
    expect(rightPassword.statusCode).toBe(429);

    const other = await member(context.database(), companyId, 'analyst');
    expect((await signIn(app, other)).statusCode).toBe(200);
  });

  it('refuses an address after its sign-in attempts, whatever the accounts, and not another address', async () => {
    const limited = await buildTestApp(context.database(), {
      env: { TRUST_PROXY: '1', SIGN_IN_LIMIT_PER_ACCOUNT: '100', SIGN_IN_LIMIT_PER_ADDRESS: '3' },
    });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': address });
      for (let attempt = 1; attempt <= 3; attempt++) {
        const failed = await signIn(limited, `someone-${attempt}@example.com`, 'wrong password!', from('203.0.113.7'));
        expect(failed.statusCode, failed.body).toBe(401);
      }
      const fourth = await signIn(limited, 'someone-4@example.com', 'wrong password!', from('203.0.113.7'));
      expect(fourth.statusCode, fourth.body).toBe(429);
      expect(fourth.json().error.code).toBe('SIGN_IN_LIMITED');
      expect(fourth.json().error.message).toMatch(/minute/);
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
      const elsewhere = await signIn(limited, 'someone-4@example.com', 'wrong password!', from('198.51.100.9'));
      expect(elsewhere.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('ends a session unused for 9 hours: 401 SESSION_EXPIRED and the row is gone', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const { token, headers } = await signedIn(app, email);
    const db = context.database().db;
    await sql`update session set last_seen_at = now() - interval '9 hours' where id_hash = ${secretHash(token)}`.execute(db);
    const response = await whoAmI(app, headers);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('SESSION_EXPIRED');
    expect(await db.selectFrom('session').select('id_hash').where('id_hash', '=', secretHash(token)).executeTakeFirst()).toBeUndefined();
  });

  it('ends a session past its absolute expiry even when used a moment ago', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const { token, headers } = await signedIn(app, email);
    const db = context.database().db;
    await sql`update session set expires_at = now() - interval '1 minute', last_seen_at = now() where id_hash = ${secretHash(token)}`.execute(db);
    const response = await whoAmI(app, headers);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('SESSION_EXPIRED');
    expect(await db.selectFrom('session').select('id_hash').where('id_hash', '=', secretHash(token)).executeTakeFirst()).toBeUndefined();
  });

  it('signs out this session with DELETE /api/session', async () => {
    const email = await member(context.database(), companyId, 'manager');
    const { headers } = await signedIn(app, email);
    const signOut = await app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(signOut.statusCode, signOut.body).toBe(204);
    expect(signOut.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value).toBe('');
    expect((await whoAmI(app, headers)).json().error.code).toBe('SESSION_EXPIRED');
  });

  it("signs out every session of the user with DELETE /api/sessions, and not another user's", async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const first = await signedIn(app, email);
    const second = await signedIn(app, email);
    const someoneElse = await signedIn(app, await member(context.database(), companyId, 'analyst'));
    const everywhere = await app.inject({ method: 'DELETE', url: '/api/sessions', headers: first.headers });
    expect(everywhere.statusCode, everywhere.body).toBe(204);
    expect((await whoAmI(app, first.headers)).statusCode).toBe(401);
    expect((await whoAmI(app, second.headers)).json().error.code).toBe('SESSION_EXPIRED');
    expect((await whoAmI(app, someoneElse.headers)).statusCode).toBe(200);
  });

  it('refuses to switch to a company the user is not a member of: 403 NO_COMPANY naming /companyId', async () => {
    const otherCompany = await insertCompany(context.database().db, { name: 'Other Bakery' });
    const { headers } = await signedIn(app, await member(context.database(), companyId, 'admin'));
    const response = await app.inject({ method: 'PUT', url: '/api/session/company', payload: { companyId: otherCompany }, headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'NO_COMPANY', fields: [{ path: '/companyId' }] });
    expect((await whoAmI(app, headers)).json().company.id).toBe(companyId);
  });

  it("refuses X-Company-Id of a company the user is not a member of with 403, and answers another company's survey with 404", async () => {
    const other = await createSurvey(context.database(), shortTemplate(), { companyName: 'Other Bakery' });
    const { headers } = await signedIn(app, await member(context.database(), companyId, 'admin'));
    const asOther = await app.inject({ method: 'GET', url: '/api/surveys', headers: { ...headers, 'x-company-id': other.companyId } });
    expect(asOther.statusCode).toBe(403);
    expect(asOther.json().error.code).toBe('NO_COMPANY');

    for (const path of ['summary', 'report', 'export.csv']) {
      const own = await app.inject({ method: 'GET', url: `/api/surveys/${surveyId}/${path}`, headers });
      expect(own.statusCode, `${path}: ${own.body}`).toBe(200);
      const theirs = await app.inject({ method: 'GET', url: `/api/surveys/${other.surveyId}/${path}`, headers });
      expect(theirs.statusCode, `${path}: ${theirs.body}`).toBe(404);
      expect(theirs.json().error.code).toBe('SURVEY_NOT_FOUND');
    }
  });

  it('refuses a 2 KB password at sign-in with 400 WEAK_PASSWORD naming /password', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    const response = await signIn(app, email, 'p'.repeat(2048));
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'WEAK_PASSWORD', fields: [{ path: '/password' }] });
  });

  it('signs in a user of no company, who may then do nothing in one: 403 NO_COMPANY', async () => {
    const email = `nobody-yet-${randomUUID()}@example.com`;
    await insertUser(context.database().db, { email, name: null, passwordHash: await hashPassword(PASSWORD) });
    const response = await signIn(app, email);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ company: null, companies: [], permissions: [] });
    const cookie = `${SESSION_COOKIE}=${sessionCookie(response).value}`;
    const list = await app.inject({ method: 'GET', url: '/api/surveys', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('NO_COMPANY');
  });

  it('takes sign-in only as JSON, which a cross-site form cannot send (no sign-in CSRF)', async () => {
    const email = await member(context.database(), companyId, 'analyst');
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': contentType, origin: 'https://evil.example' },
        payload: contentType === 'text/plain' ? JSON.stringify({ email, password: PASSWORD }) : `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
      });
      expect(response.statusCode, contentType).toBe(415);
      expect(response.headers['set-cookie'], contentType).toBeUndefined();
      expect(response.headers['access-control-allow-origin'], contentType).toBeUndefined();
    }
  });

  it('refuses a malformed email with 400 naming /email', async () => {
    const response = await signIn(app, 'not-an-email');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([expect.objectContaining({ path: '/email' })]);
  });
});
