import { mean, sampleStandardDeviation } from 'simple-statistics';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
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
 * Scores are whole numbers 1..scaleMax; missing ones are skipped.
 *
 * @example
 * customerSatisfaction([5, 4, 3, null, 5]).topBox.share; // => 0.5
 */
export function customerSatisfaction(scores: readonly (number | null | undefined)[], scaleMax = 5): CsatResult {
  if (!Number.isInteger(scaleMax) || scaleMax < 2) {
    throw new RangeError(`The top of a satisfaction scale must be a whole number ≥ 2; got ${scaleMax}.`);
  }
  const answered = presentValues(scores, 'satisfaction score');
  for (const score of answered) {
    if (!Number.isInteger(score) || score < 1 || score > scaleMax) {
      throw new RangeError(`A satisfaction score must be a whole number from 1 to ${scaleMax}; got ${score}.`);
    }
  }
  const n = answered.length;
  const topBox = shareOf(answered.filter((score) => score === scaleMax).length, n);
  const topTwoBox = shareOf(answered.filter((score) => score >= scaleMax - 1).length, n);
  if (n === 0) {
    return {
      n,
      mean: null,
      meanCi95: null,
      topBox,
      topTwoBox,
      warnings: [{ code: 'EMPTY', message: 'No satisfaction scores: the mean and shares are undefined.' }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `Only ${n} satisfaction scores (fewer than ${SMALL_SAMPLE_N}): treat the mean and shares as rough.`,
    });
  }
  const meanScore = mean(answered);
  let meanCi95: Interval | null = null;
  if (n >= 2) {
    const standardDeviation = sampleStandardDeviation(answered);
    if (standardDeviation === 0) {
      warnings.push({
        code: 'ZERO_VARIANCE',
        message: `Every satisfaction score is ${meanScore}: there is no spread to build an interval of the mean from.`,
      });
    } else {
      const halfWidth = (tQuantile(0.975, n - 1) * standardDeviation) / Math.sqrt(n);
      meanCi95 = { lower: meanScore - halfWidth, upper: meanScore + halfWidth, level: 0.95 };
    }
  }
  return { n, mean: meanScore, meanCi95, topBox, topTwoBox, warnings };
}
