/**
 * Export queries: every response of a survey as ready CSV lines, streamed through a server-side
 * cursor in submission order so memory stays flat however many responses there are.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SurveyDefinition } from '../surveys/definition.js';
import { csvAnswerCell, csvTextCell, csvTimestampCell } from './csv.js';

/** Every definition the survey ever had, oldest first (to name one column per question id). */
export async function surveyDefinitions(db: Kysely<Database>, surveyId: string): Promise<SurveyDefinition[]> {
  const rows = await db
    .selectFrom('survey_version')
    .select('definition')
    .where('survey_id', '=', surveyId)
    .orderBy('version')
    .execute();
  return rows.map((row) => row.definition);
}

/**
 * One CSV line (without its line break) per response: response_id, submitted_at, language,
 * survey_version, customer_ref, then one cell per question id.
 * @example for await (const { line } of streamCsvLines(db, surveyId, ['sat_overall'])) { … }
 */
export function streamCsvLines(db: Kysely<Database>, surveyId: string, questionIds: string[], chunkSize = 5000) {
  const answers = sql.ref('response.answers');
  const cells = [
    sql`response.id::text`,
    csvTimestampCell(sql.ref('response.submitted_at')),
    sql`response.language`,
    sql`survey_version.version::text`,
    csvTextCell(sql.ref('response.customer_ref')),
    ...questionIds.map((questionId) => csvAnswerCell(answers, questionId)),
  ];
  return db
    .selectFrom('response')
    .innerJoin('survey_version', 'survey_version.id', 'response.survey_version_id')
    .select(sql<string>`${sql.join(cells, sql` || ',' || `)}`.as('line'))
    .where('response.survey_id', '=', surveyId)
    .orderBy('response.submitted_at')
    .orderBy('response.id')
    .stream(chunkSize);
}
