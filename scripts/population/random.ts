/**
 * Seeded randomness for the synthetic population: a PRNG for everything that may vary freely, and
 * quota streams for the planted figures, which must come out at their planted values.
 */

/**
 * mulberry32 by Tommy Ettinger (public domain), as collected in bryc's PRNG notes
 * (https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32): one 32-bit state word,
 * period 2^32, uniform doubles in [0, 1). Not cryptographic; fast and plenty for synthetic data.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, the same on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fractional parts of √p for distinct primes: irrational and rationally independent, one per quota stream. */
const STREAM_PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131,
  137, 139, 149, 151, 157, 163, 167, 173,
];

/**
 * A Weyl sequence x_k = frac(x_0 + k·α) with α = frac(√p) and a seeded start x_0. Its values fill [0, 1)
 * evenly (discrepancy O(log k / k)), so a category or a Bernoulli outcome drawn through it is realized
 * within a few counts of its planted share, where independent draws would wander by ±1.96·√(p(1−p)/n).
 * Streams read in step (one draw each per respondent) stay independent because 1 and their α are
 * rationally independent. That keeps the planted-truth test about the analytics, not sampling luck.
 */
export function createQuotaStream(random: () => number, streamIndex: number): () => number {
  const prime = STREAM_PRIMES[streamIndex];
  if (prime === undefined) throw new Error(`at most ${STREAM_PRIMES.length} quota streams; add primes to STREAM_PRIMES`);
  const root = Math.sqrt(prime);
  const alpha = root - Math.floor(root);
  let x = random();
  return () => {
    x += alpha;
    if (x >= 1) x -= 1;
    return x;
  };
}

/** Hands out a distinct stream index to each quota stream of one population. */
export function quotaStreamFactory(random: () => number): () => () => number {
  let index = 0;
  return () => createQuotaStream(random, index++);
}

/** Cumulative sums of weights, normalized so the last is exactly 1. */
export function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  const sums = weights.map((weight) => (running += weight / total));
  sums[sums.length - 1] = 1;
  return sums;
}

/** Index of the category a uniform u ∈ [0, 1) falls into, given cumulative sums. */
export function pickIndex(cumulativeSums: readonly number[], u: number): number {
  const last = cumulativeSums.length - 1;
  for (let i = 0; i < last; i++) if (u < (cumulativeSums[i] as number)) return i;
  return last;
}

/** A uniform whole number in min..max. */
export function integerBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * Geometric count with the given mean (inverse CDF of P(k) = (1−p)^k·p, p = 1/(1 + mean)), capped.
 * Skewed like real "people told" counts: most tell few, some tell many.
 */
export function geometricCount(mean: number, u: number, cap: number): number {
  if (mean <= 0) return 0;
  const k = Math.floor(Math.log(1 - u) / Math.log(mean / (1 + mean)));
  return k > cap ? cap : k;
}
