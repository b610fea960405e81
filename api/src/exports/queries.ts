/**
 * Export queries: every response of a survey in submission order, streamed so memory stays flat
 * however many responses there are — on PostgreSQL as `COPY … TO STDOUT (FORMAT csv)`, which quotes
 * the cells itself; on PGlite (no COPY stream through its adapter) as ready CSV lines through a cursor.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { csvAnswerCell, csvTextCell, csvTimestampCell, defusedAnswerCell, defusedTextCell } from './csv.js';

/** A survey's responses joined to their version, in submission order: what both export paths select from. */
function responsesInOrder(scope: TenantScope, surveyId: string) {
  return scope.db
    .selectFrom('response')
    .innerJoin('survey_version', (join) =>
      join.onRef('survey_version.company_id', '=', 'response.company_id').onRef('survey_version.id', '=', 'response.survey_version_id'),
    )
    .where('response.company_id', '=', scope.companyId)
    .where('response.survey_id', '=', surveyId)
    .orderBy('response.submitted_at')
    .orderBy('response.id');
}

const answers = sql.ref('response.answers');

/**
 * One CSV line (without its line break) per response: response_id, submitted_at, language,
 * survey_version, customer_ref, then one cell per question id.
 * @example for await (const { line } of streamCsvLines(db, surveyId, ['sat_overall'])) { … }
 */
export function streamCsvLines(scope: TenantScope, surveyId: string, questionIds: string[], chunkSize = 5000) {
  const cells = [
    sql`response.id::text`,
    csvTimestampCell(sql.ref('response.submitted_at')),
    sql`response.language`,
    sql`survey_version.version::text`,
    csvTextCell(sql.ref('response.customer_ref')),
    ...questionIds.map((questionId) => csvAnswerCell(answers, questionId)),
  ];
  return responsesInOrder(scope, surveyId)
    .select(sql<string>`${sql.join(cells, sql` || ',' || `)}`.as('line'))
    .stream(chunkSize);
}

/**
 * The statement that writes the same rows as `streamCsvLines`, each followed by "\n", when run
 * through pg-copy-streams. COPY's CSV format quotes a value exactly when csv-stringify does (it holds
 * the delimiter, the quote, LF or CR; inner quotes doubled) — except that it quotes '' to tell it
 * from NULL, so the text cells turn '' into NULL. COPY takes no bind parameters: the values Kysely
 * would bind are inlined as literals by pg's escapeLiteral (safe whatever standard_conforming_strings
 * says); the compiled text holds no other `$`, as every value in it is a parameter.
 * @example client.query(copyTo(copyCsvRowsStatement(db, surveyId, ['sat_overall'])))
 */
export function copyCsvRowsStatement(scope: TenantScope, surveyId: string, questionIds: string[]): string {
  const cells: RawBuilder<unknown>[] = [
    sql`response.id`,
    csvTimestampCell(sql.ref('response.submitted_at')),
    sql`response.language`,
    sql`survey_version.version`,
    defusedTextCell(sql.ref('response.customer_ref')),
    ...questionIds.map((questionId) => defusedAnswerCell(answers, questionId)),
  ];
  const query = responsesInOrder(scope, surveyId)
    .select(cells.map((cell, index) => cell.as(`c${index}`)))
    .compile();
  const select = query.sql.replace(/\$(\d+)/g, (_placeholder, position: string) => {
    const value = query.parameters[Number(position) - 1];
    if (typeof value !== 'string') throw new Error(`export parameter $${position} is not text: ${typeof value}`);
    return pg.escapeLiteral(value);
  });
  // Names the survey up front, where pg_stat_activity's truncated query text still shows it.
  const label = `export of survey ${surveyId.replace(/[^0-9A-Za-z-]/g, '')}`;
  return `copy /* ${label} */ (${select}) to stdout with (format csv, delimiter ',', quote '"', null '')`;
}
