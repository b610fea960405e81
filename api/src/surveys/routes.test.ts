import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createSurvey, describeEachDatabase } from '../../../test/helper.js';
import type { SurveyDefinition } from '../model/definition.js';
import { fullTemplate } from '../model/template.js';

describeEachDatabase('GET /api/surveys/:id', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends the published definition whole: roles, languages, show-ifs, point labels and reversed items', async () => {
    const definition: SurveyDefinition = { ...fullTemplate(), languages: ['ka', 'en'] };
    const stay = definition.questions.find((q) => q.id === 'stay_vs_competitor')!;
    if (stay.type !== 'scale') throw new Error('stay_vs_competitor is a scale in the template');
    stay.reversed = true;
    const { surveyId } = await createSurvey(ctx.database(), definition, { companyName: 'Kohvik' });

    const res = await app.inject({ url: `/api/surveys/${surveyId}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      id: surveyId,
      slug: null,
      companyName: 'Kohvik',
      version: 1,
      definition,
      branding: { accentColor: null, logoUrl: null, privacyUrl: null },
      oneResponsePerBrowser: false,
      invite: null,
      submitPath: `/api/surveys/${surveyId}/responses`,
    });
    expect(body.definition.questions.find((q: { id: string }) => q.id === 'recommend').role).toBe('recommend');
    expect(body.definition.questions.find((q: { id: string }) => q.id === 'problem_resolved').showIf).toEqual({ questionId: 'had_problem', equals: 'yes' });
  });

  it('answers 404 SURVEY_NOT_FOUND with a code from the registry', async () => {
    const res = await app.inject({ url: '/api/surveys/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
  });
});
