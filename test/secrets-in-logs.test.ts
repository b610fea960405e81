/**
 * Secrets never leave in the log or in an answer: passwords, session cookies, CSRF tokens and API keys
 * are searched for in the whole log (at trace level) of sign-ins good and bad, a session's requests and
 * an API key's, and no answer carries a stored hash.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../api/src/accounts/password.js';
import { insertMembership, insertUser } from '../api/src/accounts/queries.js';
import { SESSION_COOKIE } from '../api/src/accounts/sessions.js';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';

const PASSWORD = 'Ultra-secret passphrase 9f3kq';
const WRONG_PASSWORD = 'Mistyped secret passphrase 7xw2p';

describeEachDatabase('secrets in logs and answers', (context) => {
  let app: FastifyInstance;
  let log = '';
  const bodies: string[] = [];

  async function call(options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await app.inject(options);
    bodies.push(response.body);
    return response;
  }

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += String(chunk);
        done();
      },
    });
    app = await buildTestApp(context.database(), { env: { LOG_LEVEL: 'trace', SIGN_IN_LIMIT_PER_ACCOUNT: '1000' }, logStream: stream });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs no password, session cookie, CSRF token or API key, and answers no stored hash', async () => {
    const database = context.database();
    const { companyId, surveyId } = await createSurvey(database, shortTemplate());
    const email = `analyst-${randomUUID()}@example.com`;
    const userId = await insertUser(database.db, { email, name: 'Ana', passwordHash: await hashPassword(PASSWORD) });
    await insertMembership(database.db, { companyId, userId, role: 'admin' });

    const planted = 'planted-cookie-value-0123456789abcdefghijkl';
    const good = await call({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD }, headers: { cookie: `${SESSION_COOKIE}=${planted}` } });
    expect(good.statusCode, good.body).toBe(200);
    const token = good.cookies.find((cookie) => cookie.name === SESSION_COOKIE)!.value;
    const csrfToken: string = good.json().csrfToken;
    const session = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken };

    expect((await call({ method: 'POST', url: '/api/session', payload: { email, password: WRONG_PASSWORD } })).statusCode).toBe(401);
    const unknown = await call({ method: 'POST', url: '/api/session', payload: { email: `nobody-${randomUUID()}@example.com`, password: WRONG_PASSWORD } });
    expect(unknown.statusCode).toBe(401);
    expect((await call({ method: 'POST', url: '/api/session', payload: { email, password: `${WRONG_PASSWORD}${'!'.repeat(1100)}` } })).statusCode).toBe(400);
    expect((await call({ method: 'GET', url: '/api/session', headers: session })).statusCode).toBe(200);
    expect((await call({ method: 'PUT', url: '/api/session/company', payload: { companyId }, headers: session })).statusCode).toBe(200);
    expect((await call({ method: 'PUT', url: '/api/session/company', payload: { companyId }, headers: { cookie: session.cookie, 'x-csrf-token': 'wrong' } })).statusCode).toBe(403);

    const { authorization } = await apiKeyHeaders(database, companyId, ['reports:read']);
    const apiKey = authorization.slice('Bearer '.length);
    const apiKeySecret = apiKey.slice(apiKey.lastIndexOf('_') + 1);
    expect((await call({ method: 'GET', url: `/api/surveys/${surveyId}/summary`, headers: { authorization } })).statusCode).toBe(200);
    const forged = `${apiKey.slice(0, -4)}AAAA`;
    expect((await call({ method: 'GET', url: `/api/surveys/${surveyId}/summary`, headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
    expect((await call({ method: 'GET', url: '/api/surveys', headers: { authorization } })).statusCode).toBe(200);
    expect((await call({ method: 'DELETE', url: '/api/session', headers: session })).statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/api/session', headers: session })).statusCode).toBe(401);

    // The capture works: every request above is in it, with its URL.
    expect(log).toContain('"url":"/api/session"');
    expect(log).toContain(`/api/surveys/${surveyId}/summary`);
    expect(log).toContain('sign-in refused');

    for (const [name, secret] of Object.entries({ PASSWORD, WRONG_PASSWORD, token, planted, csrfToken, apiKey, apiKeySecret, forged })) {
      expect(log.includes(secret), `${name} is in the log`).toBe(false);
    }
    const stored = await database.db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    const keyRow = await database.db.selectFrom('api_key').select('secret_hash').where('company_id', '=', companyId).executeTakeFirstOrThrow();
    for (const body of bodies) {
      expect(body).not.toMatch(/password_?hash|secret_?hash|scrypt\$/i);
      expect(body).not.toContain(stored.password_hash!);
      expect(body).not.toContain(keyRow.secret_hash);
      expect(body).not.toContain(PASSWORD);
    }
    expect(log).not.toContain(stored.password_hash!);
    expect(log).not.toContain(keyRow.secret_hash);
  });
});
