/**
 * Survey versions in the database: a published version never changes, template definitions stored
 * before roles existed get them, and the report scores each response with the version it answered —
 * damaged rows included — on PGlite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Answers, SurveyDefinition } from '../api/src/model/definition.js';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import * as immutableSurveyVersion from '../migrations/0002_immutable_survey_version.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import type { TestDatabase } from './databases.js';

/** The company a survey belongs to. */
async function companyOf(database: TestDatabase, surveyId: string): Promise<string> {
  const { company_id } = await database.db.selectFrom('survey').select('company_id').where('id', '=', surveyId).executeTakeFirstOrThrow();
  return company_id;
}

/** Stores one response to the given version, straight into the table (no validation on the way). */
async function insertResponse(database: TestDatabase, surveyId: string, versionId: string, answers: Record<string, unknown>) {
  await database.db
    .insertInto('response')
    .values({
      company_id: await companyOf(database, surveyId),
      survey_id: surveyId,
      survey_version_id: versionId,
      client_submission_id: crypto.randomUUID(),
      language: 'en',
      answers: JSON.stringify(answers),
    })
    .execute();
}

/** Adds version `version` of a survey and publishes it. */
async function publishVersion(database: TestDatabase, surveyId: string, version: number, definition: SurveyDefinition): Promise<string> {
  const { id } = await database.db
    .insertInto('survey_version')
    .values({ company_id: await companyOf(database, surveyId), survey_id: surveyId, version, definition: JSON.stringify(definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db.updateTable('survey').set({ published_version: version }).where('id', '=', surveyId).execute();
  return id;
}

/** Version 1 of the short template rated overall satisfaction on 1–7 and asked stay_vs_competitor; version 2 is the short template. */
function firstVersion(): SurveyDefinition {
  const definition = shortTemplate();
  return {
    ...definition,
    questions: definition.questions.map((q) => (q.id === 'sat_overall' && q.type === 'scale' ? { ...q, max: 7 } : q)),
  };
}
function secondVersion(): SurveyDefinition {
  const definition = shortTemplate();
  return { ...definition, questions: definition.questions.filter((q) => q.id !== 'stay_vs_competitor') };
}

describeEachDatabase('survey versions', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());

  /** GET `/api/surveys/:id/<route>` with an API key of the survey's company. */
  async function get(surveyId: string, route: 'summary' | 'report') {
    const headers = await apiKeyHeaders(ctx.database(), await companyOf(ctx.database(), surveyId));
    return app.inject({ url: `/api/surveys/${surveyId}/${route}`, headers });
  }

  it('refuses to change the definition of a published version', async () => {
    const { surveyId } = await createSurvey(ctx.database(), shortTemplate());
    const changed = { ...shortTemplate(), questions: shortTemplate().questions.slice(1) };
    await expect(
      ctx.database().db.updateTable('survey_version').set({ definition: JSON.stringify(changed) }).where('survey_id', '=', surveyId).execute(),
    ).rejects.toThrow(/is published and never changes/);
    await expect(
      ctx.database().db.updateTable('survey_version').set({ version: 5 }).where('survey_id', '=', surveyId).execute(),
    ).rejects.toThrow(/is published and never changes/);
    const stored = await ctx.database().db.selectFrom('survey_version').select('definition').where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    expect(stored.definition.questions).toHaveLength(shortTemplate().questions.length);
  });

  it('lets a draft version change until it is published', async () => {
    const { surveyId } = await createSurvey(ctx.database(), shortTemplate(), { publish: false });
    const changed = { ...shortTemplate(), questions: shortTemplate().questions.slice(1) };
    const result = await ctx.database().db
      .updateTable('survey_version')
      .set({ definition: JSON.stringify(changed) })
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });

  it('refuses to delete a version that has responses', async () => {
    const { surveyId, versionId } = await createSurvey(ctx.database(), shortTemplate());
    await insertResponse(ctx.database(), surveyId, versionId, { sat_overall: 4 });
    await expect(ctx.database().db.deleteFrom('survey_version').where('id', '=', versionId).execute()).rejects.toThrow(/foreign key/);
  });

  it('gives template definitions stored without roles their roles, so their NPS is still found', async () => {
    const { db } = ctx.database();
    await immutableSurveyVersion.down(db);
    const roleless = fullTemplate();
    for (const question of roleless.questions) delete question.role;
    const { surveyId, versionId } = await createSurvey(ctx.database(), roleless);
    const customQuestion = { ...shortTemplate().questions[1]!, id: 'q7' };
    delete customQuestion.role;
    const custom: SurveyDefinition = { ...shortTemplate(), questions: [customQuestion] };
    const { surveyId: customId } = await createSurvey(ctx.database(), custom);
    await insertResponse(ctx.database(), surveyId, versionId, { sat_overall: 5, recommend: 10 });
    await immutableSurveyVersion.up(db);

    const stored = await db.selectFrom('survey_version').select('definition').where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    expect(stored.definition).toEqual(fullTemplate());
    const untouched = await db.selectFrom('survey_version').select('definition').where('survey_id', '=', customId).executeTakeFirstOrThrow();
    expect(untouched.definition.questions[0]!.role).toBeUndefined();
    const summary = (await get(surveyId, 'summary')).json();
    expect(summary.nps).toMatchObject({ n: 1, nps: 100 });
    await expect(
      db.updateTable('survey_version').set({ definition: JSON.stringify(roleless) }).where('survey_id', '=', surveyId).execute(),
    ).rejects.toThrow(/is published and never changes/);
  });

  it('scores each response with the version it answered and counts both versions', async () => {
    const database = ctx.database();
    const { surveyId, versionId: firstId } = await createSurvey(database, firstVersion());
    const version1: Answers[] = [
      { sat_overall: 7, recommend: 10, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no' },
      { sat_overall: 6, recommend: 9, repurchase: 2, stay_vs_competitor: 1, promo_decided: 'yes', full_price_return: 1 },
    ];
    for (const answers of version1) await insertResponse(database, surveyId, firstId, answers);
    const secondId = await publishVersion(database, surveyId, 2, secondVersion());
    const version2: Answers[] = [
      { sat_overall: 5, recommend: 10, repurchase: 5, promo_decided: 'no' },
      { sat_overall: 4, recommend: 3, repurchase: 1, promo_decided: 'no' },
      { sat_overall: 5, recommend: 8, repurchase: 4, promo_decided: 'yes', full_price_return: 2 },
    ];
    for (const answers of version2) await insertResponse(database, surveyId, secondId, answers);

    const res = await get(surveyId, 'report');
    expect(res.statusCode).toBe(200);
    const report = res.json().report;
    expect(report.n).toBe(5);
    expect(report.versions).toEqual([
      { version: 1, n: 2 },
      { version: 2, n: 3 },
    ]);
    // Version 1's 7 of 1–7 is S = 1 and B includes stay_vs_competitor: both its respondents are
    // classified by their own definition (a 1–5 reading would have thrown or dropped the 7).
    const counts = Object.fromEntries(report.segments.map((s: { segment: string; share: { successes: number } }) => [s.segment, s.share.successes]));
    expect(counts).toMatchObject({ loyal: 3, satisfied_not_loyal: 2, unclassified: 0 });
    expect(report.csat).toMatchObject({ question: 'sat_overall', n: 3 });
    expect(report.satisfactionCurve.points.map((p: { level: number }) => p.level)).toEqual([1, 2, 3, 4, 5]);
    expect(report.nps.n).toBe(5);
    // Once for CSAT and the level parts, once for sat_overall as an item (drivers' outcome).
    const changed = report.warnings.filter((w: { code: string }) => w.code.startsWith('VERSION_'));
    expect(changed).toEqual([
      expect.objectContaining({
        part: 'versions',
        code: 'VERSION_LEVEL_SCALE_CHANGED',
        params: { count: 2, version: 1, min: 1, max: 7, newestMin: 1, newestMax: 5, newestVersion: 2 },
        message: expect.stringMatching(/^Version 1 rated overall satisfaction on 1–7, not on 1–5/),
      }),
      expect.objectContaining({
        part: 'versions',
        code: 'VERSION_SCALE_CHANGED',
        params: { count: 2, version: 1, items: ['sat_overall'], newestVersion: 2 },
      }),
    ]);
    expect(report.warnings.some((w: { code: string }) => w.code === 'DAMAGED_ANSWERS')).toBe(false);

    const summary = (await get(surveyId, 'summary')).json();
    expect(summary).toMatchObject({ responseCount: 5, nps: { n: 5 } });
  });

  it('answers a report with damaged stored answers with a warning instead of an error', async () => {
    const database = ctx.database();
    const { surveyId, versionId } = await createSurvey(database, fullTemplate());
    await insertResponse(database, surveyId, versionId, { sat_overall: 9, recommend: 'ten', told_positive: -4, told_negative: 2, expectation: 'toString' });
    await insertResponse(database, surveyId, versionId, { sat_overall: 2.5, recommend: 11, had_problem: 'maybe' });
    await insertResponse(database, surveyId, versionId, { sat_overall: 5, recommend: 9, told_positive: 3, told_negative: 1 });

    const res = await get(surveyId, 'report');
    expect(res.statusCode).toBe(200);
    const report = res.json().report;
    expect(report.n).toBe(3);
    const damaged = report.warnings.filter((w: { code: string }) => w.code === 'DAMAGED_ANSWERS');
    expect(damaged).toHaveLength(1);
    expect(damaged[0]).toMatchObject({ part: 'versions', params: { count: 2 }, message: expect.stringContaining(': 2.') });
    expect(report.csat.n).toBe(1);
    expect(report.nps.n).toBe(1);
    expect(report.wordOfMouth.overall.ratio.n).toBe(1);

    const summary = await get(surveyId, 'summary');
    expect(summary.statusCode).toBe(200);
    expect(summary.json().nps.n).toBe(1);
    expect(summary.json().nps.warnings.map((w: { code: string }) => w.code)).toContain('DAMAGED_ANSWERS');
  });
});
