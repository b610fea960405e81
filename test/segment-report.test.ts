import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../api/src/analytics/seededRandom.js';
import type { Answers, SurveyDefinition } from '../api/src/model/definition.js';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import { surveySegmentReport } from '../api/src/reports/service.js';
import { DEMO_COMPANY_ID, DEMO_SURVEY_ID, seedDemo } from '../scripts/demo/seed.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase, type DatabaseContext } from './helper.js';

describeEachDatabase('the segment report over stored responses and purchases', (ctx) => {
  let app: FastifyInstance;
  let body: any;
  let headers: { authorization: string };

  beforeAll(async () => {
    await seedDemo(ctx.database().db, { responses: 600, fullResponses: 1000 });
    headers = await apiKeyHeaders(ctx.database(), DEMO_COMPANY_ID);
    app = await buildTestApp(ctx.database());
    const res = await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/report`, headers });
    expect(res.statusCode).toBe(200);
    body = res.json();
  });
  afterAll(async () => app.close());

  it('counts every response once, unclassified included', () => {
    expect(body.report.n).toBe(600);
    const successes = body.report.segments.map((s: { share: { successes: number } }) => s.share.successes);
    expect(successes.reduce((a: number, b: number) => a + b, 0)).toBe(600);
    expect(body.report.segments.map((s: { segment: string }) => s.segment)).toContain('unclassified');
  });

  it('agrees with the summary on the NPS', async () => {
    const summary = (await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/summary`, headers })).json();
    expect(body.report.nps).toEqual(summary.nps);
  });

  it('joins purchases: retention matches a count made in SQL', async () => {
    const { db } = ctx.database();
    // Retained = a purchase within 180 days after the survey; the outcome is known when the window
    // closed before the purchase history was last imported (the newest applied import, else the
    // newest purchase row); a purchase seen in a window still open leaves it unknown.
    const row = await sql<{ known: string; retained: string }>`
      with history as (select coalesce(
               (select max(finished_at) from purchase_import where status = 'applied'),
               (select max(created_at) from purchase)) as loaded_at),
      outcome as (
        select r.id,
               exists (select 1 from purchase p where p.customer_ref = r.customer_ref
                       and p.purchased_at > r.submitted_at and p.purchased_at <= r.submitted_at + interval '180 days') as retained,
               r.submitted_at + interval '180 days' <= (select loaded_at from history) as window_closed
        from response r where r.survey_id = ${DEMO_SURVEY_ID})
      select count(*) filter (where window_closed) as known, count(*) filter (where retained and window_closed) as retained from outcome`.execute(db);
    const expected = row.rows[0]!;
    expect(body.report.retention.n).toBe(Number(expected.known));
    expect(body.report.retention.overall.successes).toBe(Number(expected.retained));
    expect(Number(expected.known)).toBeGreaterThan(0);
  });

  it('compares before and after the latest change event of the company', async () => {
    const { db } = ctx.database();
    await db
      .insertInto('change_event')
      .values({ id: randomUUID(), company_id: DEMO_COMPANY_ID, occurred_at: new Date('2026-05-01T00:00:00Z'), title: 'New logo' })
      .execute();
    const res = (await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/report`, headers })).json();
    expect(res.changeEvent).toEqual({ at: '2026-05-01T00:00:00.000Z', title: 'New logo' });
    const { n: before } = await db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('survey_id', '=', DEMO_SURVEY_ID)
      .where('submitted_at', '<', new Date('2026-05-01T00:00:00Z'))
      .executeTakeFirstOrThrow();
    expect(res.report.changeEvent.before.n).toBe(Number(before));
  });

  it('answers 404 for an unknown survey', async () => {
    const res = await app.inject({ url: `/api/surveys/${randomUUID()}/report`, headers });
    expect(res.statusCode).toBe(404);
  });
});

const DAY = 86_400_000;

/** A survey of `definition` with `count` responses (every answer in range, some skipped), purchases of its customers and a change event. */
async function seedSurvey(ctx: DatabaseContext, definition: SurveyDefinition, count: number, seed: number): Promise<{ companyId: string; surveyId: string }> {
  const { companyId, surveyId, versionId } = await createSurvey(ctx.database(), definition);
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = Date.UTC(2025, 0, 1);
  const responses = Array.from({ length: count }, (_, i) => {
    const answers: Answers = {};
    for (const question of definition.questions) {
      if (random() < 0.1) continue;
      if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) continue;
      if (question.type === 'scale') answers[question.id] = between(question.min, question.max);
      else if (question.type === 'count') answers[question.id] = between(0, 9);
      else if (question.type === 'choice') answers[question.id] = question.options[between(0, question.options.length - 1)]!.value;
      else answers[question.id] = 'Fresh bread, "kind" staff';
    }
    return {
      company_id: companyId,
      survey_id: surveyId,
      survey_version_id: versionId,
      client_submission_id: randomUUID(),
      language: 'en' as const,
      customer_ref: i % 4 === 0 ? null : `customer-${i % 10}`,
      answers: JSON.stringify(answers),
      submitted_at: new Date(start + between(0, 200) * DAY),
    };
  });
  const { db } = ctx.database();
  await db.insertInto('response').values(responses).execute();
  await db
    .insertInto('purchase')
    .values(Array.from({ length: 30 }, (_, i) => ({ company_id: companyId, customer_ref: `customer-${i % 10}`, external_id: `p-${i}`, purchased_at: new Date(start + between(-100, 400) * DAY), amount_cents: 250, created_at: new Date('2026-01-01T00:00:00Z') })))
    .execute();
  await db.insertInto('change_event').values({ company_id: companyId, occurred_at: new Date(start + 100 * DAY), title: 'New recipe' }).execute();
  return { companyId, surveyId };
}

describeEachDatabase('the report route sends every field of the report', (ctx) => {
  let app: FastifyInstance;
  const surveys: Record<string, { companyId: string; surveyId: string }> = {};

  beforeAll(async () => {
    surveys.full = await seedSurvey(ctx, fullTemplate(), 40, 11);
    surveys.short = await seedSurvey(ctx, shortTemplate(), 25, 12);
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());

  for (const template of ['full', 'short']) {
    it(`sends the ${template} template's report exactly as the service built it`, async () => {
      const { companyId, surveyId } = surveys[template]!;
      const res = await app.inject({ url: `/api/surveys/${surveyId}/report`, headers: await apiKeyHeaders(ctx.database(), companyId) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const direct = await surveySegmentReport({ ...ctx.database(), companyId }, surveyId);
      expect(direct.report.changeEvent?.before.n).toBeGreaterThan(0);
      expect(direct.report.retention.n).toBeGreaterThan(0);
      expect(body).toStrictEqual({ ...direct, generatedAt: body.generatedAt });
      expect(Date.parse(body.generatedAt)).not.toBeNaN();
    });
  }
});
