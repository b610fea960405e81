import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { findSurveyWithPublishedVersion } from '../surveys/queries.js';
import { csvStringifier } from './csv.js';
import { streamResponses, surveyDefinitions } from './queries.js';

const FIXED_COLUMNS = ['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref'];

/**
 * All responses of a survey as a CSV stream: fixed columns, then one column per question id
 * (every id any version of the survey asked, in the order first asked). Unanswered cells are empty.
 * @example const { filename, stream } = await exportResponsesCsv(db, surveyId); reply.send(stream)
 */
export async function exportResponsesCsv(db: Kysely<Database>, surveyId: string, onError: (error: unknown) => void) {
  const survey = await findSurveyWithPublishedVersion(db, surveyId);
  if (!survey) throw new ApiError('SURVEY_NOT_FOUND', `No survey has the id ${surveyId}.`);
  const questionIds = [...new Set((await surveyDefinitions(db, surveyId)).flatMap((d) => d.questions.map((q) => q.id)))];
  const csv = csvStringifier([...FIXED_COLUMNS, ...questionIds]);

  async function* records() {
    for await (const row of streamResponses(db, surveyId)) {
      const record: (string | number | Date | null)[] = [row.id, row.submittedAt, row.language, row.version, row.customerRef];
      for (const id of questionIds) record.push(row.answers[id] ?? null);
      yield record;
    }
  }
  // pipeline() destroys the cursor's generator when the client goes away, releasing the connection.
  pipeline(Readable.from(records()), csv).catch(onError);
  const filename = `${survey.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'survey'}-responses.csv`;
  return { filename, stream: csv };
}
