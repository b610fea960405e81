import { describe, expect, it } from 'vitest';
import { logGamma, poissonVariate } from './poisson.js';
import { mulberry32 } from './seededRandom.js';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3628800)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
  ])('log Γ(%d) = %d', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });
});

describe('poissonVariate', () => {
  it.each([0.5, 3, 9.5, 10, 40, 5000])('has mean and variance λ = %d over many draws', (lambda) => {
    const random = mulberry32(11);
    const draws = Array.from({ length: 20000 }, () => poissonVariate(random, lambda));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
    // Five standard errors of the mean; the variance within 10%.
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / draws.length));
    expect(variance / lambda).toBeGreaterThan(0.9);
    expect(variance / lambda).toBeLessThan(1.1);
    expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
  });
  it('gives 0 for λ = 0 without drawing', () => {
    let calls = 0;
    expect(poissonVariate(() => (calls++, 0.5), 0)).toBe(0);
    expect(calls).toBe(0);
  });
});
