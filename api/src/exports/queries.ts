/**
 * Export queries: every response of a survey, streamed through a server-side cursor in id order
 * so memory stays flat however many responses there are.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SurveyDefinition } from '../surveys/definition.js';

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
 * @example for await (const row of streamResponses(db, surveyId)) { … }
 */
export function streamResponses(db: Kysely<Database>, surveyId: string, chunkSize = 2000) {
  return db
    .selectFrom('response')
    .innerJoin('survey_version', 'survey_version.id', 'response.survey_version_id')
    .select([
      'response.id',
      'response.submitted_at as submittedAt',
      'response.language',
      'survey_version.version',
      'response.customer_ref as customerRef',
      'response.answers',
    ])
    .where('response.survey_id', '=', surveyId)
    .orderBy('response.submitted_at')
    .orderBy('response.id')
    .stream(chunkSize);
}
