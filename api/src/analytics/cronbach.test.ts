import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { cronbachAlpha } from './cronbach.js';

interface CronbachCase {
  name: string;
  itemNames: string[];
  rows: (number | null)[][];
  n: number;
  k: number;
  alpha: number | null;
  alphaIfItemDeleted: (number | null)[];
  standardizedAlpha: number | null;
  meanInterItemCorrelation: number | null;
  standardizedAlphaIfItemDeleted: (number | null)[];
  /** The same answers before scaling to 0..1, where the case has them. */
  unscaledRows?: (number | null)[][];
  unscaledAlpha?: number | null;
}

describe('cronbachAlpha', () => {
  for (const c of loadFixture<CronbachCase>('cronbach')) {
    it(`matches R (confirmed by psych::alpha) for ${c.name}`, () => {
      const result = cronbachAlpha(c.rows, c.itemNames);
      expect(result).toMatchObject({ n: c.n, k: c.k });
      expectRelativelyClose(result.alpha, c.alpha, 'alpha');
      expect(result.alphaIfItemDeleted.map((d) => d.item)).toEqual(c.itemNames);
      c.alphaIfItemDeleted.forEach((expected, index) => {
        expectRelativelyClose(result.alphaIfItemDeleted[index]?.alpha ?? null, expected, `alpha without ${c.itemNames[index]}`);
      });
    });

    it(`gives psych::alpha's std.alpha and average_r, overall and if item deleted, for ${c.name}`, () => {
      const result = cronbachAlpha(c.rows, c.itemNames);
      expectRelativelyClose(result.standardizedAlpha, c.standardizedAlpha, 'standardized alpha');
      expectRelativelyClose(result.meanInterItemCorrelation, c.meanInterItemCorrelation, 'mean inter-item correlation');
      c.standardizedAlphaIfItemDeleted.forEach((expected, index) => {
        expectRelativelyClose(
          result.alphaIfItemDeleted[index]?.standardizedAlpha ?? null,
          expected,
          `standardized alpha without ${c.itemNames[index]}`,
        );
      });
    });
  }

  it('on 0..1 scaled items differs from raw alpha on the answers, while standardized alpha is the same on both', () => {
    const c = loadFixture<CronbachCase>('cronbach').find((fixture) => fixture.unscaledRows !== undefined)!;
    const scaled = cronbachAlpha(c.rows, c.itemNames);
    const unscaled = cronbachAlpha(c.unscaledRows!, c.itemNames);
    expectRelativelyClose(unscaled.alpha, c.unscaledAlpha ?? null, 'alpha of the unscaled answers');
    expect(Math.abs((scaled.alpha ?? 0) - (unscaled.alpha ?? 0))).toBeGreaterThan(1e-3);
    expectRelativelyClose(unscaled.standardizedAlpha, c.standardizedAlpha, 'standardized alpha of the unscaled answers');
  });

  it('has no standardized alpha when an item does not vary, with a ZERO_VARIANCE warning naming it', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 5, 4, (i * 3) % 5]);
    const result = cronbachAlpha(rows, ['feel_loss', 'speak_positively', 'recommend']);
    expect(result.alpha).not.toBeNull();
    expect(result.standardizedAlpha).toBeNull();
    expect(result.alphaIfItemDeleted[1]?.standardizedAlpha).not.toBeNull();
    expect(result.warnings).toEqual([{ code: 'ALPHA_CONSTANT_ITEM', params: { items: ['speak_positively'] } }]);
  });

  it('uses complete cases only', () => {
    const withGap = cronbachAlpha([[1, 2], [2, 3], [null, 5], [4, 4]], ['a', 'b']);
    const without = cronbachAlpha([[1, 2], [2, 3], [4, 4]], ['a', 'b']);
    expect(withGap.n).toBe(3);
    expect(withGap.alpha).toBe(without.alpha);
  });

  it('warns ALPHA_ZERO_VARIANCE when every respondent has the same total', () => {
    const result = cronbachAlpha(Array.from({ length: 40 }, () => [3, 3, 3]), ['a', 'b', 'c']);
    expect(result.alpha).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['ALPHA_ZERO_VARIANCE']);
  });

  it('has no alpha for a single item, with an ALPHA_TOO_FEW_ITEMS warning naming it', () => {
    const result = cronbachAlpha([[1], [2], [3]], ['feel_loss']);
    expect(result).toMatchObject({
      k: 1,
      alpha: null,
      standardizedAlpha: null,
      alphaIfItemDeleted: [{ item: 'feel_loss', alpha: null, standardizedAlpha: null }],
    });
    expect(result.warnings[0]).toEqual({ code: 'ALPHA_TOO_FEW_ITEMS', params: { k: 1, items: ['feel_loss'] } });
  });

  it('warns ALPHA_EMPTY when nobody answered every item and ALPHA_ONE_CASE with one complete case', () => {
    expect(cronbachAlpha([[1, null], [null, 2]], ['a', 'b']).warnings).toEqual([{ code: 'ALPHA_EMPTY', params: { items: ['a', 'b'] } }]);
    const one = cronbachAlpha([[1, 2]], ['a', 'b']);
    expect(one.alpha).toBeNull();
    expect(one.warnings.map((w) => w.code)).toEqual(['ALPHA_ONE_CASE']);
    expect(cronbachAlpha([[1, 2], [2, 2], [3, 1]], ['a', 'b']).warnings).toContainEqual({ code: 'ALPHA_SMALL_SAMPLE', params: { n: 3, min: 30 } });
  });

  it('refuses a row whose length differs from the item list', () => {
    expect(() => cronbachAlpha([[1, 2, 3]], ['a', 'b'])).toThrow(/Row 0 has 3 values/);
  });
});
