import { describe, expect, it } from 'vitest';
import { expectPValueClose, expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { welchFromSummaries, welchTTest } from './welch.js';

interface WelchCase {
  name: string;
  a: (number | null)[];
  b: (number | null)[];
  nA: number;
  nB: number;
  meanA: number | null;
  meanB: number | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
  lower: number | null;
  upper: number | null;
}

describe('welchTTest', () => {
  for (const c of loadFixture<WelchCase>('welch')) {
    it(`matches R t.test(var.equal = FALSE) for ${c.name}`, () => {
      const result = welchTTest(c.a, c.b);
      expect(result).toMatchObject({ nA: c.nA, nB: c.nB });
      expectRelativelyClose(result.meanA, c.meanA, 'meanA');
      expectRelativelyClose(result.meanB, c.meanB, 'meanB');
      expectRelativelyClose(result.difference, c.meanA !== null && c.meanB !== null ? c.meanA - c.meanB : null, 'difference');
      expectRelativelyClose(result.t, c.t, 't');
      expectRelativelyClose(result.df, c.df, 'df');
      expectPValueClose(result.pValue, c.pValue, 'pValue');
      expectRelativelyClose(result.ci95?.lower ?? null, c.lower, 'ci95.lower');
      expectRelativelyClose(result.ci95?.upper ?? null, c.upper, 'ci95.upper');
    });
  }

  it('does not pool variances (differs from a Student t-test when spreads differ)', () => {
    const result = welchTTest([1, 9, 2, 8, 5], [4, 5, 5, 4, 5, 4, 5, 4, 5, 4]);
    expect(result.df).not.toBe(13);
  });

  it('warns MEANS_NO_VARIANCE when both groups are constant', () => {
    const result = welchTTest(Array<number>(30).fill(4), Array<number>(30).fill(2));
    expect(result).toMatchObject({ difference: 2, t: null, pValue: null, ci95: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['MEANS_NO_VARIANCE']);
  });

  it('warns GROUP_EMPTY for an empty group and GROUP_SMALL_SAMPLE for one under 30, naming each', () => {
    const result = welchTTest([null], [1, 2, 3]);
    expect(result).toMatchObject({ nA: 0, meanA: null, difference: null, t: null });
    expect(result.warnings).toEqual([
      { code: 'GROUP_EMPTY', params: { group: 'A' } },
      { code: 'GROUP_SMALL_SAMPLE', params: { group: 'B', n: 3, min: 30 } },
    ]);
  });

  it('welchFromSummaries gives exactly what welchTTest gives on every R case (one code path)', () => {
    const summary = (values: (number | null)[]) => {
      const present = values.filter((v): v is number => v !== null);
      const n = present.length;
      const mean = present.reduce((sum, v) => sum + v, 0) / n;
      return { n, mean, variance: present.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) };
    };
    for (const c of loadFixture<WelchCase>('welch')) {
      const fromList = welchTTest(c.a, c.b);
      const fromSummaries = welchFromSummaries(summary(c.a), summary(c.b));
      expect(fromSummaries.warnings, c.name).toEqual(fromList.warnings);
      for (const key of ['nA', 'nB', 't', 'df', 'pValue', 'meanA', 'meanB'] as const) {
        expectRelativelyClose(fromSummaries[key], fromList[key], `${c.name} ${key}`);
      }
    }
    expect(() => welchFromSummaries({ n: 3, mean: 1, variance: -1 }, { n: 3, mean: 1, variance: 1 })).toThrow(RangeError);
    expect(welchFromSummaries({ n: 5, mean: 1, variance: 1 }, { n: 5, mean: 0, variance: 1 }, ['resolved', 'no_problem']).warnings).toEqual([
      { code: 'GROUP_SMALL_SAMPLE', params: { group: 'resolved', n: 5, min: 30 } },
      { code: 'GROUP_SMALL_SAMPLE', params: { group: 'no_problem', n: 5, min: 30 } },
    ]);
  });
});
