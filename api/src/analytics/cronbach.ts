import { sampleCovariance } from 'simple-statistics';
import { SMALL_SAMPLE_N, type AnalyticsWarning } from './result.js';
import { completeRows } from './presentValues.js';

export interface CronbachResult {
  /** Complete cases: respondents who answered every item. */
  n: number;
  /** Items in the construct. */
  k: number;
  /** Cronbach's alpha; null when k < 2, n < 2 or the total score does not vary. */
  alpha: number | null;
  /** Alpha of the remaining k − 1 items, per item (null where those are fewer than 2 or do not vary). */
  alphaIfItemDeleted: { item: string; alpha: number | null }[];
  warnings: AnalyticsWarning[];
}

/**
 * Cronbach's alpha (Cronbach 1951), α = k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ) with sample variances over complete
 * cases, and alpha-if-item-deleted (as R's `psych::alpha` raw_alpha on complete cases). Takes the
 * sample covariance matrix of the items and leaves the formula to `cronbachAlphaFromCovariance`.
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
 * The alpha formula itself, from the sample covariance matrix of `n` complete cases — sufficient
 * statistics, so a streaming report does not keep respondents; alpha-if-item-deleted drops the
 * item's row and column. Cost O(k³).
 *
 * @example
 * cronbachAlphaFromCovariance([[1, 0.5], [0.5, 1]], 10, ['feel_loss', 'speak_positively']).alpha; // => 0.6666…
 */
export function cronbachAlphaFromCovariance(
  covariance: readonly (readonly number[])[],
  n: number,
  itemNames: readonly string[],
): CronbachResult {
  const k = itemNames.length;
  const warnings: AnalyticsWarning[] = [];
  const nullDeleted = itemNames.map((item) => ({ item, alpha: null }));
  if (k < 2) {
    warnings.push({ code: 'ALPHA_TOO_FEW_ITEMS', params: { k, items: [...itemNames] } });
    return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n === 0) {
    warnings.push({ code: 'ALPHA_EMPTY', params: { items: [...itemNames] } });
    return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n < SMALL_SAMPLE_N) {
    warnings.push(n < 2 ? { code: 'ALPHA_ONE_CASE', params: {} } : { code: 'ALPHA_SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  }
  if (n < 2) return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };
  const all = itemNames.map((_, index) => index);
  const alpha = alphaOfItems(covariance, all);
  if (alpha === null) {
    warnings.push({ code: 'ALPHA_ZERO_VARIANCE', params: { items: [...itemNames] } });
  }
  const alphaIfItemDeleted = itemNames.map((item, deleted) => ({
    item,
    alpha: alphaOfItems(covariance, all.filter((index) => index !== deleted)),
  }));
  return { n, k, alpha, alphaIfItemDeleted, warnings };
}
