import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { expectState, stateNumbers } from './jsonState.js';
import { SMALL_SAMPLE_N, clipToScale, type AnalyticsWarning, type Interval } from './result.js';

export interface MeanResult {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  standardDeviation: number | null;
  /**
   * Student t interval x̄ ± t₀.₉₇₅,ₙ₋₁·s/√n (R `t.test(x)$conf.int`), cut to the scale where one is
   * known (INTERVAL_CLIPPED); null when n < 2 or s = 0 (NO_SPREAD).
   */
  ci95: Interval | null;
  warnings: AnalyticsWarning[];
}

/** A streaming mean: n, shifted sum and shifted sum of squares (constant memory). */
export interface MeanAccumulator {
  add(value: number): void;
  /** `scale`: the values the variable can take, to which the interval is cut at tiny n. */
  finish(scale?: Scale): MeanResult;
  /** `[n, mean, Σ(x − mean)²]`, JSON-safe (`[0, 0, 0]` when empty). */
  state(): MeanState;
  /** Adds a `state()` as if its values had been added here (Chan et al.'s pairwise update). */
  merge(state: MeanState): void;
}

/** A saved MeanAccumulator: count, mean and sum of squared deviations from the mean. */
export type MeanState = [n: number, mean: number, squares: number];

/** The range a variable can take, e.g. { min: 0, max: 1 } for a 0..1 item score. */
export interface Scale {
  min: number;
  max: number;
}

/** The 0..1 range of item and construct scores. */
export const UNIT_SCALE: Scale = { min: 0, max: 1 };

/** The t interval, cut to `scale` when it runs past it. */
function tInterval(mean: number, standardDeviation: number, n: number, scale: Scale | undefined, warnings: AnalyticsWarning[]): Interval {
  const halfWidth = (tQuantile(0.975, n - 1) * standardDeviation) / Math.sqrt(n);
  const ci95 = { lower: mean - halfWidth, upper: mean + halfWidth, level: 0.95 };
  return scale ? clipToScale(ci95, scale.min, scale.max, warnings) : ci95;
}

/**
 * Streaming mean with a Student t 95% interval (shifted sums, Chan et al. 1983, so an all-equal
 * column has a standard deviation of exactly 0). NaN values are skipped as missing.
 *
 * @example
 * const e = createMeanAccumulator(); [0.5, 0.75, 1].forEach(e.add);
 * e.finish(UNIT_SCALE).mean; // => 0.75
 */
export function createMeanAccumulator(): MeanAccumulator {
  // State in a typed array, not in closure variables: a double kept in a closure slot is boxed
  // afresh on every write, which at a million respondents is most of the cost.
  const state = new Float64Array(4); // n, shift, shifted sum, shifted sum of squares
  return {
    add(value: number) {
      if (value !== value) return;
      if (state[0] === 0) state[1] = value;
      state[0] = state[0]! + 1;
      const d = value - state[1]!;
      state[2] = state[2]! + d;
      state[3] = state[3]! + d * d;
    },
    finish(scale?: Scale): MeanResult {
      const n = state[0]!;
      const shift = state[1]!;
      const sum = state[2]!;
      const sumOfSquares = state[3]!;
      const warnings: AnalyticsWarning[] = [];
      if (n === 0) {
        warnings.push({ code: 'NO_ANSWERS', params: {} });
        return { n, mean: null, standardDeviation: null, ci95: null, warnings };
      }
      if (n < SMALL_SAMPLE_N) warnings.push({ code: 'SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
      const mean = shift + sum / n;
      if (n < 2) return { n, mean, standardDeviation: null, ci95: null, warnings };
      const standardDeviation = Math.sqrt(Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)));
      if (standardDeviation === 0) {
        warnings.push({ code: 'NO_SPREAD', params: { value: mean } });
        return { n, mean, standardDeviation, ci95: null, warnings };
      }
      return { n, mean, standardDeviation, ci95: tInterval(mean, standardDeviation, n, scale, warnings), warnings };
    },
    state(): MeanState {
      const n = state[0]!;
      if (n === 0) return [0, 0, 0];
      const sum = state[2]!;
      return [n, state[1]! + sum / n, state[3]! - (sum * sum) / n];
    },
    merge(saved: MeanState) {
      const [count, mean, squares] = stateNumbers(saved, 3, 'mean');
      expectState(Number.isInteger(count) && count! >= 0, 'mean count');
      if (count === 0) return;
      // In this accumulator's own shift: Σ(x − K) = n(x̄ − K), Σ(x − K)² = Σ(x − x̄)² + n(x̄ − K)².
      if (state[0] === 0) state[1] = mean!;
      const d = mean! - state[1]!;
      state[0] = state[0]! + count!;
      state[2] = state[2]! + count! * d;
      state[3] = state[3]! + squares! + count! * d * d;
    },
  };
}

/**
 * The same MeanResult from a histogram of a discrete variable: `counts[i]` respondents had the value
 * `values[i]`, so the interval is cut to the lowest and highest value. Two-pass over the levels (mean, then Σc(v − mean)²), so it is as exact as the data;
 * a report can then count answers per level — one increment per respondent — instead of summing.
 *
 * @example
 * meanFromCounts(Float64Array.of(1, 0, 2), [0, 0.5, 1]).mean; // => 0.6666666666666666
 */
export function meanFromCounts(counts: ArrayLike<number>, values: readonly number[]): MeanResult {
  const accumulator = createMeanAccumulator();
  const scale = { min: Math.min(...values), max: Math.max(...values) };
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    n += counts[i]!;
    sum += counts[i]! * values[i]!;
  }
  if (n < 2) {
    for (let i = 0; i < values.length; i++) if (counts[i]! > 0) accumulator.add(values[i]!);
    return accumulator.finish(scale);
  }
  const warnings: AnalyticsWarning[] = [];
  if (n < SMALL_SAMPLE_N) warnings.push({ code: 'SMALL_SAMPLE', params: { n, min: SMALL_SAMPLE_N } });
  const mean = sum / n;
  let squares = 0;
  let levelsUsed = 0;
  for (let i = 0; i < values.length; i++) {
    if (counts[i]! === 0) continue;
    levelsUsed++;
    squares += counts[i]! * (values[i]! - mean) ** 2;
  }
  const standardDeviation = levelsUsed === 1 ? 0 : Math.sqrt(squares / (n - 1));
  const exactMean = levelsUsed === 1 ? values[Array.from(values.keys()).find((i) => counts[i]! > 0)!]! : mean;
  if (standardDeviation === 0) {
    warnings.push({ code: 'NO_SPREAD', params: { value: exactMean } });
    return { n, mean: exactMean, standardDeviation, ci95: null, warnings };
  }
  return { n, mean, standardDeviation, ci95: tInterval(mean, standardDeviation, n, scale, warnings), warnings };
}
