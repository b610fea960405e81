import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { meanFromCounts } from './meanSummary.js';
import { presentValues } from './presentValues.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface CsatResult {
  /** Answered scores. */
  n: number;
  /** Mean score on the 1..scaleMax scale; null when n = 0. */
  mean: number | null;
  /** Student t interval of the mean; null when n < 2 or every score is equal. */
  meanCi95: Interval | null;
  /** Share answering scaleMax ("completely satisfied"), with its Wilson interval. */
  topBox: ShareResult;
  /** Share answering scaleMax − 1 or scaleMax, with its Wilson interval. */
  topTwoBox: ShareResult;
  warnings: AnalyticsWarning[];
}

/**
 * Customer satisfaction (DESIGN.md "CSAT"): mean with a Student t interval x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n
 * (as R's `t.test(x)$conf.int`), top-box and top-2-box shares with Wilson intervals.
 * Scores are whole numbers 1..scaleMax; missing ones are skipped. Counts the scores per level and
 * leaves the formulas to `csatFromCounts`.
 *
 * @example
 * customerSatisfaction([5, 4, 3, null, 5]).topBox.share; // => 0.5
 */
export function customerSatisfaction(scores: readonly (number | null | undefined)[], scaleMax = 5): CsatResult {
  if (!Number.isInteger(scaleMax) || scaleMax < 2) {
    throw new RangeError(`The top of a satisfaction scale must be a whole number ≥ 2; got ${scaleMax}.`);
  }
  const counts = new Float64Array(scaleMax);
  for (const score of presentValues(scores, 'satisfaction score')) {
    if (!Number.isInteger(score) || score < 1 || score > scaleMax) {
      throw new RangeError(`A satisfaction score must be a whole number from 1 to ${scaleMax}; got ${score}.`);
    }
    counts[score - 1] = counts[score - 1]! + 1;
  }
  return csatFromCounts(counts);
}

/**
 * The CSAT formulas themselves, from counts of the scores 1..scaleMax (`counts[s − 1]` answered s),
 * so a streaming report needs one counter per level, not a list of scores. The mean and its interval
 * are `meanFromCounts` (two-pass over the levels, so equal scores give a standard deviation of
 * exactly 0). Cost O(scaleMax).
 *
 * @example
 * csatFromCounts(Float64Array.of(0, 0, 1, 1, 2)).topBox.share; // => 0.5
 */
export function csatFromCounts(counts: ArrayLike<number>): CsatResult {
  const scaleMax = counts.length;
  if (scaleMax < 2) throw new RangeError(`A satisfaction scale needs at least two levels; got ${scaleMax}.`);
  let n = 0;
  for (let level = 0; level < scaleMax; level++) n += counts[level]!;
  const topBox = shareOf(counts[scaleMax - 1]!, n);
  const topTwoBox = shareOf(counts[scaleMax - 1]! + counts[scaleMax - 2]!, n);
  if (n === 0) {
    return {
      n,
      mean: null,
      meanCi95: null,
      topBox,
      topTwoBox,
      warnings: [{ code: 'NO_ANSWERS', params: {} }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({ code: 'SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  }
  const scoreValues = Array.from({ length: scaleMax }, (_, level) => level + 1);
  const meanResult = meanFromCounts(counts, scoreValues);
  const { mean, standardDeviation, ci95 } = meanResult;
  if (standardDeviation === 0) warnings.push({ code: 'NO_SPREAD', params: { value: mean! } });
  warnings.push(...meanResult.warnings.filter((warning) => warning.code === 'INTERVAL_CLIPPED'));
  return { n, mean, meanCi95: ci95, topBox, topTwoBox, warnings };
}
