import { sampleVariance, sum } from 'simple-statistics';
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

/** α = k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ) over the given item columns; null when the total does not vary. */
function alphaOfColumns(columns: readonly number[][]): number | null {
  const k = columns.length;
  const first = columns[0];
  if (k < 2 || first === undefined) return null;
  const totals = first.map((_, row) => sum(columns.map((column) => column[row] ?? Number.NaN)));
  const totalVariance = sampleVariance(totals);
  if (totalVariance === 0) return null;
  const itemVariances = sum(columns.map((column) => sampleVariance(column)));
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/**
 * Cronbach's alpha (Cronbach 1951), α = k/(k−1)·(1 − Σσ²ᵢ/σ²ₜ) with sample variances over complete
 * cases, and alpha-if-item-deleted (as R's `psych::alpha` raw_alpha on complete cases).
 *
 * @example
 * cronbachAlpha([[1, 2], [2, 3], [4, 4]], ['feel_loss', 'speak_positively']).alpha; // => 0.9473...
 */
export function cronbachAlpha(
  rows: readonly (readonly (number | null | undefined)[])[],
  itemNames: readonly string[],
): CronbachResult {
  const k = itemNames.length;
  const complete = completeRows(rows, k);
  const n = complete.length;
  const warnings: AnalyticsWarning[] = [];
  const nullDeleted = itemNames.map((item) => ({ item, alpha: null }));
  if (k < 2) {
    warnings.push({
      code: 'TOO_FEW_ITEMS',
      message: `Alpha needs at least two items; this construct has ${k}${k === 1 ? ` (${itemNames[0]})` : ''}.`,
    });
    return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n === 0) {
    warnings.push({ code: 'EMPTY', message: `Nobody answered all of ${itemNames.join(', ')}: alpha is undefined.` });
    return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };
  }
  if (n < SMALL_SAMPLE_N) {
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `Only ${n} complete cases (fewer than ${SMALL_SAMPLE_N}): alpha is imprecise${n < 2 ? ' and, below 2, undefined' : ''}.`,
    });
  }
  if (n < 2) return { n, k, alpha: null, alphaIfItemDeleted: nullDeleted, warnings };

  const columns = itemNames.map((_, item) => complete.map((row) => row[item] ?? Number.NaN));
  const alpha = alphaOfColumns(columns);
  if (alpha === null) {
    warnings.push({
      code: 'ZERO_VARIANCE',
      message: `The total of ${itemNames.join(', ')} is the same for every respondent: alpha is undefined.`,
    });
  }
  const alphaIfItemDeleted = itemNames.map((item, deleted) => ({
    item,
    alpha: alphaOfColumns(columns.filter((_, index) => index !== deleted)),
  }));
  return { n, k, alpha, alphaIfItemDeleted, warnings };
}
