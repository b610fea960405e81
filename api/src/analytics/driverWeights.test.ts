import { describe, expect, it } from 'vitest';
import { createCrossProducts } from './crossProducts.js';
import { relativeWeightsFromCorrelation } from './driverWeights.js';
import { relativeWeights } from './relativeWeights.js';
import { mulberry32 } from './seededRandom.js';

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
    expect(result.warnings.map((w) => w.code)).toContain('ZERO_VARIANCE');
    expect(result.warnings.find((w) => w.code === 'ZERO_VARIANCE')?.message).toMatch(/^a did not vary/);
  });

  it('warns with fewer than ten cases per predictor', () => {
    const result = relativeWeightsFromCorrelation([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1]], 15, ['a', 'b']);
    expect(result.warnings.map((w) => w.code)).toEqual(['TOO_FEW_CASES_PER_PREDICTOR']);
    expect(result.rSquared).toBeCloseTo((0.25 + 0.16 - 2 * 0.3 * 0.5 * 0.4) / (1 - 0.09), 12);
  });
});
