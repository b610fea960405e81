/**
 * Exchange type × segment (DESIGN.md "Statistics"): is the segment independent of how the purchase
 * compared with expectations? χ² (no continuity correction) with Cramér's V over the classified
 * respondents with an exchange type. Memory: 4 × 5 counters.
 */
import { chiSquareIndependence, type ChiSquareResult } from './chiSquare.js';
import type { AnalyticsWarning } from './result.js';
import type { MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import { EXCHANGE_ORDER, type ExchangeType } from './scoring.js';
import { SEGMENTS, type Segment } from './segments.js';
import type { SurveyScoring } from './surveyScoring.js';

/** The table's columns: every segment but unclassified, in report order. */
export const CLASSIFIED_SEGMENTS: readonly Segment[] = SEGMENTS.filter((segment) => segment !== 'unclassified');

export interface ExchangeBySegmentResult {
  /** Rows, worst to best. */
  exchanges: ExchangeType[];
  /** Columns. */
  segments: Segment[];
  /** counts[exchange][segment]. */
  counts: number[][];
  /** null when no version asks the expectation question (EXCHANGE_NOT_ASKED). */
  chiSquare: ChiSquareResult | null;
  warnings: AnalyticsWarning[];
}

/** counts row by row (exchange × segment), JSON-safe. */
export type ExchangeBySegmentState = { counts: number[] };

/**
 * Accumulate the exchange × segment table.
 *
 * @example
 * const table = createExchangeBySegment(compileSurveyScoring(fullTemplate()));
 * scored.forEach(table.add);
 * table.finish().chiSquare?.cramersV;
 */
export function createExchangeBySegment(scoring: SurveyScoring): MergeableAccumulator<ExchangeBySegmentResult, ExchangeBySegmentState> {
  const asked = scoring.versions.some((version) => version.model.exchangeId !== null);
  const columns = CLASSIFIED_SEGMENTS.length;
  const counts = new Float64Array(EXCHANGE_ORDER.length * columns);
  const exchangeIndex = new Map(EXCHANGE_ORDER.map((exchange, i) => [exchange, i]));
  const segmentIndex = new Map(CLASSIFIED_SEGMENTS.map((segment, i) => [segment, i]));
  return {
    add({ scores, segment }: ScoredRespondent) {
      if (scores.exchange === null) return;
      const column = segmentIndex.get(segment);
      if (column === undefined) return;
      const cell = exchangeIndex.get(scores.exchange)! * columns + column;
      counts[cell] = counts[cell]! + 1;
    },
    finish(): ExchangeBySegmentResult {
      const warnings: AnalyticsWarning[] = [];
      const table = EXCHANGE_ORDER.map((_, row) => Array.from(counts.subarray(row * columns, (row + 1) * columns)));
      let chiSquare: ChiSquareResult | null = null;
      if (!asked) warnings.push({ code: 'EXCHANGE_NOT_ASKED', params: {} });
      else chiSquare = chiSquareIndependence(table, { rows: [...EXCHANGE_ORDER], columns: [...CLASSIFIED_SEGMENTS] });
      return { exchanges: [...EXCHANGE_ORDER], segments: [...CLASSIFIED_SEGMENTS], counts: table, chiSquare, warnings };
    },
    state: () => ({ counts: Array.from(counts) }),
    merge(state: ExchangeBySegmentState) {
      if (!Array.isArray(state.counts) || state.counts.length !== counts.length) {
        throw new RangeError(`An exchange × segment state holds ${counts.length} counts; got ${state.counts?.length}.`);
      }
      state.counts.forEach((count, i) => (counts[i] = counts[i]! + count));
    },
  };
}
