import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { csatFromCounts, customerSatisfaction } from './csat.js';

interface CsatCase {
  name: string;
  scores: (number | null)[];
  scaleMax: number;
  n: number;
  mean: number;
  meanLower: number | null;
  meanUpper: number | null;
  topBox: number;
  topBoxLower: number;
  topBoxUpper: number;
  topTwoBox: number;
  topTwoBoxLower: number;
  topTwoBoxUpper: number;
}

describe('customerSatisfaction', () => {
  for (const c of loadFixture<CsatCase>('csat')) {
    it(`matches R mean, t.test and prop.test for ${c.name}`, () => {
      const result = customerSatisfaction(c.scores, c.scaleMax);
      expect(result.n).toBe(c.n);
      expectRelativelyClose(result.mean, c.mean, 'mean');
      // R's t interval, cut to the scale 1..scaleMax where it runs past it at tiny n (INTERVAL_CLIPPED).
      const scaleMax = c.scaleMax ?? 5;
      expectRelativelyClose(result.meanCi95?.lower ?? null, c.meanLower === null ? null : Math.max(1, c.meanLower), 'meanCi95.lower');
      expectRelativelyClose(result.meanCi95?.upper ?? null, c.meanUpper === null ? null : Math.min(scaleMax, c.meanUpper), 'meanCi95.upper');
      const clipped = c.meanLower !== null && c.meanUpper !== null && (c.meanLower < 1 || c.meanUpper > scaleMax);
      expect(result.warnings.some((w) => w.code === 'INTERVAL_CLIPPED')).toBe(clipped);
      expect(result.topBox.successes).toBe(c.topBox);
      expectRelativelyClose(result.topBox.ci95?.lower, c.topBoxLower, 'topBox lower');
      expectRelativelyClose(result.topBox.ci95?.upper, c.topBoxUpper, 'topBox upper');
      expect(result.topTwoBox.successes).toBe(c.topTwoBox);
      expectRelativelyClose(result.topTwoBox.ci95?.lower, c.topTwoBoxLower, 'topTwoBox lower');
      expectRelativelyClose(result.topTwoBox.ci95?.upper, c.topTwoBoxUpper, 'topTwoBox upper');
    });
  }

  it('counts 5 as top box and 4–5 as top two box on the default five-point scale', () => {
    const result = customerSatisfaction([5, 5, 4, 3, 1]);
    expect(result.topBox.share).toBe(0.4);
    expect(result.topTwoBox.share).toBe(0.6);
  });

  it('warns NO_SPREAD and gives no interval when every score is equal', () => {
    const result = customerSatisfaction(Array<number>(40).fill(4));
    expect(result.mean).toBe(4);
    expect(result.meanCi95).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['NO_SPREAD']);
  });

  it('warns SMALL_SAMPLE below 30 scores and NO_ANSWERS with none', () => {
    expect(customerSatisfaction([4, 4, 4, 5, 3, 4, 4, 5, 3, 4]).warnings.map((w) => w.code)).toEqual(['SMALL_SAMPLE']);
    const empty = customerSatisfaction([null, undefined]);
    expect(empty).toMatchObject({ n: 0, mean: null, meanCi95: null });
    expect(empty.topBox.share).toBeNull();
    expect(empty.warnings.map((w) => w.code)).toEqual(['NO_ANSWERS']);
  });

  it('refuses a score off the scale, naming it', () => {
    expect(() => customerSatisfaction([6])).toThrow(/got 6/);
    expect(() => customerSatisfaction([0])).toThrow(RangeError);
    expect(() => customerSatisfaction([3.5])).toThrow(RangeError);
    expect(() => customerSatisfaction([7], 7)).not.toThrow();
  });
});

/** The score list that `counts` counts: counts[i] scores of first + i. */
function expand(counts: number[], first: number): number[] {
  return counts.flatMap((count, i) => Array.from({ length: count }, () => first + i));
}

describe('csatFromCounts', () => {
  it.each([
    [0, 0, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 1, 1, 2],
    [0, 0, 0, 0, 31],
    [12, 30, 55, 70, 33],
    [4, 9],
  ])('agrees with customerSatisfaction on the expanded scores (case %#)', (...counts) => {
    expect(csatFromCounts(Float64Array.from(counts))).toEqual(customerSatisfaction(expand(counts, 1), counts.length));
  });
});
