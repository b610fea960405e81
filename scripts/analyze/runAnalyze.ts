/**
 * The analyze CLI as a function: read flags, stream the CSV through csv-parse into the segment-report
 * accumulator (bounded memory: rows are validated, added and dropped), and only at the end write the
 * whole report — so bad input leaves nothing on stdout that looks like a result.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse, CsvError } from 'csv-parse';
import { fullTemplate } from '../../api/src/model/template.js';
import { createSegmentReport, type SegmentReportAccumulator } from '../../api/src/analytics/segmentReport.js';
import { answersOf, planColumns, type ColumnPlan } from './answerRow.js';
import { parseArguments } from './args.js';
import { withWarningMessages } from '../../api/src/reports/warningMessages.js';
import { formatReport } from './formatReport.js';
import { InputError } from './inputError.js';
import { parseMapping, type Mapping } from './mapping.js';
import { runSummary } from './runSummary.js';
import { createRespondentsWriter, type RespondentsWriter } from './respondents.js';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

export interface Output {
  write(text: string): unknown;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
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

    const input = createReadStream(args.input);
    const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
    input.on('error', (error: NodeJS.ErrnoException) =>
      parser.destroy(new InputError(`Cannot read the file (${error.code ?? error.message}); check the path given to --input.`)),
    );
    input.pipe(parser);
    let plan: ColumnPlan | null = null;
    let report: SegmentReportAccumulator | null = null;
    let respondents: RespondentsWriter | null = null;
    let row = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
        if (plan === null || report === null) {
          // The survey is what the file asked (plan.definition): the columns present, on their declared
          // scales, with the mapping's custom items; a short-template file is not "half unanswered".
          plan = planColumns(record, definition, mapping, args.id);
          report = createSegmentReport(plan.definition, {
            ...(args.thresholds ? { thresholds: args.thresholds } : {}),
            bootstrap: { ...(args.resamples !== null ? { resamples: args.resamples } : {}), ...(args.seed !== null ? { seed: args.seed } : {}) },
          });
          if (args.respondents !== null) {
            respondents = createRespondentsWriter(args.respondents, plan.definition, args.thresholds ?? plan.definition.thresholds, args.id ?? 'row');
          }
        } else {
          const answers = answersOf(plan, record, info.lines);
          report.add({ answers });
          row++;
          respondents?.add(plan.idIndex < 0 ? String(row) : record[plan.idIndex]!.trim(), answers);
        }
      }
    } catch (error) {
      respondents?.abandon();
      if (error instanceof CsvError) {
        const line = (error as CsvError & { lines?: number }).lines;
        throw new InputError(`The file is not valid CSV: ${error.message}`, line === undefined ? {} : { line });
      }
      throw error;
    } finally {
      input.destroy();
    }
    if (report === null || plan === null) throw new InputError('The file is empty: the first line must be a header of question ids.', { line: 1 });

    const result = report.finish();
    respondents?.finish();
    const summary = runSummary(plan, result);
    stdout.write(args.json ? `${JSON.stringify({ ...withWarningMessages(result), analyze: summary }, null, 2)}\n` : formatReport(result, args.lang, summary));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InputError) {
      stderr.write(describe(error, file));
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}
