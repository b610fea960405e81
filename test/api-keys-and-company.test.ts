import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';

describeEachDatabase('API keys and company settings', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;
  let admin: Awaited<ReturnType<typeof signedInMember>>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ({ companyId, surveyId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Key Bakery' }));
    admin = await signedInMember(ctx.database(), companyId, 'admin');
  });
  afterAll(async () => app.close());

  async function createKey(name: string, scopes: string[]) {
    const res = await app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers, payload: { name, scopes } });
    expect(res.statusCode).toBe(201);
    return res.json() as { apiKey: { id: string; name: string; scopes: string[]; prefix: string; createdBy: string | null; lastUsedAt: string | null; revokedAt: string | null }; secret: string };
  }

  async function auditActions(): Promise<{ action: string; details: Record<string, unknown>; actor_label: string }[]> {
    return ctx.database().db.selectFrom('audit_event').select(['action', 'details', 'actor_label']).where('company_id', '=', companyId).orderBy('at').execute();
  }

  it('shows the secret once, lists the key without it, and stores only its hash', async () => {
    const created = await createKey('Till system', ['responses:write']);
    expect(created.secret).toMatch(/^llk_/);
    expect(created.apiKey).toMatchObject({ name: 'Till system', scopes: ['responses:write'], createdBy: admin.email, lastUsedAt: null, revokedAt: null });
    const list = await app.inject({ url: '/api/api-keys', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.secret);
    // The secret part is the last 43 characters (base64url, which may itself hold '_').
    expect(list.body).not.toContain(created.secret.slice(-43));
    expect(list.json().apiKeys.map((key: { id: string }) => key.id)).toContain(created.apiKey.id);
    const { rows } = await sql<{ row: string }>`select api_key::text as row from api_key where id = ${created.apiKey.id}`.execute(ctx.database().db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(created.secret.split('_').pop());
    const audits = JSON.stringify(await auditActions());
    expect(audits).toContain('api_key_created');
    expect(audits).not.toContain(created.secret.split('_').pop());
  });

  it('sets last used when the key is used, and lets it do only what its scopes allow', async () => {
    const created = await createKey('Reader of nothing', ['responses:write']);
    const authorization = `Bearer ${created.secret}`;
    const report = await app.inject({ url: `/api/surveys/${surveyId}/report`, headers: { authorization } });
    expect(report.statusCode).toBe(403);
    expect(report.json().error.code).toBe('FORBIDDEN');
    const list = await app.inject({ url: '/api/api-keys', headers: admin.headers });
    const listed = list.json().apiKeys.find((key: { id: string }) => key.id === created.apiKey.id);
    expect(listed.lastUsedAt).not.toBeNull();
    const reader = await createKey('Reports', ['reports:read']);
    const allowed = await app.inject({ url: `/api/surveys/${surveyId}/summary`, headers: { authorization: `Bearer ${reader.secret}` } });
    expect(allowed.statusCode).toBe(200);
  });

  it('refuses a revoked key at once, revokes idempotently and audits the revocation once', async () => {
    const created = await createKey('Soon gone', ['reports:read']);
    const authorization = `Bearer ${created.secret}`;
    expect((await app.inject({ url: `/api/surveys/${surveyId}/summary`, headers: { authorization } })).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/api-keys/${created.apiKey.id}`, headers: admin.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await app.inject({ url: `/api/surveys/${surveyId}/summary`, headers: { authorization } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('INVALID_API_KEY');
    const again = await app.inject({ method: 'DELETE', url: `/api/api-keys/${created.apiKey.id}`, headers: admin.headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
    const revocations = (await auditActions()).filter((entry) => entry.action === 'api_key_revoked' && entry.details.name === 'Soon gone');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]!.actor_label).toBe(admin.email);
  });

  it("answers 404 for another company's key and leaves it working", async () => {
    const other = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Other Bakery' });
    const otherHeaders = await apiKeyHeaders(ctx.database(), other.companyId, ['reports:read']);
    const otherKey = await ctx.database().db.selectFrom('api_key').select('id').where('company_id', '=', other.companyId).executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'DELETE', url: `/api/api-keys/${otherKey.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('API_KEY_NOT_FOUND');
    expect((await app.inject({ url: `/api/surveys/${other.surveyId}/summary`, headers: otherHeaders })).statusCode).toBe(200);
    const list = await app.inject({ url: '/api/api-keys', headers: admin.headers });
    expect(list.json().apiKeys.map((key: { id: string }) => key.id)).not.toContain(otherKey.id);
  });

  it('lets only admins manage keys, and refuses unknown scopes naming the field', async () => {
    const analyst = await signedInMember(ctx.database(), companyId, 'analyst');
    expect((await app.inject({ url: '/api/api-keys', headers: analyst.headers })).statusCode).toBe(403);
    const key = await apiKeyHeaders(ctx.database(), companyId);
    expect((await app.inject({ url: '/api/api-keys', headers: key })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'POST', url: '/api/api-keys', headers: admin.headers, payload: { name: 'x', scopes: ['apiKeys:manage'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toMatch(/^\/scopes/);
  });

  it('shows the company to any member or key, and lets an admin rename it with an audit entry', async () => {
    const manager = await signedInMember(ctx.database(), companyId, 'manager');
    const seen = await app.inject({ url: '/api/company', headers: manager.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id: companyId, name: 'Key Bakery' });
    const writer = await apiKeyHeaders(ctx.database(), companyId, ['responses:write']);
    expect((await app.inject({ url: '/api/company', headers: writer })).json().id).toBe(companyId);
    expect((await app.inject({ url: '/api/company' })).statusCode).toBe(401);

    const refused = await app.inject({ method: 'PATCH', url: '/api/company', headers: manager.headers, payload: { name: 'Mine now' } });
    expect(refused.statusCode).toBe(403);
    const blank = await app.inject({ method: 'PATCH', url: '/api/company', headers: admin.headers, payload: { name: '   ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields[0].path).toBe('/name');
    const renamed = await app.inject({ method: 'PATCH', url: '/api/company', headers: admin.headers, payload: { name: 'Key Bakery & Café' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Key Bakery & Café');
    const entry = (await auditActions()).find((event) => event.action === 'company_updated');
    expect(entry?.details).toEqual({ from: 'Key Bakery', to: 'Key Bakery & Café' });
  });
});
