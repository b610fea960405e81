/**
 * Reading the analyze CLI's CSV: a stream through papaparse (RFC 4180: quoted cells with commas,
 * line breaks and doubled quotes; CRLF or LF; a UTF-8 byte-order mark; blank lines skipped), one
 * record (an array of strings) at a time, so memory stays bounded whatever the file's size.
 *
 * No line numbers on the hot path: the reader keeps only the character offset where the current
 * record starts (papaparse's cursor). When something goes wrong — broken CSV, or an InputError thrown
 * by the record callback (a bad value, a row with more cells than the header) — the file is read a
 * second time up to that offset to count its line breaks, and the error names that line.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { InputError } from './inputError.js';

/** Characters read per chunk (papaparse guesses nothing: the line ending is found in the first chunk). */
const CHUNK_SIZE = 1 << 20;
/** How often (in records) the progress callback is called. */
export const PROGRESS_EVERY = 1 << 16;

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

/** The file's text from the first chunk on, the BOM dropped, with the line ending found before anything is parsed. */
async function openText(path: string, chunkSize: number): Promise<{ text: Readable; newline: '\n' | '\r\n' }> {
  const source = createReadStream(path, { encoding: 'utf8', highWaterMark: chunkSize });
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<string>;
  let head = '';
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      head += next.value;
      if (head.includes('\n')) break;
    }
  } catch (error) {
    throw cannotRead(error as NodeJS.ErrnoException);
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const lf = head.indexOf('\n');
  const newline = lf > 0 && head.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
  async function* rest(): AsyncGenerator<string> {
    if (head !== '') yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const text = Readable.from(rest(), { objectMode: false, encoding: 'utf8' });
  text.on('close', () => source.destroy());
  return { text, newline };
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
  const { text, newline } = await openText(path, options.chunkSize ?? CHUNK_SIZE);
  const onProgress = options.onProgress;
  let index = 0;
  /** Character offset where the record being read starts: the previous record's end. */
  let start = 0;
  /** What stopped the read, and where; `located` errors get the record's line. */
  let failure: { error: unknown; offset: number; located: boolean } | null = null;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text as unknown as File, {
      delimiter: ',',
      newline,
      quoteChar: '"',
      escapeChar: '"',
      // Blank lines are skipped below, as papaparse's skipEmptyLines would (a record of one empty
      // cell), without the array it filters and allocates for every row.
      skipEmptyLines: false,
      step(results, parser) {
        if (results.errors.length > 0) {
          failure = { error: new InputError(`The file is not valid CSV: ${quoteProblem(results.errors)}`), offset: start, located: true };
          parser.abort();
          return;
        }
        const record = results.data;
        if (record.length === 1 && record[0] === '') {
          start = results.meta.cursor;
          return;
        }
        try {
          onRecord(record, index);
        } catch (error) {
          failure = { error, offset: start, located: error instanceof InputError && error.line !== undefined };
          parser.abort();
          return;
        }
        index++;
        start = results.meta.cursor;
        if (onProgress !== undefined && (index & (PROGRESS_EVERY - 1)) === 0) onProgress(index);
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw error instanceof InputError ? error : cannotRead(error);
  }).finally(() => text.destroy());
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
