import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sampleCorrelation, sampleVariance } from 'simple-statistics';
import type { AnalyticsWarning } from './result.js';
import { completeRows } from './presentValues.js';

export interface RelativeWeight {
  predictor: string;
  /** This predictor's share of variance explained, on the R² scale (the raw weights sum to R²). */
  rawWeight: number;
  /** rawWeight / R²: its share of what the predictors explain together (sums to 1). */
  rescaledWeight: number;
}

export interface RelativeWeightsResult {
  /** Complete cases: respondents with the outcome and every predictor answered. */
  n: number;
  /** R² of the outcome on the predictors kept; null when it cannot be computed (see warnings). */
  rSquared: number | null;
  /** One per predictor kept, in the order given; empty when rSquared is null. */
  weights: RelativeWeight[];
  warnings: AnalyticsWarning[];
}

/** Johnson (2000) recommends at least this many complete cases per predictor. */
const CASES_PER_PREDICTOR = 10;
/** An eigenvalue this small relative to the largest means a predictor is a mix of the others. */
const COLLINEAR_EIGENVALUE = 1e-10;

/**
 * Relative weights (Johnson 2000, Multivariate Behavioral Research 35:1–19) from rows of answers:
 * complete cases; constant predictors are dropped with a DRIVERS_PREDICTOR_CONSTANT warning and the rest go, as a
 * correlation matrix, to `relativeWeightsFromCorrelation`.
 *
 * @example
 * relativeWeights([[1, 2], [2, 1], [3, 4], [4, 3], [5, 5]], [1, 2, 3, 5, 4], ['sat_product', 'sat_price']).weights;
 * // => [{ predictor: 'sat_product', rawWeight: 0.65, rescaledWeight: 0.7647... },
 * //     { predictor: 'sat_price', rawWeight: 0.2, rescaledWeight: 0.2352... }] (to rounding; R² = 0.85)
 */
export function relativeWeights(
  rows: readonly (readonly (number | null | undefined)[])[],
  outcome: readonly (number | null | undefined)[],
  predictorNames: readonly string[],
): RelativeWeightsResult {
  if (rows.length !== outcome.length) {
    throw new RangeError(`Need one outcome per row of predictors; got ${rows.length} rows and ${outcome.length} outcomes.`);
  }
  const k = predictorNames.length;
  const complete = completeRows(
    rows.map((row, index) => [...row, outcome[index]]),
    k + 1,
  );
  const n = complete.length;
  const warnings: AnalyticsWarning[] = [];
  const undefinedResult = (): RelativeWeightsResult => ({ n, rSquared: null, weights: [], warnings });
  if (n === 0) {
    warnings.push({ code: 'DRIVERS_EMPTY', params: {} });
    return undefinedResult();
  }
  const column = (index: number): number[] => complete.map((row) => row[index] ?? Number.NaN);
  const outcomeValues = column(k);
  if (n < 2 || sampleVariance(outcomeValues) === 0) {
    warnings.push({ code: n < 2 ? 'DRIVERS_ONE_CASE' : 'DRIVERS_OUTCOME_CONSTANT', params: {} });
    return undefinedResult();
  }

  const kept: { name: string; values: number[] }[] = [];
  predictorNames.forEach((name, index) => {
    const values = column(index);
    if (sampleVariance(values) === 0) {
      warnings.push({ code: 'DRIVERS_PREDICTOR_CONSTANT', params: { predictor: name, value: values[0]! } });
    } else {
      kept.push({ name, values });
    }
  });
  if (kept.length === 0) return undefinedResult();

  const variables = [...kept.map((predictor) => predictor.values), outcomeValues];
  const correlation = variables.map((values, i) =>
    variables.map((other, j) => (i === j ? 1 : sampleCorrelation(values, other))),
  );
  const result = relativeWeightsFromCorrelation(correlation, n, kept.map((predictor) => predictor.name));
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

/**
 * The relative-weights formula itself (Johnson 2000), from the correlation matrix of `n` complete
 * cases — sufficient statistics, so a streaming report does not keep respondents: with
 * Rxx = QΛQᵀ, Rxx^½ = QΛ^½Qᵀ and β = Rxx^−½·rxy, raw weight εⱼ = Σₖ (Rxx^½)ⱼₖ²·βₖ², summing to
 * R² = rxyᵀRxx⁻¹rxy. `correlation` holds the predictors first and the outcome last; a variable whose
 * diagonal entry is not 1 (NaN: it did not vary) leaves the weights undefined. Cost O(p³).
 *
 * @example
 * relativeWeightsFromCorrelation([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1]], 200, ['sat_product', 'sat_price']).rSquared;
 * // => 0.2967032967032967
 */
export function relativeWeightsFromCorrelation(
  correlation: readonly (readonly number[])[],
  n: number,
  predictorNames: readonly string[],
): RelativeWeightsResult {
  const p = predictorNames.length;
  if (correlation.length !== p + 1) {
    throw new RangeError(`The correlation matrix must be ${p + 1}×${p + 1}: ${p} predictors, then the outcome.`);
  }
  const warnings: AnalyticsWarning[] = [];
  const empty = (): RelativeWeightsResult => ({ n, rSquared: null, weights: [], warnings });
  if (n === 0) {
    warnings.push({ code: 'DRIVERS_EMPTY', params: {} });
    return empty();
  }
  if (n < CASES_PER_PREDICTOR * p) {
    warnings.push({ code: 'TOO_FEW_CASES_PER_PREDICTOR', params: { n, predictors: p, min: CASES_PER_PREDICTOR } });
  }
  const still = [...predictorNames, 'outcome'].filter((_, i) => !(correlation[i]![i]! === 1));
  if (still.length > 0) {
    warnings.push({ code: 'DRIVERS_NO_VARIANCE', params: { variables: still } });
    return empty();
  }
  const rxx = new Matrix(correlation.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = Matrix.columnVector(correlation.slice(0, p).map((row) => row[p]!));
  const decomposition = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const eigenvalues = decomposition.realEigenvalues;
  const largest = Math.max(...eigenvalues);
  if (eigenvalues.some((value) => value <= COLLINEAR_EIGENVALUE * largest)) {
    warnings.push({ code: 'DRIVERS_COLLINEAR', params: { variables: [...predictorNames] } });
    return empty();
  }
  const vectors = decomposition.eigenvectorMatrix;
  const root = vectors.mmul(Matrix.diag(eigenvalues.map(Math.sqrt))).mmul(vectors.transpose());
  const inverseRoot = vectors.mmul(Matrix.diag(eigenvalues.map((value) => 1 / Math.sqrt(value)))).mmul(vectors.transpose());
  const beta = inverseRoot.mmul(rxy).getColumn(0);
  const raw = predictorNames.map((_, j) => {
    let weight = 0;
    for (let k = 0; k < p; k++) weight += root.get(j, k) ** 2 * beta[k]! ** 2;
    return weight;
  });
  const rSquared = raw.reduce((sum, value) => sum + value, 0);
  const weights = predictorNames.map((predictor, j) => ({
    predictor,
    rawWeight: raw[j]!,
    rescaledWeight: rSquared > 0 ? raw[j]! / rSquared : 0,
  }));
  return { n, rSquared, weights, warnings };
}
