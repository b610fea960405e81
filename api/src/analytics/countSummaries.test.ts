import { describe, expect, it } from 'vitest';
import { csatFromCounts, npsFromCounts } from './countSummaries.js';
import { customerSatisfaction } from './csat.js';
import { netPromoterScore } from './nps.js';

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

const NPS_CASES = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40],
  [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
  [120, 0, 33, 0, 7, 0, 0, 51, 0, 14, 200],
];
const CSAT_CASES = [
  [0, 0, 0, 0, 0],
  [0, 0, 1, 0, 0],
  [0, 0, 1, 1, 2],
  [0, 0, 0, 0, 31],
  [12, 30, 55, 70, 33],
  [4, 9],
];

describe('npsFromCounts', () => {
  it.each(NPS_CASES)('agrees with netPromoterScore on the expanded answers (case %#)', (...counts) => {
    expectSameResult(npsFromCounts(Float64Array.from(counts)), netPromoterScore(expand(counts, 0)));
  });
  it('refuses counts that are not one per answer 0..10', () => {
    expect(() => npsFromCounts([1, 2, 3])).toThrow(/one entry per answer 0..10/);
  });
});

describe('csatFromCounts', () => {
  it.each(CSAT_CASES)('agrees with customerSatisfaction on the expanded scores (case %#)', (...counts) => {
    expectSameResult(csatFromCounts(Float64Array.from(counts)), customerSatisfaction(expand(counts, 1), counts.length));
  });
});
