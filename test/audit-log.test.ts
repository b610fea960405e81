import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertAuditEvents } from '../api/src/audit/queries.js';
import { shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';

describeEachDatabase('audit log', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let admin: Awaited<ReturnType<typeof signedInMember>>;
  const system = { kind: 'system' as const, id: null, label: 'test' };

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ({ companyId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Audit Bakery' }));
    admin = await signedInMember(ctx.database(), companyId, 'admin');
    // Seven entries written in one statement: many share a millisecond, which the cursor must still tell apart.
    await insertAuditEvents(
      ctx.database().db,
      Array.from({ length: 7 }, (_, index) => ({ companyId, action: 'sign_in' as const, actor: system, details: { index } })),
    );
  });
  afterAll(async () => app.close());

  async function page(query: string) {
    const res = await app.inject({ url: `/api/audit?${query}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { entries: { id: string; at: string; action: string; details: Record<string, unknown> }[]; nextCursor: string | null };
  }

  it('pages through the log newest first without repeating or skipping an entry', async () => {
    const ids: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const result = await page(`action=sign_in&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...result.entries.map((entry) => entry.id));
      pageSizes.push(result.entries.length);
      cursor = result.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(new Set(ids).size).toBe(7);
    const stored = await ctx.database().db.selectFrom('audit_event').select('id').where('company_id', '=', companyId).where('action', '=', 'sign_in').execute();
    expect([...ids].sort()).toEqual(stored.map((row) => row.id).sort());
    const whole = await page('action=sign_in&limit=50');
    expect(whole.entries.map((entry) => entry.id)).toEqual(ids);
    expect(whole.nextCursor).toBeNull();
  });

  it('filters by action and by time, from inclusive and to exclusive', async () => {
    const db = ctx.database().db;
    for (const at of ['2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z', '2020-03-01T00:00:00Z']) {
      await db.insertInto('audit_event').values({ company_id: companyId, action: 'import', actor_kind: 'system', actor_label: 'test', details: JSON.stringify({ at }), at }).execute();
    }
    const imports = await page('action=import');
    expect(imports.entries.map((entry) => entry.details.at)).toEqual(['2020-03-01T00:00:00Z', '2020-02-01T00:00:00Z', '2020-01-01T00:00:00Z']);
    const february = await page(`from=${encodeURIComponent('2020-02-01T00:00:00Z')}&to=${encodeURIComponent('2020-03-01T00:00:00Z')}`);
    expect(february.entries.map((entry) => entry.details.at)).toEqual(['2020-02-01T00:00:00Z']);
    const backwards = await app.inject({ url: '/api/audit?from=2020-03-01T00:00:00Z&to=2020-01-01T00:00:00Z', headers: admin.headers });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('/query/to');
  });

  it('refuses a cursor it did not give out, naming /query/cursor', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('["2020-01-01", "x"]').toString('base64url')]) {
      const res = await app.inject({ url: `/api/audit?cursor=${cursor}`, headers: admin.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('/query/cursor');
    }
  });

  it('is for admins only and shows no other company', async () => {
    const analyst = await signedInMember(ctx.database(), companyId, 'analyst');
    expect((await app.inject({ url: '/api/audit', headers: analyst.headers })).statusCode).toBe(403);
    const other = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Elsewhere' });
    await insertAuditEvents(ctx.database().db, [{ companyId: other.companyId, action: 'erasure', actor: system }]);
    expect((await page('action=erasure')).entries).toEqual([]);
  });

  it('refuses UPDATE and DELETE of audit entries from the app', async () => {
    const db = ctx.database().db;
    await expect(db.updateTable('audit_event').set({ actor_label: 'someone else' }).where('company_id', '=', companyId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_event').where('company_id', '=', companyId).execute()).rejects.toThrow(/append-only/);
    expect((await page('action=sign_in')).entries).toHaveLength(7);
  });

  it('records every CSV export: who, the survey, how many rows, and that it completed', async () => {
    const survey = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Export Bakery' });
    const db = ctx.database().db;
    // A comment with a line break and a quote: one row, though two lines of CSV.
    for (const comment of ['plain', 'two\n"lines"', 'three']) {
      await db
        .insertInto('response')
        .values({ company_id: survey.companyId, survey_id: survey.surveyId, survey_version_id: survey.versionId, client_submission_id: randomUUID(), language: 'en', answers: JSON.stringify({ sat_overall: 4, comment }) })
        .execute();
    }
    const headers = await apiKeyHeaders(ctx.database(), survey.companyId, ['exports:read']);
    const res = await app.inject({ url: `/api/surveys/${survey.surveyId}/export.csv`, headers });
    expect(res.statusCode).toBe(200);
    let entry;
    for (let attempt = 0; attempt < 50 && !entry; attempt++) {
      entry = await db.selectFrom('audit_event').selectAll().where('company_id', '=', survey.companyId).where('action', '=', 'export').executeTakeFirst();
      if (!entry) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(entry).toMatchObject({
      actor_kind: 'api_key',
      actor_label: 'test key exports:read',
      target: `survey:${survey.surveyId}`,
      details: { filters: { surveyId: survey.surveyId }, rows: 3, completed: true },
    });
  });

  it('records an export cut off by the client as not completed, with the rows that passed', async () => {
    const survey = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Big Export Bakery' });
    const db = ctx.database().db;
    await sql`
      insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, answers)
      select ${survey.companyId}, ${survey.surveyId}, ${survey.versionId}, gen_random_uuid(), 'en', jsonb_build_object('sat_overall', 1 + g % 5, 'comment', repeat('z', 500))
      from generate_series(1, 20000) as g`.execute(db);
    const headers = await apiKeyHeaders(ctx.database(), survey.companyId, ['exports:read']);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const request = http.get(`http://127.0.0.1:${port}/api/surveys/${survey.surveyId}/export.csv`, { headers }, (response) => {
        expect(response.statusCode).toBe(200);
        response.once('data', () => request.destroy());
      });
      request.once('close', resolve);
      request.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
    });
    let entry;
    for (let attempt = 0; attempt < 250 && !entry; attempt++) {
      entry = await db.selectFrom('audit_event').selectAll().where('company_id', '=', survey.companyId).where('action', '=', 'export').executeTakeFirst();
      if (!entry) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(entry?.details).toMatchObject({ completed: false });
    expect(entry?.details.rows).toBeLessThan(20000);
  });
});
