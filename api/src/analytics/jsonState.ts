/**
 * Saving and adding back the counters of mergeable accumulators (scoredRespondent.ts
 * `MergeableAccumulator`): dense and sparse count arrays as plain JSON, and the checks that refuse a
 * state of another shape instead of mixing it in.
 */
import type { JsonState } from './scoredRespondent.js';

/**
 * A saved state that does not belong to this accumulator: another survey scoring, another state
 * format, another change event, or a damaged value. The caller discards the state and recomputes.
 */
export class StateMismatchError extends Error {
  override name = 'StateMismatchError';
}

/** Throws a StateMismatchError naming `what` unless `condition` holds. */
export function expectState(condition: boolean, what: string): asserts condition {
  if (!condition) throw new StateMismatchError(`The saved report state does not fit: ${what}.`);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A finite number from a state, or a StateMismatchError. */
export function stateNumber(value: JsonState | undefined, what: string): number {
  expectState(typeof value === 'number' && Number.isFinite(value), what);
  return value;
}

/** An array of finite numbers of the given length from a state, or a StateMismatchError. */
export function stateNumbers(value: JsonState | undefined, length: number, what: string): number[] {
  expectState(Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'number' && Number.isFinite(v)), what);
  return value as number[];
}

/** The object entries of a state, or a StateMismatchError. */
export function stateObject(value: JsonState | undefined, what: string): { [key: string]: JsonState } {
  expectState(typeof value === 'object' && value !== null && !Array.isArray(value), what);
  return value;
}

/**
 * The counts as a plain array (for short arrays where most cells are used).
 *
 * @example
 * denseCounts(Float64Array.of(1, 0, 2)); // => [1, 0, 2]
 */
export function denseCounts(counts: ArrayLike<number>): number[] {
  return Array.from(counts);
}

/** Adds a `denseCounts` state into `target`, cell by cell. */
export function addDenseCounts(target: Float64Array, state: JsonState | undefined, what: string): void {
  const counts = stateNumbers(state, target.length, what);
  expectState(counts.every(isCount), what);
  for (let i = 0; i < counts.length; i++) target[i] = target[i]! + counts[i]!;
}

/**
 * The non-zero cells as flat [index, count, index, count, …] pairs in index order (for histograms
 * where most cells are empty, e.g. 625 answer patterns of four 1–5 items).
 *
 * @example
 * sparseCounts(Float64Array.of(0, 3, 0, 0, 1)); // => [1, 3, 4, 1]
 */
export function sparseCounts(counts: ArrayLike<number>): number[] {
  const pairs: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) pairs.push(i, counts[i]!);
  return pairs;
}

/** Adds a `sparseCounts` state into `target`. */
export function addSparseCounts(target: Float64Array, state: JsonState | undefined, what: string): void {
  expectState(Array.isArray(state) && state.length % 2 === 0, what);
  // Checked whole before anything is added, so a damaged state leaves the target as it was.
  for (let k = 0; k < state.length; k += 2) {
    const index = state[k];
    expectState(Number.isInteger(index) && (index as number) >= 0 && (index as number) < target.length && isCount(state[k + 1]), what);
  }
  for (let k = 0; k < state.length; k += 2) {
    const index = state[k] as number;
    target[index] = target[index]! + (state[k + 1] as number);
  }
}
