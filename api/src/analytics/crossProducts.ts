/**
 * Streaming sufficient statistics of p variables over complete cases: count, means and the
 * cross-product (co-moment) matrix, from which covariances and correlations follow. Memory is
 * O(p²) whatever the number of rows.
 *
 * Sums are taken of values shifted by the first complete row ("shifted data" algorithm, Chan, Golub &
 * LeVeque 1983): Σ(x−K), Σ(x−K)(y−K). With K close to the mean this avoids the cancellation of the
 * textbook Σxy − ΣxΣy/n, and a column that never varies gets a variance of exactly 0.
 *
 * Saved states (`state`/`merge`) hold the count, the means and the co-moments about the means
 * Σ(x−x̄)(y−ȳ), the pairwise form of Chan, Golub & LeVeque (1979, "Updating formulae and a pairwise
 * algorithm for computing sample variances"): a state is added in this accumulator's own shift as
 * Σ(x−K) = n(x̄−K) and Σ(x−K)(y−K) = C + n(x̄−K)(ȳ−K), so a column constant in every part stays
 * exactly constant.
 */
import { expectState, stateNumber, stateNumbers, stateObject } from './jsonState.js';
import type { JsonState } from './scoredRespondent.js';

export interface CrossProducts {
  /** Variable names, in column order. */
  readonly names: readonly string[];
  /** Add one row (length p); a row with any NaN is not a complete case and is skipped. */
  add(row: ArrayLike<number>): void;
  /** Complete cases added so far. */
  count(): number;
  means(): number[];
  /** Sample covariance matrix (divisor n − 1); all NaN when n < 2. */
  covariance(): number[][];
  /** Pearson correlation matrix; NaN where a variable does not vary or n < 2. */
  correlation(): number[][];
  /** The accumulated rows as JSON: `{ n, means, comoments }` (upper triangle, row-major), or a pattern histogram. */
  state(): JsonState;
  /** Adds a `state()` of an accumulator over the same variables, as if its rows had been added here. */
  merge(state: JsonState): void;
}

/**
 * Create a cross-product accumulator over the named variables.
 *
 * @example
 * const products = createCrossProducts(['x', 'y']);
 * products.add([1, 2]); products.add([2, 4]); products.add([3, 7]);
 * products.correlation()[0]![1]; // => 0.9933992677987828 (R: cor(c(1,2,3), c(2,4,7)))
 */
export function createCrossProducts(names: readonly string[]): CrossProducts {
  const p = names.length;
  const shift = new Float64Array(p);
  const sums = new Float64Array(p);
  const products = new Float64Array(p * p); // upper triangle used, row-major
  const centred = new Float64Array(p);
  let n = 0;

  function add(row: ArrayLike<number>): void {
    if (n === 0) {
      for (let i = 0; i < p; i++) if (row[i]! !== row[i]!) return;
      for (let i = 0; i < p; i++) shift[i] = row[i]!;
    }
    // Centre first and bail out on a missing value before touching the sums.
    for (let i = 0; i < p; i++) {
      const d = row[i]! - shift[i]!;
      if (d !== d) return;
      centred[i] = d;
    }
    n = n + 1;
    for (let i = 0; i < p; i++) {
      const di = centred[i]!;
      if (di === 0) continue;
      sums[i] = sums[i]! + di;
      const base = i * p;
      for (let j = i; j < p; j++) products[base + j] = products[base + j]! + di * centred[j]!;
    }
  }

  function covariance(): number[][] {
    const matrix: number[][] = [];
    for (let i = 0; i < p; i++) {
      const line: number[] = [];
      for (let j = 0; j < p; j++) {
        const [a, b] = i <= j ? [i, j] : [j, i];
        line.push(n < 2 ? Number.NaN : (products[a * p + b]! - (sums[a]! * sums[b]!) / n) / (n - 1));
      }
      matrix.push(line);
    }
    return matrix;
  }

  function state(): JsonState {
    if (n === 0) return { n: 0 };
    const comoments: number[] = [];
    for (let i = 0; i < p; i++) for (let j = i; j < p; j++) comoments.push(products[i * p + j]! - (sums[i]! * sums[j]!) / n);
    return { n, means: Array.from(shift, (k, i) => k + sums[i]! / n), comoments };
  }

  function merge(saved: JsonState): void {
    const entries = stateObject(saved, 'cross products');
    const count = stateNumber(entries.n, 'cross-product count');
    expectState(Number.isInteger(count) && count >= 0, 'cross-product count');
    if (count === 0) return;
    const means = stateNumbers(entries.means, p, 'cross-product means');
    const comoments = stateNumbers(entries.comoments, (p * (p + 1)) / 2, 'cross-product co-moments');
    if (n === 0) shift.set(means);
    for (let i = 0; i < p; i++) centred[i] = means[i]! - shift[i]!;
    let k = 0;
    for (let i = 0; i < p; i++) {
      const di = centred[i]!;
      sums[i] = sums[i]! + count * di;
      for (let j = i; j < p; j++) products[i * p + j] = products[i * p + j]! + comoments[k++]! + count * di * centred[j]!;
    }
    n = n + count;
  }

  return {
    names,
    add,
    count: () => n,
    means: () => Array.from(shift, (k, i) => (n === 0 ? Number.NaN : k + sums[i]! / n)),
    covariance,
    correlation: () => correlationFromCovariance(covariance(), n),
    state,
    merge,
  };
}

/**
 * Pearson correlations r_ij = cov_ij / √(cov_ii·cov_jj) from a sample covariance matrix of n cases;
 * the diagonal is exactly 1, and NaN where a variable does not vary or n < 2.
 *
 * @example
 * correlationFromCovariance([[4, 3], [3, 9]], 10)[0]![1]; // => 0.5
 */
export function correlationFromCovariance(covariance: readonly (readonly number[])[], n: number): number[][] {
  return covariance.map((line, i) =>
    line.map((value, j) => {
      if (i === j) return n < 2 || !(covariance[i]![i]! > 0) ? Number.NaN : 1;
      const denominator = Math.sqrt(covariance[i]![i]! * covariance[j]![j]!);
      return denominator > 0 ? value / denominator : Number.NaN;
    }),
  );
}
