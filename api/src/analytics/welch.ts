import { mean, sampleVariance } from 'simple-statistics';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { presentValues } from './presentValues.js';

export interface WelchResult {
  nA: number;
  nB: number;
  /** null when group A is empty. */
  meanA: number | null;
  /** null when group B is empty. */
  meanB: number | null;
  /** meanA − meanB; null when either group is empty. */
  difference: number | null;
  /** difference / √(s²A/nA + s²B/nB); null when a group has fewer than 2 values or neither varies. */
  t: number | null;
  /** Welch–Satterthwaite degrees of freedom (not a whole number); null with t. */
  df: number | null;
  /** Two-sided p-value; null with t. */
  pValue: number | null;
  /** 95% interval of meanA − meanB; null with t. */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

/**
 * Welch's unequal-variances t-test (Welch 1947), t = (x̄A − x̄B)/√(s²A/nA + s²B/nB) with
 * Welch–Satterthwaite df = (vA + vB)²/(vA²/(nA−1) + vB²/(nB−1)), vG = s²G/nG; as R's
 * `t.test(a, b, var.equal = FALSE)`. Missing values are skipped.
 *
 * @example
 * welchTTest([4, 5, 5, 3], [2, 3, 1, 2, 2]).df; // => 5.4159...
 */
export function welchTTest(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
): WelchResult {
  const groupA = presentValues(a, 'value in group A');
  const groupB = presentValues(b, 'value in group B');
  const nA = groupA.length;
  const nB = groupB.length;
  const meanA = nA > 0 ? mean(groupA) : null;
  const meanB = nB > 0 ? mean(groupB) : null;
  const difference = meanA !== null && meanB !== null ? meanA - meanB : null;
  const warnings: AnalyticsWarning[] = [];
  const untested = { nA, nB, meanA, meanB, difference, t: null, df: null, pValue: null, ci95: null, warnings };

  for (const [group, n] of [['A', nA], ['B', nB]] as const) {
    if (n === 0) warnings.push({ code: 'GROUP_EMPTY', params: { group } });
    else if (n === 1) warnings.push({ code: 'GROUP_SINGLE_VALUE', params: { group } });
    else if (n < SMALL_SAMPLE_N) warnings.push({ code: 'GROUP_SMALL_SAMPLE', params: { group, n, min: SMALL_SAMPLE_N } });
  }
  if (nA < 2 || nB < 2 || difference === null) return untested;

  const varianceOfMeanA = sampleVariance(groupA) / nA;
  const varianceOfMeanB = sampleVariance(groupB) / nB;
  const varianceOfDifference = varianceOfMeanA + varianceOfMeanB;
  if (varianceOfDifference === 0) {
    warnings.push({ code: 'MEANS_NO_VARIANCE', params: {} });
    return untested;
  }
  const standardError = Math.sqrt(varianceOfDifference);
  const t = difference / standardError;
  const df = varianceOfDifference ** 2 / (varianceOfMeanA ** 2 / (nA - 1) + varianceOfMeanB ** 2 / (nB - 1));
  const pValue = 2 * tCdf(-Math.abs(t), df);
  const halfWidth = tQuantile(0.975, df) * standardError;
  const ci95: Interval = { lower: difference - halfWidth, upper: difference + halfWidth, level: 0.95 };
  return { nA, nB, meanA, meanB, difference, t, df, pValue, ci95, warnings };
}
