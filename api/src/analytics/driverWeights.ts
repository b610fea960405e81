import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { AnalyticsWarning } from './result.js';

/** Johnson (2000) recommends at least this many complete cases per predictor. */
const CASES_PER_PREDICTOR = 10;

export interface DriverWeight {
  predictor: string;
  /** ε_j: the predictor's share of R² in R² units; the raw weights sum to R². */
  rawWeight: number;
  /** ε_j / R², a share 0..1 of the explained variance; the rescaled weights sum to 1. */
  rescaledWeight: number;
}

export interface DriverWeightsResult {
  /** Complete cases behind the correlation matrix. */
  n: number;
  /** null when the predictors' correlation matrix is singular or a variable does not vary. */
  rSquared: number | null;
  weights: DriverWeight[];
  warnings: AnalyticsWarning[];
}

/**
 * Relative weights (Johnson 2000, "A heuristic method for estimating the relative weight of predictor
 * variables in multiple regression") from a correlation matrix, so a streaming report can feed it
 * sufficient statistics: Rxx = PΛPᵀ, Λ* = PΛ^½Pᵀ, β = Λ*⁻¹ r_xy, ε_j = Σ_k Λ*²_jk β²_k, R² = Σ ε_j.
 * `correlation` holds the predictors first and the outcome last. Cost O(p³).
 *
 * @example
 * relativeWeightsFromCorrelation([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1]], 200, ['sat_product', 'sat_price']).rSquared;
 * // => 0.2967032967032967
 */
export function relativeWeightsFromCorrelation(
  correlation: readonly (readonly number[])[],
  n: number,
  predictorNames: readonly string[],
): DriverWeightsResult {
  const p = predictorNames.length;
  if (correlation.length !== p + 1) {
    throw new RangeError(`The correlation matrix must be ${p + 1}×${p + 1}: ${p} predictors, then the outcome.`);
  }
  const warnings: AnalyticsWarning[] = [];
  const empty = (): DriverWeightsResult => ({ n, rSquared: null, weights: [], warnings });
  if (n === 0) {
    warnings.push({ code: 'EMPTY', message: `No respondent answered the outcome and all of ${predictorNames.join(', ')}.` });
    return empty();
  }
  if (n < CASES_PER_PREDICTOR * p) {
    warnings.push({
      code: 'TOO_FEW_CASES_PER_PREDICTOR',
      message: `Only ${n} complete cases for ${p} predictors (fewer than ${CASES_PER_PREDICTOR} each): the weights are unstable.`,
    });
  }
  const still = [...predictorNames, 'the outcome'].filter((_, i) => !(correlation[i]![i]! === 1));
  if (still.length > 0) {
    warnings.push({ code: 'ZERO_VARIANCE', message: `${still.join(', ')} did not vary: the relative weights are undefined.` });
    return empty();
  }
  const rxx = new Matrix(correlation.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = Matrix.columnVector(correlation.slice(0, p).map((row) => row[p]!));
  const decomposition = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const eigenvalues = decomposition.realEigenvalues;
  const largest = Math.max(...eigenvalues);
  if (eigenvalues.some((value) => value <= 1e-10 * largest)) {
    warnings.push({
      code: 'ZERO_VARIANCE',
      message: `${predictorNames.join(', ')} are perfectly collinear: the relative weights are undefined.`,
    });
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
