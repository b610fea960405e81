/**
 * The invite CSV (docs/INVITES.md): a header line naming the columns, then one purchase per line.
 * The whole file is checked before anything is stored, and every bad line is reported at once as
 * `/lines/<line number>/<column>` (the header is line 1), so a file is fixed in one round.
 */
import { parse, CsvError } from 'csv-parse/sync';
import { ApiError, type FieldProblem } from '../errors.js';
import { checkInviteFields, INVITE_COLUMNS, REQUIRED_COLUMNS, type InviteColumn, type InviteFields } from './fields.js';

/** The most rows one file may hold; a larger list is split into several imports. */
export const MAX_IMPORT_ROWS = 100_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function invalidImport(fields: FieldProblem[]): ApiError {
  const lines = new Set(fields.map((field) => field.path.split('/')[2]));
  const first = fields[0]!;
  return new ApiError(
    'INVALID_IMPORT',
    `The file was not imported (nothing was stored): ${lines.size === 1 ? 'one line has' : `${lines.size} lines have`} problems, the first: ${first.path} ${first.message}.`,
    fields,
  );
}

/** Comma, or the semicolon (or tab) a spreadsheet in many European locales saves with, as the header line uses. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  for (const candidate of [',', ';', '\t']) if (header.includes(candidate)) return candidate;
  return ',';
}

/**
 * The records with the line each starts on; blank lines and lines of empty cells (`,,,` as
 * spreadsheets leave them) are skipped, and line numbers count them as the file has them.
 */
function parseRecords(text: string): { record: string[]; line: number }[] {
  let rows: { record: string[]; raw: string }[];
  try {
    rows = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, raw: true }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    throw invalidImport([{ path: `/lines/${line}`, message: `is not valid CSV (${error.message}); check its quotes`, code: 'MALFORMED_CSV' }]);
  }
  const records: { record: string[]; line: number }[] = [];
  let lineBreaksBefore = 0;
  for (const { record, raw } of rows) {
    const line = lineBreaksBefore + 1;
    lineBreaksBefore += raw.split('\n').length - 1;
    if (record.some((cell) => cell.trim() !== '')) records.push({ record, line });
  }
  return records;
}

/** The header's columns, or every problem with it. */
function headerColumns(header: string[]): InviteColumn[] {
  const problems: FieldProblem[] = [];
  const columns = header.map((name) => name.trim().toLowerCase());
  columns.forEach((name, index) => {
    if (!(INVITE_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ path: `/lines/1/${name || index + 1}`, message: `is not a column of the invite file; the columns are ${INVITE_COLUMNS.join(', ')}`, code: 'UNKNOWN_COLUMN' });
    } else if (columns.indexOf(name) !== index) {
      problems.push({ path: `/lines/1/${name}`, message: 'appears twice in the header', code: 'DUPLICATE_COLUMN' });
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) problems.push({ path: `/lines/1/${required}`, message: 'is missing from the header line', code: 'MISSING_COLUMN' });
  }
  if (problems.length > 0) throw invalidImport(problems);
  return columns as InviteColumn[];
}

/**
 * The file's rows, checked.
 * @example parseInviteCsv(Buffer.from('customer_ref,order_ref,purchased_at\nC-1,A-1,2026-03-01\n'), Date.now()) // → [{ customerRef: 'C-1', … }]
 * @throws ApiError INVALID_IMPORT listing every bad line
 */
export function parseInviteCsv(body: Buffer, now: number): InviteFields[] {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw invalidImport([{ path: '/lines', message: 'the file is not UTF-8 text; save it as "CSV UTF-8"', code: 'NOT_UTF8' }]);
  }
  const records = parseRecords(text);
  const [header, ...rows] = records;
  if (!header) throw invalidImport([{ path: '/lines/1', message: 'the file is empty; the first line must name the columns', code: 'EMPTY_FILE' }]);
  const columns = headerColumns(header.record);
  if (rows.length === 0) throw invalidImport([{ path: '/lines/2', message: 'the file has a header but no rows', code: 'NO_ROWS' }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw invalidImport([{ path: '/lines', message: `the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} go in one import, split it`, code: 'TOO_MANY_ROWS' }]);
  }

  const problems: FieldProblem[] = [];
  const checked: InviteFields[] = [];
  const orderLines = new Map<string, number>();
  for (const { record, line } of rows) {
    if (record.length !== columns.length) {
      problems.push({ path: `/lines/${line}`, message: `has ${record.length} cells where the header has ${columns.length}`, code: 'WRONG_CELL_COUNT' });
      continue;
    }
    const input = Object.fromEntries(columns.map((column, index) => [column, record[index]]));
    const { fields, problems: rowProblems } = checkInviteFields(input, now);
    for (const problem of rowProblems) problems.push({ path: `/lines/${line}/${problem.column}`, message: problem.message, code: problem.code });
    const orderRef = input.order_ref?.trim();
    if (orderRef) {
      const firstLine = orderLines.get(orderRef);
      if (firstLine === undefined) orderLines.set(orderRef, line);
      else problems.push({ path: `/lines/${line}/order_ref`, message: `repeats the order_ref of line ${firstLine}; one invite per order`, code: 'DUPLICATE_ORDER_REF' });
    }
    if (fields) checked.push(fields);
  }
  if (problems.length > 0) throw invalidImport(problems);
  return checked;
}
