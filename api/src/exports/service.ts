import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { copyChunks, cursorLines } from '../db/stream.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { getSurveyHead } from '../surveys/service.js';
import { DEFAULT_THRESHOLDS, type SurveyDefinition } from '../model/definition.js';
import { csvHeader, csvRecordCounter } from './csv.js';
import { findSurveyVersions } from '../surveys/queries.js';
import { assertKnownVersion, filterSql, type ReportFilter } from '../reports/filter.js';
import { copyCsvRowsStatement, SCORE_COLUMNS, streamCsvLines, type ExportSelection } from './queries.js';

const FIXED_COLUMNS = ['response_id', 'submitted_at', 'language', 'survey_version', 'customer_ref'];
/** Lines joined into one write: fewer, larger chunks through the stream and the socket. */
const LINES_PER_CHUNK = 500;

/** Each batch of lines with the line break after its last line. */
async function* withLineEnds(batches: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const batch of batches) yield `${batch}\n`;
}

/** The tenant scope, and a raw client for COPY where there is one (PostgreSQL). */
export type ExportDatabase = TenantScope & Pick<DatabaseHandle, 'acquireClient'>;

/**
 * One column per question id any version of the survey asked: the newest version's questions in its
 * order first, then the questions later versions removed, newest version first. Definitions oldest first.
 * @example exportQuestionIds([v1, v2]) // => [...v2's ids, ...ids only v1 asked]
 */
function exportQuestionIds(definitions: readonly SurveyDefinition[]): string[] {
  const ids = new Set<string>();
  for (let i = definitions.length - 1; i >= 0; i--) for (const question of definitions[i]!.questions) ids.add(question.id);
  return [...ids];
}

/**
 * The responses of a survey that the report's filter keeps (reports/filter.ts; all of them for an
 * empty filter) as a CSV stream: fixed columns (survey_version is the version each response
 * answered), then one column per question id any version up to the published one asked
 * (queries.ts exportQuestionIds: the newest version's order, then removed questions), then the
 * stored scores (queries.ts SCORE_COLUMNS: S, E, B, D, exchange type, and the segment and loyalty
 * type under the survey's current thresholds, the newest version's, as the report decides them).
 * Unanswered cells, and questions a response's version did not ask, are empty.
 * The bytes are the same on both paths (export.test.ts compares them with csv-stringify's).
 * `onFinished` is told once, when the stream closes, how many rows passed (the header not counted)
 * and whether it ended (`completed`) or was cut off: the client went away, or the database failed.
 * @example const { filename, stream } = await exportResponsesCsv({ db, companyId, acquireClient }, surveyId, log, audit, { segment: 'loyal' }); reply.send(stream)
 * @throws ApiError SURVEY_NOT_FOUND; INVALID_FILTER for a version the survey does not have
 */
export async function exportResponsesCsv(
  database: ExportDatabase,
  surveyId: string,
  onError: (error: unknown) => void,
  onFinished: (outcome: { rows: number; completed: boolean }) => void = () => {},
  filter: ReportFilter = {},
) {
  const { acquireClient } = database;
  const survey = await getSurveyHead(database, surveyId);
  const versions = await findSurveyVersions(database, surveyId, survey.version ?? undefined);
  assertKnownVersion(filter, versions);
  const questionIds = exportQuestionIds(versions.map((version) => version.definition));
  const newest = versions.at(-1);
  const thresholds = newest?.definition.thresholds ?? DEFAULT_THRESHOLDS;
  const versionId = versions.find((version) => version.version === filter.version)?.id;
  const selection: ExportSelection = { condition: filterSql(filter, { thresholds, versionId }, 'response'), thresholds };

  const counter = csvRecordCounter();
  async function* chunks() {
    yield csvHeader([...FIXED_COLUMNS, ...questionIds, ...SCORE_COLUMNS]);
    // db/stream.ts: COPY's own CSV on PostgreSQL, the same lines through a cursor on PGlite.
    const rows = acquireClient
      ? copyChunks(acquireClient, copyCsvRowsStatement(database, surveyId, questionIds, selection), { label: 'the CSV export' })
      : withLineEnds(cursorLines(streamCsvLines(database, surveyId, questionIds, selection), '\n', LINES_PER_CHUNK));
    for await (const chunk of rows) {
      counter.add(chunk);
      yield chunk;
    }
  }
  // Destroying the stream (the client went away) returns the generator, which ends the COPY or closes
  // the cursor and gives the connection back; an error midway destroys the response.
  const stream = Readable.from(chunks(), { objectMode: false });
  stream.once('error', onError);
  // 'close' follows 'end', an error and a destroy alike; readableEnded tells the first from the others.
  stream.once('close', () => onFinished({ rows: counter.records, completed: stream.readableEnded }));
  const filename = `${survey.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'survey'}-responses.csv`;
  return { filename, stream };
}
