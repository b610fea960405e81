import { describe, expect, it } from 'vitest';
import { createMeanAccumulator, meanFromCounts } from './meanSummary.js';

describe('meanFromCounts', () => {
  it.each([
    [[3, 0, 1, 0, 6], 'mixed'],
    [[0, 0, 7, 0, 0], 'all equal'],
    [[0, 1, 0, 0, 0], 'one answer'],
    [[0, 0, 0, 0, 0], 'no answers'],
    [[1, 0, 0, 0, 1], 'two answers'],
  ])('matches the streaming mean for %j (%s)', (counts) => {
    const values = [0, 0.25, 0.5, 0.75, 1];
    const streaming = createMeanAccumulator();
    counts.forEach((count, i) => {
      for (let k = 0; k < count; k++) streaming.add(values[i]!);
    });
    const expected = streaming.finish('exp_fidelity');
    const actual = meanFromCounts(counts, values, 'exp_fidelity');
    expect(actual.n).toBe(expected.n);
    expect(actual.warnings).toEqual(expected.warnings);
    for (const key of ['mean', 'standardDeviation'] as const) {
      if (expected[key] === null) expect(actual[key]).toBeNull();
      else expect(actual[key]).toBeCloseTo(expected[key], 14);
    }
    expect(actual.ci95 === null).toBe(expected.ci95 === null);
  });
});
