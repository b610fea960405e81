/**
 * A seeded uniform generator for resampling, so the same input and seed give the same bootstrap.
 * mulberry32 by Tommy Ettinger (public domain), as published in bryc's "PRNGs" collection
 * (github.com/bryc/code, jshash/PRNGs.md): 32-bit state, period 2³², plenty for a bootstrap.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // => 0.6011037519201636 (the same on every run)
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
