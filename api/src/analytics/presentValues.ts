/**
 * Missing answers arrive as null or undefined (never 0, see result.ts); these helpers drop them
 * the same way in every statistic.
 */

/**
 * A value that was answered (not null or undefined); a type guard for filters.
 *
 * @example
 * [4, null, 2].filter(isPresent); // => [4, 2]
 */
export function isPresent(value: number | null | undefined): value is number {
  return value !== null && value !== undefined;
}

/**
 * The answered values of one variable, in order; throws on NaN or ±Infinity, which are bugs upstream,
 * not missing answers.
 *
 * @example
 * presentValues([3, null, 5, undefined]); // => [3, 5]
 */
export function presentValues(values: readonly (number | null | undefined)[], name = 'value'): number[] {
  const present: number[] = [];
  for (const value of values) {
    if (!isPresent(value)) continue;
    if (!Number.isFinite(value)) throw new RangeError(`A ${name} must be a finite number or missing; got ${value}.`);
    present.push(value);
  }
  return present;
}

/**
 * Rows where every column is answered (listwise deletion), as plain arrays; throws on a row whose
 * length differs from `width`, and on NaN or ±Infinity.
 *
 * @example
 * completeRows([[1, 2], [3, null], [4, 5]], 2); // => [[1, 2], [4, 5]]
 */
export function completeRows(rows: readonly (readonly (number | null | undefined)[])[], width: number): number[][] {
  const complete: number[][] = [];
  rows.forEach((row, index) => {
    if (row.length !== width) {
      throw new RangeError(`Row ${index} has ${row.length} values; expected ${width}, one per variable.`);
    }
    if (!row.every(isPresent)) return;
    for (const value of row) {
      if (!Number.isFinite(value)) throw new RangeError(`Row ${index} holds ${value}; values must be finite numbers or missing.`);
    }
    complete.push([...row] as number[]);
  });
  return complete;
}
