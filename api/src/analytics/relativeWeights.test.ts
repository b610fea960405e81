import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { createCrossProducts } from './crossProducts.js';
import { relativeWeights, relativeWeightsFromCorrelation } from './relativeWeights.js';
import { mulberry32 } from './seededRandom.js';

interface RelativeWeightsCase {
  name: string;
  predictorNames: string[];
  rows: (number | null)[][];
  outcome: (number | null)[];
  n: number;
  rSquared: number;
  keptPredictors: string[];
  rawWeights: number[];
  rescaledWeights: number[];
}

describe('relativeWeights', () => {
  for (const c of loadFixture<RelativeWeightsCase>('relativeWeights')) {
    it(`matches Johnson's formula computed in R with eigen() for ${c.name}`, () => {
      const result = relativeWeights(c.rows, c.outcome, c.predictorNames);
      expect(result.n).toBe(c.n);
      expectRelativelyClose(result.rSquared, c.rSquared, 'rSquared');
      expect(result.weights.map((w) => w.predictor)).toEqual(c.keptPredictors);
      c.rawWeights.forEach((raw, j) => {
        expectRelativelyClose(result.weights[j]?.rawWeight, raw, `raw weight of ${c.keptPredictors[j]}`);
        expectRelativelyClose(result.weights[j]?.rescaledWeight, c.rescaledWeights[j] ?? null, `rescaled weight of ${c.keptPredictors[j]}`);
      });
      const tooFew = result.warnings.some((w) => w.code === 'TOO_FEW_CASES_PER_PREDICTOR');
      expect(tooFew).toBe(c.n < 10 * c.keptPredictors.length);
    });
  }

  it('rescaled weights sum to 1 and raw weights to R²', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i % 5, (i * 7) % 11, (i * 3) % 4]);
    const outcome = rows.map(([a = 0, b = 0, c = 0], i) => a + 0.5 * b - c + (i % 3));
    const result = relativeWeights(rows, outcome, ['a', 'b', 'c']);
    expect(result.weights.reduce((total, w) => total + w.rescaledWeight, 0)).toBeCloseTo(1, 12);
    expect(result.weights.reduce((total, w) => total + w.rawWeight, 0)).toBeCloseTo(result.rSquared ?? Number.NaN, 12);
  });

  it('drops a constant predictor and names it in a DRIVERS_PREDICTOR_CONSTANT warning', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 5, 3, (i * 7) % 9]);
    const result = relativeWeights(rows, rows.map(([a = 0], i) => a + (i % 4)), ['sat_product', 'sat_price', 'sat_service']);
    expect(result.weights.map((w) => w.predictor)).toEqual(['sat_product', 'sat_service']);
    expect(result.warnings).toContainEqual({ code: 'DRIVERS_PREDICTOR_CONSTANT', params: { predictor: 'sat_price', value: 3 } });
  });

  it('has no weights when a predictor is an exact copy of another', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 5, i % 5, (i * 7) % 9]);
    const result = relativeWeights(rows, rows.map(([a = 0], i) => a + (i % 4)), ['a', 'copy_of_a', 'c']);
    expect(result).toMatchObject({ rSquared: null, weights: [] });
    expect(result.warnings).toEqual([{ code: 'DRIVERS_COLLINEAR', params: { variables: ['a', 'copy_of_a', 'c'] } }]);
  });

  it('has no weights when the outcome does not vary, or nobody answered everything', () => {
    expect(relativeWeights([[1], [2], [3]], [4, 4, 4], ['a']).warnings.map((w) => w.code)).toEqual(['DRIVERS_OUTCOME_CONSTANT']);
    expect(relativeWeights([[1], [null]], [null, 2], ['a']).warnings.map((w) => w.code)).toEqual(['DRIVERS_EMPTY']);
  });

  it('refuses a different number of rows and outcomes', () => {
    expect(() => relativeWeights([[1], [2]], [1], ['a'])).toThrow(/2 rows and 1 outcomes/);
  });
});

describe('relativeWeightsFromCorrelation', () => {
  const random = mulberry32(5);
  const rows = Array.from({ length: 200 }, () => {
    const product = random();
    const service = random();
    const price = 0.5 * product + 0.5 * random();
    return [product, service, price, 0.6 * product + 0.3 * service + 0.1 * random()];
  });
  const names = ['sat_product', 'sat_service', 'sat_price'];

  it('agrees with relativeWeights() on the same rows', () => {
    const products = createCrossProducts([...names, 'outcome']);
    rows.forEach((row) => products.add(row));
    const fromMatrix = relativeWeightsFromCorrelation(products.correlation(), products.count(), names);
    const fromRows = relativeWeights(rows.map((row) => row.slice(0, 3)), rows.map((row) => row[3]!), names);
    expect(fromMatrix.n).toBe(fromRows.n);
    expect(fromMatrix.rSquared).toBeCloseTo(fromRows.rSquared!, 12);
    fromMatrix.weights.forEach((weight, j) => {
      expect(weight.predictor).toBe(fromRows.weights[j]!.predictor);
      expect(weight.rawWeight).toBeCloseTo(fromRows.weights[j]!.rawWeight, 12);
      expect(weight.rescaledWeight).toBeCloseTo(fromRows.weights[j]!.rescaledWeight, 12);
    });
  });

  it('refuses a predictor that does not vary, naming it', () => {
    const products = createCrossProducts(['a', 'b', 'y']);
    [[1, 0.2, 0.3], [1, 0.5, 0.1], [1, 0.9, 0.8]].forEach((row) => products.add(row));
    const result = relativeWeightsFromCorrelation(products.correlation(), products.count(), ['a', 'b']);
    expect(result.rSquared).toBeNull();
    expect(result.warnings).toContainEqual({ code: 'DRIVERS_NO_VARIANCE', params: { variables: ['a'] } });
  });

  it('warns with fewer than ten cases per predictor', () => {
    const result = relativeWeightsFromCorrelation([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1]], 15, ['a', 'b']);
    expect(result.warnings.map((w) => w.code)).toEqual(['TOO_FEW_CASES_PER_PREDICTOR']);
    expect(result.rSquared).toBeCloseTo((0.25 + 0.16 - 2 * 0.3 * 0.5 * 0.4) / (1 - 0.09), 12);
  });
});
