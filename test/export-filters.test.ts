/**
 * GET /api/surveys/:id/export.csv with the report's filters (reports/filter.ts): a filtered export's
 * rows are the rows a direct SQL count finds, and its stored-score columns are the stored values, the
 * segment and loyalty type those of segmentSql and loyaltyTypeSql under the survey's thresholds.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { loyaltyTypeSql, segmentSql } from '../api/src/reports/filter.js';
import { scoreUnscoredResponses } from '../api/src/responses/scores.js';
import { generatePopulation } from '../scripts/population/index.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';

describeEachDatabase('the export follows the report filters', (ctx) => {
  let app: FastifyInstance;
  let survey: { companyId: string; surveyId: string; versionId: string };
  let headers: { authorization: string };
  const db = () => ctx.database().db;
  const thresholds = shortTemplate().thresholds;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    survey = await createSurvey(ctx.database(), shortTemplate());
    headers = await apiKeyHeaders(ctx.database(), survey.companyId);
    let index = 0;
    for (const respondent of generatePopulation({ n: 240, seed: 1717, questions: 'short', start: new Date('2025-01-01T00:00:00Z'), end: new Date('2025-12-31T00:00:00Z') })) {
      index++;
      let inviteId: string | null = null;
      let channel: string | null = null;
      if (index % 3 === 0) {
        channel = index % 2 === 0 ? 'email' : 'receipt';
        const invite = await db().insertInto('invite').values({ company_id: survey.companyId, survey_id: survey.surveyId, token: randomUUID(), customer_ref: `C-${index}`, channel }).returning('id').executeTakeFirstOrThrow();
        inviteId = invite.id;
      }
      await db().insertInto('response').values({
        company_id: survey.companyId, survey_id: survey.surveyId, survey_version_id: survey.versionId, invite_id: inviteId, channel,
        customer_ref: inviteId ? `C-${index}` : null, client_submission_id: randomUUID(), language: respondent.language,
        answers: JSON.stringify(respondent.answers), submitted_at: respondent.submittedAt,
      }).execute();
    }
    await scoreUnscoredResponses(db());
  });
  afterAll(async () => app.close());

  const exported = async (query: string) => {
    const res = await app.inject({ url: `/api/surveys/${survey.surveyId}/export.csv${query}`, headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
  };
  const countWhere = async (condition: ReturnType<typeof sql>) => {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from response r where r.company_id = ${survey.companyId} and r.survey_id = ${survey.surveyId} and ${condition}`.execute(db());
    return Number(rows[0]!.n);
  };

  it('carries the stored scores, and the segment and loyalty type SQL decides, on every row', async () => {
    const rows = await exported('');
    expect(rows).toHaveLength(240);
    const stored = await db()
      .selectFrom('response as r')
      .select(['r.id', 'r.score_s', 'r.score_e', 'r.score_b', 'r.discount_dependent', 'r.exchange_type', segmentSql(thresholds, 'r').as('segment'), loyaltyTypeSql(thresholds, 'r').as('loyalty')])
      .where('r.survey_id', '=', survey.surveyId)
      .execute();
    const byId = new Map(stored.map((row) => [row.id, row]));
    const text = (value: number | null) => (value === null ? '' : String(value));
    for (const row of rows) {
      const want = byId.get(row.response_id!)!;
      expect([row.score_s, row.score_e, row.score_b, row.discount_dependent, row.exchange_type, row.segment, row.loyalty_type]).toEqual([
        text(want.score_s), text(want.score_e), text(want.score_b), want.discount_dependent === null ? '' : String(want.discount_dependent), want.exchange_type ?? '', want.segment, want.loyalty,
      ]);
    }
    expect(new Set(rows.map((row) => row.segment)).size).toBeGreaterThanOrEqual(4);
  });

  it('exports the rows a direct SQL count finds, for each filter', async () => {
    const cases: [string, ReturnType<typeof sql>][] = [
      ['?segment=loyal', sql`${segmentSql(thresholds, 'r')} = 'loyal'`],
      ['?segment=satisfied_not_loyal', sql`${segmentSql(thresholds, 'r')} = 'satisfied_not_loyal'`],
      ['?from=2025-03-01&to=2025-06-30', sql`r.submitted_at >= '2025-03-01T00:00:00Z' and r.submitted_at < '2025-07-01T00:00:00Z'`],
      ['?language=ru', sql`r.language = 'ru'`],
      ['?source=invite', sql`r.invite_id is not null`],
      ['?source=link&segment=defector', sql`r.invite_id is null and ${segmentSql(thresholds, 'r')} = 'defector'`],
      ['?channel=email', sql`r.channel = 'email'`],
      ['?version=1&to=2025-02-01', sql`r.submitted_at < '2025-02-02T00:00:00Z'`],
    ];
    for (const [query, condition] of cases) {
      const rows = await exported(query);
      const expected = await countWhere(condition);
      expect({ query, rows: rows.length }).toEqual({ query, rows: expected });
      expect(expected).toBeGreaterThan(0);
    }
    const loyal = await exported('?segment=loyal');
    expect(loyal.every((row) => row.segment === 'loyal')).toBe(true);
  });

  it('answers 400 INVALID_FILTER naming a bad parameter, and a filter that matches no one with the header alone', async () => {
    for (const [query, path] of [['?segment=happy', '/query/segment'], ['?from=2025-05-01&to=2025-04-01', '/query/from'], ['?version=7', '/query/version'], ['?from=yesterday', '/query/from'], ['?source=mail', '/query/source']]) {
      const res = await app.inject({ url: `/api/surveys/${survey.surveyId}/export.csv${query}`, headers });
      expect({ query, status: res.statusCode, code: res.json().error.code, path: res.json().error.fields?.[0]?.path }).toEqual({ query, status: 400, code: 'INVALID_FILTER', path });
    }
    expect(await exported('?from=2030-01-01')).toEqual([]);
  });
});
