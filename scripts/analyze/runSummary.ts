/**
 * What the run adds beside the segment report (the `analyze` field of --json, and lines of the
 * terminal report): the columns left out, the id column, which file column each question came from,
 * and the CSAT mean on the file's own scale and on 0..1 (the report's CSAT counts the levels of the
 * declared scale 1..K, csat.ts, so its top box is the scale's highest value).
 */
import type { Interval } from '../../api/src/analytics/result.js';
import type { SegmentReport } from '../../api/src/analytics/segmentReport.js';
import type { ColumnPlan } from './answerRow.js';

export interface CsatOnScale {
  question: string;
  /** The overall-satisfaction question's range in the file. */
  min: number;
  max: number;
  /** The mean and its 95% interval on min..max. */
  mean: number | null;
  meanCi95: Interval | null;
  /** The same on 0..1: (x − min) / (max − min). */
  unitMean: number | null;
  unitMeanCi95: Interval | null;
}

export interface RunSummary {
  /** Columns in the file's header. */
  columns: number;
  /** Columns mapped to null, by name. */
  leftOut: string[];
  /** The --id column, or null. */
  idColumn: string | null;
  /** Question id → the file's column (custom items have ids made from their column names). */
  columnOf: Record<string, string>;
  csat: CsatOnScale | null;
}

/**
 * @example
 * runSummary(plan, report).csat?.mean; // the CSAT mean on the file's scale, e.g. 8.4 on 1–10
 */
export function runSummary(plan: ColumnPlan, report: SegmentReport): RunSummary {
  let csat: CsatOnScale | null = null;
  const question = report.csat ? plan.definition.questions.find((q) => q.id === report.csat!.question) : undefined;
  if (report.csat && question?.type === 'scale') {
    const { min, max } = question;
    // csat.ts reports levels 1..K; level k is the answer min + k − 1.
    const onScale = (value: number) => value - 1 + min;
    const unit = (value: number) => (value - 1) / (max - min);
    const { mean, meanCi95 } = report.csat;
    csat = {
      question: question.id,
      min,
      max,
      mean: mean === null ? null : onScale(mean),
      meanCi95: meanCi95 && { ...meanCi95, lower: onScale(meanCi95.lower), upper: onScale(meanCi95.upper) },
      unitMean: mean === null ? null : unit(mean),
      unitMeanCi95: meanCi95 && { ...meanCi95, lower: unit(meanCi95.lower), upper: unit(meanCi95.upper) },
    };
  }
  const idColumn = plan.idIndex < 0 ? null : plan.columns[plan.idIndex]!.name.slice(1, -1);
  return { columns: plan.columns.length, leftOut: [...plan.leftOut], idColumn, columnOf: { ...plan.columnOf }, csat };
}
