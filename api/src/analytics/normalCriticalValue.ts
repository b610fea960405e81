import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Two-sided critical value of the standard normal for a confidence level: z = Φ⁻¹(1 − (1 − level)/2).
 *
 * @example
 * normalCriticalValue(0.95); // => 1.9599639845400538
 */
export function normalCriticalValue(level: number): number {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Confidence level must be between 0 and 1 (exclusive); got ${level}.`);
  }
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

/**
 * Φ⁻¹(0.975) = 1.95996…, the one critical value of every 95% normal-approximation interval (Wilson
 * shares, the two-proportion difference, Fisher z), as R's `qnorm(0.975)` and SciPy's
 * `norm.ppf(0.975)`. The NPS interval alone uses 1.96 (`NPS_Z` in nps.ts: DESIGN.md fixes it).
 */
export const NORMAL_CRITICAL_95 = normalCriticalValue(0.95);
