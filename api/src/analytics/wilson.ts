import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';
import { NORMAL_CRITICAL_95, normalCriticalValue } from './normalCriticalValue.js';

export interface ShareResult {
  n: number;
  successes: number;
  /** successes / n; null when n = 0. */
  share: number | null;
  /** Wilson score interval at 95%; null when n = 0. */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

function assertCounts(successes: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`The number of observations must be a whole number ≥ 0; got ${n}.`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`The number of successes must be a whole number from 0 to n = ${n}; got ${successes}.`);
  }
}

/**
 * Wilson score interval for a binomial proportion, no continuity correction (Wilson 1927; as R's
 * `prop.test(x, n, correct = FALSE)$conf.int`): (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 * With n = 0 nothing is known and the interval is the whole range [0, 1].
 *
 * @example
 * wilsonInterval(8, 10); // => { lower: 0.4901624..., upper: 0.9433178..., level: 0.95 }
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  assertCounts(successes, n);
  if (n === 0) return { lower: 0, upper: 1, level };
  const z = level === 0.95 ? NORMAL_CRITICAL_95 : normalCriticalValue(level);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p̂ = 0 (or 1) the lower (upper) end is exactly 0 (1); rounding would leave a hair either side.
  const lower = successes === 0 ? 0 : centre - halfWidth;
  const upper = successes === n ? 1 : centre + halfWidth;
  return { lower, upper, level };
}

/**
 * A share with its Wilson 95% interval (DESIGN.md "Proportions"), warning when n is small or zero.
 *
 * @example
 * shareOf(12, 40); // => { n: 40, successes: 12, share: 0.3, ci95: { lower: 0.1807..., upper: 0.4543..., level: 0.95 }, warnings: [] }
 */
export function shareOf(successes: number, n: number): ShareResult {
  assertCounts(successes, n);
  if (n === 0) {
    return {
      n,
      successes,
      share: null,
      ci95: null,
      warnings: [{ code: 'NO_ANSWERS', params: {} }],
    };
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) {
    warnings.push({ code: 'SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  }
  return { n, successes, share: successes / n, ci95: wilsonInterval(successes, n), warnings };
}
