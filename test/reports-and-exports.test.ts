import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { SCORE_COLUMNS } from '../api/src/exports/queries.js';

const base = { sat_overall: 4, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4 };

describeEachDatabase('summary, export and health', (ctx) => {
  let app: FastifyInstance;
  let surveyId: string;
  let emptySurveyId: string;
  let headers: { authorization: string };
  let emptyHeaders: { authorization: string };
  const recommendScores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 10];

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    const kohvik = await createSurvey(ctx.database(), fullTemplate(), { companyName: 'Kohvik' });
    surveyId = kohvik.surveyId;
    headers = await apiKeyHeaders(ctx.database(), kohvik.companyId);
    const empty = await createSurvey(ctx.database(), shortTemplate());
    emptySurveyId = empty.surveyId;
    emptyHeaders = await apiKeyHeaders(ctx.database(), empty.companyId);
    for (const [index, recommend] of recommendScores.entries()) {
      const answers: Record<string, number | string> = { ...base, recommend };
      if (index === 0) answers.comment = '=HYPERLINK("http://evil.example","click"), "quoted"\nnew line';
      if (index === 1) answers.comment = 'Очень вкусно; ქართული';
      const res = await app.inject({
        method: 'POST',
        url: `/api/surveys/${surveyId}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => app.close());

  it('reports the response count and the NPS with its 95% interval', async () => {
    const res = await app.inject({ url: `/api/surveys/${surveyId}/summary`, headers });
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary.responseCount).toBe(10);
    // 5 promoters, 2 passives, 3 detractors of 10: NPS 20, SE = 100·sqrt((0.8 − 0.04)/10)
    expect(summary.nps).toMatchObject({ n: 10, promoters: 5, passives: 2, detractors: 3 });
    expect(summary.nps.nps).toBeCloseTo(20, 10);
    expect(summary.nps.standardError).toBeCloseTo(100 * Math.sqrt(0.76 / 10), 10);
    // A code with params for programs, and an English message beside it for scripts.
    expect(summary.nps.warnings).toContainEqual({
      code: 'SMALL_SAMPLE',
      params: { n: 10, min: 30 },
      message: 'Few answers (n = 10, fewer than 30): treat the figure as a rough indication.',
    });
  });

  it('reports an empty survey as zero responses with no NPS', async () => {
    const summary = (await app.inject({ url: `/api/surveys/${emptySurveyId}/summary`, headers: emptyHeaders })).json();
    expect(summary.responseCount).toBe(0);
    expect(summary.nps.nps).toBeNull();
  });

  it('exports every response as CSV, one column per question id, formulas defused', async () => {
    const res = await app.inject({ url: `/api/surveys/${surveyId}/export.csv`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Check-up-responses.csv"/);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const rows: Record<string, string>[] = parse(res.body.slice(1), { columns: true });
    expect(rows).toHaveLength(10);
    const header = Object.keys(rows[0]!);
    expect(header.slice(0, 5)).toEqual(['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref']);
    // Then the stored scores, last (exports/queries.ts SCORE_COLUMNS).
    expect(header.slice(5)).toEqual([...fullTemplate().questions.map((q) => q.id), ...SCORE_COLUMNS]);
    expect(rows.map((r) => Number(r.recommend))).toEqual(recommendScores);
    expect(rows[0]!.comment).toBe('\'=HYPERLINK("http://evil.example","click"), "quoted"\nnew line');
    expect(rows[1]!.comment).toBe('Очень вкусно; ქართული');
    expect(rows[2]!.comment).toBe('');
    expect(rows[2]!.sat_price).toBe('');
  });

  it('answers 404 for the export of an unknown survey', async () => {
    const res = await app.inject({ url: `/api/surveys/${randomUUID()}/export.csv`, headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SURVEY_NOT_FOUND');
  });

  it('says which database answers the health check', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: ctx.kind });
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('lists the company\'s surveys with their response counts', async () => {
    const { surveys } = (await app.inject({ url: '/api/surveys', headers })).json();
    expect(surveys.find((s: { id: string }) => s.id === surveyId)).toMatchObject({ companyName: 'Kohvik', responseCount: 10 });
  });
});
