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
import { insertDraftSurvey } from '../api/src/surveys/builderQueries.js';
import { createSurvey as createCheckedSurvey } from '../api/src/surveys/service.js';
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
  /** An invite of each company's survey. */
  inviteId: string;
  otherInviteId: string;
  /** A response of each company's survey (the drill-down). */
  responseId: string;
  otherResponseId: string;
}

/** A request; its headers (a body's content type) go out beside the caller's credentials. */
type Call = (fx: Fixtures) => Promise<InjectOptions> | InjectOptions;

/** The call with the caller's credentials added to its own headers. */
async function asCaller(call: Call, fx: Fixtures, headers: Record<string, string>): Promise<InjectOptions> {
  const options = await call(fx);
  return { ...options, headers: { ...(options.headers as Record<string, string> | undefined), ...headers } };
}

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

/** A new survey of the company for a builder route that changes it: with a draft, published, or closed. */
async function freshSurveyId(ctx: { db: () => import('./databases.js').TestDatabase }, companyId: string, state: 'draft' | 'published' | 'closed'): Promise<string> {
  const { db } = ctx.db();
  if (state === 'draft') return insertDraftSurvey({ db, companyId }, { name: 'Matrix draft', draft: shortTemplate() });
  const { surveyId } = await createCheckedSurvey(db, { companyId, name: `Matrix ${state}`, definition: shortTemplate(), publish: true });
  if (state === 'closed') await db.updateTable('survey').set({ status: 'closed' }).where('id', '=', surveyId).execute();
  return surveyId;
}

/** A new invite of the survey, for the calls that use one up (opening or answering it). */
async function freshInviteToken(ctx: { db: () => import('./databases.js').TestDatabase }, companyId: string, surveyId: string): Promise<string> {
  const token = newSecret();
  await ctx.db().db.insertInto('invite').values({ company_id: companyId, survey_id: surveyId, token, customer_ref: 'C-1', order_ref: randomUUID() }).execute();
  return token;
}

const INVITE_CSV = 'customer_ref,order_ref,purchased_at\nC-1,ORDER-1,2026-01-15\nC-2,ORDER-2,2026-01-16\n';

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
    'POST /api/surveys': {
      access: any('surveys:write'),
      status: 201,
      call: () => ({ method: 'POST', url: '/api/surveys', payload: { name: 'Matrix survey', from: 'short' } }),
    },
    'GET /api/surveys/:id/builder': {
      access: any('surveys:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/builder` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/builder` }),
    },
    'PUT /api/surveys/:id/draft': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'PUT', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'published')}/draft`, payload: { definition: shortTemplate() } }),
      otherCompany: (fx) => ({ method: 'PUT', url: `/api/surveys/${fx.otherSurveyId}/draft`, payload: { definition: shortTemplate() } }),
    },
    'DELETE /api/surveys/:id/draft': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'DELETE', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'draft')}/draft` }),
      otherCompany: (fx) => ({ method: 'DELETE', url: `/api/surveys/${fx.otherSurveyId}/draft` }),
    },
    'PATCH /api/surveys/:id': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'PATCH', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'draft')}`, payload: { name: 'Matrix renamed', oneResponsePerBrowser: true } }),
      otherCompany: (fx) => ({ method: 'PATCH', url: `/api/surveys/${fx.otherSurveyId}`, payload: { name: 'Matrix renamed' } }),
    },
    'POST /api/surveys/:id/publish': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'POST', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'draft')}/publish` }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.otherSurveyId}/publish` }),
    },
    'POST /api/surveys/:id/close': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'POST', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'published')}/close` }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.otherSurveyId}/close` }),
    },
    'POST /api/surveys/:id/reopen': {
      access: any('surveys:write'),
      status: 200,
      call: async (fx) => ({ method: 'POST', url: `/api/surveys/${await freshSurveyId(ctx, fx.companyId, 'closed')}/reopen` }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.otherSurveyId}/reopen` }),
    },
    'GET /api/surveys/:id/versions/:version': {
      access: any('surveys:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/versions/1` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/versions/1` }),
    },
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
    'GET /api/s/:slug': { access: 'public', status: 200, call: (fx) => ({ url: `/api/s/${fx.surveyId}` }) },
    'GET /api/s/i/:token': {
      access: 'public',
      status: 200,
      call: async (fx) => ({ url: `/api/s/i/${await freshInviteToken(ctx, fx.companyId, fx.surveyId)}` }),
    },
    'POST /api/s/i/:token/responses': {
      access: 'public',
      status: 201,
      call: async (fx) => ({
        method: 'POST',
        url: `/api/s/i/${await freshInviteToken(ctx, fx.companyId, fx.surveyId)}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort },
      }),
    },
    'POST /api/surveys/:id/invites': {
      access: any('invites:write'),
      status: 201,
      call: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.surveyId}/invites`, payload: { customerRef: 'C-9', orderRef: randomUUID(), purchasedAt: '2026-01-15' } }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.otherSurveyId}/invites`, payload: { customerRef: 'C-9', orderRef: randomUUID(), purchasedAt: '2026-01-15' } }),
    },
    'POST /api/surveys/:id/invites/import': {
      access: any('invites:write'),
      status: 200,
      call: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.surveyId}/invites/import`, payload: INVITE_CSV, headers: { 'content-type': 'text/csv' } }),
      otherCompany: (fx) => ({ method: 'POST', url: `/api/surveys/${fx.otherSurveyId}/invites/import`, payload: INVITE_CSV, headers: { 'content-type': 'text/csv' } }),
    },
    'GET /api/surveys/:id/invites': {
      access: any('invites:write'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/invites` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/invites` }),
    },
    'GET /api/surveys/:id/invites.csv': {
      access: any('invites:write'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/invites.csv` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/invites.csv` }),
    },
    'GET /api/surveys/:id/qr.svg': {
      access: any('surveys:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/qr.svg` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/qr.svg` }),
    },
    'GET /api/surveys/:id/qr.png': {
      access: any('surveys:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/qr.png` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/qr.png` }),
    },
    'GET /api/surveys/:id/invites/:inviteId/qr.svg': {
      access: any('invites:write'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/invites/${fx.inviteId}/qr.svg` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/invites/${fx.otherInviteId}/qr.svg` }),
    },
    'GET /api/surveys/:id/invites/:inviteId/qr.png': {
      access: any('invites:write'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/invites/${fx.inviteId}/qr.png` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/invites/${fx.otherInviteId}/qr.png` }),
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
    'GET /api/surveys/:id/respondents': {
      access: any('reports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/respondents` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/respondents` }),
    },
    'GET /api/surveys/:id/respondents/:responseId': {
      access: any('reports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/respondents/${fx.responseId}` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/respondents/${fx.otherResponseId}` }),
    },
    'GET /api/surveys/:id/comments': {
      access: any('reports:read'),
      status: 200,
      call: (fx) => ({ url: `/api/surveys/${fx.surveyId}/comments` }),
      otherCompany: (fx) => ({ url: `/api/surveys/${fx.otherSurveyId}/comments` }),
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
    const inviteOf = async (survey: { companyId: string; surveyId: string }) =>
      (
        await db()
          .db.insertInto('invite')
          .values({ company_id: survey.companyId, survey_id: survey.surveyId, token: newSecret(), customer_ref: 'C-1', order_ref: randomUUID() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const responseOf = async (survey: { companyId: string; surveyId: string; versionId: string }) =>
      (
        await db()
          .db.insertInto('response')
          .values({ company_id: survey.companyId, survey_id: survey.surveyId, survey_version_id: survey.versionId, client_submission_id: randomUUID(), language: 'en', answers: JSON.stringify({}) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    fx = {
      companyId: own.companyId,
      surveyId: own.surveyId,
      otherCompanyId: other.companyId,
      otherSurveyId: other.surveyId,
      otherUserId: otherMember.userId,
      otherApiKeyId: otherKey.id,
      signInEmail,
      inviteId: await inviteOf(own),
      otherInviteId: await inviteOf(other),
      responseId: await responseOf(own),
      otherResponseId: await responseOf(other),
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
        const res = await app.inject(await asCaller(expectation.call, fx, headers));
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
        const res = await app.inject(await asCaller(expectation.call, fx, headers));
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
      const res = await app.inject(await asCaller(expectation.otherCompany!, fx, headers));
      mismatch(problems, 'admin', key, res.statusCode, 404, res.body);
    }
    expect(problems).toEqual([]);
  });
});
