/**
 * A joint histogram of two discrete scores (x, y): one counter per distinct pair, so correlations,
 * 2×2 tables at thresholds and group means follow exactly from a bounded, mergeable state. S, E and
 * B are means of a few discrete items (rounded to 12 decimals by scoring.ts), so they take few
 * distinct values: on the full template S takes a few dozen and E or B at most a couple of hundred,
 * so a histogram holds at most a few thousand cells whatever the number of respondents.
 */
import { roundScore } from './scoring.js';
import type { GroupSummary } from './welch.js';

/** The cells as [x, y, count] triples: the JSON-safe state. */
export type JointHistogramState = number[][];

export interface JointHistogram {
  add(x: number, y: number): void;
  /** Complete pairs added. */
  count(): number;
  state(): JointHistogramState;
  merge(state: JointHistogramState): void;
  /** Every cell, in no particular order. */
  cells(): { x: number; y: number; count: number }[];
}

/**
 * An empty joint histogram. NaN on either side is a missing pair and is not counted.
 *
 * @example
 * const h = createJointHistogram(); h.add(0.5, 0.75); h.add(0.5, 0.75);
 * h.state(); // => [[0.5, 0.75, 2]]
 */
export function createJointHistogram(): JointHistogram {
  const rows = new Map<number, Map<number, number>>();
  let total = 0;
  const increment = (x: number, y: number, by: number) => {
    let row = rows.get(x);
    if (row === undefined) {
      row = new Map();
      rows.set(x, row);
    }
    row.set(y, (row.get(y) ?? 0) + by);
    total += by;
  };
  const cells = () => [...rows].flatMap(([x, row]) => [...row].map(([y, count]) => ({ x, y, count })));
  return {
    add(x: number, y: number) {
      if (x !== x || y !== y) return;
      increment(x, y, 1);
    },
    count: () => total,
    state: () => cells().map(({ x, y, count }) => [x, y, count]),
    merge(state: JointHistogramState) {
      for (const cell of state) {
        const [x, y, count] = cell;
        if (cell.length !== 3 || !Number.isFinite(x) || !Number.isFinite(y) || !Number.isInteger(count) || count! < 0) {
          throw new RangeError(`A joint histogram cell is [x, y, count]; got ${JSON.stringify(cell)}.`);
        }
        increment(x!, y!, count!);
      }
    },
    cells,
  };
}

interface Weighted {
  values: readonly number[];
  weights: readonly number[];
}

/** Σw(x − x̄)(y − ȳ) over the cells, two-pass (the means first) for accuracy. */
function centredCrossProduct(x: Weighted, y: readonly number[]): number {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < x.values.length; i++) {
    n += x.weights[i]!;
    sumX += x.weights[i]! * x.values[i]!;
    sumY += x.weights[i]! * y[i]!;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sum = 0;
  for (let i = 0; i < x.values.length; i++) sum += x.weights[i]! * (x.values[i]! - meanX) * (y[i]! - meanY);
  return sum;
}

/** Pearson's r of the weighted pairs (the caller has checked both sides vary). */
function weightedPearson(xs: readonly number[], ys: readonly number[], weights: readonly number[]): number {
  const x = { values: xs, weights };
  const y = { values: ys, weights };
  return centredCrossProduct(x, ys) / Math.sqrt(centredCrossProduct(x, xs) * centredCrossProduct(y, ys));
}

/** Midranks (1-based, ties share the mean rank) of each distinct value, from its total count. */
function midranks(values: readonly number[], weights: readonly number[]): Map<number, number> {
  const totals = new Map<number, number>();
  values.forEach((value, i) => totals.set(value, (totals.get(value) ?? 0) + weights[i]!));
  const ranks = new Map<number, number>();
  let below = 0;
  for (const value of [...totals.keys()].sort((a, b) => a - b)) {
    const count = totals.get(value)!;
    ranks.set(value, below + (count + 1) / 2);
    below += count;
  }
  return ranks;
}

/** The histogram's columns: x, y and counts, with x and y rounded to 12 decimals (DESIGN.md). */
export function histogramColumns(histogram: JointHistogram): { xs: number[]; ys: number[]; weights: number[] } {
  const cells = histogram.cells().filter((cell) => cell.count > 0);
  return { xs: cells.map((c) => roundScore(c.x)), ys: cells.map((c) => roundScore(c.y)), weights: cells.map((c) => c.count) };
}

/** Which of x ('first') and y ('second') take a single value. */
export function constantSides(xs: readonly number[], ys: readonly number[]): ('first' | 'second')[] {
  const sides: ('first' | 'second')[] = [];
  if (new Set(xs).size < 2) sides.push('first');
  if (new Set(ys).size < 2) sides.push('second');
  return sides;
}

/** Pearson's r of the pairs in the histogram. */
export function histogramPearson(xs: readonly number[], ys: readonly number[], weights: readonly number[]): number {
  return weightedPearson(xs, ys, weights);
}

/** Spearman's r: Pearson's r of the midranks, as `spearman` in correlation.ts on the pairs themselves. */
export function histogramSpearman(xs: readonly number[], ys: readonly number[], weights: readonly number[]): number {
  const rankX = midranks(xs, weights);
  const rankY = midranks(ys, weights);
  return weightedPearson(
    xs.map((x) => rankX.get(x)!),
    ys.map((y) => rankY.get(y)!),
    weights,
  );
}

/** n, mean and sample variance of y over the cells where `select(x)` holds (two-pass). */
export function histogramSummary(
  xs: readonly number[],
  ys: readonly number[],
  weights: readonly number[],
  select: (x: number) => boolean,
): GroupSummary {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!select(xs[i]!)) continue;
    n += weights[i]!;
    sum += weights[i]! * ys[i]!;
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < xs.length; i++) if (select(xs[i]!)) squares += weights[i]! * (ys[i]! - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : Number.NaN };
}
