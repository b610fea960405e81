import { describe, expect, it } from 'vitest';
import { expectPValueClose, expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { pearson, spearman, type CorrelationResult } from './correlation.js';

interface Reference {
  r: number | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
  lower: number | null;
  upper: number | null;
}
interface CorrelationCase {
  name: string;
  x: (number | null)[];
  y: (number | null)[];
  n: number;
  pearson: Reference;
  spearman: Reference;
}

function expectMatches(result: CorrelationResult, reference: Reference, n: number): void {
  expect(result.n).toBe(n);
  expectRelativelyClose(result.r, reference.r, 'r');
  expectRelativelyClose(result.t, reference.t, 't');
  expect(result.df).toBe(reference.df);
  expectPValueClose(result.pValue, reference.pValue, 'pValue');
  expectRelativelyClose(result.ci95?.lower ?? null, reference.lower, 'ci95.lower');
  expectRelativelyClose(result.ci95?.upper ?? null, reference.upper, 'ci95.upper');
}

describe('pearson and spearman', () => {
  for (const c of loadFixture<CorrelationCase>('correlation')) {
    it(`pearson matches R cor.test for ${c.name}`, () => expectMatches(pearson(c.x, c.y), c.pearson, c.n));
    it(`spearman matches R cor.test on average ranks for ${c.name}`, () =>
      expectMatches(spearman(c.x, c.y), c.spearman, c.n));
  }

  it('ties scores that are equal in exact arithmetic before ranking', () => {
    // 0.8 + 0.7 = 1.4999999999999998 in floating point; unrounded it would rank below 1.5.
    const tied = spearman([0.8 + 0.7, 1.5, 0.2, 0.9], [2, 2, 1, 3]);
    const exact = spearman([1.5, 1.5, 0.2, 0.9], [2, 2, 1, 3]);
    expect(tied.r).toBe(exact.r);
  });

  it('gives t = ±Infinity and p = 0 for a perfect correlation', () => {
    const result = pearson([1, 2, 3, 4, 5], [9, 7, 5, 3, 1]);
    expect(result).toMatchObject({ r: -1, t: Number.NEGATIVE_INFINITY, pValue: 0 });
  });

  it('warns CORRELATION_CONSTANT and has no r when a variable is constant', () => {
    const result = pearson([1, 2, 3, 4], [5, 5, 5, 5]);
    expect(result.r).toBeNull();
    expect(result.warnings).toEqual([{ code: 'CORRELATION_CONSTANT', params: { variables: ['second'] } }]);
  });

  it('warns CORRELATION_NO_INTERVAL at n = 3, and CORRELATION_EMPTY with no pairs', () => {
    const three = spearman([1, 2, 3], [1, 3, 2]);
    expect(three.ci95).toBeNull();
    expect(three.pValue).not.toBeNull();
    expect(three.warnings).toEqual([{ code: 'CORRELATION_NO_INTERVAL', params: { n: 3 } }]);
    expect(pearson([1, null], [null, 2]).warnings.map((w) => w.code)).toEqual(['CORRELATION_EMPTY']);
  });

  it('refuses variables of different lengths', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/3 and 2/);
  });
});
