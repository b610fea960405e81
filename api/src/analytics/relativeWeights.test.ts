import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { relativeWeights } from './relativeWeights.js';

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

  it('drops a constant predictor and names it in a ZERO_VARIANCE warning', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 5, 3, (i * 7) % 9]);
    const result = relativeWeights(rows, rows.map(([a = 0], i) => a + (i % 4)), ['sat_product', 'sat_price', 'sat_service']);
    expect(result.weights.map((w) => w.predictor)).toEqual(['sat_product', 'sat_service']);
    expect(result.warnings.find((w) => w.code === 'ZERO_VARIANCE')?.message).toContain('sat_price');
  });

  it('has no weights when a predictor is an exact copy of another', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 5, i % 5, (i * 7) % 9]);
    const result = relativeWeights(rows, rows.map(([a = 0], i) => a + (i % 4)), ['a', 'copy_of_a', 'c']);
    expect(result).toMatchObject({ rSquared: null, weights: [] });
    expect(result.warnings.map((w) => w.code)).toEqual(['ZERO_VARIANCE']);
  });

  it('has no weights when the outcome does not vary, or nobody answered everything', () => {
    expect(relativeWeights([[1], [2], [3]], [4, 4, 4], ['a']).warnings.map((w) => w.code)).toEqual(['ZERO_VARIANCE']);
    expect(relativeWeights([[1], [null]], [null, 2], ['a']).warnings.map((w) => w.code)).toEqual(['EMPTY']);
  });

  it('refuses a different number of rows and outcomes', () => {
    expect(() => relativeWeights([[1], [2]], [1], ['a'])).toThrow(/2 rows and 1 outcomes/);
  });
});
