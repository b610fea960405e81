import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { netPromoterScore, npsFromCounts } from './nps.js';

interface NpsCase {
  name: string;
  recommend: (number | null)[];
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  standardError: number;
  lower: number;
  upper: number;
}

describe('netPromoterScore', () => {
  for (const c of loadFixture<NpsCase>('nps')) {
    it(`matches the DESIGN.md formula computed in R for ${c.name}`, () => {
      const result = netPromoterScore(c.recommend);
      expect(result).toMatchObject({ n: c.n, promoters: c.promoters, passives: c.passives, detractors: c.detractors });
      expectRelativelyClose(result.nps, c.nps, 'nps');
      expectRelativelyClose(result.standardError, c.standardError, 'standardError');
      expectRelativelyClose(result.ci95?.lower, c.lower, 'ci95.lower');
      expectRelativelyClose(result.ci95?.upper, c.upper, 'ci95.upper');
      expect(result.ci95?.level).toBe(0.95);
    });
  }

  it('uses 1.96 standard errors exactly, as DESIGN.md says', () => {
    const recommend = [...Array<number>(40).fill(10), ...Array<number>(35).fill(7), ...Array<number>(25).fill(2)];
    const result = netPromoterScore(recommend);
    expect(result.nps).toBeCloseTo(15, 12);
    expect(result.ci95?.upper).toBeCloseTo(15 + 1.96 * (result.standardError ?? Number.NaN), 12);
    expect(result.warnings).toEqual([]);
  });

  it('warns SMALL_SAMPLE below 30 answers', () => {
    expect(netPromoterScore([10, 9, 0, 7, 8, 10, 3, 9, 10, 8]).warnings).toEqual([{ code: 'SMALL_SAMPLE', params: { n: 10, min: 30 } }]);
  });

  it('is undefined and warns NO_ANSWERS when every answer is missing', () => {
    const result = netPromoterScore([null, undefined]);
    expect(result).toMatchObject({ n: 0, nps: null, standardError: null, ci95: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['NO_ANSWERS']);
  });

  it('refuses an answer outside 0..10 or a fraction, naming it', () => {
    expect(() => netPromoterScore([10, 11])).toThrow(/got 11/);
    expect(() => netPromoterScore([-1])).toThrow(RangeError);
    expect(() => netPromoterScore([8.5])).toThrow(/got 8.5/);
    expect(() => netPromoterScore([Number.NaN])).toThrow(RangeError);
  });
});

/** The answer list that `counts` counts: counts[i] answers of first + i. */
function expand(counts: number[], first: number): number[] {
  return counts.flatMap((count, i) => Array.from({ length: count }, () => first + i));
}

describe('npsFromCounts', () => {
  it.each([
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40],
    [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
    [120, 0, 33, 0, 7, 0, 0, 51, 0, 14, 200],
  ])('agrees with netPromoterScore on the expanded answers (case %#)', (...counts) => {
    expect(npsFromCounts(Float64Array.from(counts))).toEqual(netPromoterScore(expand(counts, 0)));
  });
  it('refuses counts that are not one per answer 0..10', () => {
    expect(() => npsFromCounts([1, 2, 3])).toThrow(/one entry per answer 0..10/);
  });
});

describe('netPromoterScore interval warnings', () => {
  it('warns that an interval of zero width from identical answers is no certainty', () => {
    const result = netPromoterScore(Array.from({ length: 40 }, () => 10));
    expect(result.ci95).toEqual({ lower: 100, upper: 100, level: 0.95 });
    expect(result.warnings).toEqual([{ code: 'INTERVAL_ZERO_WIDTH', params: {} }]);
  });

  it('cuts an interval that runs past −100..100 at tiny n to the scale, and says so', () => {
    // n = 2, one promoter and one detractor: NPS 0 ± 1.96 · 70.7, far past the scale.
    const result = netPromoterScore([10, 0]);
    expect(result.ci95).toEqual({ lower: -100, upper: 100, level: 0.95 });
    expect(result.warnings).toContainEqual({ code: 'INTERVAL_CLIPPED', params: { lower: -100, upper: 100 } });
  });
});
