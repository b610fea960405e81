/**
 * CSV for spreadsheets: UTF-8 with a byte order mark (Excel then reads Cyrillic and Georgian right),
 * and cells a spreadsheet would run as a formula are defused with a leading apostrophe (OWASP CSV injection).
 *
 * The header is written by csv-stringify; the rows are formatted by PostgreSQL (`csvTextCell`) with
 * csv-stringify's rules, so a million-row export streams one text column per row instead of parsing
 * every answers object in Node (docs/BENCHMARKS.md "CSV export").
 */
import { sql, type RawBuilder } from 'kysely';
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * @example defuseFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The byte order mark and the header line. */
export function csvHeader(columns: string[]): string {
  return stringify([], { bom: true, header: true, columns, cast: { string: defuseFormula } });
}

/**
 * SQL for one text cell as csv-stringify writes it after `defuseFormula`: a leading = + - @ tab or CR
 * gets an apostrophe; a cell with a comma, quote, LF or CR is quoted with inner quotes doubled;
 * NULL and '' are empty.
 * @example sql`${csvTextCell(sql.ref('response.customer_ref'))} || ','`
 */
export function csvTextCell(text: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> {
  const defused = sql`case when left(${text}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${text} else ${text} end`;
  return sql<string>`coalesce(case when ${text} ~ '[",\\n\\r]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end, '')`;
}

/**
 * SQL for the cell of one answer in a jsonb answers column: a string answer as a text cell, a number
 * as PostgreSQL prints it (answers are whole numbers, so as JavaScript prints it), anything else empty.
 */
export function csvAnswerCell(answers: ReturnType<typeof sql.ref>, questionId: string): RawBuilder<string> {
  return sql<string>`case jsonb_typeof(${answers} -> ${questionId})
    when 'string' then ${csvTextCell(sql`(${answers} ->> ${questionId})`)}
    when 'number' then ${answers} ->> ${questionId}
    else '' end`;
}

/** SQL for a timestamptz as Date.toISOString() writes it: UTC, milliseconds, "Z". */
export function csvTimestampCell(timestamp: ReturnType<typeof sql.ref>): RawBuilder<string> {
  return sql<string>`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
