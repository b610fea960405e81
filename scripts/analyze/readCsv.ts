/**
 * Reading the analyze CLI's CSV: a stream through papaparse (RFC 4180: quoted cells with commas,
 * line breaks and doubled quotes; CRLF or LF; a UTF-8 byte-order mark; blank lines skipped), one
 * record (an array of strings) at a time, so memory stays bounded whatever the file's size.
 *
 * No line numbers on the hot path: the reader keeps only the character offset where the current
 * 64 KiB chunk starts (papaparse's cursor). When something goes wrong — broken CSV, or an InputError
 * thrown by the record callback (a bad value, a row with more cells than the header) — that chunk is
 * parsed again row by row to find where the record starts, the file is read a second time up to there
 * to count its line breaks, and the error names that line.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from './inputError.js';

/** Bytes read per chunk: small enough that a chunk's rows die young (measured: 1 MiB chunks cost more CPU and ~60 MB more RSS). */
const CHUNK_SIZE = 1 << 16;
/** How often (in records) the progress callback is called. */
export const PROGRESS_EVERY = 1 << 16;

type Newline = '\n' | '\r\n';

export interface ReadCsvOptions {
  /** Bytes per read (tests use tiny ones to put chunk boundaries inside quoted cells). */
  chunkSize?: number;
  /** Called every PROGRESS_EVERY records with the number read so far (header included). */
  onProgress?: (records: number) => void;
}

/**
 * The 1-based line on which the record starting at character `offset` (of the text after a BOM)
 * begins: line breaks before it, plus the blank lines the parser skipped right after it.
 *
 * @example
 * await lineAt('answers.csv', 0); // => 1, or 3 when the file opens with two blank lines
 */
export async function lineAt(path: string, offset: number): Promise<number> {
  let line = 1;
  let seen = 0;
  let first = true;
  for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_SIZE })) {
    let text = piece as string;
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    let i = 0;
    for (; i < text.length && seen + i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    if (seen + i >= offset) {
      // Skip what the parser skipped: blank lines (CR and LF) before the record itself.
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 10) line++;
        else if (code !== 13) return line;
      }
    }
    seen += text.length;
  }
  return line;
}

function cannotRead(error: NodeJS.ErrnoException): InputError {
  return new InputError(`Cannot read the file (${error.code ?? error.message}); check the path given to --input.`);
}

/**
 * Absolute character offset where row `row` of `text` starts (`text` begins at offset `base`): parsed
 * again row by row, only when something went wrong in it.
 */
function rowStart(text: string, base: number, newline: Newline, row: number): number {
  let start = base;
  let seen = 0;
  const parser: Papa.Parser = new Papa.Parser({
    delimiter: ',',
    quoteChar: '"',
    escapeChar: '"',
    newline,
    step(results: Papa.ParseStepResult<string[]>) {
      if (seen++ === row) return parser.abort();
      start = results.meta.cursor;
    },
  });
  parser.parse(text, base, false);
  return start;
}

function quoteProblem(errors: readonly Papa.ParseError[]): string {
  if (errors.some((error) => error.code === 'InvalidQuotes')) {
    return 'a quoted cell is followed by more text before the next comma; a quote inside a quoted cell is written twice ("").';
  }
  if (errors.some((error) => error.code === 'MissingQuotes')) {
    return 'a quoted cell that starts here is never closed (a " is missing); a quote inside a quoted cell is written twice ("").';
  }
  return errors.map((error) => error.message).join('; ');
}

/**
 * Stream the CSV at `path` and call `onRecord` with each record, header first (index 0). Resolves to
 * the number of records. Rejects with an InputError carrying the line: broken CSV, an unreadable
 * file, or an InputError thrown by `onRecord` (its line is replaced by the record's, its column kept).
 *
 * @example
 * await readCsv('answers.csv', (record, index) => { if (index > 0) report.add(toRespondent(record)); });
 */
export async function readCsv(
  path: string,
  onRecord: (record: string[], index: number) => void,
  options: ReadCsvOptions = {},
): Promise<number> {
  const onProgress = options.onProgress;
  let index = 0;
  /** What stopped the read, and where; `located` errors get the record's line. */
  let failure: { error: unknown; offset: number; located: boolean } | null = null;
  let parser: Papa.Parser | null = null;
  let newline: Newline = '\n';
  // papaparse's parser, fed chunk by chunk as its stream wrapper does (a chunk's unfinished last row is
  // kept and parsed again with the next chunk), returning each chunk's rows at once: no per-row result
  // objects, and small chunks keep those rows short-lived.
  const source = createReadStream(path, { encoding: 'utf8', highWaterMark: options.chunkSize ?? CHUNK_SIZE });
  let pending = '';
  /** Absolute character offset (after a BOM) of `pending`'s first character. */
  let base = 0;
  let first = true;
  const feed = (last: boolean): number => {
    const result = parser!.parse(pending, base, !last) as Papa.ParseResult<string[]>;
    const rows = result.data;
    const bad = result.errors.reduce((row, error) => Math.min(row, error.row ?? 0), rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (i === bad) {
        const problem = quoteProblem(result.errors.filter((error) => error.row === bad));
        failure = { error: new InputError(`The file is not valid CSV: ${problem}`), offset: rowStart(pending, base, newline, i), located: true };
        return -1;
      }
      const record = rows[i]!;
      // A blank line is a record of one empty cell: skipped, as papaparse's skipEmptyLines would.
      if (record.length === 1 && record[0] === '') continue;
      try {
        onRecord(record, index);
      } catch (error) {
        failure = { error, offset: rowStart(pending, base, newline, i), located: error instanceof InputError && error.line !== undefined };
        return -1;
      }
      index++;
      if (onProgress !== undefined && (index & (PROGRESS_EVERY - 1)) === 0) onProgress(index);
    }
    return result.meta.cursor;
  };
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      pending += chunk;
      if (first) {
        if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
        // The line ending is the first line break's, so it is known before any row is parsed.
        const lf = pending.indexOf('\n');
        if (lf < 0) continue;
        first = false;
        newline = lf > 0 && pending.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
        parser = new Papa.Parser({ delimiter: ',', quoteChar: '"', escapeChar: '"', newline });
      }
      const cursor = feed(false);
      if (cursor < 0) break;
      pending = pending.substring(cursor - base);
      base = cursor;
    }
    if (failure === null && pending !== '') {
      if (first && pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      parser ??= new Papa.Parser({ delimiter: ',', quoteChar: '"', escapeChar: '"', newline });
      feed(true);
    }
  } catch (error) {
    // Only the file stream throws here (the callback's errors are kept in `failure`).
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw cannotRead(error as NodeJS.ErrnoException);
    throw error;
  } finally {
    source.destroy();
  }
  if (failure !== null) {
    const { error, offset, located } = failure as { error: unknown; offset: number; located: boolean };
    if (located && error instanceof InputError) {
      const line = await lineAt(path, offset);
      throw new InputError(error.message, { line, ...(error.column === undefined ? {} : { column: error.column }) });
    }
    throw error;
  }
  return index;
}
