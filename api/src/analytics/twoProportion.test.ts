import { describe, expect, it } from 'vitest';
import { expectPValueClose, expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { twoProportionZTest } from './twoProportion.js';

interface TwoProportionCase {
  name: string;
  successesA: number;
  nA: number;
  successesB: number;
  nB: number;
  difference: number;
  z: number | null;
  pValue: number | null;
  lower: number;
  upper: number;
}

describe('twoProportionZTest', () => {
  for (const c of loadFixture<TwoProportionCase>('twoProportion')) {
    it(`matches R prop.test(correct = FALSE) for ${c.name}`, () => {
      const result = twoProportionZTest(c.successesA, c.nA, c.successesB, c.nB);
      expect(result).toMatchObject({ nA: c.nA, nB: c.nB, shareA: c.successesA / c.nA, shareB: c.successesB / c.nB });
      expectRelativelyClose(result.difference, c.difference, 'difference');
      expectRelativelyClose(result.z, c.z, 'z');
      expectPValueClose(result.pValue, c.pValue, 'pValue');
      expectRelativelyClose(result.ci95?.lower, c.lower, 'ci95.lower');
      expectRelativelyClose(result.ci95?.upper, c.upper, 'ci95.upper');
    });
  }

  it('has a negative z when B is ahead', () => {
    expect(twoProportionZTest(30, 100, 45, 100).z).toBeLessThan(0);
  });

  it('warns SHARES_NO_VARIATION when nobody in either group is a success', () => {
    const result = twoProportionZTest(0, 40, 0, 50);
    expect(result).toMatchObject({ difference: 0, z: null, pValue: null });
    expect(result.warnings).toEqual([{ code: 'SHARES_NO_VARIATION', params: { share: 0 } }]);
  });

  it('warns GROUP_EMPTY for an empty group and GROUP_SMALL_SAMPLE under 30', () => {
    const result = twoProportionZTest(0, 0, 3, 10);
    expect(result).toMatchObject({ shareA: null, shareB: 0.3, difference: null, z: null, ci95: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['GROUP_EMPTY', 'GROUP_SMALL_SAMPLE']);
  });

  it('refuses more successes than observations', () => {
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow(/Group A successes/);
  });
});
