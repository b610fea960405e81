/**
 * CSAT from answer counts (one counter per answer level) instead of answer lists, so a streaming
 * report can compute it at a million respondents without expanding a million-element array. Same
 * formulas, intervals and warnings as `customerSatisfaction` (csat.ts); countSummaries.test.ts checks
 * they agree on every case. (The NPS from counts is `npsFromCounts` in nps.ts.)
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { CsatResult } from './csat.js';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { shareOf } from './wilson.js';

function total(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
}

/**
 * CSAT from counts of the scores 1..scaleMax (`counts[s − 1]` answered s): mean with a Student t
 * interval x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n, top-box and top-2-box shares with Wilson intervals. The standard
 * deviation is two-pass over the levels, so equal scores give exactly 0.
 *
 * @example
 * csatFromCounts(Float64Array.of(0, 0, 1, 1, 2)).topBox.share; // => 0.5
 */
export function csatFromCounts(counts: ArrayLike<number>): CsatResult {
  const scaleMax = counts.length;
  if (scaleMax < 2) throw new RangeError(`A satisfaction scale needs at least two levels; got ${scaleMax}.`);
  const n = total(counts);
  const topBox = shareOf(counts[scaleMax - 1]!, n);
  const topTwoBox = shareOf(counts[scaleMax - 1]! + counts[scaleMax - 2]!, n);
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
  let sum = 0;
  for (let i = 0; i < scaleMax; i++) sum += counts[i]! * (i + 1);
  const mean = sum / n;
  let meanCi95: Interval | null = null;
  if (n >= 2) {
    let squares = 0;
    for (let i = 0; i < scaleMax; i++) squares += counts[i]! * (i + 1 - mean) ** 2;
    const standardDeviation = Math.sqrt(squares / (n - 1));
    if (standardDeviation === 0) {
      warnings.push({
        code: 'ZERO_VARIANCE',
        message: `Every satisfaction score is ${mean}: there is no spread to build an interval of the mean from.`,
      });
    } else {
      const halfWidth = (tQuantile(0.975, n - 1) * standardDeviation) / Math.sqrt(n);
      meanCi95 = { lower: mean - halfWidth, upper: mean + halfWidth, level: 0.95 };
    }
  }
  return { n, mean, meanCi95, topBox, topTwoBox, warnings };
}
