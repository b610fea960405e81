import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { shareOf, wilsonInterval } from './wilson.js';

interface WilsonCase {
  name: string;
  successes: number;
  n: number;
  level: number;
  lower: number;
  upper: number;
}

describe('wilsonInterval', () => {
  for (const c of loadFixture<WilsonCase>('wilson')) {
    it(`matches R prop.test(correct = FALSE) for ${c.name}`, () => {
      const interval = wilsonInterval(c.successes, c.n, c.level);
      expectRelativelyClose(interval.lower, c.lower, 'lower');
      expectRelativelyClose(interval.upper, c.upper, 'upper');
      expect(interval.level).toBe(c.level);
    });
  }

  it('is the whole range [0, 1] when there are no observations', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1, level: 0.95 });
  });

  it('refuses more successes than observations, fractions and negative counts', () => {
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 5)).toThrow(RangeError);
    expect(() => wilsonInterval(0, -1)).toThrow(RangeError);
  });

  it('refuses a confidence level outside (0, 1)', () => {
    expect(() => wilsonInterval(1, 5, 95)).toThrow(/between 0 and 1/);
  });
});

describe('shareOf', () => {
  it('gives the share with its Wilson interval and no warning from 30 observations', () => {
    const result = shareOf(12, 40);
    expect(result.share).toBe(0.3);
    expect(result.ci95).toEqual(wilsonInterval(12, 40));
    expect(result.warnings).toEqual([]);
  });

  it('warns SMALL_SAMPLE below 30 observations', () => {
    const result = shareOf(5, 29);
    expect(result.share).toBeCloseTo(5 / 29, 15);
    expect(result.warnings).toEqual([{ code: 'SMALL_SAMPLE', params: { n: 29, min: 30 } }]);
  });

  it('has no share and warns NO_ANSWERS when nobody answered', () => {
    const result = shareOf(0, 0);
    expect(result).toMatchObject({ n: 0, successes: 0, share: null, ci95: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['NO_ANSWERS']);
  });
});
