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

describe('mean states', () => {
  it('merges states into the mean and standard deviation of all values, exact for identical values', () => {
    const values = [3.5, 2, 9, 9, 0.25, 4, 4, 1e3];
    const whole = createMeanAccumulator();
    values.forEach(whole.add);
    const first = createMeanAccumulator();
    const second = createMeanAccumulator();
    values.forEach((value, i) => (i < 3 ? first : second).add(value));
    const merged = createMeanAccumulator();
    merged.merge(JSON.parse(JSON.stringify(second.state())));
    merged.merge(first.state());
    merged.merge(createMeanAccumulator().state());
    const [a, b] = [merged.finish(), whole.finish()];
    expect(a.n).toBe(b.n);
    expect(Math.abs(a.mean! - b.mean!)).toBeLessThanOrEqual(1e-12 * b.mean!);
    expect(Math.abs(a.standardDeviation! - b.standardDeviation!)).toBeLessThanOrEqual(1e-12 * b.standardDeviation!);
    const same = createMeanAccumulator();
    for (const part of [[0.3, 0.3], [0.3], [0.3, 0.3, 0.3]]) {
      const piece = createMeanAccumulator();
      part.forEach(piece.add);
      same.merge(piece.state());
    }
    expect(same.finish().standardDeviation).toBe(0);
    expect(same.finish().warnings).toContainEqual({ code: 'NO_SPREAD', params: { value: 0.3 } });
  });
});
