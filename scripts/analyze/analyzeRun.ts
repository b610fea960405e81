/**
 * Everything from a parsed CSV record (an array of strings) to the report and the outputs, apart from
 * the reading: the reading loop (runAnalyze.ts) calls `header` with the first record, `row` with each
 * following one, and `finish` at the end — or `abandon` when it stops on an error. Errors from `row`
 * carry the column; when no line is passed, the loop adds it (`atLine`, inputError.ts) only then.
 */
import { createSegmentReport, type SegmentReport, type SegmentReportAccumulator } from '../../api/src/analytics/segmentReport.js';
import type { SurveyDefinition } from '../../api/src/model/definition.js';
import { answersOf, planColumns, type ColumnPlan } from './answerRow.js';
import type { AnalyzeArguments } from './args.js';
import { InputError } from './inputError.js';
import type { Mapping } from './mapping.js';
import { createRespondentsWriter, type RespondentsWriter } from './respondents.js';
import { runSummary, type RunSummary } from './runSummary.js';

export interface AnalyzeRun {
  /** The header record: plans the columns and builds the run's survey definition. */
  header(record: readonly string[]): void;
  /** One data record; `line` (1-based) only names the place in an error. */
  row(record: readonly string[], line?: number): void;
  /** Whether `header` was called. */
  started(): boolean;
  /** The report, and the --respondents file moved into place. */
  finish(): { report: SegmentReport; summary: RunSummary };
  /** Remove the half-written --respondents file. */
  abandon(): void;
}

/**
 * @example
 * const run = createAnalyzeRun(args, fullTemplate(), mapping);
 * run.header(['sat_overall', 'recommend']); run.row(['5', '10'], 2);
 * run.finish().report.n; // => 1
 */
export function createAnalyzeRun(args: Pick<AnalyzeArguments, 'id' | 'respondents' | 'thresholds' | 'resamples' | 'seed'>, template: SurveyDefinition, mapping: Mapping): AnalyzeRun {
  let plan: ColumnPlan | null = null;
  let report: SegmentReportAccumulator | null = null;
  let respondents: RespondentsWriter | null = null;
  let rows = 0;
  return {
    header(record) {
      // The survey is what the file asked (plan.definition): the columns present, on their declared
      // scales, with the mapping's custom items; a short-template file is not "half unanswered".
      plan = planColumns(record, template, mapping, args.id);
      report = createSegmentReport(plan.definition, {
        ...(args.thresholds ? { thresholds: args.thresholds } : {}),
        bootstrap: { ...(args.resamples !== null ? { resamples: args.resamples } : {}), ...(args.seed !== null ? { seed: args.seed } : {}) },
      });
      if (args.respondents !== null) {
        respondents = createRespondentsWriter(args.respondents, plan.definition, args.thresholds ?? plan.definition.thresholds, args.id ?? 'row');
      }
    },
    row(record, line) {
      const answers = answersOf(plan!, record, line);
      report!.add({ answers });
      rows++;
      if (respondents !== null) respondents.add(plan!.idIndex < 0 ? String(rows) : record[plan!.idIndex]!.trim(), answers);
    },
    started: () => plan !== null,
    finish() {
      if (plan === null || report === null) throw new InputError('The file is empty: the first line must be a header of question ids.', { line: 1 });
      const result = report.finish();
      respondents?.finish();
      return { report: result, summary: runSummary(plan, result) };
    },
    abandon() {
      respondents?.abandon();
    },
  };
}
