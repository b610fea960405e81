import { sampleCorrelation, sampleRankCorrelation, sampleVariance } from 'simple-statistics';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import type { AnalyticsWarning, Interval } from './result.js';
import { isPresent } from './presentValues.js';
import { NORMAL_CRITICAL_95 } from './normalCriticalValue.js';

export interface CorrelationResult {
  /** Pairs where both values are answered. */
  n: number;
  /** The coefficient; null when n < 2 or either variable does not vary. */
  r: number | null;
  /** t = r·√(n−2)/√(1−r²); ±Infinity when |r| = 1; null when r is null or n < 3. */
  t: number | null;
  /** n − 2; null when n < 3. */
  df: number | null;
  /** Two-sided p-value of t with n − 2 df; null with t. */
  pValue: number | null;
  /** Fisher-z 95% interval tanh(atanh r ± z₀.₉₇₅/√(n−3)); null when n ≤ 3. */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

type Column = readonly (number | null | undefined)[];

/**
 * DESIGN.md: values equal in exact arithmetic must compare equal, so round to 12 decimal places before
 * ranking or comparing (0.8 + 0.7 and 1.5 become the same value).
 */
function roundTo12Decimals(value: number): number {
  return Number(value.toFixed(12));
}

function completePairs(x: Column, y: Column): { xs: number[]; ys: number[] } {
  if (x.length !== y.length) {
    throw new RangeError(`Both variables need one value per respondent; got ${x.length} and ${y.length} values.`);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  x.forEach((xValue, index) => {
    const yValue = y[index];
    if (!isPresent(xValue) || !isPresent(yValue)) return;
    if (!Number.isFinite(xValue) || !Number.isFinite(yValue)) {
      throw new RangeError(`Pair ${index} holds ${xValue}, ${yValue}; values must be finite numbers or missing.`);
    }
    xs.push(xValue);
    ys.push(yValue);
  });
  return { xs, ys };
}

/** The inference every coefficient shares: t test with n − 2 df and the Fisher-z interval (as R's cor.test). */
function correlate(x: Column, y: Column, coefficient: (xs: number[], ys: number[]) => number): CorrelationResult {
  const { xs, ys } = completePairs(x, y);
  const constant =
    xs.length < 2 ? [] : [xs, ys].flatMap((values, index) => (sampleVariance(values) === 0 ? [index === 0 ? ('first' as const) : ('second' as const)] : []));
  return correlationFromCoefficient(xs.length, constant, () => coefficient(xs, ys));
}

/**
 * The core of `pearson` and `spearman` for callers that hold sufficient statistics instead of the
 * pairs (satisfactionLoyalty.ts computes r from a joint histogram): `pairs` complete pairs, the
 * variables among 'first' and 'second' that do not vary, and the coefficient, called only when it
 * is defined. The same warnings, t test and Fisher-z interval as the list functions.
 *
 * @example
 * correlationFromCoefficient(10, [], () => 0.5).pValue; // => 0.1411...
 */
export function correlationFromCoefficient(
  pairs: number,
  constant: readonly ('first' | 'second')[],
  coefficient: () => number,
): CorrelationResult {
  const warnings: AnalyticsWarning[] = [];
  const empty = { n: pairs, r: null, t: null, df: null, pValue: null, ci95: null, warnings };
  if (pairs === 0) {
    warnings.push({ code: 'CORRELATION_EMPTY', params: {} });
    return empty;
  }
  if (pairs < 2) {
    warnings.push({ code: 'CORRELATION_ONE_PAIR', params: {} });
    return empty;
  }
  if (constant.length > 0) {
    warnings.push({ code: 'CORRELATION_CONSTANT', params: { variables: [...constant] } });
    return empty;
  }
  // A perfect correlation computes as 0.9999999999999999 or 1.0000000000000002; DESIGN.md rounds to
  // 12 decimals before comparing, and here that turns t from a rounding artefact (1e8) into ±Infinity.
  const computed = coefficient();
  const r = Math.abs(roundTo12Decimals(computed)) === 1 ? Math.sign(computed) : computed;
  if (pairs < 4) {
    warnings.push({ code: pairs < 3 ? 'CORRELATION_NO_TEST' : 'CORRELATION_NO_INTERVAL', params: { n: pairs } });
  }
  if (pairs < 3) return { ...empty, r };
  const df = pairs - 2;
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const pValue = Math.abs(r) === 1 ? 0 : 2 * tCdf(-Math.abs(t), df);
  let ci95: Interval | null = null;
  if (pairs > 3) {
    const z = Math.atanh(r);
    const halfWidth = NORMAL_CRITICAL_95 / Math.sqrt(pairs - 3);
    ci95 = { lower: Math.tanh(z - halfWidth), upper: Math.tanh(z + halfWidth), level: 0.95 };
  }
  return { n: pairs, r, t, df, pValue, ci95, warnings };
}

/**
 * Pearson's product-moment correlation over pairwise complete cases, with t = r√(n−2)/√(1−r²) on
 * n − 2 df (two-sided) and the Fisher-z 95% interval — as R's `cor.test(x, y)`.
 *
 * @example
 * pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).r; // => 0.7999999999999999 (0.8 to rounding)
 */
export function pearson(x: Column, y: Column): CorrelationResult {
  return correlate(x, y, sampleCorrelation);
}

/**
 * Spearman's rank correlation: Pearson's r on average ranks (ties share the mean rank) of values
 * rounded to 12 decimals, with the same t test on n − 2 df and Fisher-z interval as `pearson`
 * (DESIGN.md) — as R's `cor.test(rank(x), rank(y))`, not its exact permutation p-value.
 *
 * @example
 * spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 25]).r; // => 1
 */
export function spearman(x: Column, y: Column): CorrelationResult {
  return correlate(x, y, (xs, ys) => sampleRankCorrelation(xs.map(roundTo12Decimals), ys.map(roundTo12Decimals)));
}
