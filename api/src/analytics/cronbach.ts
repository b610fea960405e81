import { sampleCovariance } from 'simple-statistics';
import { SMALL_SAMPLE_N, type AnalyticsWarning } from './result.js';
import { completeRows } from './presentValues.js';
import { correlationFromCovariance } from './crossProducts.js';

export interface CronbachResult {
  /** Complete cases: respondents who answered every item. */
  n: number;
  /** Items in the construct. */
  k: number;
  /** Cronbach's alpha; null when k < 2, n < 2 or the total score does not vary. */
  alpha: number | null;
  /**
   * Standardized alpha, as R's `psych::alpha` reports `std.alpha`: k·r̄/(1 + (k−1)·r̄) from the mean
   * inter-item correlation r̄ — the alpha of the items divided by their standard deviations. null when
   * k < 2, n < 2, an item does not vary (its correlations are undefined) or 1 + (k−1)·r̄ ≤ 0.
   */
  standardizedAlpha: number | null;
  /** r̄, the mean of the k(k−1)/2 inter-item correlations (psych's `average_r`); null as `standardizedAlpha`. */
  meanInterItemCorrelation: number | null;
  /**
   * Raw and standardized alpha of the remaining k − 1 items, per item (null where those are fewer
   * than 2 or do not vary). psych reports these for k ≥ 3 only; for k = 2 its `alpha.drop` rows hold
   * other quantities (a regression slope, a correlation), so here both are null.
   */
  alphaIfItemDeleted: { item: string; alpha: number | null; standardizedAlpha: number | null }[];
  warnings: AnalyticsWarning[];
}

/**
 * Cronbach's alpha (Cronbach 1951), α = k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ) with sample variances over complete
 * cases, standardized alpha, and both if-item-deleted (as R's `psych::alpha` raw_alpha and std.alpha
 * on complete cases). Raw alpha depends on the items' units: the report passes 0..1 item scores
 * (DESIGN.md "Statistical conventions"); standardized alpha does not. Takes the sample covariance
 * matrix of the items and leaves the formulas to `cronbachAlphaFromCovariance`.
 *
 * @example
 * cronbachAlpha([[1, 2], [2, 3], [4, 4]], ['feel_loss', 'speak_positively']).alpha; // => 0.9473...
 */
export function cronbachAlpha(
  rows: readonly (readonly (number | null | undefined)[])[],
  itemNames: readonly string[],
): CronbachResult {
  const complete = completeRows(rows, itemNames.length);
  const columns = itemNames.map((_, item) => complete.map((row) => row[item] ?? Number.NaN));
  // Below two complete cases there is no covariance; the formula returns before reading it.
  const covariance = complete.length < 2 ? [] : columns.map((column) => columns.map((other) => sampleCovariance(column, other)));
  return cronbachAlphaFromCovariance(covariance, complete.length, itemNames);
}

/** α = k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ) where σ²ₜ = Σᵢⱼ covᵢⱼ; null when fewer than two items or σ²ₜ = 0. */
function alphaOfItems(covariance: readonly (readonly number[])[], items: readonly number[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  let itemVariances = 0;
  let totalVariance = 0;
  for (const i of items) {
    itemVariances += covariance[i]![i]!;
    for (const j of items) totalVariance += covariance[i]![j]!;
  }
  // A total that does not vary (to rounding: items that cancel out exactly) leaves alpha undefined.
  if (!(totalVariance > 1e-12 * itemVariances) || totalVariance <= 0) return null;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/**
 * Standardized alpha k·r̄/(1 + (k−1)·r̄) (psych's std.alpha) with r̄ the mean inter-item correlation;
 * null when fewer than two items, an item does not vary (NaN correlation) or 1 + (k−1)·r̄ ≤ 0 (the
 * standardized total does not vary).
 */
function standardizedAlphaOfItems(
  correlation: readonly (readonly number[])[],
  items: readonly number[],
): { alpha: number; meanCorrelation: number } | null {
  const k = items.length;
  if (k < 2) return null;
  let sum = 0;
  for (const i of items) for (const j of items) if (i < j) sum += correlation[i]![j]!;
  const meanCorrelation = sum / ((k * (k - 1)) / 2);
  if (!Number.isFinite(meanCorrelation)) return null;
  const denominator = 1 + (k - 1) * meanCorrelation;
  if (!(denominator > 1e-12)) return null;
  return { alpha: (k * meanCorrelation) / denominator, meanCorrelation };
}

/**
 * The alpha formulas themselves, from the sample covariance matrix of `n` complete cases — sufficient
 * statistics, so a streaming report does not keep respondents; the correlations of standardized
 * alpha are r_ij = cov_ij/√(cov_ii·cov_jj); if-item-deleted drops the item's row and column. Cost O(k³).
 *
 * @example
 * cronbachAlphaFromCovariance([[1, 0.5], [0.5, 1]], 10, ['feel_loss', 'speak_positively']).alpha; // => 0.6666…
 * cronbachAlphaFromCovariance([[4, 1], [1, 1]], 10, ['feel_loss', 'speak_positively']).standardizedAlpha; // => 0.6666… (r = 0.5)
 */
export function cronbachAlphaFromCovariance(
  covariance: readonly (readonly number[])[],
  n: number,
  itemNames: readonly string[],
): CronbachResult {
  const k = itemNames.length;
  const warnings: AnalyticsWarning[] = [];
  const nullDeleted = itemNames.map((item) => ({ item, alpha: null, standardizedAlpha: null }));
  const undefinedAlphas = { alpha: null, standardizedAlpha: null, meanInterItemCorrelation: null };
  if (k < 2) {
    warnings.push({ code: 'ALPHA_TOO_FEW_ITEMS', params: { k, items: [...itemNames] } });
    return { n, k, ...undefinedAlphas, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n === 0) {
    warnings.push({ code: 'ALPHA_EMPTY', params: { items: [...itemNames] } });
    return { n, k, ...undefinedAlphas, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n < SMALL_SAMPLE_N) {
    warnings.push(n < 2 ? { code: 'ALPHA_ONE_CASE', params: {} } : { code: 'ALPHA_SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  }
  if (n < 2) return { n, k, ...undefinedAlphas, alphaIfItemDeleted: nullDeleted, warnings };
  const all = itemNames.map((_, index) => index);
  const alpha = alphaOfItems(covariance, all);
  if (alpha === null) {
    warnings.push({ code: 'ALPHA_ZERO_VARIANCE', params: { items: [...itemNames] } });
  }
  const correlation = correlationFromCovariance(covariance, n);
  const standardized = standardizedAlphaOfItems(correlation, all);
  const constantItems = itemNames.filter((_, i) => !(covariance[i]![i]! > 0));
  if (alpha !== null && constantItems.length > 0) {
    warnings.push({ code: 'ALPHA_CONSTANT_ITEM', params: { items: constantItems } });
  }
  const alphaIfItemDeleted = itemNames.map((item, deleted) => {
    const rest = all.filter((index) => index !== deleted);
    return {
      item,
      alpha: alphaOfItems(covariance, rest),
      standardizedAlpha: standardizedAlphaOfItems(correlation, rest)?.alpha ?? null,
    };
  });
  return {
    n,
    k,
    alpha,
    standardizedAlpha: standardized?.alpha ?? null,
    meanInterItemCorrelation: standardized?.meanCorrelation ?? null,
    alphaIfItemDeleted,
    warnings,
  };
}
