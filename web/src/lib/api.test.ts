import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, getSurvey, getSurveyByInvite, getSurveyByLink, submitResponse } from './api.js';
import { listSurveys } from './session.js';

const answering = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('API client', () => {
  it('returns the body of a 2xx', async () => {
    const surveys = [{ id: 's1', name: 'n', status: 'published', companyName: 'c', title: null, responseCount: 0 }];
    expect(await listSurveys(answering(200, JSON.stringify({ surveys })))).toEqual(surveys);
  });

  it('turns the error body into an ApiError with its code, message and field paths', async () => {
    const body = { error: { code: 'INVALID_ANSWERS', message: 'Answer recommend must be from 0 to 10, got 11.', fields: [{ path: '/answers/recommend', message: 'must be from 0 to 10, got 11' }, { bogus: 1 }] } };
    const failure = await submitResponse(answering(422, JSON.stringify(body)), '/api/surveys/s1/responses', { clientSubmissionId: 'x', language: 'en', answers: {} }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 422, code: 'INVALID_ANSWERS', message: body.error.message, fields: [body.error.fields[0]] });
  });

  it('reports a gateway page that is not JSON by its status', async () => {
    const failure = await getSurvey(answering(502, '<html>Bad gateway</html>'), 's1').catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
  });

  it('tells a request that never got an answer apart from an error answer', async () => {
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    await expect(getSurvey(offline, 's1')).rejects.toBeInstanceOf(NetworkError);
  });

  it('puts the survey id into the path escaped', async () => {
    let requested = '';
    const recording = (async (path: string) => { requested = path; return new Response('{}', { status: 200 }); }) as unknown as typeof fetch;
    await getSurvey(recording, 'a/b?c');
    expect(requested).toBe('/api/surveys/a%2Fb%3Fc');
  });

  it('asks by slug or by invite token, with the version the respondent started when there is one', async () => {
    const requested: string[] = [];
    const api = (async (path: string) => {
      requested.push(path);
      if (path.includes('nowhere')) return new Response(JSON.stringify({ error: { code: 'SURVEY_NOT_FOUND', message: 'No survey', fields: [] } }), { status: 404 });
      return new Response('{"id":"x"}', { status: 200 });
    }) as unknown as typeof fetch;
    expect(await getSurveyByLink(api, 'coffee')).toEqual({ id: 'x' });
    await getSurveyByLink(api, 'coffee', 2);
    await expect(getSurveyByLink(api, 'nowhere')).rejects.toMatchObject({ status: 404, code: 'SURVEY_NOT_FOUND' });
    await getSurveyByInvite(api, 'a/b');
    await getSurveyByInvite(api, 'tok', 1);
    expect(requested).toEqual(['/api/s/coffee', '/api/s/coffee?version=2', '/api/s/nowhere', '/api/s/i/a%2Fb', '/api/s/i/tok?version=1']);
  });
});
