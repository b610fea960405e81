/**
 * The analyze CLI as a function: read flags, stream the CSV (readCsv.ts, papaparse) into the segment-report
 * accumulator (bounded memory: rows are validated, added and dropped), and only at the end write the
 * whole report — so bad input leaves nothing on stdout that looks like a result.
 */
import { readFile } from 'node:fs/promises';
import { fullTemplate } from '../../api/src/model/template.js';
import { createSegmentReport, type SegmentReportAccumulator } from '../../api/src/analytics/segmentReport.js';
import { answersOf, parseMapping, planColumns, type ColumnPlan } from './answerRow.js';
import { parseArguments } from './args.js';
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
    let mapping: Record<string, string> = {};
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

    let plan: ColumnPlan | null = null;
    let report: SegmentReportAccumulator | null = null;
    const progress = createProgress(stderr);
    // Records are arrays of strings; a row's line is worked out by readCsv only when it fails
    // (answersOf's InputError gets the record's real line there), so 0 stands in for it here.
    await readCsv(
      args.input,
      (record) => {
        if (report !== null) report.add({ answers: answersOf(plan!, record, 0) });
        else {
          plan = planColumns(record, definition, mapping);
          // The survey is what the file asked: score constructs by the columns present, so a file of the
          // short template is not "half unanswered" against the full one.
          const asked = new Set(plan.questions.map((question) => question?.id));
          report = createSegmentReport({ ...definition, questions: definition.questions.filter((q) => asked.has(q.id)) }, {
            ...(args.thresholds ? { thresholds: args.thresholds } : {}),
            bootstrap: { ...(args.resamples !== null ? { resamples: args.resamples } : {}), ...(args.seed !== null ? { seed: args.seed } : {}) },
          });
        }
      },
      progress === null ? {} : { onProgress: progress.update },
    ).finally(() => progress?.done());
    // TypeScript does not see the assignment inside the callback.
    const read = report as SegmentReportAccumulator | null;
    if (read === null) throw new InputError('The file is empty: the first line must be a header of question ids.', { line: 1 });

    const result = read.finish();
    stdout.write(args.json ? `${JSON.stringify(withWarningMessages(result), null, 2)}\n` : formatReport(result, args.lang));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      stderr.write(describe(error, file));
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
