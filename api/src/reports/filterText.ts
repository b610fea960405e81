/**
 * The report filter as SQL text with its values inlined, for statements that take no bind parameters
 * (`COPY (…) TO STDOUT`, reports/queries.ts respondentLinesQuery). The condition is the one
 * reports/filter.ts `filterSql` builds, compiled by Kysely; each bind parameter is then replaced by an
 * escaped literal (pg's escapeLiteral for text, ISO instants for dates, finite numbers as written),
 * so there is one definition of the filter and no value ever reaches the text unescaped.
 */
import type { Kysely, RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';

/** One bind parameter as an SQL literal; anything but a string, a finite number, a boolean or a Date is refused. */
export function sqlLiteral(value: unknown): string {
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sqlLiteral: ${value} is not a finite number`);
    // String(number) is the shortest text that reads back as the same double.
    return `(${String(value)})`;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `${pg.escapeLiteral(value.toISOString())}::timestamptz`;
  throw new Error(`sqlLiteral: cannot inline a ${typeof value}`);
}

/**
 * `condition` compiled for `db` with its parameters inlined as literals.
 * @example inlineCondition(db, filterSql(filter, { thresholds }, 'r')) // => `("r"."language" = 'ru')`
 */
export function inlineCondition(db: Kysely<Database>, condition: RawBuilder<unknown>): string {
  const { sql: text, parameters } = condition.compile(db);
  // Kysely's PostgreSQL compiler numbers parameters $1…$n and writes no "$" elsewhere in these fragments
  // (identifiers are quoted, the segment names are plain words).
  return text.replace(/\$(\d+)/g, (_, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= parameters.length) throw new Error(`inlineCondition: no parameter $${index}`);
    return sqlLiteral(parameters[position]);
  });
}
