import { describe, expect, it } from 'vitest';
import { cronbachAlpha, cronbachAlphaFromCovariance } from './cronbach.js';
import { createCrossProducts } from './crossProducts.js';
import { pearson } from './correlation.js';

const rows = [
  [0.25, 0.5, 0.75],
  [0.5, 0.5, 1],
  [1, 0.75, 0.75],
  [0, 0.25, 0.5],
  [0.75, Number.NaN, 1],
  [0.5, 1, 0.25],
];

describe('createCrossProducts', () => {
  const products = createCrossProducts(['a', 'b', 'c']);
  rows.forEach((row) => products.add(row));
  const complete = rows.filter((row) => row.every((value) => !Number.isNaN(value)));

  it('skips incomplete rows', () => {
    expect(products.count()).toBe(5);
  });
  it('gives the same correlations as pearson() on the complete cases', () => {
    const column = (j: number) => complete.map((row) => row[j]!);
    expect(products.correlation()[0]![2]).toBeCloseTo(pearson(column(0), column(2)).r!, 12);
  });
  it('gives the same alpha as cronbachAlpha() on the rows', () => {
    const fromRows = cronbachAlpha(complete, ['a', 'b', 'c']);
    const fromCovariance = cronbachAlphaFromCovariance(products.covariance(), products.count(), ['a', 'b', 'c']);
    expect(fromCovariance.alpha).toBeCloseTo(fromRows.alpha!, 12);
    expect(fromCovariance.standardizedAlpha).toBeCloseTo(fromRows.standardizedAlpha!, 12);
    fromRows.alphaIfItemDeleted.forEach((deleted, i) => {
      expect(fromCovariance.alphaIfItemDeleted[i]!.alpha).toBeCloseTo(deleted.alpha!, 12);
      expect(fromCovariance.alphaIfItemDeleted[i]!.standardizedAlpha).toBeCloseTo(deleted.standardizedAlpha!, 12);
    });
  });
  it('gives an exactly zero variance to a column that never varies', () => {
    const still = createCrossProducts(['x']);
    for (let i = 0; i < 1000; i++) still.add([0.7]);
    expect(still.covariance()[0]![0]).toBe(0);
    expect(still.correlation()[0]![0]).toBeNaN();
  });
});

describe('createDiscreteCrossProducts', () => {
  it('gives the same means, covariances and correlations as createCrossProducts on discrete scores', async () => {
    const { createDiscreteCrossProducts } = await import('./discreteCrossProducts.js');
    const { mulberry32 } = await import('./seededRandom.js');
    const random = mulberry32(9);
    const ranges = [4, 10, 4];
    const discrete = createDiscreteCrossProducts(['a', 'b', 'c'], ranges);
    const continuous = createCrossProducts(['a', 'b', 'c']);
    for (let r = 0; r < 500; r++) {
      const row = ranges.map((range) => (random() < 0.05 ? Number.NaN : Math.floor(random() * (range + 1)) / range));
      discrete.add(row);
      continuous.add(row);
    }
    expect(discrete.count()).toBe(continuous.count());
    discrete.means().forEach((mean, i) => expect(mean).toBeCloseTo(continuous.means()[i]!, 13));
    discrete.covariance().forEach((line, i) => line.forEach((value, j) => expect(value).toBeCloseTo(continuous.covariance()[i]![j]!, 13)));
    discrete.correlation().forEach((line, i) => line.forEach((value, j) => expect(value).toBeCloseTo(continuous.correlation()[i]![j]!, 12)));
  });

  it('gives an exactly zero variance to a 0–10 item everybody answered alike, so standardized alpha is undefined', async () => {
    const { createDiscreteCrossProducts } = await import('./discreteCrossProducts.js');
    const products = createDiscreteCrossProducts(['recommend', 'feel_loss', 'speak_positively'], [10, 4, 4]);
    for (let r = 0; r < 1007; r++) products.add([0.3, (r % 5) / 4, ((r * 2) % 5) / 4]);
    expect(products.means()[0]).toBe(0.3);
    expect(products.covariance()[0]![0]).toBe(0);
    expect(products.correlation()[0]![1]).toBeNaN();
    const result = cronbachAlphaFromCovariance(products.covariance(), products.count(), ['recommend', 'feel_loss', 'speak_positively']);
    expect(result.standardizedAlpha).toBeNull();
  });
});

describe('cross-product states', () => {
  it('merges states of any split of the rows into the covariances of all of them (Chan et al. pairwise update)', async () => {
    const { mulberry32 } = await import('./seededRandom.js');
    const random = mulberry32(21);
    const rows = Array.from({ length: 400 }, () => [1000 + random() * 5, random() < 0.1 ? Number.NaN : random() * random(), 7, -3 + random()]);
    const whole = createCrossProducts(['a', 'b', 'c', 'd']);
    rows.forEach((row) => whole.add(row));
    for (const parts of [1, 2, 7, 33]) {
      const pieces = Array.from({ length: parts }, () => createCrossProducts(['a', 'b', 'c', 'd']));
      rows.forEach((row, r) => pieces[Math.floor(random() * parts)]!.add(row));
      const merged = createCrossProducts(['a', 'b', 'c', 'd']);
      for (const piece of pieces.reverse()) merged.merge(JSON.parse(JSON.stringify(piece.state())));
      expect(merged.count()).toBe(whole.count());
      merged.means().forEach((mean, i) => expect(Math.abs(mean - whole.means()[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(mean)));
      merged.covariance().forEach((line, i) =>
        line.forEach((value, j) => expect(Math.abs(value - whole.covariance()[i]![j]!)).toBeLessThanOrEqual(1e-9 * Math.max(1e-3, Math.abs(value)))),
      );
      // The constant column stays exactly constant: variance 0, correlations NaN.
      expect(merged.covariance()[2]![2]).toBe(0);
      expect(merged.means()[2]).toBe(7);
    }
  });

  it('merges pattern histograms by adding counts, and refuses a state of another shape', async () => {
    const { createDiscreteCrossProducts } = await import('./discreteCrossProducts.js');
    const { StateMismatchError } = await import('./jsonState.js');
    const a = createDiscreteCrossProducts(['x', 'y'], [4, 4]);
    const b = createDiscreteCrossProducts(['x', 'y'], [4, 4]);
    const whole = createDiscreteCrossProducts(['x', 'y'], [4, 4]);
    [[0, 0.25], [1, 1], [0.5, 0.75], [Number.NaN, 1]].forEach((row, r) => {
      (r % 2 === 0 ? a : b).add(row);
      whole.add(row);
    });
    a.merge(b.state());
    expect(a.state()).toEqual(whole.state());
    expect(a.covariance()).toEqual(whole.covariance());
    expect(() => a.merge({ n: 1, patterns: [25, 1] })).toThrow(StateMismatchError);
    expect(() => createCrossProducts(['x']).merge({ n: 2, means: [1, 2], comoments: [0] })).toThrow(StateMismatchError);
  });
});
