/**
 * Users of a company and one-time links, through HTTP on both databases: invite → link → signed in
 * with the role; password reset; links used twice or expired; bad input naming the field; the last
 * admin kept, also under two demotions at once; another company's user 404; other roles 403.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../api/src/accounts/password.js';
import type { Role } from '../api/src/accounts/permissions.js';
import { insertMembership, insertUser } from '../api/src/accounts/queries.js';
import { SESSION_COOKIE } from '../api/src/accounts/sessions.js';
import { secretHash } from '../api/src/accounts/tokens.js';
import { buildApp } from '../api/src/app.js';
import { insertCompany } from '../api/src/companies/queries.js';
import { loadConfig } from '../api/src/config.js';
import type { TestDatabase } from './databases.js';
import { describeEachDatabase, signedInMember } from './helper.js';

type Headers = Record<string, string>;

/** The app with the link rate limit off (one test turns it on), no web build, logging silent. */
async function appWith(database: TestDatabase, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    LINK_RATE_LIMIT_PER_MINUTE: '0',
    WEB_BUILD_DIR: path.join(os.tmpdir(), 'loyalty-lens-no-web-build'),
    ...env,
  });
  const app = await buildApp(config, { database });
  await app.ready();
  return app;
}

const tokenOf = (url: string) => {
  const token = /\/link\/([A-Za-z0-9_-]{43})$/.exec(url)?.[1];
  if (!token) throw new Error(`not a link URL: ${url}`);
  return token;
};

/** The session cookie a response set, as a Cookie header with a CSRF token. */
function sessionHeaders(response: { cookies: { name: string; value: string }[]; json(): { csrfToken: string } }): Headers {
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie was set');
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}

describeEachDatabase('users of a company and one-time links', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let admin: Headers;
  let adminId: string;

  beforeAll(async () => {
    const database = ctx.database();
    app = await appWith(database);
    companyId = await insertCompany(database.db, { name: 'Test Bakery' });
    const member = await signedInMember(database, companyId, 'admin');
    admin = member.headers;
    adminId = member.userId;
  });
  afterAll(async () => {
    await app?.close();
  });

  const invite = (email: string, role: string, headers: Headers = admin) =>
    app.inject({ method: 'POST', url: '/api/users', headers, payload: { email, role } });
  const newEmail = () => `person-${randomUUID()}@example.com`;

  /** An invited email that used its link with `password`; returns its user id and session. */
  async function joined(role: Role, password = 'a long enough password'): Promise<{ userId: string; email: string; headers: Headers }> {
    const email = newEmail();
    const token = tokenOf((await invite(email, role)).json().url);
    const used = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password } });
    expect(used.statusCode).toBe(200);
    return { userId: used.json().user.id, email, headers: sessionHeaders(used) };
  }

  async function auditActions(target: string) {
    const rows = await ctx
      .database()
      .db.selectFrom('audit_event')
      .select(['action', 'actor_id', 'details', 'address'])
      .where('company_id', '=', companyId)
      .where('target', '=', target)
      .orderBy('at')
      .execute();
    return rows;
  }

  it('invites a new email, whose link shows the invitation and then signs them in with the role given', async () => {
    const email = `New.Person-${randomUUID()}@Example.com`;
    const invited = await invite(email, 'analyst');
    expect(invited.statusCode).toBe(201);
    const { url, expiresAt } = invited.json();
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/link\/[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    const token = tokenOf(url);

    const list = (await app.inject({ url: '/api/users', headers: admin })).json();
    expect(list.invitations).toContainEqual({ email: email.toLowerCase(), role: 'analyst', expiresAt });

    const info = await app.inject({ url: `/api/links/${token}` });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ kind: 'invitation', email: email.toLowerCase(), companyName: 'Test Bakery', role: 'analyst', hasAccount: false, expiresAt });

    const used = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password', name: 'Nia' } });
    expect(used.statusCode).toBe(200);
    expect(used.json().user).toMatchObject({ email: email.toLowerCase(), name: 'Nia' });
    expect(used.json().company).toEqual({ id: companyId, name: 'Test Bakery', role: 'analyst' });
    expect(used.json().permissions).toContain('surveys:write');
    expect(used.json().permissions).not.toContain('users:manage');
    const session = sessionHeaders(used);
    expect((await app.inject({ url: '/api/session', headers: session })).json().company.role).toBe('analyst');
    expect((await app.inject({ url: '/api/users', headers: session })).statusCode).toBe(403);

    const after = (await app.inject({ url: '/api/users', headers: admin })).json();
    expect(after.members).toContainEqual(expect.objectContaining({ email: email.toLowerCase(), role: 'analyst', name: 'Nia' }));
    expect(after.invitations.map((pending: { email: string }) => pending.email)).not.toContain(email.toLowerCase());

    const stored = await ctx.database().db.selectFrom('one_time_link').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).toContain(secretHash(token));
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const audit = await auditActions(`user:${email.toLowerCase()}`);
    expect(audit.map((row) => row.action)).toEqual(['member_invited', 'member_joined']);
    expect(audit[0]).toMatchObject({ actor_id: adminId, details: { role: 'analyst' }, address: '127.0.0.1' });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain('a long enough password');
  });

  it('lets a person with an account in another company join with their existing password, not a new one', async () => {
    const { db } = ctx.database();
    const elsewhere = await insertCompany(db, { name: 'Other Roastery' });
    const email = newEmail();
    const userId = await insertUser(db, { email, name: null, passwordHash: await hashPassword('existing password 1') });
    await insertMembership(db, { companyId: elsewhere, userId, role: 'admin' });

    const token = tokenOf((await invite(email, 'manager')).json().url);
    expect((await app.inject({ url: `/api/links/${token}` })).json()).toMatchObject({ hasAccount: true, role: 'manager' });

    const wrong = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'some new password 2' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.fields[0].path).toBe('/password');
    expect((await app.inject({ url: `/api/links/${token}` })).statusCode).toBe(200);

    const used = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'existing password 1' } });
    expect(used.statusCode).toBe(200);
    expect(used.json().user.id).toBe(userId);
    expect(used.json().company).toEqual({ id: companyId, name: 'Test Bakery', role: 'manager' });
    expect(used.json().companies).toHaveLength(2);
  });

  it('answers 410 LINK_INVALID to a link used a second time', async () => {
    const token = tokenOf((await invite(newEmail(), 'manager')).json().url);
    const first = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password' } });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password' } });
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe('LINK_INVALID');
    expect((await app.inject({ url: `/api/links/${token}` })).statusCode).toBe(410);
  });

  it('lets only one of two requests using the same link at once succeed', async () => {
    const token = tokenOf((await invite(newEmail(), 'manager')).json().url);
    const use = () => app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password' } });
    const statuses = (await Promise.all([use(), use()])).map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 410]);
  });

  it('answers 410 LINK_INVALID to an expired link and to an unknown one', async () => {
    const token = tokenOf((await invite(newEmail(), 'analyst')).json().url);
    await ctx
      .database()
      .db.updateTable('one_time_link')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('token_hash', '=', secretHash(token))
      .execute();
    expect((await app.inject({ url: `/api/links/${token}` })).statusCode).toBe(410);
    const used = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password' } });
    expect(used.statusCode).toBe(410);
    expect(used.json().error.code).toBe('LINK_INVALID');
    const unknown = await app.inject({ url: `/api/links/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(410);
  });

  it('refuses to invite a member again: 409 ALREADY_MEMBER naming /email', async () => {
    const member = await signedInMember(ctx.database(), companyId, 'manager');
    const again = await invite(member.email.toUpperCase(), 'analyst');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ALREADY_MEMBER', fields: [{ path: '/email' }] });
  });

  it('refuses a malformed email naming /email and an unknown role naming /role', async () => {
    const badEmail = await invite('not-an-email', 'analyst');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.code).toBe('VALIDATION_FAILED');
    expect(badEmail.json().error.fields.map((field: { path: string }) => field.path)).toContain('/email');
    const badRole = await invite(newEmail(), 'owner');
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields.map((field: { path: string }) => field.path)).toContain('/role');
    const patch = await app.inject({ method: 'PATCH', url: `/api/users/${adminId}`, headers: admin, payload: { role: 'root' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields.map((field: { path: string }) => field.path)).toContain('/role');
  });

  it('refuses a 2 KB or a short password with WEAK_PASSWORD naming /password, and keeps the link usable', async () => {
    const token = tokenOf((await invite(newEmail(), 'analyst')).json().url);
    const long = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'x'.repeat(2048) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'WEAK_PASSWORD', fields: [{ path: '/password', code: 'TOO_LONG' }] });
    const short = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'short' } });
    expect(short.json().error).toMatchObject({ code: 'WEAK_PASSWORD', fields: [{ path: '/password', code: 'TOO_SHORT' }] });
    expect((await app.inject({ url: `/api/links/${token}` })).statusCode).toBe(200);
  });

  it('resets a password: the old one fails, the new one works, the sessions from before end', async () => {
    const person = await joined('analyst', 'first password 123');
    const signIn = (password: string) => app.inject({ method: 'POST', url: '/api/session', payload: { email: person.email, password } });
    const before = sessionHeaders(await signIn('first password 123'));

    const created = await app.inject({ method: 'POST', url: `/api/users/${person.userId}/password-reset`, headers: admin });
    expect(created.statusCode).toBe(201);
    const minutes = (Date.parse(created.json().expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThan(61);
    const token = tokenOf(created.json().url);
    expect((await app.inject({ url: `/api/links/${token}` })).json()).toMatchObject({ kind: 'password_reset', email: person.email, hasAccount: true });

    const used = await app.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'second password 456' } });
    expect(used.statusCode).toBe(200);
    expect(used.json().company.role).toBe('analyst');
    expect((await app.inject({ url: '/api/session', headers: before })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/session', headers: person.headers })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/session', headers: sessionHeaders(used) })).statusCode).toBe(200);

    expect((await signIn('first password 123')).statusCode).toBe(401);
    expect((await signIn('second password 456')).statusCode).toBe(200);
    const actions = (await auditActions(`user:${person.email}`)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['password_reset_link_created', 'password_reset']));
    expect(JSON.stringify(await auditActions(`user:${person.email}`))).not.toContain('second password 456');
  });

  it('refuses a reset link for a member who also works for another company (409 RESET_NOT_ALLOWED): they change it themselves', async () => {
    const person = await joined('analyst', 'first password 123');
    const elsewhere = await insertCompany(ctx.database().db, { name: 'Other Bakery' });
    await ctx.database().db.insertInto('membership').values({ company_id: elsewhere, user_id: person.userId, role: 'admin' }).execute();
    const refused = await app.inject({ method: 'POST', url: `/api/users/${person.userId}/password-reset`, headers: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('RESET_NOT_ALLOWED');

    const other = sessionHeaders(await app.inject({ method: 'POST', url: '/api/session', payload: { email: person.email, password: 'first password 123' } }));
    const change = (currentPassword: string, newPassword: string) =>
      app.inject({ method: 'PUT', url: '/api/session/password', headers: person.headers, payload: { currentPassword, newPassword } });
    const wrong = await change('not my password!', 'second password 456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.fields[0].path).toBe('/currentPassword');
    expect((await change('first password 123', 'short')).json().error.fields[0].path).toBe('/newPassword');
    expect((await change('first password 123', 'second password 456')).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/session', headers: person.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/session', headers: other })).statusCode).toBe(401);
    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: person.email, password: 'second password 456' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('changes a role and removes a member, whose session then no longer works in this company', async () => {
    const member = await signedInMember(ctx.database(), companyId, 'manager');
    const changed = await app.inject({ method: 'PATCH', url: `/api/users/${member.userId}`, headers: admin, payload: { role: 'analyst' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ userId: member.userId, email: member.email, role: 'analyst' });
    expect((await app.inject({ url: '/api/surveys', headers: member.headers })).statusCode).toBe(200);

    const removed = await app.inject({ method: 'DELETE', url: `/api/users/${member.userId}`, headers: admin });
    expect(removed.statusCode).toBe(204);
    const refused = await app.inject({ url: '/api/surveys', headers: member.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NO_COMPANY');
    const list = (await app.inject({ url: '/api/users', headers: admin })).json();
    expect(list.members.map((listed: { userId: string }) => listed.userId)).not.toContain(member.userId);
    const actions = await auditActions(`user:${member.email}`);
    expect(actions.map((row) => row.action)).toEqual(['member_role_changed', 'member_removed']);
    expect(actions[0]!.details).toEqual({ from: 'manager', to: 'analyst' });
  });

  it('refuses to demote or remove the last admin: 409 LAST_ADMIN', async () => {
    const { db } = ctx.database();
    const alone = await insertCompany(db, { name: 'One Admin Ltd' });
    const only = await signedInMember(ctx.database(), alone, 'admin');
    const demote = await app.inject({ method: 'PATCH', url: `/api/users/${only.userId}`, headers: only.headers, payload: { role: 'analyst' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'LAST_ADMIN', fields: [{ path: '/role' }] });
    const remove = await app.inject({ method: 'DELETE', url: `/api/users/${only.userId}`, headers: only.headers });
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error).toMatchObject({ code: 'LAST_ADMIN', fields: [{ path: '/params/userId' }] });
    const keep = await app.inject({ method: 'PATCH', url: `/api/users/${only.userId}`, headers: only.headers, payload: { role: 'admin' } });
    expect(keep.statusCode).toBe(200);
    const role = await db.selectFrom('membership').select('role').where('company_id', '=', alone).where('user_id', '=', only.userId).executeTakeFirstOrThrow();
    expect(role.role).toBe('admin');
  });

  it('leaves at least one admin when two admins demote each other at the same time', async () => {
    const { db } = ctx.database();
    for (let round = 0; round < 5; round++) {
      const pair = await insertCompany(db, { name: `Two Admins ${round}` });
      const first = await signedInMember(ctx.database(), pair, 'admin');
      const second = await signedInMember(ctx.database(), pair, 'admin');
      const demote = (by: Headers, userId: string) => app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: by, payload: { role: 'manager' } });
      const statuses = (await Promise.all([demote(first.headers, second.userId), demote(second.headers, first.userId)])).map((response) => response.statusCode);
      expect(statuses).toContain(200);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      const admins = await db.selectFrom('membership').select('user_id').where('company_id', '=', pair).where('role', '=', 'admin').execute();
      expect(admins).toHaveLength(1);
    }
  });

  it("answers 404 USER_NOT_FOUND for another company's user and for an unknown id", async () => {
    const { db } = ctx.database();
    const other = await insertCompany(db, { name: 'Elsewhere' });
    const stranger = await signedInMember(ctx.database(), other, 'analyst');
    for (const userId of [stranger.userId, randomUUID()]) {
      const calls = [
        app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: admin, payload: { role: 'manager' } }),
        app.inject({ method: 'DELETE', url: `/api/users/${userId}`, headers: admin }),
        app.inject({ method: 'POST', url: `/api/users/${userId}/password-reset`, headers: admin }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('USER_NOT_FOUND');
      }
    }
    const still = await db.selectFrom('membership').select('role').where('user_id', '=', stranger.userId).executeTakeFirstOrThrow();
    expect(still.role).toBe('analyst');
  });

  it('refuses analysts and managers (403) and anonymous callers (401) on every users route', async () => {
    const target = await signedInMember(ctx.database(), companyId, 'manager');
    const routes = [
      { method: 'GET' as const, url: '/api/users' },
      { method: 'POST' as const, url: '/api/users', payload: { email: newEmail(), role: 'analyst' } },
      { method: 'PATCH' as const, url: `/api/users/${target.userId}`, payload: { role: 'admin' } },
      { method: 'DELETE' as const, url: `/api/users/${target.userId}` },
      { method: 'POST' as const, url: `/api/users/${target.userId}/password-reset` },
    ];
    for (const role of ['analyst', 'manager'] as const) {
      const caller = await signedInMember(ctx.database(), companyId, role);
      for (const route of routes) {
        const response = await app.inject({ ...route, headers: caller.headers });
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
    for (const route of routes) expect((await app.inject(route)).statusCode, `${route.method} ${route.url}`).toBe(401);
    const role = await ctx.database().db.selectFrom('membership').select('role').where('user_id', '=', target.userId).executeTakeFirstOrThrow();
    expect(role.role).toBe('manager');
  });

  it('builds link URLs on PUBLIC_URL when set, and limits link requests per address', async () => {
    const limited = await appWith(ctx.database(), { PUBLIC_URL: 'https://lens.example.com', LINK_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const invited = await limited.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email: newEmail(), role: 'manager' } });
      expect(invited.json().url).toMatch(/^https:\/\/lens\.example\.com\/link\/[A-Za-z0-9_-]{43}$/);
      const token = tokenOf(invited.json().url);
      const statuses: number[] = [];
      for (let call = 0; call < 4; call++) statuses.push((await limited.inject({ url: `/api/links/${token}` })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const used = await limited.inject({ method: 'POST', url: `/api/links/${token}`, payload: { password: 'a long enough password' } });
      expect(used.statusCode).toBe(429);
      expect(used.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
