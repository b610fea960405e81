/**
 * The analyze CLI as a function: read flags, stream the CSV (readCsv.ts, papaparse) into the segment-report
 * accumulator (bounded memory: rows are validated, added and dropped), and only at the end write the
 * whole report — so bad input leaves nothing on stdout that looks like a result.
 */
import { readFile } from 'node:fs/promises';
import { fullTemplate } from '../../api/src/model/template.js';
import { createAnalyzeRun } from './analyzeRun.js';
import { parseArguments } from './args.js';
import { parseMapping, type Mapping } from './mapping.js';
import { withWarningMessages } from '../../api/src/reports/warningMessages.js';
import { formatReport } from './formatReport.js';
import { InputError } from './inputError.js';
import { createProgress } from './progress.js';
import { readCsv } from './readCsv.js';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

export interface Output {
  write(text: string): unknown;
}

function describe(error: InputError, file: string | null): string {
  const where = [
    file,
    error.line === undefined ? null : `line ${error.line}`,
    error.column === undefined ? null : `column ${error.column}`,
  ].filter((part) => part !== null);
  return `analyze: ${where.length > 0 ? `${where.join(', ')}: ` : ''}${error.message}\n`;
}

/**
 * Run the CLI; resolves to the exit code (0, or 2 for bad input with a message on stderr).
 *
 * @example
 * await runAnalyze(['--input', 'answers.csv', '--json'], process.stdout, process.stderr); // => 0
 */
export async function runAnalyze(argv: readonly string[], stdout: Output, stderr: Output): Promise<number> {
  let file: string | null = null;
  try {
    const args = parseArguments(argv);
    const definition = fullTemplate();
    let mapping: Mapping = new Map();
    if (args.mapping !== null) {
      let text: string;
      try {
        text = await readFile(args.mapping, 'utf8');
      } catch (error) {
        throw new InputError(`Cannot read the mapping file ${args.mapping} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      mapping = parseMapping(text, definition);
    }
    file = args.input;

    const run = createAnalyzeRun(args, definition, mapping);
    const progress = createProgress(stderr);
    // Records are arrays of strings; a row's line is worked out by readCsv only when it fails (an
    // InputError raised at line 0 gets the record's real line there).
    try {
      await readCsv(
        args.input,
        (record) => {
          if (!run.started()) run.header(record);
          else run.row(record, 0);
        },
        progress === null ? {} : { onProgress: progress.update },
      ).finally(() => progress?.done());
    } catch (error) {
      run.abandon();
      throw error;
    }

    const { report, summary } = run.finish();
    stdout.write(args.json ? `${JSON.stringify({ ...withWarningMessages(report), analyze: summary }, null, 2)}\n` : formatReport(report, args.lang, summary));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      stderr.write(describe(error, file));
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
