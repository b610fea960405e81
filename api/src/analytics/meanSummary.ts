import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { SMALL_SAMPLE_N, type AnalyticsWarning, type Interval } from './result.js';

export interface MeanResult {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  standardDeviation: number | null;
  /** Student t interval x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n (R `t.test(x)$conf.int`); null when n < 2 or s = 0. */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

/** A streaming mean: n, shifted sum and shifted sum of squares (constant memory). */
export interface MeanAccumulator {
  add(value: number): void;
  finish(label: string): MeanResult;
}

/**
 * Streaming mean with a Student t 95% interval (shifted sums, Chan et al. 1983, so an all-equal
 * column has a standard deviation of exactly 0). NaN values are skipped as missing.
 *
 * @example
 * const e = createMeanAccumulator(); [0.5, 0.75, 1].forEach(e.add);
 * e.finish('E').mean; // => 0.75
 */
export function createMeanAccumulator(): MeanAccumulator {
  let n = 0;
  let shift = 0;
  let sum = 0;
  let sumOfSquares = 0;
  return {
    add(value: number) {
      if (value !== value) return;
      if (n === 0) shift = value;
      n++;
      const d = value - shift;
      sum += d;
      sumOfSquares += d * d;
    },
    finish(label: string): MeanResult {
      const warnings: AnalyticsWarning[] = [];
      if (n === 0) {
        warnings.push({ code: 'EMPTY', message: `No answers for ${label}: the mean is undefined.` });
        return { n, mean: null, standardDeviation: null, ci95: null, warnings };
      }
      if (n < SMALL_SAMPLE_N) {
        warnings.push({ code: 'SMALL_SAMPLE', message: `Only ${n} answers for ${label} (fewer than ${SMALL_SAMPLE_N}): the mean is rough.` });
      }
      const mean = shift + sum / n;
      if (n < 2) return { n, mean, standardDeviation: null, ci95: null, warnings };
      const standardDeviation = Math.sqrt(Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)));
      if (standardDeviation === 0) return { n, mean, standardDeviation, ci95: null, warnings };
      const halfWidth = (tQuantile(0.975, n - 1) * standardDeviation) / Math.sqrt(n);
      return { n, mean, standardDeviation, ci95: { lower: mean - halfWidth, upper: mean + halfWidth, level: 0.95 }, warnings };
    },
  };
}
