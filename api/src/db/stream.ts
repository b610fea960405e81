/**
 * One streaming helper for reading many rows out of the database with flat memory: `COPY … TO STDOUT`
 * through pg-copy-streams on PostgreSQL (PostgreSQL keeps producing while Node works, no cursor round
 * trips), a cursor on PGlite (its node-postgres adapter has no socket stream to copy from). Used by the
 * segment report (reports/service.ts, reports/state.ts) and the CSV export (exports/service.ts).
 */
import { sql, type Kysely } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import type { BorrowedClient, DatabaseHandle } from './database.js';
import type { Database } from './schema.js';

/** Rows per cursor read on PGlite (its adapter answers each read in one piece). */
export const CURSOR_ROWS = 10_000;

export interface CopyOptions {
  /** `set local work_mem` for the COPY's transaction (a hash join that would spill at the 4 MB default). */
  workMem?: string;
  /** What the error says when the consumer stops early (the connection is then closed, not reused). */
  label?: string;
}

/**
 * The raw bytes of a `COPY … TO STDOUT` statement on a borrowed client, chunk by chunk as PostgreSQL
 * sends them (chunks end anywhere, not at line ends). Returning early or an error midway leaves the
 * connection inside the COPY, so it is closed rather than reused; the server ends the COPY when the
 * socket closes.
 * @example for await (const chunk of copyChunks(acquireClient, `copy (select 1) to stdout`)) process.stdout.write(chunk);
 */
export async function* copyChunks(acquireClient: () => Promise<BorrowedClient>, copyStatement: string, options: CopyOptions = {}): AsyncGenerator<Buffer> {
  const borrowed = await acquireClient();
  let stoppedBy: Error | undefined = new Error(`${options.label ?? 'the stream'} stopped before the end of its COPY`);
  try {
    if (options.workMem) {
      await borrowed.client.query('begin');
      await borrowed.client.query(`set local work_mem = '${options.workMem.replace(/[^0-9A-Za-z]/g, '')}'`);
    }
    for await (const chunk of borrowed.client.query(copyTo(copyStatement))) yield chunk as Buffer;
    if (options.workMem) await borrowed.client.query('commit');
    stoppedBy = undefined;
  } catch (error) {
    stoppedBy = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    borrowed.release(stoppedBy);
  }
}

/**
 * The one text column of `statement` (a select) through `COPY (…) TO STDOUT`, as batches of whole
 * lines joined by `separator`. COPY's text format doubles every backslash; the value is assumed to
 * hold no raw control characters (JSON text from jsonb has none), so nothing else is escaped and every
 * newline ends a line.
 */
async function* copiedLines(acquireClient: () => Promise<BorrowedClient>, statement: string, separator: string, options: CopyOptions): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of copyChunks(acquireClient, `copy (${statement}) to stdout`, options)) {
    const bytes: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    const end = bytes.lastIndexOf(10);
    if (end === -1) {
      rest = bytes;
      continue;
    }
    rest = bytes.subarray(end + 1);
    let text = bytes.toString('utf8', 0, end);
    if (text.includes('\\')) text = text.replaceAll('\\\\', '\\');
    yield separator === '\n' ? text : text.replaceAll('\n', separator);
  }
  if (rest.length > 0) throw new Error('the COPY ended in the middle of a line');
}

/**
 * The `line` column of rows from a cursor (a Kysely query's `.stream(n)`), as batches of `perBatch`
 * lines joined by `separator`.
 * @example for await (const batch of cursorLines(db.selectFrom('survey').select('name as line').stream(1000), '\n')) …
 */
export async function* cursorLines(rows: AsyncIterable<{ line: string }>, separator: string, perBatch = CURSOR_ROWS): AsyncGenerator<string> {
  const lines: string[] = [];
  for await (const row of rows) {
    lines.push(row.line);
    if (lines.length === perBatch) yield lines.splice(0).join(separator);
  }
  if (lines.length > 0) yield lines.join(separator);
}

/**
 * The one text column (any name) of a select statement as batches of lines joined by `separator`
 * (no separator after the last line of a batch): by COPY where the database has a raw client
 * (PostgreSQL), else through a cursor. The statement is text (COPY takes no bind parameters): inline
 * values with `pg.escapeLiteral`.
 * @example for await (const batch of streamLines(database, `select name from survey`, ',')) JSON.parse(`[${batch}]`);
 */
export function streamLines(
  database: { db: Kysely<Database> } & Pick<DatabaseHandle, 'acquireClient'>,
  statement: string,
  separator: string,
  options: CopyOptions = {},
): AsyncGenerator<string> {
  if (database.acquireClient) return copiedLines(database.acquireClient, statement, separator, options);
  const query = database.db
    .selectFrom(sql<{ line: string }>`(select * from (${sql.raw(statement)}) as inner_lines(line))`.as('lines'))
    .select('lines.line');
  return cursorLines(query.stream(CURSOR_ROWS), separator);
}
