import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { findSurveyWithPublishedVersion } from '../surveys/queries.js';
import { csvHeader } from './csv.js';
import { streamCsvLines, surveyDefinitions } from './queries.js';

const FIXED_COLUMNS = ['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref'];
/** Lines joined into one write: fewer, larger chunks through the stream and the socket. */
const LINES_PER_CHUNK = 500;

/**
 * All responses of a survey as a CSV stream: fixed columns, then one column per question id
 * (every id any version of the survey asked, in the order first asked). Unanswered cells are empty.
 * @example const { filename, stream } = await exportResponsesCsv(db, surveyId); reply.send(stream)
 */
export async function exportResponsesCsv(db: Kysely<Database>, surveyId: string, onError: (error: unknown) => void) {
  const survey = await findSurveyWithPublishedVersion(db, surveyId);
  if (!survey) throw new ApiError('SURVEY_NOT_FOUND', `No survey has the id ${surveyId}.`);
  const questionIds = [...new Set((await surveyDefinitions(db, surveyId)).flatMap((d) => d.questions.map((q) => q.id)))];

  async function* chunks() {
    yield csvHeader([...FIXED_COLUMNS, ...questionIds]);
    let lines: string[] = [];
    for await (const { line } of streamCsvLines(db, surveyId, questionIds)) {
      lines.push(line);
      if (lines.length === LINES_PER_CHUNK) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }
  // Destroying the stream (the client went away) returns the generator, which closes the cursor and
  // releases the connection.
  const stream = Readable.from(chunks(), { objectMode: false });
  stream.once('error', onError);
  const filename = `${survey.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'survey'}-responses.csv`;
  return { filename, stream };
}
