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

/** One group's summary: size, mean and sample variance (n − 1 denominator; any value when n < 2). */
export interface GroupSummary {
  n: number;
  mean: number;
  variance: number;
}

/**
 * Welch's unequal-variances t-test (Welch 1947), t = (x̄A − x̄B)/√(s²A/nA + s²B/nB) with
 * Welch–Satterthwaite df = (vA + vB)²/(vA²/(nA−1) + vB²/(nB−1)), vG = s²G/nG; as R's
 * `t.test(a, b, var.equal = FALSE)`. Missing values are skipped. `groups` names the two groups in
 * the warnings.
 *
 * @example
 * welchTTest([4, 5, 5, 3], [2, 3, 1, 2, 2]).df; // => 5.4159...
 */
export function welchTTest(
  a: readonly (number | null | undefined)[],
  b: readonly (number | null | undefined)[],
  groups: readonly [string, string] = ['A', 'B'],
): WelchResult {
  const groupA = presentValues(a, 'value in group A');
  const groupB = presentValues(b, 'value in group B');
  const summary = (values: number[]): GroupSummary => ({
    n: values.length,
    mean: values.length > 0 ? mean(values) : Number.NaN,
    variance: values.length > 1 ? sampleVariance(values) : Number.NaN,
  });
  return welchFromSummaries(summary(groupA), summary(groupB), groups);
}

/**
 * Welch's t-test from each group's n, mean and sample variance (a streaming accumulator's summary):
 * the same code path, warnings and result as `welchTTest` on the values themselves. Mean and
 * variance are not read when n is 0 (mean) or below 2 (variance).
 *
 * @example
 * welchFromSummaries({ n: 4, mean: 4.25, variance: 0.9166666666666666 }, { n: 5, mean: 2, variance: 0.5 }).df; // => 5.4159...
 */
export function welchFromSummaries(a: GroupSummary, b: GroupSummary, groups: readonly [string, string] = ['A', 'B']): WelchResult {
  for (const [group, summary] of [['A', a], ['B', b]] as const) {
    if (!Number.isInteger(summary.n) || summary.n < 0) {
      throw new RangeError(`Group ${group} size must be a whole number ≥ 0; got ${summary.n}.`);
    }
    if ((summary.n > 0 && !Number.isFinite(summary.mean)) || (summary.n > 1 && !(summary.variance >= 0 && Number.isFinite(summary.variance)))) {
      throw new RangeError(`Group ${group} needs a finite mean and a variance ≥ 0; got ${summary.mean} and ${summary.variance}.`);
    }
  }
  const nA = a.n;
  const nB = b.n;
  const meanA = nA > 0 ? a.mean : null;
  const meanB = nB > 0 ? b.mean : null;
  const difference = meanA !== null && meanB !== null ? meanA - meanB : null;
  const warnings: AnalyticsWarning[] = [];
  const untested = { nA, nB, meanA, meanB, difference, t: null, df: null, pValue: null, ci95: null, warnings };

  for (const [group, n] of [[groups[0], nA], [groups[1], nB]] as const) {
    if (n === 0) warnings.push({ code: 'GROUP_EMPTY', params: { group } });
    else if (n === 1) warnings.push({ code: 'GROUP_SINGLE_VALUE', params: { group } });
    else if (n < SMALL_SAMPLE_N) warnings.push({ code: 'GROUP_SMALL_SAMPLE', params: { group, n, min: SMALL_SAMPLE_N } });
  }
  if (nA < 2 || nB < 2 || difference === null) return untested;

  const varianceOfMeanA = a.variance / nA;
  const varianceOfMeanB = b.variance / nB;
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
