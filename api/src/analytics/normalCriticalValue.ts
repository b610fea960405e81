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
