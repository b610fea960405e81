import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createSurvey, describeEachDatabase } from '../../../test/helper.js';
import type { SurveyDefinition } from '../surveys/definition.js';
import { shortTemplate } from '../surveys/template.js';
import { defuseFormula } from './csv.js';

const base = shortTemplate();
const definition: SurveyDefinition = {
  ...base,
  questions: [
    ...base.questions,
    { id: 'mood', construct: 'satisfaction', type: 'scale', required: false, min: -5, max: 5, text: base.questions[0]!.text, minLabel: base.title, maxLabel: base.title },
    { id: 'comment', construct: 'open', type: 'text', required: false, maxLength: 5000, text: base.title },
  ],
};

/** Cells that need defusing, quoting, both or neither; stored as they are, past validation. */
const TRICKY: { customerRef: string | null; answers: Record<string, string | number | null>; submittedAt: string }[] = [
  { customerRef: '=SUM(A1)', answers: { sat_overall: 4, recommend: 10, promo_decided: 'yes', mood: -3, comment: '-minus' }, submittedAt: '2025-03-04T05:06:07.123999Z' },
  { customerRef: 'a,b "c"', answers: { mood: 0, comment: 'line\r\nbreak' }, submittedAt: '2025-03-04T05:06:08Z' },
  { customerRef: null, answers: { comment: '\rcarriage', mood: null }, submittedAt: '2025-03-04T05:06:09.5Z' },
  { customerRef: '', answers: { comment: 'tab\tinside, and a comma' }, submittedAt: '2025-03-04T05:06:10.000001Z' },
  { customerRef: '@x', answers: { comment: '"quoted"', mood: 5 }, submittedAt: '1999-12-31T23:59:59.999Z' },
  { customerRef: '+1 555', answers: { comment: 'Очень вкусно; ქართული', recommend: 0 }, submittedAt: '2025-03-04T05:06:11Z' },
  { customerRef: '-', answers: { comment: '\tstarts with a tab' }, submittedAt: '2025-03-04T05:06:12Z' },
  { customerRef: 'plain', answers: { comment: 'only\rCR', promo_decided: 'no' }, submittedAt: '2025-03-04T05:06:13Z' },
  { customerRef: 'x', answers: { comment: '=HYPERLINK("http://evil.example","click"), "quoted"\nnew line' }, submittedAt: '2025-03-04T05:06:14Z' },
];

describeEachDatabase('CSV export format and streaming', (ctx) => {
  let app: FastifyInstance;
  let surveyId: string;
  let bigSurveyId: string;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    const db = ctx.database().db;
    const tricky = await createSurvey(ctx.database(), definition);
    surveyId = tricky.surveyId;
    for (const row of TRICKY) {
      await db
        .insertInto('response')
        .values({
          survey_id: tricky.surveyId,
          survey_version_id: tricky.versionId,
          client_submission_id: crypto.randomUUID(),
          language: 'ka',
          customer_ref: row.customerRef,
          answers: JSON.stringify(row.answers),
          submitted_at: row.submittedAt,
        })
        .execute();
    }
    const big = await createSurvey(ctx.database(), shortTemplate());
    bigSurveyId = big.surveyId;
    await sql`
      insert into response (survey_id, survey_version_id, client_submission_id, language, answers)
      select ${big.surveyId}, ${big.versionId}, gen_random_uuid(), 'en', jsonb_build_object('sat_overall', 1 + g % 5, 'comment', repeat('x', 200))
      from generate_series(1, 20000) as g`.execute(db);
  });
  afterAll(async () => app.close());

  it('writes the same bytes csv-stringify writes from the stored rows', async () => {
    const rows = await ctx
      .database()
      .db.selectFrom('response')
      .innerJoin('survey_version', 'survey_version.id', 'response.survey_version_id')
      .select(['response.id', 'response.submitted_at', 'response.language', 'survey_version.version', 'response.customer_ref', 'response.answers'])
      .where('response.survey_id', '=', surveyId)
      .orderBy('response.submitted_at')
      .orderBy('response.id')
      .execute();
    const questionIds = definition.questions.map((q) => q.id);
    const expected = stringify(
      rows.map((row) => [row.id, row.submitted_at, row.language, row.version, row.customer_ref, ...questionIds.map((id) => row.answers[id] ?? null)]),
      {
        bom: true,
        header: true,
        columns: ['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref', ...questionIds],
        cast: { string: defuseFormula, date: (value) => value.toISOString() },
      },
    );
    const res = await app.inject({ url: `/api/surveys/${surveyId}/export.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(expected);
    expect(res.body).toContain(`,'=SUM(A1),4,10,`);
    expect(res.body).toContain(`,1999-12-31T23:59:59.999Z,`);
    expect(res.body).toContain(`,2025-03-04T05:06:07.123Z,`);
  });

  it('writes the header alone for a survey without responses', async () => {
    const { surveyId: emptyId } = await createSurvey(ctx.database(), shortTemplate());
    const res = await app.inject({ url: `/api/surveys/${emptyId}/export.csv` });
    expect(res.body).toBe(`\ufeffresponse_id,submitted_at,language,survey_version,customer_ref,${shortTemplate().questions.map((q) => q.id).join(',')}\n`);
  });

  it('releases the database connection when the client goes away mid-export', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    // More aborted exports than the pool has connections: a leak would leave the next query waiting.
    for (let attempt = 0; attempt < 12; attempt++) {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`http://127.0.0.1:${port}/api/surveys/${bigSurveyId}/export.csv`, (response) => {
          expect(response.statusCode).toBe(200);
          response.once('data', () => request.destroy());
        });
        request.once('close', resolve);
        request.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
      });
    }
    const answered = await Promise.race([
      app.inject({ url: `/api/surveys/${bigSurveyId}/summary` }).then((res) => res.statusCode),
      new Promise<string>((resolve) => setTimeout(() => resolve('no connection within 10 s'), 10_000)),
    ]);
    expect(answered).toBe(200);
    const full = await app.inject({ url: `/api/surveys/${bigSurveyId}/export.csv` });
    expect(full.body.split('\n')).toHaveLength(20_002);
  });
});
