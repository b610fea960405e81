import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import { createSurvey as createCompanySurvey } from '../api/src/surveys/service.js';
import { buildTestApp, createSurvey, describeEachDatabase } from './helper.js';

const validShort = { sat_overall: 4, recommend: 9, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4 };

describeEachDatabase('submitting a response', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;
  let fullSurveyId: string;
  let draftSurveyId: string;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    ({ companyId, surveyId } = await createSurvey(ctx.database(), shortTemplate()));
    fullSurveyId = (await createSurvey(ctx.database(), fullTemplate())).surveyId;
    draftSurveyId = (await createSurvey(ctx.database(), shortTemplate(), { publish: false })).surveyId;
  });
  afterAll(async () => app.close());

  const post = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/surveys/${id}/responses`, payload: payload as object, headers });
  const countRows = async () =>
    Number((await ctx.database().db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('stores a valid response and answers 201 with its id', async () => {
    const clientSubmissionId = randomUUID();
    const res = await post(surveyId, { clientSubmissionId, language: 'ru', answers: validShort });
    expect(res.statusCode).toBe(201);
    const { id, duplicate } = res.json();
    expect(duplicate).toBe(false);
    const row = await ctx.database().db.selectFrom('response').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual(validShort);
    expect(row.language).toBe('ru');
    expect(row.client_submission_id).toBe(clientSubmissionId);
  });

  it('returns the first response id on a retry and never stores a second row', async () => {
    const clientSubmissionId = randomUUID();
    const first = await post(surveyId, { clientSubmissionId, language: 'en', answers: validShort });
    const before = await countRows();
    const retry = await post(surveyId, { clientSubmissionId, language: 'en', answers: { ...validShort, recommend: 0 } });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ id: first.json().id, duplicate: true });
    expect(await countRows()).toBe(before);
  });

  it('keeps one row when the same submission arrives ten times at once', async () => {
    const clientSubmissionId = randomUUID();
    const before = await countRows();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(surveyId, { clientSubmissionId, language: 'en', answers: validShort })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await countRows()).toBe(before + 1);
  });

  it('refuses a submission id already used for another survey of the company', async () => {
    // Submission ids are unique per company (migration 0003): the second survey is the same company's.
    const { surveyId: siblingId } = await createCompanySurvey(ctx.database().db, { companyId, name: 'Sibling', definition: fullTemplate(), publish: true });
    const clientSubmissionId = randomUUID();
    await post(surveyId, { clientSubmissionId, language: 'en', answers: validShort });
    const res = await post(siblingId, { clientSubmissionId, language: 'en', answers: validShort });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('/clientSubmissionId');
  });

  it('accepts the follow-up questions only when had_problem is yes', async () => {
    const base = { ...validShort, had_problem: 'yes', problem_resolved: 'resolved', gesture_received: 'yes' };
    const ok = await post(fullSurveyId, { clientSubmissionId: randomUUID(), language: 'et', answers: base });
    expect(ok.statusCode).toBe(201);
    const bad = await post(fullSurveyId, {
      clientSubmissionId: randomUUID(),
      language: 'et',
      answers: { ...base, had_problem: 'no' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '/answers/gesture_received',
      '/answers/problem_resolved',
    ]);
  });

  it('drops null answers as unanswered and keeps a Georgian comment intact', async () => {
    const comment = 'ძალიან კარგი ყავა — გმადლობთ!';
    const res = await post(fullSurveyId, {
      clientSubmissionId: randomUUID(),
      language: 'ka',
      answers: { ...validShort, sat_price: null, comment },
    });
    expect(res.statusCode).toBe(201);
    const row = await ctx.database().db.selectFrom('response').select('answers').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual({ ...validShort, comment });
  });

  describe400s();

  function describe400s() {
    const cases: [string, () => Promise<{ status: number; path?: string; code: string }>][] = [
      ['malformed JSON', async () => {
        const res = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/responses`, payload: '{"answers": {', headers: { 'content-type': 'application/json' } });
        return { status: res.statusCode, code: res.json().error.code };
      }],
      ['a form-encoded body', async () => {
        const res = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/responses`, payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        return { status: res.statusCode, code: res.json().error.code };
      }],
      ['a missing clientSubmissionId', async () => {
        const res = await post(surveyId, { language: 'en', answers: validShort });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['an unknown top-level field', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: validShort, admin: true });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['an unsupported language', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'fr', answers: validShort });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['an unknown question id', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, favourite_colour: 'blue' } });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['a recommend score of 11', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, recommend: 11 } });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['a fractional satisfaction score', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, sat_overall: 4.5 } });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['a choice outside its options', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, promo_decided: 'maybe' } });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['a missing required answer', async () => {
        const { recommend: _omitted, ...rest } = validShort;
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: rest });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['a comment over 5,000 characters', async () => {
        const res = await post(fullSurveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, comment: 'x'.repeat(5001) } });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
      ['an oversized body', async () => {
        const res = await post(surveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: { ...validShort, padding: 'x'.repeat(100_000) } });
        return { status: res.statusCode, code: res.json().error.code };
      }],
      ['an unknown survey', async () => {
        const res = await post(randomUUID(), { clientSubmissionId: randomUUID(), language: 'en', answers: validShort });
        return { status: res.statusCode, code: res.json().error.code };
      }],
      ['an unpublished survey', async () => {
        const res = await post(draftSurveyId, { clientSubmissionId: randomUUID(), language: 'en', answers: validShort });
        return { status: res.statusCode, code: res.json().error.code };
      }],
      ['a survey id that is not a UUID', async () => {
        const res = await post('not-a-uuid', { clientSubmissionId: randomUUID(), language: 'en', answers: validShort });
        return { status: res.statusCode, code: res.json().error.code, path: res.json().error.fields[0].path };
      }],
    ];
    const expected: Record<string, { status: number; code: string; path?: string }> = {
      'malformed JSON': { status: 400, code: 'INVALID_JSON' },
      'a form-encoded body': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      'a missing clientSubmissionId': { status: 400, code: 'VALIDATION_FAILED', path: '/clientSubmissionId' },
      'an unknown top-level field': { status: 400, code: 'VALIDATION_FAILED', path: '/admin' },
      'an unsupported language': { status: 400, code: 'VALIDATION_FAILED', path: '/language' },
      'an unknown question id': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/favourite_colour' },
      'a recommend score of 11': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/recommend' },
      'a fractional satisfaction score': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/sat_overall' },
      'a choice outside its options': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/promo_decided' },
      'a missing required answer': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/recommend' },
      'a comment over 5,000 characters': { status: 422, code: 'INVALID_ANSWERS', path: '/answers/comment' },
      'an oversized body': { status: 413, code: 'BODY_TOO_LARGE' },
      'an unknown survey': { status: 404, code: 'SURVEY_NOT_FOUND' },
      'an unpublished survey': { status: 404, code: 'SURVEY_NOT_PUBLISHED' },
      'a survey id that is not a UUID': { status: 400, code: 'VALIDATION_FAILED', path: '/params/id' },
    };
    for (const [name, run] of cases) {
      it(`answers ${expected[name]!.status} ${expected[name]!.code} to ${name} and stores nothing`, async () => {
        const before = await countRows();
        expect(await run()).toEqual(expected[name]);
        expect(await countRows()).toBe(before);
      });
    }
  }
});
