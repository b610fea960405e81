/**
 * The drill-down's score sorts (issue 17, reports/drillDown.ts): `GET /surveys/:id/respondents?sort=S`
 * orders a survey's responses by `coalesce(score_s, -1)` then id. Without an index on that expression
 * the first page sorts every response of the survey (1.26 s at 1 M, docs/BENCHMARKS.md "Drill-down");
 * with one the planner reads the page in index order (8 ms). One per stored score, keyed by company
 * and survey first like every tenant index.
 *
 * Imports no app code: migrations never change after they land.
 */
import { sql, type Kysely } from 'kysely';

const SCORES = ['score_s', 'score_e', 'score_b'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of SCORES) {
    await sql`create index ${sql.raw(`response_drill_${column}_idx`)} on response (company_id, survey_id, (coalesce(${sql.ref(column)}, -1::double precision)), id)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of SCORES) await sql`drop index if exists ${sql.raw(`response_drill_${column}_idx`)}`.execute(db);
}
