import { describe, expect, it } from 'vitest';
import { csatFromCounts } from './countSummaries.js';
import { customerSatisfaction } from './csat.js';

function expand(counts: number[], first: number): number[] {
  return counts.flatMap((count, i) => Array.from({ length: count }, () => first + i));
}

/** Deep equality with numbers compared to 1e-12 relative (two-pass vs one-pass rounding). */
function expectSameResult(actual: unknown, expected: unknown, path = 'result'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSameResult((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

const CSAT_CASES = [
  [0, 0, 0, 0, 0],
  [0, 0, 1, 0, 0],
  [0, 0, 1, 1, 2],
  [0, 0, 0, 0, 31],
  [12, 30, 55, 70, 33],
  [4, 9],
];

describe('csatFromCounts', () => {
  it.each(CSAT_CASES)('agrees with customerSatisfaction on the expanded scores (case %#)', (...counts) => {
    expectSameResult(csatFromCounts(Float64Array.from(counts)), customerSatisfaction(expand(counts, 1), counts.length));
  });
});
