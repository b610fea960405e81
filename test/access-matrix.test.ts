/**
 * Every /api route × every kind of caller, built from the app's own route table (an onRoute hook
 * fills app.routeTable): anonymous (401 unless public), each role (403 where the role may not), each
 * API key scope, another company's objects (404), and the allowed caller (2xx). A route missing from
 * EXPECTED fails the test, so no new route escapes it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../api/src/accounts/apiKeys.js';
import { hashPassword } from '../api/src/accounts/password.js';
import { API_KEY_SCOPES, PERMISSIONS, ROLES, permissionsOf, type Permission, type RouteAccess } from '../api/src/accounts/permissions.js';
import { insertMembership, insertUser } from '../api/src/accounts/queries.js';
import { secretHash, newSecret } from '../api/src/accounts/tokens.js';
import { storeLogo } from '../api/src/companies/brandingQueries.js';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';
import { pngImage } from './image-fixtures.js';
import { validShort } from './inputs-fixtures.js';

interface Fixtures {
  companyId: string;
  surveyId: string;
  otherCompanyId: string;
  otherSurveyId: string;
  /** A member of the other company and one of its API keys, for the cross-company calls. */
  otherUserId: string;
  otherApiKeyId: string;
  /** A user with a password, for sign-in. */
  signInEmail: string;
}

/** A request without credentials; `headers` are only its own (a body's Content-Type), the caller's are added. */
type Request = Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };
type Call = (fx: Fixtures) => Promise<Request> | Request;

/** The request as `caller` (session cookie and CSRF token, or an API key). */
const as = (request: Request, caller: Record<string, string>): InjectOptions => ({ ...request, headers: { ...request.headers, ...caller } });

interface Expectation {
  access: RouteAccess;
  /** A request this route answers with `status` for an allowed caller. */
  call: Call;
  status: number;
  /** The same request naming another company's object: answered 404 to an allowed caller. */
  otherCompany?: Call;
}

const SIGN_IN_PASSWORD = 'a long enough test password';

async function freshMemberId(ctx: { db: () => import('./databases.js').TestDatabase }, companyId: string, role: 'analyst' | 'manager' = 'analyst') {
  return (await signedInMember(ctx.db(), companyId, role)).userId;
}

async function freshLink(ctx: { db: () => import('./databases.js').TestDatabase }, companyId: string): Promise<string> {
  const token = newSecret();
  await ctx
    .db()
    .db.insertInto('one_time_link')
    .values({
      token_hash: secretHash(token),
      kind: 'invitation',
      email: `invited-${randomUUID()}@example.com`,
      company_id: companyId,
      role: 'analyst',
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  return token;
}

const any = (...permissions: Permission[]): RouteAccess => ({ anyOf: permissions });

function expectations(ctx: { db: () => import('./databases.js').TestDatabase }): Record<string, Expectation> {
  return {
    'GET /api/health': { access: 'public', status: 200, call: () => ({ url: '/api/health' }) },
    'GET /api/openapi.json': { access: 'public', status: 200, call: () => ({ url: '/api/openapi.json' }) },
    'POST /api/session': {
      access: 'public',
      status: 200,
      call: (fx) => ({ method: 'POST', url: '/api/session', payload: { email: fx.signInEmail, password: SIGN_IN_PASSWORD } }),
    },
    'GET /api/session': { access: 'signedIn', status: 200, call: () => ({ url: '/api/session' }) },
    'PUT /api/session/company': {
      access: 'signedIn',
      status: 200,
      call: (fx) => ({ method: 'PUT', url: '/api/session/company', payload: { companyId: fx.companyId } }),
    },
    'PUT /api/session/password': {
      access: 'signedIn',
      status: 400,
      // A member made by signedInMember has no password; a valid change is in test/users-and-links.test.ts.
      call: () => ({ method: 'PUT', url: '/api/session/password', payload: { currentPassword: 'x', newPassword: 'short' } }),
    },
    'DELETE /api/session': { access: 'signedIn', status: 204, call: () => ({ method: 'DELETE', url: '/api/session' }) },
    'DELETE /api/sessions': { access: 'signedIn', status: 204, call: () => ({ method: 'DELETE', url: '/api/sessions' }) },
    'GET /api/links/:token': {
      access: 'public',
      status: 200,
      call: async (fx) => ({ url: `/api/links/${await freshLink(ctx, fx.companyId)}` }),
    },
    'POST /api/links/:token': {
      access: 'public',
      status: 200,
      call: async (fx) => ({ method: 'POST', url: `/api/links/${await freshLink(ctx, fx.companyId)}`, payload: { password: SIGN_IN_PASSWORD, name: 'Invited' } }),
    },
    'GET /api/surveys': { access: any('surveys:read'), status: 200, call: () => ({ url: '/api/surveys' }) },
    'GET /api/surveys/:id': { access: 'public', status: 200, call: (fx) => ({ url: `/api/surveys/${fx.surveyId}` }) },
    'POST /api/surveys/:id/responses': {
      access: 'public',
      status: 201,
      call: (fx) => ({
        method: 'POST',
        url: `/api/surveys/${fx.surveyId}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort },
      }),
    },
    'GET /api/surveys/:id/summary': {
      access: any('reports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/summary` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/summary` }),
    },
    'GET /api/surveys/:id/report': {
      access: any('reports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/report` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/report` }),
    },
    'GET /api/surveys/:id/export.csv': {
      access: any('exports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/export.csv` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/export.csv` }),
    },
    'GET /api/users': { access: any('users:manage'), status: 200, call: () => ({ url: '/api/users' }) },
    'POST /api/users': {
      access: any('users:manage'),
      status: 201,
      call: () => ({ method: 'POST', url: '/api/users', payload: { email: `new-${randomUUID()}@example.com`, role: 'manager' } }),
    },
    'PATCH /api/users/:userId': {
      access: any('users:manage'),
      status: 200,
      call: async (fx) => ({ method: 'PATCH', url: `/api/users/${await freshMemberId(ctx, fx.companyId)}`, payload: { role: 'manager' } }),
      otherCompany: (fx) => ({ method: 'PATCH', url: `/api/users/${fx.otherUserId}`, payload: { role: 'manager' } }),
    },
    'DELETE /api/users/:userId': {
      access: any('users:manage'),
      status: 204,
      call: async (fx) => ({ method: 'DELETE', url: `/api/users/${await freshMemberId(ctx, fx.companyId)}` }),
      otherCompany: (fx) => ({ method: 'DELETE', url: `/api/users/${fx.otherUserId}` }),
    },
    'POST /api/users/:userId/password-reset': {
      access: any('users:manage'),
      status: 201,
      call: async (fx) => ({ method: 'POST', url: `/api/users/${await freshMemberId(ctx, fx.companyId)}/password-reset` }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/users/${fx.otherUserId}/password-reset` }),
    },
    'GET /api/api-keys': { access: any('apiKeys:manage'), status: 200, call: () => ({ url: '/api/api-keys' }) },
    'POST /api/api-keys': {
      access: any('apiKeys:manage'),
      status: 201,
      call: () => ({ method: 'POST', url: '/api/api-keys', payload: { name: 'Till', scopes: ['responses:write'] } }),
    },
    'DELETE /api/api-keys/:id': {
      access: any('apiKeys:manage'),
      status: 200,
      call: async (fx) => {
        const { id } = await createApiKey(ctx.db().db, fx.companyId, { name: 'to revoke', scopes: ['reports:read'], createdBy: null });
        return { method: 'DELETE', url: `/api/api-keys/${id}` };
      },
      otherCompany: (fx) => ({ method: 'DELETE', url: `/api/api-keys/${fx.otherApiKeyId}` }),
    },
    'GET /api/company': { access: any(...PERMISSIONS), status: 200, call: () => ({ url: '/api/company' }) },
    'PATCH /api/company': {
      access: any('company:manage'),
      status: 200,
      call: () => ({ method: 'PATCH', url: '/api/company', payload: { name: 'Test Bakery' } }),
    },
    'GET /api/audit': { access: any('audit:read'), status: 200, call: () => ({ url: '/api/audit' }) },
    'GET /api/company/branding': { access: any('surveys:read'), status: 200, call: () => ({ url: '/api/company/branding' }) },
    'PUT /api/company/branding': {
      access: any('surveys:write'),
      status: 200,
      call: () => ({ method: 'PUT', url: '/api/company/branding', payload: { accentColor: '#0a5cff', privacyUrl: 'https://example.com/privacy' } }),
    },
    'PUT /api/company/logo': {
      access: any('surveys:write'),
      status: 200,
      call: () => ({ method: 'PUT', url: '/api/company/logo', headers: { 'content-type': 'image/png' }, payload: pngImage({ width: 3, height: 2 }) }),
    },
    'DELETE /api/company/logo': { access: any('surveys:write'), status: 200, call: () => ({ method: 'DELETE', url: '/api/company/logo' }) },
    'GET /api/logos/:companyId': {
      access: 'public',
      status: 200,
      call: async (fx) => {
        await storeLogo(ctx.db().db, fx.companyId, { bytes: pngImage({ width: 3, height: 2 }), type: 'image/png' });
        return { url: `/api/logos/${fx.companyId}` };
      },
    },
    'POST /api/erasures': {
      access: any('customers:erase'),
      status: 200,
      call: () => ({ method: 'POST', url: '/api/erasures', payload: { customerRef: `nobody-${randomUUID()}` } }),
    },
  };
}

describeEachDatabase('every /api route × every caller', (ctx) => {
  let app: FastifyInstance;
  let fx: Fixtures;
  const db = () => ctx.database();
  const EXPECTED = expectations({ db });

  beforeAll(async () => {
    app = await buildTestApp(db());
    const own = await createSurvey(db(), shortTemplate());
    const other = await createSurvey(db(), shortTemplate(), { companyName: 'Other Bakery' });
    const otherMember = await signedInMember(db(), other.companyId, 'analyst');
    const otherKey = await createApiKey(db().db, other.companyId, { name: 'other', scopes: ['reports:read'], createdBy: null });
    const signInEmail = `sign-in-${randomUUID()}@example.com`;
    const userId = await insertUser(db().db, { email: signInEmail, name: null, passwordHash: await hashPassword(SIGN_IN_PASSWORD) });
    await insertMembership(db().db, { companyId: own.companyId, userId, role: 'manager' });
    fx = {
      companyId: own.companyId,
      surveyId: own.surveyId,
      otherCompanyId: other.companyId,
      otherSurveyId: other.surveyId,
      otherUserId: otherMember.userId,
      otherApiKeyId: otherKey.id,
      signInEmail,
    };
  });
  afterAll(async () => app.close());

  const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

  it('lists every registered route in the expectations, and nothing that is not registered', () => {
    const registered = app.routeTable.map(routeKey).sort();
    expect(registered).toEqual(Object.keys(EXPECTED).sort());
  });

  it('declares on each route the access the expectations give it', () => {
    for (const route of app.routeTable) expect({ route: routeKey(route), access: route.access }).toEqual({ route: routeKey(route), access: EXPECTED[routeKey(route)]!.access });
  });

  /** Every call whose answer is not the expected one, so one run lists them all. */
  function mismatch(problems: string[], who: string, key: string, status: number, expected: number, body: string): void {
    if (status !== expected) problems.push(`${who} ${key}: ${status}, expected ${expected} (${body.slice(0, 160)})`);
  }

  it('answers 401 to anonymous calls of every route that is not public, and serves the public ones', async () => {
    const problems: string[] = [];
    for (const [key, expectation] of Object.entries(EXPECTED)) {
      const res = await app.inject(await expectation.call(fx));
      mismatch(problems, 'anonymous', key, res.statusCode, expectation.access === 'public' ? expectation.status : 401, res.body);
      if (expectation.access !== 'public' && res.statusCode === 401) expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    expect(problems).toEqual([]);
  });

  it('lets each role do what its permissions allow and answers 403 otherwise', async () => {
    const problems: string[] = [];
    for (const role of ROLES) {
      const granted = permissionsOf({ role });
      for (const [key, expectation] of Object.entries(EXPECTED)) {
        if (expectation.access === 'public') continue;
        const { headers } = await signedInMember(db(), fx.companyId, role);
        const res = await app.inject(as(await expectation.call(fx), headers));
        const allowed = expectation.access === 'signedIn' || expectation.access.anyOf.some((permission) => granted.has(permission));
        mismatch(problems, role, key, res.statusCode, allowed ? expectation.status : 403, res.body);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets each API key scope do what it allows, and nothing meant for people signed in', async () => {
    const problems: string[] = [];
    for (const scope of API_KEY_SCOPES) {
      const headers = await apiKeyHeaders(db(), fx.companyId, [scope]);
      const granted = permissionsOf({ scopes: [scope] });
      for (const [key, expectation] of Object.entries(EXPECTED)) {
        if (expectation.access === 'public') continue;
        const res = await app.inject(as(await expectation.call(fx), headers));
        const allowed = expectation.access !== 'signedIn' && expectation.access.anyOf.some((permission) => granted.has(permission));
        mismatch(problems, `key ${scope}`, key, res.statusCode, allowed ? expectation.status : 403, res.body);
      }
    }
    expect(problems).toEqual([]);
  });

  it("answers 404 when an allowed caller names another company's object", async () => {
    const problems: string[] = [];
    const crossing = Object.entries(EXPECTED).filter(([, expectation]) => expectation.otherCompany);
    expect(crossing.length).toBeGreaterThan(5);
    for (const [key, expectation] of crossing) {
      const { headers } = await signedInMember(db(), fx.companyId, 'admin');
      const res = await app.inject(as(await expectation.otherCompany!(fx), headers));
      mismatch(problems, 'admin', key, res.statusCode, 404, res.body);
    }
    expect(problems).toEqual([]);
  });
});
