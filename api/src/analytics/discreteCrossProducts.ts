/**
 * Cross products of discrete 0..1 item scores (k / range for whole k) from a histogram of answer
 * patterns: one increment per row instead of p(p+1)/2 multiply-adds, and exact two-pass moments at
 * the end. Memory is one counter per possible pattern, Π(rangeᵢ + 1) — 625 for four 1–5 items — so it
 * is only for small item sets; `createCrossProducts` (crossProducts.ts) handles the rest. A saved
 * state is the sparse histogram (`{ n, patterns: [index, count, …] }`), merged by adding counts: exact.
 */
import { correlationFromCovariance, type CrossProducts } from './crossProducts.js';
import { addSparseCounts, expectState, sparseCounts as sparseCountsOf, stateNumber, stateObject } from './jsonState.js';
import type { JsonState } from './scoredRespondent.js';

/** Largest histogram worth keeping: 2¹⁶ patterns, 512 KiB. */
export const MAX_PATTERNS = 2 ** 16;

/**
 * Number of answer patterns of items with the given ranges (max − min).
 *
 * @example
 * patternCount([4, 4, 10]); // => 275 (two 1–5 items and a 0–10 item)
 */
export function patternCount(ranges: readonly number[]): number {
  return ranges.reduce((product, range) => product * (range + 1), 1);
}

/**
 * Create a histogram-backed CrossProducts over items whose scores are k / range.
 *
 * @example
 * const products = createDiscreteCrossProducts(['feel_loss', 'speak_positively'], [4, 4]);
 * products.add([0.75, 1]); products.add([0.5, 0.5]); products.add([1, 1]);
 * products.covariance()[0]![1]; // => 0.0625 (as for the raw scores)
 */
export function createDiscreteCrossProducts(names: readonly string[], ranges: readonly number[]): CrossProducts {
  const p = names.length;
  const size = patternCount(ranges);
  if (ranges.length !== p || size > MAX_PATTERNS) {
    throw new RangeError(`A pattern histogram needs one range per item and at most ${MAX_PATTERNS} patterns; got ${size}.`);
  }
  const counts = new Float64Array(size);
  let n = 0;

  /** The value of item i in each used pattern, with the pattern's count. */
  function patterns(): { count: number; values: number[] }[] {
    const used: { count: number; values: number[] }[] = [];
    for (let index = 0; index < size; index++) {
      const count = counts[index]!;
      if (count === 0) continue;
      const values = new Array<number>(p);
      let rest = index;
      for (let i = p - 1; i >= 0; i--) {
        const levels = ranges[i]! + 1;
        values[i] = (rest % levels) / ranges[i]!;
        rest = Math.floor(rest / levels);
      }
      used.push({ count, values });
    }
    return used;
  }

  // Means from whole-number level sums, divided once: an item everybody answered alike gets exactly
  // its value as mean (summing 0.3s would not), so its variance is exactly 0 and its correlations NaN.
  function means(): number[] {
    const levelSums = new Array<number>(p).fill(0);
    for (const { count, values } of patterns()) {
      for (let i = 0; i < p; i++) levelSums[i]! += count * Math.round(values[i]! * ranges[i]!);
    }
    return levelSums.map((sum, i) => (n === 0 ? Number.NaN : sum / (n * ranges[i]!)));
  }

  function covariance(): number[][] {
    const mean = means();
    const used = patterns();
    return names.map((_, i) =>
      names.map((_, j) => {
        if (n < 2) return Number.NaN;
        let sum = 0;
        for (const { count, values } of used) sum += count * (values[i]! - mean[i]!) * (values[j]! - mean[j]!);
        return sum / (n - 1);
      }),
    );
  }

  return {
    names,
    add(row: ArrayLike<number>) {
      let index = 0;
      for (let i = 0; i < p; i++) {
        const value = row[i]!;
        if (value !== value) return;
        index = index * (ranges[i]! + 1) + Math.round(value * ranges[i]!);
      }
      counts[index] = counts[index]! + 1;
      n = n + 1;
    },
    count: () => n,
    means,
    covariance,
    correlation: () => correlationFromCovariance(covariance(), n),
    state: (): JsonState => ({ n, patterns: sparseCountsOf(counts) }),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'answer patterns');
      const count = stateNumber(entries.n, 'answer-pattern count');
      expectState(Number.isInteger(count) && count >= 0, 'answer-pattern count');
      addSparseCounts(counts, entries.patterns, 'answer patterns');
      n = n + count;
    },
  };
}
