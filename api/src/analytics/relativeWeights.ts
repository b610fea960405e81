import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { sampleCorrelation, sampleVariance, sum } from 'simple-statistics';
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
  /** One per predictor kept, in the order given; constant predictors are left out. */
  weights: RelativeWeight[];
  warnings: AnalyticsWarning[];
}

/** Predictors needed per case before the weights are stable (a common rule of thumb). */
const CASES_PER_PREDICTOR = 10;
/** An eigenvalue this small relative to the largest means a predictor is a mix of the others. */
const COLLINEAR_EIGENVALUE = 1e-10;

/**
 * Relative weights (Johnson 2000, Multivariate Behavioral Research 35:1–19): with Rxx = QΛQᵀ,
 * Rxx^½ = QΛ^½Qᵀ and β = Rxx^−½·rxy, raw weight εⱼ = Σₖ (Rxx^½)ⱼₖ²·βₖ², summing to R² = rxyᵀRxx⁻¹rxy.
 * Complete cases; constant predictors are dropped with a ZERO_VARIANCE warning.
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
    warnings.push({ code: 'EMPTY', message: 'No respondent answered the outcome and every predictor.' });
    return undefinedResult();
  }
  const column = (index: number): number[] => complete.map((row) => row[index] ?? Number.NaN);
  const outcomeValues = column(k);
  if (n < 2 || sampleVariance(outcomeValues) === 0) {
    warnings.push({
      code: 'ZERO_VARIANCE',
      message: `The outcome ${n < 2 ? 'has a single complete case' : 'is the same for every complete case'}: nothing to explain.`,
    });
    return undefinedResult();
  }

  const kept: { name: string; values: number[] }[] = [];
  predictorNames.forEach((name, index) => {
    const values = column(index);
    if (sampleVariance(values) === 0) {
      warnings.push({
        code: 'ZERO_VARIANCE',
        message: `${name} is the same for every complete case (${values[0]}); it is left out of the driver analysis.`,
      });
    } else {
      kept.push({ name, values });
    }
  });
  if (kept.length === 0) return undefinedResult();
  if (n < CASES_PER_PREDICTOR * kept.length) {
    warnings.push({
      code: 'TOO_FEW_CASES_PER_PREDICTOR',
      message: `${n} complete cases for ${kept.length} predictors (fewer than ${CASES_PER_PREDICTOR} each): the weights are unstable.`,
    });
  }

  const predictorCorrelations = new Matrix(
    kept.map((row) => kept.map((other) => (row === other ? 1 : sampleCorrelation(row.values, other.values)))),
  );
  const outcomeCorrelations = Matrix.columnVector(kept.map((predictor) => sampleCorrelation(predictor.values, outcomeValues)));
  const decomposition = new EigenvalueDecomposition(predictorCorrelations, { assumeSymmetric: true });
  const eigenvalues = decomposition.realEigenvalues;
  const largest = Math.max(...eigenvalues);
  if (Math.min(...eigenvalues) <= COLLINEAR_EIGENVALUE * largest) {
    warnings.push({
      code: 'ZERO_VARIANCE',
      message: `Some of ${kept.map((p) => p.name).join(', ')} are exact combinations of the others (or there are too few cases): nothing is left that is theirs alone, so the weights are undefined.`,
    });
    return undefinedResult();
  }
  const eigenvectors = decomposition.eigenvectorMatrix;
  const rootOfCorrelations = eigenvectors
    .mmul(Matrix.diag(eigenvalues.map(Math.sqrt)))
    .mmul(eigenvectors.transpose());
  const inverseRootOfCorrelations = eigenvectors
    .mmul(Matrix.diag(eigenvalues.map((value) => 1 / Math.sqrt(value))))
    .mmul(eigenvectors.transpose());
  const beta = inverseRootOfCorrelations.mmul(outcomeCorrelations).getColumn(0);
  const betaSquared = beta.map((value) => value * value);
  const rawWeights = kept.map((_, j) => sum(betaSquared.map((b2, l) => rootOfCorrelations.get(j, l) ** 2 * b2)));
  const rSquared = sum(betaSquared);
  const weights = kept.map((predictor, j) => {
    const rawWeight = rawWeights[j] ?? Number.NaN;
    return { predictor: predictor.name, rawWeight, rescaledWeight: rawWeight / rSquared };
  });
  return { n, rSquared, weights, warnings };
}
