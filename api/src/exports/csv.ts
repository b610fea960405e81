/**
 * CSV for spreadsheets: UTF-8 with a byte order mark (Excel then reads Cyrillic and Georgian right),
 * and cells a spreadsheet would run as a formula are defused with a leading apostrophe (OWASP CSV injection).
 *
 * The header is written by csv-stringify; the rows never pass through row objects in Node
 * (docs/BENCHMARKS.md "CSV export"): on PostgreSQL, `COPY … (FORMAT csv)` quotes cells built by
 * `defusedTextCell`/`defusedAnswerCell`; on PGlite, `csvTextCell`/`csvAnswerCell` format whole lines
 * in SQL with csv-stringify's rules.
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
 * SQL for a text value as `defuseFormula` leaves it: a leading = + - @ tab or CR gets an apostrophe;
 * '' becomes NULL, because csv-stringify writes '' and null alike as an empty cell while COPY's CSV
 * format writes NULL as empty but quotes ''.
 * @example sql`${defusedTextCell(sql.ref('response.customer_ref'))}`
 */
export function defusedTextCell(text: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  return sql<string | null>`case when left(${text}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${text} else nullif(${text}, '') end`;
}

/**
 * SQL for one text cell as csv-stringify writes it after `defuseFormula`: defused, then quoted with
 * inner quotes doubled when it holds a comma, quote, LF or CR; NULL and '' are empty.
 * @example sql`${csvTextCell(sql.ref('response.customer_ref'))} || ','`
 */
export function csvTextCell(text: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> {
  const defused = defusedTextCell(text);
  return sql<string>`coalesce(case when ${text} ~ '[",\\n\\r]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end, '')`;
}

/**
 * SQL for the value of one answer in a jsonb answers column: a string answer through `textCell`, a
 * number as PostgreSQL prints it (answers are whole numbers, so as JavaScript prints it), else NULL.
 */
function answerValue(
  answers: ReturnType<typeof sql.ref>,
  questionId: string,
  textCell: (text: RawBuilder<unknown>) => RawBuilder<string | null>,
): RawBuilder<string | null> {
  return sql<string | null>`case jsonb_typeof(${answers} -> ${questionId})
    when 'string' then ${textCell(sql`(${answers} ->> ${questionId})`)}
    when 'number' then ${answers} ->> ${questionId} end`;
}

/** SQL for the CSV cell of one answer, quoted as csv-stringify quotes it; unanswered is empty. */
export function csvAnswerCell(answers: ReturnType<typeof sql.ref>, questionId: string): RawBuilder<string> {
  return sql<string>`coalesce(${answerValue(answers, questionId, csvTextCell)}, '')`;
}

/** SQL for one answer as a column of `COPY … (FORMAT csv)`, which does the quoting: defused, NULL when empty. */
export function defusedAnswerCell(answers: ReturnType<typeof sql.ref>, questionId: string): RawBuilder<string | null> {
  return answerValue(answers, questionId, defusedTextCell);
}

/** SQL for a timestamptz as Date.toISOString() writes it: UTC, milliseconds, "Z". */
export function csvTimestampCell(timestamp: ReturnType<typeof sql.ref>): RawBuilder<string> {
  return sql<string>`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Counts the CSV records in a stream of chunks as they pass: a line break ends a record unless it
 * is inside a quoted cell (a quote opens or closes one; a doubled quote inside does both). Chunks
 * may split a record anywhere; only the in-quotes state carries over.
 * @example const counter = csvRecordCounter(); counter.add('a,"b\nc"\nd\n'); counter.records // 2
 */
export function csvRecordCounter() {
  let inQuotes = false;
  let records = 0;
  return {
    get records() {
      return records;
    },
    add(chunk: string | Buffer): void {
      // The next quote is looked up again only once passed (Infinity: none left), so a chunk is scanned about once.
      let at = 0;
      let quote = -1;
      for (;;) {
        if (quote < at) {
          const found = chunk.indexOf('"', at);
          quote = found < 0 ? Infinity : found;
        }
        if (inQuotes) {
          if (quote === Infinity) return;
          inQuotes = false;
          at = quote + 1;
          continue;
        }
        const lineEnd = chunk.indexOf('\n', at);
        if (lineEnd >= 0 && lineEnd < quote) {
          records += 1;
          at = lineEnd + 1;
        } else if (quote !== Infinity) {
          inQuotes = true;
          at = quote + 1;
        } else {
          return;
        }
      }
    },
  };
}
