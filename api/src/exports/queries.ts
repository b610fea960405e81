/**
 * Export queries: every response of a survey in submission order, streamed so memory stays flat
 * however many responses there are — on PostgreSQL as `COPY … TO STDOUT (FORMAT csv)`, which quotes
 * the cells itself; on PGlite (no COPY stream through its adapter) as ready CSV lines through a cursor.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import type { Thresholds } from '../model/definition.js';
import { loyaltyTypeSql, segmentSql } from '../reports/filter.js';
import { csvAnswerCell, csvTextCell, csvTimestampCell, defusedAnswerCell, defusedTextCell } from './csv.js';

/**
 * What an export selects: the report's filter as one condition (reports/filter.ts filterSql) and
 * the survey's current thresholds, which decide the segment and loyalty type columns.
 */
export interface ExportSelection {
  condition: RawBuilder<boolean>;
  thresholds: Thresholds;
}

/** The stored-score columns after the answers (migrations/0005), as the dashboard reads them. */
export const SCORE_COLUMNS = ['score_s', 'score_e', 'score_b', 'discount_dependent', 'exchange_type', 'segment', 'loyalty_type'] as const;

/**
 * The stored-score cells, as text or NULL (empty): S, E and B as PostgreSQL prints a float8 (the
 * shortest text that reads back the same number, as JavaScript prints it), D as true/false, the
 * exchange type, and the segment and loyalty type from the stored scores and the current
 * thresholds. A row not scored yet (scored_version null, before the backfill reaches it) has
 * every one of them empty, not "unclassified".
 */
function scoreCells(thresholds: Thresholds): RawBuilder<string | null>[] {
  const scored = sql`response.scored_version is not null`;
  return [
    sql`response.score_s::text`,
    sql`response.score_e::text`,
    sql`response.score_b::text`,
    sql`case when response.discount_dependent then 'true' when not response.discount_dependent then 'false' end`,
    sql`response.exchange_type`,
    sql`case when ${scored} then ${segmentSql(thresholds, 'response')} end`,
    sql`case when ${scored} then ${loyaltyTypeSql(thresholds, 'response')} end`,
  ];
}

/** A survey's responses joined to their version, in submission order: what both export paths select from. */
function responsesInOrder(scope: TenantScope, surveyId: string, selection: ExportSelection) {
  return scope.db
    .selectFrom('response')
    .innerJoin('survey_version', (join) =>
      join.onRef('survey_version.company_id', '=', 'response.company_id').onRef('survey_version.id', '=', 'response.survey_version_id'),
    )
    .where('response.company_id', '=', scope.companyId)
    .where('response.survey_id', '=', surveyId)
    .where(selection.condition)
    .orderBy('response.submitted_at')
    .orderBy('response.id');
}

const answers = sql.ref('response.answers');

/**
 * One CSV line (without its line break) per response the selection keeps: response_id, submitted_at,
 * language, survey_version, customer_ref, one cell per question id, then SCORE_COLUMNS.
 * @example for await (const { line } of streamCsvLines(db, surveyId, ['sat_overall'], selection)) { … }
 */
export function streamCsvLines(scope: TenantScope, surveyId: string, questionIds: string[], selection: ExportSelection, chunkSize = 5000) {
  const cells = [
    sql`response.id::text`,
    csvTimestampCell(sql.ref('response.submitted_at')),
    sql`response.language`,
    sql`survey_version.version::text`,
    csvTextCell(sql.ref('response.customer_ref')),
    ...questionIds.map((questionId) => csvAnswerCell(answers, questionId)),
    ...scoreCells(selection.thresholds).map((cell) => sql`coalesce(${cell}, '')`),
  ];
  return responsesInOrder(scope, surveyId, selection)
    .select(sql<string>`${sql.join(cells, sql` || ',' || `)}`.as('line'))
    .stream(chunkSize);
}

/**
 * The statement that writes the same rows as `streamCsvLines`, each followed by "\n", when run
 * through pg-copy-streams. COPY's CSV format quotes a value exactly when csv-stringify does (it holds
 * the delimiter, the quote, LF or CR; inner quotes doubled) — except that it quotes '' to tell it
 * from NULL, so the text cells turn '' into NULL. COPY takes no bind parameters: the values Kysely
 * would bind are inlined as literals by pg's escapeLiteral (safe whatever standard_conforming_strings
 * says; an instant as its ISO text, a number as JavaScript prints it, which reads back the same
 * float8); the compiled text holds no other `$`, as every value in it is a parameter.
 * @example client.query(copyTo(copyCsvRowsStatement(db, surveyId, ['sat_overall'])))
 */
export function copyCsvRowsStatement(scope: TenantScope, surveyId: string, questionIds: string[], selection: ExportSelection): string {
  const cells: RawBuilder<unknown>[] = [
    sql`response.id`,
    csvTimestampCell(sql.ref('response.submitted_at')),
    sql`response.language`,
    sql`survey_version.version`,
    defusedTextCell(sql.ref('response.customer_ref')),
    ...questionIds.map((questionId) => defusedAnswerCell(answers, questionId)),
    ...scoreCells(selection.thresholds),
  ];
  const query = responsesInOrder(scope, surveyId, selection)
    .select(cells.map((cell, index) => cell.as(`c${index}`)))
    .compile();
  const select = query.sql.replace(/\$(\d+)/g, (_placeholder, position: string) => {
    const value = query.parameters[Number(position) - 1];
    // The filter binds instants (its days) and thresholds (cast to float8 where they are used).
    if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
    if (typeof value === 'number' && Number.isFinite(value)) return `(${String(value)})`;
    if (typeof value !== 'string') throw new Error(`export parameter $${position} is neither text, a number nor an instant: ${typeof value}`);
    return pg.escapeLiteral(value);
  });
  // Names the survey up front, where pg_stat_activity's truncated query text still shows it.
  const label = `export of survey ${surveyId.replace(/[^0-9A-Za-z-]/g, '')}`;
  return `copy /* ${label} */ (${select}) to stdout with (format csv, delimiter ',', quote '"', null '')`;
}
