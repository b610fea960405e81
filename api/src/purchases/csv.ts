/**
 * The purchase CSV (docs/PURCHASES.md): a header line naming the columns, then one purchase per line,
 * parsed by csv-parse (RFC 4180) one chunk and one record at a time, so a file of a million rows is
 * never held in memory. The header is line 1; problems are named `/lines/<line>/<column>`.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { ApiError, type FieldProblem } from '../errors.js';
import { PURCHASE_COLUMNS, REQUIRED_PURCHASE_COLUMNS, type PurchaseColumn, type PurchaseFieldsInput } from './fields.js';

/** The largest file one upload may be: a million rows of about 100 bytes, twice over. */
export const MAX_PURCHASE_FILE_BYTES = 200 * 1024 * 1024;

const tooLarge = () => new ApiError('BODY_TOO_LARGE', `The file is larger than ${MAX_PURCHASE_FILE_BYTES / 1024 / 1024} MB; split it into several imports.`);

/**
 * The upload's records, read from a temporary file the body is first written to as fast as it
 * arrives (never held in memory): the whole request must arrive within REQUEST_TIMEOUT_MS, which a
 * body read only as fast as its rows are checked would not, for a large file. The file is removed
 * when the records are read or the reading stops.
 * @example for await (const record of spooledCsvPurchaseRecords(request.body)) …
 */
export async function* spooledCsvPurchaseRecords(body: NodeJS.ReadableStream, maxBytes = MAX_PURCHASE_FILE_BYTES): AsyncGenerator<CsvPurchaseRecord> {
  const spool = path.join(os.tmpdir(), `loyalty-lens-purchases-${randomUUID()}.csv`);
  try {
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > maxBytes ? tooLarge() : null, chunk);
      },
    });
    await pipeline(body, limit, createWriteStream(spool, { mode: 0o600 }));
    yield* csvPurchaseRecords(createReadStream(spool, { highWaterMark: 256 * 1024 }), maxBytes);
  } finally {
    await rm(spool, { force: true });
  }
}

/** One record of the file: its cells by column, or why it could not be read. */
export type CsvPurchaseRecord = { line: number; input: PurchaseFieldsInput; problem?: undefined } | { line: number; input?: undefined; problem: FieldProblem };

/** Comma, or the semicolon (or tab) a spreadsheet in many European locales saves with, as the header line uses. */
function delimiterOf(header: string): string {
  for (const candidate of [',', ';', '\t']) if (header.includes(candidate)) return candidate;
  return ',';
}

/** The header's columns, or every problem with it (thrown: nothing of the file is read further). */
function headerColumns(header: string[]): PurchaseColumn[] {
  const problems: FieldProblem[] = [];
  const columns = header.map((name) => name.trim().toLowerCase());
  columns.forEach((name, index) => {
    if (!(PURCHASE_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ path: `/lines/1/${name || index + 1}`, message: `is not a column of the purchase file; the columns are ${PURCHASE_COLUMNS.join(', ')}`, code: 'UNKNOWN_COLUMN' });
    } else if (columns.indexOf(name) !== index) {
      problems.push({ path: `/lines/1/${name}`, message: 'appears twice in the header', code: 'DUPLICATE_COLUMN' });
    }
  });
  for (const required of REQUIRED_PURCHASE_COLUMNS) {
    if (!columns.includes(required)) problems.push({ path: `/lines/1/${required}`, message: 'is missing from the header line', code: 'MISSING_COLUMN' });
  }
  if (problems.length > 0) throw new ApiError('INVALID_IMPORT', `The file was not imported (nothing was stored): the header line has problems, the first: ${problems[0]!.path} ${problems[0]!.message}.`, problems);
  return columns as PurchaseColumn[];
}

/**
 * The body's bytes, with the first line peeked at for its delimiter, refusing more than `maxBytes`.
 * The peek reads at most 64 KiB; a header line longer than that is not a header.
 */
async function peekedBody(body: AsyncIterable<Buffer>, maxBytes: number): Promise<{ delimiter: string; chunks: AsyncGenerator<Buffer> }> {
  const iterator = body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let done = false;
  while (!done && !head.includes(10) && head.length < 65_536) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  let received = head.length;
  if (received > maxBytes) throw tooLarge();
  async function* chunks(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    while (!done) {
      const next = await iterator.next();
      if (next.done) return;
      received += next.value.length;
      if (received > maxBytes) throw tooLarge();
      yield Buffer.from(next.value);
    }
  }
  return { delimiter: delimiterOf(firstLine), chunks: chunks() };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * csv-parse's parser driven one chunk at a time (its stream's own `api.parse`, as its Transform does):
 * every record of a chunk is handed over before a CSV error in the same chunk, which the stream
 * interface would drop with its buffer when it errors.
 */
function chunkParser(delimiter: string): (chunk: Buffer | undefined) => { records: ParsedRecord[]; error: Error | undefined } {
  const parser = parse({ bom: true, delimiter, relax_column_count: true, info: true, raw: true, encoding: 'utf8' }) as unknown as {
    api: { parse(chunk: Buffer | undefined, end: boolean, push: (record: ParsedRecord) => void, close: () => void): Error | undefined };
  };
  return (chunk) => {
    const records: ParsedRecord[] = [];
    const error = parser.api.parse(chunk, chunk === undefined, (record) => records.push(record), () => {});
    return { records, error };
  };
}

/**
 * The file's records one at a time, with the line each starts on; blank lines and lines of empty cells
 * (`,,,` as spreadsheets leave them) are skipped. A line that is not CSV ends the reading with its problem.
 * @example for await (const { line, input, problem } of csvPurchaseRecords(request.body)) …
 * @throws ApiError INVALID_IMPORT when the header is wrong or missing; BODY_TOO_LARGE past `maxBytes`
 */
export async function* csvPurchaseRecords(body: AsyncIterable<Buffer>, maxBytes = MAX_PURCHASE_FILE_BYTES): AsyncGenerator<CsvPurchaseRecord> {
  const { delimiter, chunks } = await peekedBody(body, maxBytes);
  const parseChunk = chunkParser(delimiter);
  let columns: PurchaseColumn[] | undefined;
  let ended = false;
  while (!ended) {
    const next = await chunks.next();
    ended = next.done === true;
    const { records, error } = parseChunk(ended ? undefined : next.value);
    for (const { record, info, raw } of records) {
      if (!record.some((cell) => cell.trim() !== '')) continue;
      // info.lines is the line the record ends on; a quoted cell spanning lines counts from its first.
      let breaks = 0;
      for (let at = raw.indexOf('\n'); at !== -1 && at < raw.length - 1; at = raw.indexOf('\n', at + 1)) breaks++;
      const line = info.lines - breaks;
      if (!columns) {
        columns = headerColumns(record);
        continue;
      }
      if (record.length !== columns.length) {
        yield { line, problem: { path: `/lines/${line}`, message: `has ${record.length} cells where the header has ${columns.length}`, code: 'WRONG_CELL_COUNT' } };
        continue;
      }
      const input: PurchaseFieldsInput = {};
      for (let index = 0; index < columns.length; index++) input[columns[index]!] = record[index];
      if (Object.values(input).some((cell) => cell?.includes('\uFFFD'))) {
        yield { line, problem: { path: `/lines/${line}`, message: 'is not UTF-8 text; save the file as "CSV UTF-8"', code: 'NOT_UTF8' } };
        continue;
      }
      yield { line, input };
    }
    if (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      yield { line, problem: { path: `/lines/${line}`, message: `is not valid CSV (${error.message}); check its quotes`, code: 'MALFORMED_CSV' } };
      await chunks.return(undefined);
      return;
    }
  }
  if (!columns) throw new ApiError('INVALID_IMPORT', 'The file was not imported: it is empty; the first line must name the columns.', [{ path: '/lines/1', message: 'the file is empty; the first line must name the columns', code: 'EMPTY_FILE' }]);
}
