import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_SURVEY_ID, seedDemo } from '../scripts/demo/seed.js';
import { buildTestApp, describeEachDatabase } from './helper.js';

describeEachDatabase('the segment report over stored responses and purchases', (ctx) => {
  let app: FastifyInstance;
  let body: any;

  beforeAll(async () => {
    await seedDemo(ctx.database().db, { responses: 600 });
    app = await buildTestApp(ctx.database());
    const res = await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/report` });
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
    const summary = (await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/summary` })).json();
    expect(body.report.nps).toEqual(summary.nps);
  });

  it('joins purchases: retention matches a count made in SQL', async () => {
    const { db } = ctx.database();
    // Retained = a purchase within 180 days after the survey; the outcome is known when the window
    // closed before the purchase history was loaded, or when a purchase was seen.
    const row = await sql<{ known: string; retained: string }>`
      with history as (select max(created_at) as loaded_at from purchase),
      outcome as (
        select r.id,
               exists (select 1 from purchase p where p.customer_ref = r.customer_ref
                       and p.purchased_at > r.submitted_at and p.purchased_at <= r.submitted_at + interval '180 days') as retained,
               r.submitted_at + interval '180 days' <= (select loaded_at from history) as window_closed
        from response r where r.survey_id = ${DEMO_SURVEY_ID})
      select count(*) filter (where retained or window_closed) as known, count(*) filter (where retained) as retained from outcome`.execute(db);
    const expected = row.rows[0]!;
    expect(body.report.retention.n).toBe(Number(expected.known));
    expect(body.report.retention.overall.successes).toBe(Number(expected.retained));
    expect(Number(expected.known)).toBeGreaterThan(0);
  });

  it('compares before and after the latest change event of the company', async () => {
    const { db } = ctx.database();
    await db
      .insertInto('change_event')
      .values({ id: randomUUID(), company_id: 'd0000000-0000-4000-8000-000000000001', occurred_at: new Date('2026-05-01T00:00:00Z'), title: 'New logo' })
      .execute();
    const res = (await app.inject({ url: `/api/surveys/${DEMO_SURVEY_ID}/report` })).json();
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
    const res = await app.inject({ url: `/api/surveys/${randomUUID()}/report` });
    expect(res.statusCode).toBe(404);
  });
});
