/**
 * Editing an open survey while a respondent is mid-survey (issue 16): the analyst publishes version 2,
 * and the respondent who started version 1 — even after a reload, which asks `?version=1` — keeps
 * answering and is stored with version 1. Through the builder API and the public routes, on both databases.
 */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { buildTestApp, createSurvey, describeEachDatabase, signedInMember } from './helper.js';
import { validShort } from './inputs-fixtures.js';

describeEachDatabase('a respondent keeps the version they started', (ctx) => {
  let app: FastifyInstance;
  let surveyId: string;
  const slug = `keep-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    const { companyId } = await createSurvey(ctx.database(), shortTemplate(), { companyName: 'Versions Café' });
    const { headers } = await signedInMember(ctx.database(), companyId, 'analyst');
    const created = await app.inject({ method: 'POST', url: '/api/surveys', headers, payload: { name: 'Kept', from: 'short', slug } });
    expect(created.statusCode, created.body).toBe(201);
    surveyId = created.json().id;
    expect((await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/publish`, headers })).statusCode).toBe(200);
    // The respondent opens version 1 …
    const opened = await app.inject({ url: `/api/s/${slug}` });
    expect(opened.json().version).toBe(1);
    // … and the analyst edits the open survey and publishes version 2 with one more question.
    const draft = shortTemplate();
    draft.questions.push({ ...structuredClone(draft.questions[0]!), id: 'added_later', role: undefined, required: true });
    delete (draft.questions.at(-1) as { role?: unknown }).role;
    const saved = await app.inject({ method: 'PUT', url: `/api/surveys/${surveyId}/draft`, headers, payload: { definition: draft } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/publish`, headers })).statusCode).toBe(200);
  });
  afterAll(async () => app?.close());

  it('serves the started version on ?version=, the published one without it or for a version never published', async () => {
    const started = (await app.inject({ url: `/api/s/${slug}?version=1` })).json();
    expect(started.version).toBe(1);
    expect(started.definition.questions.map((q: { id: string }) => q.id)).not.toContain('added_later');
    const published = (await app.inject({ url: `/api/s/${slug}` })).json();
    expect(published.version).toBe(2);
    expect(published.definition.questions.map((q: { id: string }) => q.id)).toContain('added_later');
    expect((await app.inject({ url: `/api/s/${slug}?version=9` })).json().version).toBe(2);
    expect((await app.inject({ url: `/api/surveys/${surveyId}?version=1` })).json().version).toBe(1);
    const bad = await app.inject({ url: `/api/s/${slug}?version=zero` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('/query/version');
  });

  it('stores the mid-survey response with version 1, without the question version 2 requires', async () => {
    const clientSubmissionId = randomUUID();
    const res = await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/responses`,
      payload: { clientSubmissionId, language: 'et', version: 1, answers: validShort },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await ctx
      .database()
      .db.selectFrom('response')
      .innerJoin('survey_version', (join) => join.onRef('survey_version.company_id', '=', 'response.company_id').onRef('survey_version.id', '=', 'response.survey_version_id'))
      .select(['survey_version.version', 'response.language', 'response.answers'])
      .where('response.client_submission_id', '=', clientSubmissionId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ version: 1, language: 'et', answers: validShort });
    // A new respondent gets version 2, which requires the added question.
    const fresh = await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/responses`,
      payload: { clientSubmissionId: randomUUID(), language: 'et', answers: validShort },
    });
    expect(fresh.statusCode).toBe(422);
    expect(fresh.json().error.fields.map((f: { path: string }) => f.path)).toContain('/answers/added_later');
  });
});
