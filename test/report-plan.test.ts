/**
 * The report's respondent query aggregates each customer's purchases once, whatever the planner
 * knows: on PGlite (no autovacuum) a database that grew after its last ANALYZE once had the purchase
 * aggregate re-run for every response (43 s for the demo instead of 0.1 s; docs/BENCHMARKS.md).
 * EXPLAIN ANALYZE counts how often each plan node ran: every aggregate must run once.
 */
import pg from 'pg';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { respondentLinesQuery } from '../api/src/reports/queries.js';
import { shortTemplate } from '../api/src/model/template.js';
import { createSurvey, describeEachDatabase } from './helper.js';

interface PlanNode {
  'Node Type': string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function aggregates(node: PlanNode): PlanNode[] {
  return [...(node['Node Type'] === 'Aggregate' ? [node] : []), ...(node.Plans ?? []).flatMap(aggregates)];
}

describeEachDatabase('the report query plan', (ctx) => {
  it('aggregates the purchases once, not once per response, on tables grown since their last statistics', async () => {
    const { db } = ctx.database();
    const { companyId, surveyId, versionId } = await createSurvey(ctx.database(), shortTemplate());
    // Written after the migration's ANALYZE of the empty tables, as a database grows by submissions.
    await sql`
      insert into response (company_id, survey_id, survey_version_id, client_submission_id, language, customer_ref, answers)
      select ${companyId}, ${surveyId}, ${versionId}, gen_random_uuid(), 'en', 'customer-' || (g % 300), '{"sat_overall": 4}'::jsonb
      from generate_series(1, 600) as g`.execute(db);
    await sql`
      insert into purchase (company_id, customer_ref, purchased_at, amount_cents)
      select ${companyId}, 'customer-' || (g % 300), now() - (g || ' hours')::interval, 100
      from generate_series(1, 3000) as g`.execute(db);
    const statement = respondentLinesQuery(surveyId, companyId, [{ id: versionId, version: 1 }], (value) => pg.escapeLiteral(value));
    const { rows } = await sql.raw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${statement}`).execute(db);
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    const found = aggregates(plan);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((node) => node['Actual Loops'])).toEqual(found.map(() => 1));
  });
});
