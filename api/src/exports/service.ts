import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import type { BorrowedClient, DatabaseHandle } from '../db/database.js';
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

/** The tenant scope, and a raw client for COPY where there is one (PostgreSQL). */
export type ExportDatabase = TenantScope & Pick<DatabaseHandle, 'acquireClient'>;

/**
 * The rows of a `COPY … TO STDOUT` as PostgreSQL sends them, on a borrowed client. Returning early
 * (the client went away) or an error midway leaves the connection inside the COPY, so it is closed
 * rather than reused; the server ends the COPY when the socket closes.
 */
async function* copiedRows(acquireClient: () => Promise<BorrowedClient>, statement: string): AsyncGenerator<Buffer> {
  const borrowed = await acquireClient();
  let stoppedBy: Error | undefined = new Error('the CSV export stopped before the end of its COPY');
  try {
    for await (const chunk of borrowed.client.query(copyTo(statement))) yield chunk as Buffer;
    stoppedBy = undefined;
  } catch (error) {
    stoppedBy = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    borrowed.release(stoppedBy);
  }
}

/** The same rows through a cursor, joined `LINES_PER_CHUNK` at a time (PGlite). */
async function* cursorRows(scope: TenantScope, surveyId: string, questionIds: string[], selection: ExportSelection): AsyncGenerator<string> {
  let lines: string[] = [];
  for await (const { line } of streamCsvLines(scope, surveyId, questionIds, selection)) {
    lines.push(line);
    if (lines.length === LINES_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

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
    const rows = acquireClient
      ? copiedRows(acquireClient, copyCsvRowsStatement(database, surveyId, questionIds, selection))
      : cursorRows(database, surveyId, questionIds, selection);
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
