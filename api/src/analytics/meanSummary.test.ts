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
    const expected = streaming.finish({ min: 0, max: 1 });
    const actual = meanFromCounts(counts, values);
    expect(actual.n).toBe(expected.n);
    expect(actual.warnings).toEqual(expected.warnings);
    for (const key of ['mean', 'standardDeviation'] as const) {
      if (expected[key] === null) expect(actual[key]).toBeNull();
      else expect(actual[key]).toBeCloseTo(expected[key], 14);
    }
    expect(actual.ci95 === null).toBe(expected.ci95 === null);
  });
});

describe('mean interval warnings', () => {
  it('cuts a t interval that runs past the scale at tiny n, and says so', () => {
    // Two answers 0 and 1 on a 0..1 scale: 0.5 ± 12.7 · 0.707 / √2, far past 0 and 1.
    const result = meanFromCounts([1, 0, 1], [0, 0.5, 1]);
    expect(result.ci95).toEqual({ lower: 0, upper: 1, level: 0.95 });
    expect(result.warnings).toContainEqual({ code: 'INTERVAL_CLIPPED', params: { lower: 0, upper: 1 } });
    const streaming = createMeanAccumulator();
    [0, 1].forEach(streaming.add);
    expect(streaming.finish({ min: 0, max: 1 }).ci95).toEqual({ lower: 0, upper: 1, level: 0.95 });
  });

  it('says why identical answers have no interval', () => {
    const result = meanFromCounts([0, 40, 0], [0, 0.5, 1]);
    expect(result.ci95).toBeNull();
    expect(result.warnings).toEqual([{ code: 'NO_SPREAD', params: { value: 0.5 } }]);
  });
});
